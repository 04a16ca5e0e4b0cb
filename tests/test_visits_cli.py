"""``hearing-helper check --recommend`` (issue 13): the recommendation next to the results."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hearing_helper.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hearing_helper", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def test_plain_check_json_keeps_its_list(data_dir: Path) -> None:
    result = _run("check", "--data-dir", str(data_dir), "--only", "system", "--json")
    assert isinstance(json.loads(result.stdout), list), result.stderr


def test_recommend_json_has_results_and_recommendation(data_dir: Path) -> None:
    result = _run(
        "check", "--data-dir", str(data_dir), "--only", "system", "--recommend", "--json",
        "--device", "own_android", "--phone", "os_version=fail,storage=pass", "--needs", "elderly",
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    data = json.loads(result.stdout)
    assert [r["id"] for r in data["results"]] == ["system"]
    recommendation = data["recommendation"]
    assert recommendation["mode"] == "desk_pc"
    assert [r["code"] for r in recommendation["reasons"]] == [
        "phone_os_too_old",
        "desk_pc_not_checked",  # the desk's camera and microphone were not part of this run
    ]
    assert recommendation["reasons"][0]["text"].startswith("The phone's system is too old")


def test_a_desk_without_a_working_camera_is_not_recommended(data_dir: Path) -> None:
    # No camera exists on the test machine: the camera check fails for real.
    result = _run(
        "check", "--data-dir", str(data_dir), "--only", "camera", "--recommend", "--json",
        "--device", "court_terminal",
    )  # fmt: skip
    data = json.loads(result.stdout)
    camera = data["results"][0]
    if camera["status"] not in ("fail", "error"):
        pytest.skip(f"this machine has a working camera ({camera['code']})")
    assert result.returncode == 1
    assert data["recommendation"]["mode"] not in ("desk_pc", "own_phone")
    assert "desk_camera_failed" in [r["code"] for r in data["recommendation"]["reasons"]]


def test_a_court_rules_file_is_used_and_a_broken_one_is_named(data_dir: Path) -> None:
    folder = data_dir / "join_modes"
    folder.mkdir(parents=True)
    (folder / "join_modes.toml").write_text('order = ["audio_phone", "in_person"]\n', "utf-8")
    args = ("check", "--data-dir", str(data_dir), "--only", "system", "--recommend", "--json")
    assert json.loads(_run(*args).stdout)["recommendation"]["mode"] == "audio_phone"
    (folder / "join_modes.toml").write_text('order = ["bus", "in_person"]\n', "utf-8")
    broken = _run(*args)
    assert json.loads(broken.stdout)["recommendation"]["mode"] == "desk_pc"
    assert "join_modes.toml" in broken.stderr and "order[0]" in broken.stderr


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--recommend", "--device", "tablet"], "--device 'tablet'"),
        (["--recommend", "--needs", "tall"], "--needs 'tall'"),
        (["--recommend", "--phone", "battery=pass"], "unknown item"),
        (["--recommend", "--phone", "storage=ok"], "ITEM=pass"),
        (["--device", "own_iphone"], "need --recommend"),
    ],
)
def test_bad_visit_arguments_exit_2_naming_the_argument(
    argv: list[str], words: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["check", "--data-dir", str(data_dir), "--only", "system", *argv])
    assert code == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_catalog_validate_checks_the_shipped_and_a_court_rules_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from hearing_helper.paths import asset_path

    assert main(["catalog", "--validate", str(asset_path())]) == 0  # join_modes/ included
    loose = tmp_path / "loose"
    loose.mkdir()
    (loose / "join_modes.toml").write_text(
        'order = ["desk_pc", "in_person"]\n[[rule]]\nmode = "desk_pc"\neffect = "exclude"\n'
        'reason = "desk_camera_failed"\nwhen = { "desk.camera" = "broken" }\n',
        "utf-8",
    )
    capsys.readouterr()
    assert main(["catalog", "--validate", str(loose)]) == 1
    out = capsys.readouterr().out
    assert "join_modes.toml:6 [rule[0].when.desk.camera]" in out
    assert "1 of 1 files have problems" in out
