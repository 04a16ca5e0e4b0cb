"""Issue 17, item 14: the supervisor's figures count a preparation visit in its own section,
never as an assistance that did not join -- in ``report --json`` (SQLite and PostgreSQL), the
Reports window and the monthly PDF. Scenario counted by hand in tests/hearing_day_scenario.py."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hearing_helper.cli import main
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.reports.export import export_log
from hearing_helper.services import AppServices
from hearing_helper.ui.pdf.summary import write_summary_pdf
from hearing_helper.ui.pdf.translator import translator_for
from tests.hearing_day_scenario import PERIOD, hearing_day_records

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
PERIOD_ARGS = ("--from", PERIOD[0].isoformat(), "--to", PERIOD[1].isoformat())


def _seeded(data_dir: Path, database: str | None = None) -> AppServices:
    services = AppServices.open(data_dir, database)
    services.repo.import_finished(hearing_day_records(), "test")
    return services


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_report_json_gives_the_join_rate_over_hearing_day_visits(
    request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str], data_dir: Path, backend: str
) -> None:
    database = request.getfixturevalue("pg_url") if backend == "postgres" else None
    _seeded(data_dir, database).close()
    extra = ("--database", database) if database else ()
    assert main(["--data-dir", str(data_dir), *extra, "report", *PERIOD_ARGS, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["assisted"], data["joined"], data["joined_rate"]) == (2, 2, 1.0)
    assert data["outcomes"] == {"joined": 2}
    assert data["preparation_visits"] == 1 and data["visits"]["preparation"]["ready"] == 1


def test_the_reports_window_gives_the_join_rate_over_hearing_day_visits(
    qtbot: QtBot, data_dir: Path
) -> None:
    from hearing_helper.ui.reports.view import ReportsWindow

    services = _seeded(data_dir)
    window = ReportsWindow(services, today=PERIOD[1])
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.report_shown, timeout=10_000):
            window.filter_bar.set_period(*PERIOD)
        assert window.tiles["assisted"].value.text() == "2"
        assert window.tiles["joined"].value.text() == "2"
        assert window.tiles["joined_rate"].value.text() == "100.0%"
        assert window.tiles["preparation"].value.text() == "1"
        # The bars per day count the two hearing-day assistances.
        assert window.report is not None
        assert [p.assisted for p in window.report.by_day if p.assisted] == [2]
    finally:
        window.close()
        services.close()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_the_pdf_lists_hearing_day_outcomes_and_a_preparation_section(
    qapp: QApplication, data_dir: Path, tmp_path: Path
) -> None:
    services = _seeded(data_dir)
    out = tmp_path / "summary.pdf"
    try:
        result = export_log(
            services.store,
            ReportFilters(*PERIOD),
            "pdf",
            out,
            actor="sup",
            translate=translator_for("en"),
            write_pdf=write_summary_pdf,
        )
    finally:
        services.close()
    assert result.row_count == 3  # the visits the summary is made of
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], check=True, capture_output=True, text=True
    ).stdout
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    compact = " ".join(lines)
    assert "Join rate (hearing day) 100.0%" in compact
    assert "Joined 2 · 100.0%" in compact  # the outcome row of the two who joined
    assert "1 · 33.3%" not in compact and "66.7%" not in compact  # the old, wrong rows
    assert not [line for line in lines if line.startswith("– ")]  # no outcome row without a name
    assert "Preparation visits 1" in compact and "Ready for the hearing 1" in compact
    assert "Follow-ups due" in compact  # the visit figures are in the monthly summary


def test_demo_visits_are_split_by_kind_as_counted_from_the_records(data_dir: Path) -> None:
    """The report tells the kinds apart by the hearing-day outcome; counted here by kind."""
    from collections import Counter
    from datetime import date

    from hearing_helper.demo import generate_records
    from hearing_helper.domain.visit import VisitKind
    from hearing_helper.reports.aggregate import build_report

    records = list(generate_records(1500, seed=5, visits=True, days=60))
    services = AppServices.open(data_dir)
    try:
        services.repo.import_finished(records, "test")
        filters = ReportFilters(date(2026, 9, 1), date(2026, 11, 30))
        report = build_report(services.reports, filters)
    finally:
        services.close()
    period = [r for r in records if filters.date_from <= r.started_at.date() <= filters.date_to]
    hearing_day = [r for r in period if r.kind is VisitKind.HEARING_DAY]
    assert 0 < len(hearing_day) < len(period)
    assert report.assisted == len(hearing_day)
    assert report.preparation_visits == len(period) - len(hearing_day)
    assert report.outcomes == dict(Counter(str(r.outcome) for r in hearing_day))
    joined = [r for r in hearing_day if str(r.outcome) in ("joined", "joined_after_help")]
    assert report.joined == len(joined)
