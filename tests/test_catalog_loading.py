"""Catalog and guide files: the shipped ones are valid, broken ones are reported precisely and
disable only their own platform, and the data dir overrides or extends the shipped files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hearing_helper.catalog import PHONE_OS, load_catalog, validate_dir
from hearing_helper.cli import main
from hearing_helper.paths import asset_path

REQUIRED_PLATFORMS = (
    "court_online",
    "mobile_micro_court",
    "tencent_meeting",
    "court_video",
    "zoom",
    "teams",
)

VALID_PLATFORM = """
id = "{id}"
name_zh = "测试平台"
name_en = "Test platform"
kind = "app"
[apps]
android = "https://example.invalid/download"
[meeting]
link_patterns = ['^https://meet\\.example\\.invalid/']
id_lengths = [8]
id_groupings = [[4, 4]]
[network]
endpoints = ["https://meet.example.invalid/"]
stun = ["stun.example.invalid:3478"]
[help]
phone = "400-000-0000"
"""

VALID_GUIDE = """
platform = "{id}"
os = ["android", "ios"]
[[steps]]
id = "download"
title_zh = "下载"
body_zh = "扫码下载。"
qr = "download"
[[steps.problems]]
code = "no_storage"
remedy_zh = "删掉不用的App。"
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_catalog_is_valid_and_complete() -> None:
    catalog = load_catalog(None)
    assert catalog.errors == []
    ids = [p.id for p in catalog.platforms]
    for platform_id in REQUIRED_PLATFORMS:
        assert platform_id in ids
        coverage = catalog.guide_coverage(platform_id)
        assert set(PHONE_OS) <= set(coverage), f"{platform_id} lacks a phone guide: {coverage}"
        platform = catalog.platform(platform_id)
        assert platform is not None and platform.version and len(platform.version) == 16
        assert platform.display_name("zh_CN") == platform.name_zh
        assert platform.display_name("en") == platform.name_en
    for guide in catalog.guides:
        assert guide.steps and guide.version
        for step in guide.steps:
            assert step.title_zh and step.body_zh and step.title_en and step.body_en
            if step.image is not None:
                assert step.image.is_file()
            for problem in step.problems:
                assert problem.remedy_zh and problem.remedy_en


def test_shipped_network_fields_for_the_checks() -> None:
    catalog = load_catalog(None)
    tencent = catalog.platform("tencent_meeting")
    assert tencent is not None
    assert tencent.network_endpoints == ["https://meeting.tencent.com/"]
    assert isinstance(tencent.stun_servers, list)
    assert all(u.startswith("https://") for p in catalog.platforms for u in p.network_endpoints)


def test_validate_shipped_assets_via_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "--validate", str(asset_path())]) == 0
    assert "valid" in capsys.readouterr().out


def test_catalog_json_lists_platforms_and_guides(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["catalog", "--json", "--data-dir", str(data_dir)]) == 0
    data = json.loads(capsys.readouterr().out)
    by_id = {p["id"]: p for p in data["platforms"]}
    assert set(REQUIRED_PLATFORMS) <= set(by_id)
    assert by_id["tencent_meeting"]["guides"] == ["android", "ios", "windows"]
    assert data["errors"] == [] and data["disabled"] == []


def test_data_dir_overrides_and_extends(data_dir: Path) -> None:
    shipped = (asset_path("catalog") / "zoom.toml").read_text(encoding="utf-8")
    write(
        data_dir / "catalog",
        "zoom.toml",
        shipped.replace('name_zh = "Zoom 视频会议"', 'name_zh = "本院 Zoom"'),
    )
    write(data_dir / "catalog", "local_meet.toml", VALID_PLATFORM.format(id="local_meet"))
    write(data_dir / "guides", "local_meet.phone.toml", VALID_GUIDE.format(id="local_meet"))
    catalog = load_catalog(data_dir)
    assert catalog.errors == []
    zoom = catalog.platform("zoom")
    assert zoom is not None and zoom.name_zh == "本院 Zoom"
    shipped_zoom = load_catalog(None).platform("zoom")
    assert shipped_zoom is not None and zoom.version != shipped_zoom.version
    local = catalog.platform("local_meet")
    assert local is not None
    assert local.stun_servers == ["stun.example.invalid:3478"]
    guide = catalog.guide("local_meet", "ios")
    assert guide is not None and guide.steps[0].qr == "download"
    assert catalog.guide_coverage("local_meet") == ["android", "ios"]


def test_local_guide_overrides_shipped_guide_and_finds_local_picture(data_dir: Path) -> None:
    guide_text = (
        VALID_GUIDE.format(id="tencent_meeting")
        .replace('os = ["android", "ios"]', 'os = "android"')
        .replace('qr = "download"', 'image = "court_qr.svg"')
    )
    write(
        data_dir / "guides" / "images", "court_qr.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>"
    )
    write(data_dir / "guides", "tencent_meeting.android.toml", guide_text)
    catalog = load_catalog(data_dir)
    assert catalog.errors == []
    guide = catalog.guide("tencent_meeting", "android")
    assert guide is not None and len(guide.steps) == 1
    assert guide.steps[0].image == data_dir / "guides" / "images" / "court_qr.svg"
    assert catalog.guide("tencent_meeting", "ios") is not None  # the shipped iOS guide stays


BROKEN_PLATFORMS = [
    # (file text, expected field, words in the problem, expected line or None)
    ('id = "zoom"\nname_zh = "x"\nname_en = "y"\n[meeting\n', "", "TOML syntax error", 4),
    ('id = "zoom"\nname_en = "y"\n', "name_zh", "required", None),
    ('id = "zoom"\nname_zh = "x"\nname_en = 5\n', "name_en", "text in quotes", 3),
    ('id = "other_id"\nname_zh = "x"\nname_en = "y"\n', "id", "must match the file name", 1),
    ('id = "zoom"\nname_zh = "x"\nname_en = "y"\nnmae = "typo"\n', "nmae", "unknown field", 4),
    (
        'id = "zoom"\nname_zh = "x"\nname_en = "y"\n[apps]\nandroid = "http://insecure"\n',
        "apps.android",
        "https://",
        5,
    ),
    (
        'id = "zoom"\nname_zh = "x"\nname_en = "y"\n[apps]\nios = "javascript:alert(1)"\n',
        "apps.ios",
        "https://",
        5,
    ),
    (
        'id = "zoom"\nname_zh = "x"\nname_en = "y"\n[meeting]\nlink_patterns = ["(oops"]\n',
        "meeting.link_patterns[0]",
        "regular expression",
        5,
    ),
    (
        'id = "zoom"\nname_zh = "x"\nname_en = "y"\n[meeting]\nid_lengths = [9]\n'
        "id_groupings = [[3, 3]]\n",
        "meeting.id_groupings[0]",
        "adds up to 6",
        6,
    ),
    (
        'id = "zoom"\nname_zh = "x"\nname_en = "y"\n[meeting]\npasscode_min = 8\n'
        "passcode_max = 4\n",
        "meeting.passcode_min",
        "larger than",
        5,
    ),
    (
        'id = "zoom"\nname_zh = "x"\nname_en = "y"\n[network]\nstun = ["no port"]\n',
        "network.stun[0]",
        "host:port",
        5,
    ),
    (
        'id = "zoom"\nname_zh = "x"\nname_en = "y"\nkind = "mini_program"\n',
        "apps.mini_program",
        "required",
        None,
    ),
    ('id = "zoom"\nname_zh = "x"\nname_en = "y"\nkind = "video"\n', "kind", "one of", 4),
]


@pytest.mark.parametrize(("text", "field", "words", "line"), BROKEN_PLATFORMS)
def test_broken_platform_file_disables_only_that_platform(
    data_dir: Path, text: str, field: str, words: str, line: int | None
) -> None:
    write(data_dir / "catalog", "zoom.toml", text)
    catalog = load_catalog(data_dir)
    assert catalog.platform("zoom") is None
    assert catalog.disabled == ["zoom"]
    assert catalog.guide("zoom", "android") is None
    assert catalog.platform("tencent_meeting") is not None  # the others still load
    matching = [e for e in catalog.errors if e.file == "zoom.toml" and e.field == field]
    assert matching, catalog.errors
    assert words in matching[0].problem
    assert matching[0].line == line
    assert "zoom.toml" in str(matching[0])


def test_undecodable_file_is_reported(data_dir: Path) -> None:
    (data_dir / "catalog").mkdir()
    (data_dir / "catalog" / "teams.toml").write_bytes(b'id = "teams"\nname_zh = "\xff\xfe"\n')
    catalog = load_catalog(data_dir)
    assert catalog.disabled == ["teams"]
    assert "UTF-8" in catalog.errors[0].problem


BROKEN_GUIDES = [
    ('platform = "zoom"\nos = "android"\n', "steps", "at least one"),
    (
        'platform = "zoom"\nos = "symbian"\n[[steps]]\nid="a"\ntitle_zh="t"\nbody_zh="b"\n',
        "os",
        "unknown system",
    ),
    (
        'platform = "zoom"\nos = "android"\n[[steps]]\nid="a"\nbody_zh="b"\n',
        "steps[0].title_zh",
        "required",
    ),
    (
        'platform = "zoom"\nos = "android"\n[[steps]]\nid="a"\ntitle_zh="t"\nbody_zh="b"\n'
        '[[steps]]\nid="a"\ntitle_zh="t"\nbody_zh="b"\n',
        "steps[1].id",
        "earlier step",
    ),
    (
        'platform = "zoom"\nos = "android"\n[[steps]]\nid="a"\ntitle_zh="t"\nbody_zh="b"\n'
        'image = "missing.svg"\n',
        "steps[0].image",
        "not found",
    ),
    (
        'platform = "zoom"\nos = "android"\n[[steps]]\nid="a"\ntitle_zh="t"\nbody_zh="b"\n'
        'image = "../../etc/passwd.svg"\n',
        "steps[0].image",
        "no folders",
    ),
    (
        'platform = "zoom"\nos = "android"\n[[steps]]\nid="a"\ntitle_zh="t"\nbody_zh="b"\n'
        'qr = "file:///etc/passwd"\n',
        "steps[0].qr",
        "https://",
    ),
    (
        'platform = "zoom"\nos = "android"\n[[steps]]\nid="a"\ntitle_zh="t"\nbody_zh="b"\n'
        '[[steps.problems]]\ncode = "alien"\nremedy_zh = "r"\n',
        "steps[0].problems[0].code",
        "unknown problem",
    ),
    (
        'platform = "nowhere"\nos = "android"\n[[steps]]\nid="a"\ntitle_zh="t"\nbody_zh="b"\n',
        "platform",
        "no platform",
    ),
]


@pytest.mark.parametrize(("text", "field", "words"), BROKEN_GUIDES)
def test_broken_guide_is_reported_and_left_out(
    data_dir: Path, text: str, field: str, words: str
) -> None:
    write(data_dir / "guides", "zoom.android.toml", text)
    catalog = load_catalog(data_dir)
    errors = [e for e in catalog.errors if e.file == "zoom.android.toml"]
    assert any(e.field == field and words in e.problem for e in errors), errors
    assert catalog.platform("zoom") is not None  # a bad guide does not disable the platform
    guide = catalog.guide("zoom", "android")
    assert guide is None or guide.source != str(data_dir / "guides" / "zoom.android.toml")


def test_validate_folder_names_each_broken_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "court_files"
    write(folder, "good_meet.toml", VALID_PLATFORM.format(id="good_meet"))
    write(folder, "good_meet.phone.toml", VALID_GUIDE.format(id="good_meet"))
    write(folder, "bad_meet.toml", 'id = "bad_meet"\nname_zh = "坏"\n[meeting\n')
    write(folder, "bad_guide.toml", '[[steps]]\nid = "x"\n')
    assert main(["catalog", "--validate", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "bad_meet.toml:3: TOML syntax error" in out
    assert "bad_guide.toml" in out and "platform" in out
    assert "good_meet" not in out.replace("2 of 4", "")
    (folder / "bad_meet.toml").unlink()
    (folder / "bad_guide.toml").unlink()
    assert main(["catalog", "--validate", str(folder)]) == 0
    load, checked = validate_dir(folder)
    assert checked == 2 and not load.errors


def test_validate_data_dir_layout_and_missing_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "catalog", "x_meet.toml", VALID_PLATFORM.format(id="x_meet"))
    write(tmp_path / "guides", "zoom.windows.toml", VALID_GUIDE.format(id="zoom"))
    assert main(["catalog", "--validate", str(tmp_path)]) == 0
    assert main(["catalog", "--validate", str(tmp_path / "absent")]) == 2
    assert "not a folder" in capsys.readouterr().err
