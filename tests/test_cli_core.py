"""Command-line basics: version, usage errors, --data-dir and $HEARING_HELPER_DATA, demo-data."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from hearing_helper import __version__
from hearing_helper.cli import main
from hearing_helper.demo import generate_records
from hearing_helper.domain.enums import Outcome
from hearing_helper.domain.validation import normalize_case_number, normalize_name, normalize_phone
from hearing_helper.paths import resolve_data_dir
from hearing_helper.store import HistoryQuery, open_repository

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hearing_helper", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"hearing-helper {__version__}"


@pytest.mark.parametrize(
    "argv",
    [["no-such-command"], ["demo-data"], ["demo-data", "--count", "zero"], ["--bogus"]],
)
def test_bad_usage_exits_2_with_a_usage_message(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "usage:" in err and "error:" in err
    assert "Traceback" not in err


def test_data_dir_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HEARING_HELPER_DATA", str(tmp_path / "env"))
    assert resolve_data_dir(None) == tmp_path / "env"
    assert resolve_data_dir(tmp_path / "flag") == tmp_path / "flag"
    monkeypatch.delenv("HEARING_HELPER_DATA")
    assert "HearingHelper" in str(resolve_data_dir(None))


def test_demo_data_writes_records_into_the_data_dir(data_dir: Path) -> None:
    result = run_cli("demo-data", "--data-dir", str(data_dir), "--count", "300", "--seed", "3")
    assert result.returncode == 0, result.stderr
    assert "300 demo records" in result.stdout
    repo = open_repository(data_dir)
    assert repo.count(HistoryQuery(status="finished")) == 300
    assert len(repo.list_staff()) >= 5


def test_demo_data_is_deterministic_valid_and_varied() -> None:
    first = [r.to_dict() for r in generate_records(400, seed=11)]
    second = [r.to_dict() for r in generate_records(400, seed=11)]
    assert first == second
    assert [r.to_dict() for r in generate_records(5, seed=12)] != first[:5]
    records = list(generate_records(400, seed=11))
    for record in records:
        intake = record.intake
        assert normalize_case_number(intake.case_number) == intake.case_number
        assert normalize_phone(intake.phone) == intake.phone
        assert normalize_name(intake.litigant_name) == intake.litigant_name
        assert record.finish_problems() == []
        assert 4 * 60 <= (record.duration_seconds or 0) <= 60 * 60
    outcomes = Counter(r.outcome for r in records)
    assert set(outcomes) == set(Outcome)
    assert outcomes[Outcome.JOINED] > outcomes[Outcome.NOT_JOINED] > 0
    assert len({r.clerk.court for r in records}) >= 4
    assert len({r.intake.role for r in records}) == 6
    satisfied = [r.satisfaction for r in records if r.satisfaction]
    assert 0.7 < len(satisfied) / len(records) < 0.95
    assert sum(satisfied) / len(satisfied) > 4.0


def test_gui_start_imports_only_the_gui_command() -> None:
    code = (
        "import sys\n"
        "from hearing_helper.cli import build_parser\n"
        "args = build_parser(['--data-dir', 'check']).parse_args(['--data-dir', 'check'])\n"
        "print(getattr(args, '_module', 'gui'), args.data_dir)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('requests', 'xlsxwriter')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["gui check", "[]"]


def test_demo_codes_are_real_taxonomy_codes() -> None:
    from hearing_helper.catalog.model import PROBLEM_CODES
    from hearing_helper.checks.remedies import describe, remedy_text

    records = list(generate_records(300, seed=5))
    problems = {p.code for r in records for p in r.problems}
    assert problems and problems <= set(PROBLEM_CODES)
    checks = [c for r in records for c in r.checks]
    assert {c.status for c in checks} == {"pass", "warn", "fail"}
    for check in checks:
        assert describe(check.code), check.code
        if check.status != "pass":
            assert remedy_text(check.remedy_code), check.remedy_code


@pytest.mark.parametrize(
    "argv",
    [
        ["--data-dir", "{d}", "supervisor", "set-password"],
        ["supervisor", "--data-dir", "{d}", "set-password"],
        ["supervisor", "set-password", "--data-dir", "{d}"],
    ],
)
def test_data_dir_is_accepted_anywhere(argv: list[str], data_dir: Path) -> None:
    from hearing_helper.cli import build_parser

    arguments = [a.replace("{d}", str(data_dir)) for a in argv]
    args = build_parser(arguments).parse_args(arguments)
    assert args.data_dir == str(data_dir)


def test_chinese_output_survives_a_non_unicode_console(data_dir: Path) -> None:
    # An English Windows writes redirected output in its ANSI code page, not UTF-8.
    result = run_cli("catalog", "--data-dir", str(data_dir), env={"PYTHONIOENCODING": "cp1252"})
    assert result.returncode == 0, result.stderr
    assert "tencent_meeting" in result.stdout and "\\u817e" in result.stdout  # 腾 escaped
