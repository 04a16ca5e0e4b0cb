"""Contract: every report-source query, the report built on it, drill-down and streamed exports.

The records are the hand-computed set of tests/reports_fixtures.py (five in March-April 2026,
one in February outside the period)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from hearing_helper.domain.enums import Outcome
from hearing_helper.domain.report_filters import Drill, ReportFilters
from hearing_helper.reports.aggregate import FailureReason, FunnelStep, report_for
from hearing_helper.reports.drill import drill_rows
from hearing_helper.store import Store
from hearing_helper.store.report_source import DRILL_FIELDS, EXPORT_FIELDS, day_signatures
from tests.reports_fixtures import CLERKS, standard_records

PERIOD = ReportFilters(date(2026, 3, 1), date(2026, 4, 30))


@pytest.fixture
def store(store_backend: Store) -> Store:
    for clerk in CLERKS.values():
        store_backend.repository.save_staff(clerk)
    store_backend.repository.import_finished(standard_records(), "test")
    return store_backend


def test_hourly_counts(store: Store) -> None:
    rows = store.reports.hourly_counts(PERIOD)
    assert sum(r.count for r in rows) == 5
    by_hour = {(r.hour_key, r.outcome): r for r in rows}
    assert set(by_hour) == {
        ("2026-03-02T09", "joined"),
        ("2026-03-02T09", "joined_after_help"),
        ("2026-03-03T14", "not_joined"),
        ("2026-03-10T10", "rescheduled"),
        ("2026-04-01T15", "joined"),
    }
    not_joined = by_hour[("2026-03-03T14", "not_joined")]
    assert (not_joined.reason, not_joined.rated, not_joined.satisfaction_sum) == (
        "app_install",
        0,
        0,
    )
    joined = by_hour[("2026-03-02T09", "joined")]
    assert (joined.reason, joined.rated, joined.satisfaction_sum, joined.versions) == (
        "",
        1,
        5,
        1,
    )
    assert joined.last_update.startswith("2026-03-02T09:20")
    signatures = day_signatures(rows)
    assert sorted(signatures) == ["2026-03-02", "2026-03-03", "2026-03-10", "2026-04-01"]
    assert signatures["2026-03-02"].startswith("2|")


def test_duration_histogram(store: Store) -> None:
    assert store.reports.duration_histogram(PERIOD) == [
        (300, 1),
        (600, 1),
        (1200, 1),
        (1800, 1),
        (2400, 1),
    ]
    march_s2 = dataclasses.replace(PERIOD, clerk="S2")
    assert store.reports.duration_histogram(march_s2) == [(300, 1), (1800, 1)]


def test_child_facts_and_day_facts_agree(store: Store) -> None:
    live = store.reports.child_facts(PERIOD)
    assert sorted(live.problems) == [("no_storage", 2)]
    assert sorted(live.checks) == [("microphone:microphone.silent", 1)]
    steps = {(step, status): n for step, status, n in live.steps}
    assert steps[("install", "done")] == 4 and steps[("install", "failed")] == 1
    assert steps[("join", "failed")] == 1
    signatures = day_signatures(store.reports.hourly_counts(PERIOD))
    for _ in range(2):  # the second time an adapter may answer from its cache
        per_day = store.reports.day_facts(signatures)
        assert sorted(per_day.problems) == sorted(live.problems)
        assert sorted(per_day.checks) == sorted(live.checks)
        assert sorted(per_day.steps) == sorted(live.steps)
    assert store.reports.day_facts({}).problems == []


def test_child_facts_follow_dimension_filters(store: Store) -> None:
    facts = store.reports.child_facts(dataclasses.replace(PERIOD, platform="tencent_meeting"))
    assert sorted(facts.problems) == [("no_storage", 1)] and facts.checks == []


def test_report_figures(store: Store) -> None:
    report = report_for(store.reports, PERIOD)
    assert (report.assisted, report.joined) == (5, 3)
    assert (report.median_duration_s, report.p90_duration_s) == (1200, 2400)
    assert report.outcomes == {
        "joined": 2,
        "joined_after_help": 1,
        "not_joined": 1,
        "rescheduled": 1,
    }
    assert report.failure_reasons == [
        FailureReason("problem", "no_storage", 2, 0.5),
        FailureReason("check", "microphone:microphone.silent", 1, 0.75),
        FailureReason("not_joined", "app_install", 1, 1.0),
    ]
    install = next(step for step in report.funnel if step.step == "install")
    assert install == FunnelStep("install", reached=5, done=4, failed=1, skipped=0)
    assert report.load[0][9] == 2 and sum(map(sum, report.load)) == 5
    filtered = report_for(store.reports, dataclasses.replace(PERIOD, clerk="S2"))
    assert (filtered.assisted, filtered.joined) == (2, 0)
    assert report_for(store.reports, dataclasses.replace(PERIOD, court="别的法院")).assisted == 0


def test_a_correction_moves_the_figures(store: Store) -> None:
    before = report_for(store.reports, PERIOD)
    assert before.failure_reasons[0].count == 2
    record_id = store.reports.drill(PERIOD, Drill("reason", ("not_joined", "app_install")))[1][0][0]
    record = store.repository.get(record_id)
    record.problems = []
    record.outcome = Outcome.JOINED_AFTER_HELP
    record.outcome_reason = None
    store.repository.correct(record, "supervisor", "joined after a second try")
    after = report_for(store.reports, PERIOD)
    assert (after.assisted, after.joined) == (5, 4)
    assert {(r.kind, r.code): r.count for r in after.failure_reasons} == {
        (
            "problem",
            "no_storage",
        ): 1,
        ("check", "microphone:microphone.silent"): 1,
    }


@pytest.mark.parametrize(
    ("drill", "expected"),
    [
        (Drill("period", ("2026-03-02",)), 2),
        (Drill("period", ("2026-W10",)), 3),
        (Drill("period", ("2026-04",)), 1),
        (Drill("reason", ("problem", "no_storage")), 2),
        (Drill("reason", ("check", "microphone:microphone.silent")), 1),
        (Drill("reason", ("not_joined", "app_install")), 1),
        (Drill("step", ("join", "failed")), 1),
        (Drill("load", (0, 9)), 2),
        (Drill("load", (1, 14)), 1),
        (Drill("load", (6, 9)), 0),
    ],
)
def test_drill(store: Store, drill: Drill, expected: int) -> None:
    total, rows = store.reports.drill(PERIOD, drill)
    assert total == expected and len(rows) == expected
    assert all(len(row) == len(DRILL_FIELDS) for row in rows)
    starts = [row[DRILL_FIELDS.index("started_at")] for row in rows]
    assert starts == sorted(starts)


def test_drill_limit_and_masking(store: Store) -> None:
    total, rows = store.reports.drill(PERIOD, Drill("period", ("2026-W10",)), limit=2)
    assert total == 3 and len(rows) == 2
    _, masked = drill_rows(store.reports, PERIOD, Drill("period", ("2026-03-02",)))
    assert masked[0].litigant_name == "王*明" and masked[0].phone == "138****5678"
    _, plain = drill_rows(store.reports, PERIOD, Drill("period", ("2026-03-02",)), unmask=True)
    assert plain[0].litigant_name == "王小明" and plain[0].duration_s == 600


def test_filter_options(store: Store) -> None:
    options = store.reports.filter_options(PERIOD)
    assert sorted(options.combinations) == [
        ("朝阳法院", "1号窗口", "S1", "court_online"),
        ("朝阳法院", "1号窗口", "S1", "tencent_meeting"),
        ("朝阳法院", "2号窗口", "S2", "court_online"),
        ("朝阳法院", "2号窗口", "S2", "tencent_meeting"),
    ]
    assert options.clerk_names == {"S1": "李静", "S2": "王磊"}
    empty = store.reports.filter_options(ReportFilters(date(2030, 1, 1), date(2030, 1, 2)))
    assert empty.combinations == []


def test_export_rows_are_streamed_in_start_order(store: Store) -> None:
    assert store.reports.export_count(PERIOD) == 5
    rows = store.reports.export_rows(PERIOD)
    assert not isinstance(rows, list | tuple)  # an iterator: constant memory
    first = next(iter(rows))
    assert len(first) == len(EXPORT_FIELDS)
    rest = list(rows)
    starts = [r[EXPORT_FIELDS.index("started_at")] for r in [first, *rest]]
    assert len(starts) == 5 and starts == sorted(starts)
    values = dict(zip(EXPORT_FIELDS, first, strict=True))
    assert values["duration_min"] == 10.0 and values["litigant_name"] == "王小明"
    assert values["staff_id"] == "S1" and values["version"] == 1
    assert values["outcome"] == "joined" and values["outcome_reason"] is None
    assert values["hearing_at"].startswith("2026-03-02T10:10")
    assert store.reports.export_count(dataclasses.replace(PERIOD, outcome="joined")) == 2


def test_an_export_abandoned_half_way_releases_the_database(store: Store) -> None:
    rows = store.reports.export_rows(PERIOD)
    next(iter(rows))
    close = getattr(rows, "close", None)
    assert close is not None
    close()
    # Writing still works (no cursor holds the database).
    store.repository.append_audit("S1", "x.done", {})
    assert store.reports.export_count(PERIOD) == 5
