"""Catalog and guide files are bounded (issue 11, finding "Tracebacks"): deeply nested or huge
TOML and catastrophic regular expressions disable only their own platform, with a message that
names the file and field; ``catalog --validate`` rejects them; nothing prints a traceback."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from hearing_helper.catalog import load_catalog, validate_dir
from hearing_helper.catalog.regex_safety import regex_problem
from hearing_helper.cli import main
from tests.test_catalog_loading import VALID_PLATFORM, write

BAD_FILES = {
    "nested_array": "id = 'nested_array'\nx = " + "[" * 5000 + "]" * 5000 + "\n",
    "nested_table": "id = 'nested_table'\nx = " + "{a = " * 400 + "1" + "}" * 400 + "\n",
    "huge": "id = 'huge'\n" + "# padding\n" * 200_000,
    "big_int": "id = 'big_int'\norder = " + "9" * 5000 + "\n",
}
EVIL = r"^https://(a+)+$"


def test_static_check_flags_catastrophic_patterns_and_spares_the_shipped_ones() -> None:
    for evil in (r"(a+)+$", r"(a*)*b", r"(a|aa)+$", r"(\d+\w*)+x", r"(x+x+)+y", r"(a)\1"):
        assert regex_problem(evil), evil
    for fine in (
        r"^https://meeting\.tencent\.com/",
        r"^https://([a-z0-9-]+\.)?zoom\.us/j/\d{9,11}([?#/]|$)",
        r"^https://teams\.live\.com/meet/",
        r"\d{3}-\d{4}",
    ):
        assert regex_problem(fine) is None, fine


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_toml_disables_only_its_platform(data_dir: Path, name: str) -> None:
    write(data_dir / "catalog", f"{name}.toml", BAD_FILES[name])
    write(data_dir / "catalog", "good_one.toml", VALID_PLATFORM.format(id="good_one"))
    load = load_catalog(data_dir)
    assert load.platform("good_one") is not None
    assert name in load.disabled
    assert any(error.file == f"{name}.toml" for error in load.errors)


def test_catastrophic_link_pattern_is_rejected_and_disables_its_platform(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = VALID_PLATFORM.format(id="evil").replace(
        "'^https://meet\\.example\\.invalid/'", repr(EVIL)
    )
    assert EVIL in text
    folder = data_dir / "court_files"
    write(folder, "evil.toml", text)
    write(data_dir / "catalog", "evil.toml", text)
    started = time.monotonic()
    load = load_catalog(data_dir)
    assert "evil" in load.disabled and load.platform("tencent_meeting") is not None
    errors = [e for e in load.errors if e.file == "evil.toml"]
    assert errors and "link_patterns[0]" in errors[0].field
    validated, _ = validate_dir(folder)
    assert any("link_patterns" in e.field for e in validated.errors)
    assert main(["catalog", "--validate", str(folder)]) == 1
    out = capsys.readouterr()
    assert "evil.toml" in out.out + out.err and "Traceback" not in out.err
    print(f"catalog load + validate with an evil pattern: {time.monotonic() - started:.2f} s")


@pytest.mark.parametrize("command", [["catalog"], ["catalog", "--json"]])
def test_catalog_commands_survive_bad_files(
    data_dir: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    for name, text in BAD_FILES.items():
        write(data_dir / "catalog", f"{name}.toml", text)
    assert main(["--data-dir", str(data_dir), *command]) in (0, 1)
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err


def test_regex_compiles_for_sanity() -> None:
    assert re.compile(EVIL)


def test_bounded_trial_run_catches_what_runs_too_long() -> None:
    from hearing_helper.catalog.regex_safety import trial_run

    assert trial_run([EVIL], timeout_s=1.0)  # killed after the limit, not waited for
    assert trial_run([r"^https://meeting\.tencent\.com/"]) is None
