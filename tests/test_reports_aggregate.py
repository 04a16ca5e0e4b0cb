"""Report figures against hand-computed values (records in tests/reports_fixtures.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from hearing_helper.domain.enums import Outcome
from hearing_helper.domain.report_filters import FilterError, ReportFilters
from hearing_helper.reports.aggregate import FailureReason, FunnelStep, percentile, report_for
from hearing_helper.reports.drill import Drill, drill_rows, period_range
from hearing_helper.services import AppServices
from tests.reports_fixtures import make_record, raw_db, seeded_services

PERIOD = ReportFilters(date(2026, 3, 1), date(2026, 4, 30))


@pytest.fixture
def services(data_dir: Path) -> Iterator[AppServices]:
    services = seeded_services(data_dir)
    yield services
    services.close()


def test_kpis_match_hand_computed_figures(services: AppServices) -> None:
    report = report_for(services.reports, PERIOD)
    assert report.assisted == 5  # the February record is outside the period
    assert report.joined == 3
    assert report.joined_rate == pytest.approx(0.6)
    # durations 300, 600, 1200, 1800, 2400: nearest rank 3 and 5
    assert report.median_duration_s == 1200
    assert report.p90_duration_s == 2400
    assert report.satisfaction_average == pytest.approx(14 / 4)
    assert report.satisfaction_response_rate == pytest.approx(4 / 5)
    assert report.outcomes == {
        "joined": 2,
        "joined_after_help": 1,
        "not_joined": 1,
        "rescheduled": 1,
    }


def test_pareto_funnel_and_time_buckets(services: AppServices) -> None:
    report = report_for(services.reports, PERIOD)
    assert report.failure_reasons == [
        FailureReason("problem", "no_storage", 2, 0.5),
        FailureReason("check", "microphone:microphone.silent", 1, 0.75),
        FailureReason("not_joined", "app_install", 1, 1.0),
    ]
    install = next(step for step in report.funnel if step.step == "install")
    assert install == FunnelStep("install", reached=5, done=4, failed=1, skipped=0)
    assert [p for p in report.by_month] == [
        dataclasses.replace(report.by_month[0], period="2026-03", assisted=4, joined=2),
        dataclasses.replace(report.by_month[1], period="2026-04", assisted=1, joined=1),
    ]
    assert len(report.by_day) == 61
    days = {p.period: (p.assisted, p.joined) for p in report.by_day if p.assisted}
    assert days == {
        "2026-03-02": (2, 2),
        "2026-03-03": (1, 0),
        "2026-03-10": (1, 0),
        "2026-04-01": (1, 1),
    }
    weeks = {p.period: p.assisted for p in report.by_week}
    assert weeks["2026-W09"] == 0 and weeks["2026-W10"] == 3 and weeks["2026-W11"] == 1
    assert weeks["2026-W14"] == 1
    assert report.load[0][9] == 2  # Monday 09:xx
    assert report.load[1][14] == 1 and report.load[1][10] == 1  # Tuesday
    assert report.load[2][15] == 1  # Wednesday
    assert sum(map(sum, report.load)) == 5


def test_dimension_filters_use_the_live_path(services: AppServices) -> None:
    report = report_for(services.reports, dataclasses.replace(PERIOD, clerk="S2"))
    assert (report.assisted, report.joined) == (2, 0)
    assert {(r.kind, r.code, r.count) for r in report.failure_reasons} == {
        ("problem", "no_storage", 1),
        ("check", "microphone:microphone.silent", 1),
        ("not_joined", "app_install", 1),
    }
    assert (
        report_for(services.reports, dataclasses.replace(PERIOD, platform="court_online")).assisted
        == 2
    )
    assert report_for(services.reports, dataclasses.replace(PERIOD, role="defendant")).assisted == 1
    assert report_for(services.reports, dataclasses.replace(PERIOD, outcome="joined")).assisted == 2
    assert report_for(services.reports, dataclasses.replace(PERIOD, desk="2号窗口")).assisted == 2
    assert report_for(services.reports, dataclasses.replace(PERIOD, court="别的法院")).assisted == 0


def test_day_cache_follows_corrections_and_new_records(services: AppServices) -> None:
    first = report_for(services.reports, PERIOD)
    assert first.failure_reasons[0].count == 2
    # Correct the not-joined record: the problem is gone and the litigant joined after all.
    conn = raw_db(services)
    record_id = conn.execute("SELECT id FROM assists WHERE outcome='not_joined'").fetchone()[0]
    conn.close()
    record = services.repo.get(record_id)
    record.problems = []
    record.outcome = Outcome.JOINED_AFTER_HELP
    record.outcome_reason = None
    services.repo.correct(record, "supervisor", "joined after a second try")
    services.repo.import_finished(
        [make_record("2026-03-02T11:00:00", 60, Outcome.LEFT, problems=("sms_not_received",))],
        "test",
    )
    second = report_for(services.reports, PERIOD)
    assert second.assisted == 6 and second.joined == 4
    reasons = {(r.kind, r.code): r.count for r in second.failure_reasons}
    assert reasons == {
        ("problem", "no_storage"): 1,
        ("problem", "sms_not_received"): 1,
        ("check", "microphone:microphone.silent"): 1,
    }
    # The live (filtered) path agrees with the cached one.
    live = report_for(services.reports, dataclasses.replace(PERIOD, court="朝阳法院"))
    assert {(r.kind, r.code): r.count for r in live.failure_reasons} == reasons
    assert live.funnel == second.funnel


def test_empty_period_and_bad_filters(services: AppServices) -> None:
    report = report_for(services.reports, ReportFilters(date(2030, 1, 1), date(2030, 1, 31)))
    assert report.assisted == 0 and report.joined_rate is None
    assert report.median_duration_s is None and report.failure_reasons == []
    assert report.to_json()["assisted"] == 0
    with pytest.raises(FilterError) as info:
        ReportFilters(date(2026, 3, 2), date(2026, 3, 1))
    assert info.value.field == "date_to"


def test_percentile_nearest_rank() -> None:
    assert percentile([], 0.5) is None
    assert percentile([(10, 1)], 0.9) == 10
    assert percentile([(1, 1), (2, 1), (3, 1), (4, 1)], 0.5) == 2
    assert percentile([(1, 9), (100, 1)], 0.9) == 1
    assert percentile([(1, 9), (100, 2)], 0.9) == 100


def test_drill_down_finds_the_records_behind_bars(services: AppServices) -> None:
    source = services.reports
    total, rows = drill_rows(source, PERIOD, Drill("period", ("2026-03-02",)))
    assert total == 2 and all(row.started_at.startswith("2026-03-02") for row in rows)
    assert rows[0].litigant_name == "王*明" and rows[0].phone == "138****5678"
    total, rows = drill_rows(source, PERIOD, Drill("period", ("2026-W10",)), unmask=True)
    assert total == 3 and rows[0].litigant_name == "王小明"
    assert drill_rows(source, PERIOD, Drill("period", ("2026-04",)))[0] == 1
    assert drill_rows(source, PERIOD, Drill("reason", ("problem", "no_storage")))[0] == 2
    check = Drill("reason", ("check", "microphone:microphone.silent"))
    assert drill_rows(source, PERIOD, check)[0] == 1
    assert drill_rows(source, PERIOD, Drill("reason", ("not_joined", "app_install")))[0] == 1
    assert drill_rows(source, PERIOD, Drill("step", ("join", "failed")))[0] == 1
    assert drill_rows(source, PERIOD, Drill("load", (0, 9)))[0] == 2
    assert drill_rows(source, PERIOD, Drill("load", (1, 14)))[0] == 1
    assert period_range("2026-02") == (date(2026, 2, 1), date(2026, 2, 28))
    assert period_range("2026-W01") == (date(2025, 12, 29), date(2026, 1, 4))
