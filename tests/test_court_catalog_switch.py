"""A desk's copy of the catalog court IT published (issue 21): it switches to a new version only
when the version checks out, a court file in the data dir still wins, and a switch cut short
at any point (an exception, or the process killed) leaves the old version or the new one in
use, never a mix."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from hearing_helper.catalog import load_catalog
from hearing_helper.catalog import published as published_module
from hearing_helper.catalog.published import (
    VersionInfo,
    collect_folder,
    install_version,
    version_checksum,
    version_in_use,
)
from hearing_helper.catalog.schema import CatalogError
from hearing_helper.paths import asset_path
from hearing_helper.visits.court_files import folder_problems
from hearing_helper.visits.join_rules import load_join_rules

ROOT = Path(__file__).resolve().parent.parent
OLD_LINK = "https://zoom.us/download"


def zoom_file(android: str) -> bytes:
    text = asset_path("catalog", "zoom.toml").read_text(encoding="utf-8")
    assert f'android = "{OLD_LINK}"' in text
    return text.replace(f'android = "{OLD_LINK}"', f'android = "{android}"').encode()


def teams_file(android: str) -> bytes:
    text = asset_path("catalog", "teams.toml").read_text(encoding="utf-8")
    start = text.index("android = ")
    end = text.index("\n", start)
    return (text[:start] + f'android = "{android}"' + text[end:]).encode()


def version_files(n: int) -> dict[str, bytes]:
    """Version ``n``: two platforms whose Android links name the version, and join rules."""
    rules = asset_path("join_modes", "join_modes.toml").read_bytes()
    return {
        "catalog/zoom.toml": zoom_file(f"https://zoom.us/download/v{n}"),
        "catalog/teams.toml": teams_file(f"https://www.microsoft.com/teams/v{n}"),
        "join_modes/join_modes.toml": rules + f"\n# version {n}\n".encode(),
    }


def info_of(n: int, files: dict[str, bytes]) -> VersionInfo:
    return VersionInfo(n, version_checksum(files), "2026-12-07T10:00:00+08:00", "court_it", 3)


def links(data_dir: Path) -> tuple[str, str]:
    catalog = load_catalog(data_dir)
    zoom, teams = catalog.platform("zoom"), catalog.platform("teams")
    assert zoom is not None and teams is not None
    return zoom.downloads["android"], teams.downloads["android"]


def folders(data_dir: Path) -> list[str]:
    """What the desk's court_catalog folder holds, versions by number only."""
    return sorted(p.name.split("-")[0] for p in (data_dir / "court_catalog").iterdir())


def install(data_dir: Path, n: int) -> list[object]:
    files = version_files(n)
    return list(install_version(data_dir, info_of(n, files), files, folder_problems))


def test_a_valid_version_is_used_and_the_data_dirs_own_file_still_wins(data_dir: Path) -> None:
    assert links(data_dir)[0] == OLD_LINK and load_catalog(data_dir).court_version is None
    assert install(data_dir, 1) == []
    assert links(data_dir) == ("https://zoom.us/download/v1", "https://www.microsoft.com/teams/v1")
    assert load_catalog(data_dir).court_version == 1
    assert version_in_use(data_dir) == info_of(1, version_files(1))
    assert "# version 1" in Path(load_join_rules(data_dir).rules.source).read_text()
    # A court-level override in the desk's own data folder wins, as before.
    (data_dir / "catalog").mkdir()
    (data_dir / "catalog" / "zoom.toml").write_bytes(zoom_file("https://zoom.us/download/local"))
    assert links(data_dir) == (
        "https://zoom.us/download/local",
        "https://www.microsoft.com/teams/v1",
    )
    assert install(data_dir, 2) == []
    assert links(data_dir)[1] == "https://www.microsoft.com/teams/v2"
    assert links(data_dir)[0] == "https://zoom.us/download/local"
    # The version in use and the one before it are kept; older ones are removed.
    assert install(data_dir, 3) == []
    assert folders(data_dir) == ["current.json", "v2", "v3"]


def test_a_broken_version_is_refused_and_the_previous_one_stays(data_dir: Path) -> None:
    assert install(data_dir, 1) == []
    broken = version_files(2)
    broken["catalog/zoom.toml"] = broken["catalog/zoom.toml"].replace(
        b'name_en = "Zoom"', b"name_en = 42"
    )
    problems = install_version(data_dir, info_of(2, broken), broken, folder_problems)
    assert [(p.file, p.field) for p in problems] == [("zoom.toml", "name_en")]
    assert version_in_use(data_dir) == info_of(1, version_files(1))
    assert links(data_dir)[0] == "https://zoom.us/download/v1"
    assert folders(data_dir) == ["current.json", "v1"]


def test_files_that_do_not_match_the_published_checksum_are_refused(data_dir: Path) -> None:
    files = version_files(1)
    info = info_of(1, files)
    files["catalog/zoom.toml"] = zoom_file("https://zoom.us/download/tampered")
    problems = install_version(data_dir, info, files, folder_problems)
    assert [p.field for p in problems] == ["checksum"]
    assert version_in_use(data_dir) is None and links(data_dir)[0] == OLD_LINK


class InterruptedSwitchError(Exception):
    pass


STAGES = ["write", "validate", "rename", "pointer"]


@pytest.mark.parametrize("stage", STAGES)
def test_an_exception_during_the_switch_leaves_the_old_version_whole(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    assert install(data_dir, 1) == []
    written: list[str] = []
    real_write = published_module.write_version_folder

    def fail() -> None:
        raise InterruptedSwitchError(stage)

    if stage == "write":

        def half_write(folder: Path, files: dict[str, bytes]) -> None:
            first = dict(list(files.items())[:1])
            real_write(folder, first)
            written.extend(first)
            fail()

        monkeypatch.setattr(
            published_module, "write_version_folder", half_write
        )  # stub: fault at write
    elif stage == "rename":
        monkeypatch.setattr(  # stub: fault at rename
            "hearing_helper.catalog.published.os.replace", lambda *_a: fail()
        )
    elif stage == "pointer":
        monkeypatch.setattr(  # stub: fault at the pointer write
            published_module, "write_json_atomically", lambda *_a, **_k: fail()
        )

    def validate(folder: Path) -> list[CatalogError]:
        if stage == "validate":
            fail()
        return list(folder_problems(folder))

    files = version_files(2)
    with pytest.raises(InterruptedSwitchError):
        install_version(data_dir, info_of(2, files), files, validate)
    assert version_in_use(data_dir) == info_of(1, version_files(1))
    assert links(data_dir) == ("https://zoom.us/download/v1", "https://www.microsoft.com/teams/v1")
    assert "# version 1" in Path(load_join_rules(data_dir).rules.source).read_text()
    monkeypatch.undo()
    assert install(data_dir, 2) == []  # the next sync switches cleanly
    assert folders(data_dir) == ["current.json", "v1", "v2"]
    assert links(data_dir) == ("https://zoom.us/download/v2", "https://www.microsoft.com/teams/v2")
    assert not [p for p in (data_dir / "court_catalog").iterdir() if p.name.startswith(".")]


KILLED_SWITCH = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from hearing_helper import atomic_file
    from hearing_helper.catalog import published
    from hearing_helper.visits.court_files import folder_problems
    from tests.test_court_catalog_switch import info_of, version_files

    data_dir, stage = Path(sys.argv[1]), sys.argv[2]
    real_write, real_replace = published.write_version_folder, os.replace

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    def write(folder, files):
        items = list(files.items())
        real_write(folder, dict(items[:2]))
        if stage == "write":
            die()
        real_write(folder, dict(items[2:]))

    def replace(source, target):
        if stage == "pointer" and str(target).endswith("current.json"):
            die()
        real_replace(source, target)
        if stage == "after-rename" and Path(target).name.startswith("v2-"):
            die()

    published.write_version_folder = write
    published.os.replace = replace
    atomic_file._os_replace = replace  # the pointer's atomic write
    files = version_files(2)
    published.install_version(data_dir, info_of(2, files), files, folder_problems)
    """
)


@pytest.mark.parametrize("stage", ["write", "after-rename", "pointer"])
def test_a_desk_killed_during_the_switch_keeps_the_old_version(data_dir: Path, stage: str) -> None:
    assert install(data_dir, 1) == []
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", KILLED_SWITCH, str(data_dir), stage],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert version_in_use(data_dir) == info_of(1, version_files(1))
    assert links(data_dir) == ("https://zoom.us/download/v1", "https://www.microsoft.com/teams/v1")
    assert install(data_dir, 2) == []
    assert links(data_dir) == ("https://zoom.us/download/v2", "https://www.microsoft.com/teams/v2")
    assert folders(data_dir) == ["current.json", "v1", "v2"]


def test_collect_folder_accepts_both_layouts_and_names_what_it_cannot_publish(
    tmp_path: Path,
) -> None:
    loose = tmp_path / "loose"
    loose.mkdir()
    (loose / "zoom.toml").write_bytes(zoom_file("https://zoom.us/x"))
    (loose / "zoom.android.toml").write_bytes(
        asset_path("guides", "zoom.android.toml").read_bytes()
    )
    (loose / "join_modes.toml").write_bytes(
        asset_path("join_modes", "join_modes.toml").read_bytes()
    )
    (loose / "big.toml").write_bytes(b"# " + b"x" * 300_000)
    files, errors = collect_folder(loose)
    assert sorted(files) == [
        "catalog/zoom.toml",
        "guides/zoom.android.toml",
        "join_modes/join_modes.toml",
    ]
    assert [e.file for e in errors] == ["big.toml"] and "at most" in errors[0].problem
    laid_out = tmp_path / "laid_out"
    (laid_out / "catalog").mkdir(parents=True)
    (laid_out / "images" / "guides").mkdir(parents=True)
    (laid_out / "catalog" / "zoom.toml").write_bytes(zoom_file("https://zoom.us/y"))
    (laid_out / "images" / "guides" / "shot.png").write_bytes(b"\x89PNG fake")
    files, errors = collect_folder(laid_out)
    assert errors == [] and sorted(files) == ["catalog/zoom.toml", "images/guides/shot.png"]


def test_a_version_number_reused_with_other_files_is_taken(data_dir: Path) -> None:
    """A server restored from a backup may publish other files under a number in use here."""
    assert install(data_dir, 1) == []
    other = version_files(1)
    other["catalog/zoom.toml"] = zoom_file("https://zoom.us/download/restored")
    assert install_version(data_dir, info_of(1, other), other, folder_problems) == []
    assert links(data_dir)[0] == "https://zoom.us/download/restored"
    assert folders(data_dir) == ["current.json", "v1", "v1"]
    assert install_version(data_dir, info_of(1, other), other, folder_problems) == []  # no-op
