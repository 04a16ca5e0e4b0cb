"""``report``'s text output speaks one language: the damaged-cells lines and the note about
left-out demo records are translated like every other line (review finding, polish item 2)."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from hearing_helper.cli import main
from hearing_helper.commands.report import _print_text
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.reports.aggregate import report_for
from tests.reports_fixtures import seeded_services, standard_records

PERIOD = ["--from", "2026-03-01", "--to", "2026-04-30"]
# Two English words in a row; command-line options (--include-demo, report --json) are not
# sentences and stay as typed.
ENGLISH = re.compile(r"[A-Za-z]{3,} [A-Za-z]{3,}")
OPTIONS = re.compile(r"(report )?--[a-z-]+")


def english_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if ENGLISH.search(OPTIONS.sub("", line))]


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    seeded_services(data_dir, standard_records()).close()
    conn = sqlite3.connect(data_dir / "hearing_helper.sqlite3")
    conn.execute("PRAGMA ignore_check_constraints=ON")
    with conn:
        # More than the ten the text names: three damaged cells in each record.
        conn.execute("UPDATE assists SET satisfaction='x', outcome='bogus', version='two'")
        conn.execute("DELETE FROM report_day_cache")  # every day computed afresh
    conn.close()
    return data_dir


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_damaged_cells_are_reported_in_the_reports_language(
    damaged: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    assert main(["--data-dir", str(damaged), "report", *PERIOD, "--lang", lang]) == 0
    out = capsys.readouterr().out
    if lang == "en":
        assert "Damaged cells:" in out and "(all of them: report --json)" in out
        return
    assert "损坏" in out and "satisfaction" in out  # the column's name stays as stored
    assert english_lines(out) == []
    assert "（全部见 report --json）" in out  # more than ten: where to see them all


def test_the_demo_records_note_is_in_the_reports_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    services = seeded_services(tmp_path, standard_records())
    try:
        report = report_for(services.reports, ReportFilters(date(2026, 3, 1), date(2026, 4, 30)))
        court = {"scope": "court", "demo_left_out": 800, "desks": [], "this_desk_waiting": 0}
        _print_text(services, report, court, "zh_CN")
        out = capsys.readouterr().out
        assert "800" in out and "演示" in out and "--include-demo" in out
        assert english_lines(out) == []
        _print_text(services, report, court, "en")
        assert "Left out 800 demo records" in capsys.readouterr().out
    finally:
        services.close()
