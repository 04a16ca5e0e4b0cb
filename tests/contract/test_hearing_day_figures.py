"""The join rate and the outcome breakdown count hearing-day assistance only (issue 17, item
14), on every backend, through every path a report takes: the per-day caches (and on PostgreSQL
the per-day summary) as well as the live path of a filtered report.

The scenario (tests/hearing_day_scenario.py) is counted by hand: two hearing-day litigants who
both joined and one preparation visit give a join rate of 100 %, not 66.7 %."""

from __future__ import annotations

import dataclasses

import pytest

from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.reports.aggregate import build_report
from hearing_helper.store import Store
from tests.hearing_day_scenario import PERIOD, hearing_day_records

FILTERS = ReportFilters(PERIOD[0], PERIOD[1])


@pytest.fixture
def store(store_backend: Store) -> Store:
    store_backend.repository.import_finished(hearing_day_records(), "test")
    return store_backend


@pytest.mark.parametrize("filtered", [False, True], ids=["whole-days", "live"])
def test_the_join_rate_is_over_hearing_day_assistance_only(store: Store, filtered: bool) -> None:
    filters = dataclasses.replace(FILTERS, court="朝阳法院") if filtered else FILTERS
    for _twice in range(2):  # the second report reads the day caches the first one filled
        data = build_report(store.reports, filters).to_json()
        assert (data["assisted"], data["joined"], data["joined_rate"]) == (2, 2, 1.0)
        assert data["outcomes"] == {"joined": 2}
        assert data["visit_count"] == 3 and data["preparation_visits"] == 1
        assert data["visits"]["preparation"]["visits"] == 1
        assert data["visits"]["preparation"]["ready"] == 1
        assert sum(day["assisted"] for day in data["by_day"]) == 2
        assert sum(day["joined"] for day in data["by_day"]) == 2
        assert sum(day["preparation"] for day in data["by_day"]) == 1
        # Ratings and the desk's busy hours count every visit (the preparation visit's rating).
        assert data["satisfaction"]["responses"] == 1
        assert data["satisfaction"]["response_rate"] == round(1 / 3, 4)
        assert sum(map(sum, data["load_weekday_hour"])) == 3
        assert data["visits"]["rating"]["litigant_response_rate"] == round(1 / 3, 4)


def test_a_period_bar_drills_down_to_the_hearing_day_records_it_counts(store: Store) -> None:
    from hearing_helper.domain.report_filters import Drill

    total, rows = store.reports.drill(FILTERS, Drill("period", ("2026-05-11",)), 50)
    assert total == 2 and len(rows) == 2
    assert {row[8] for row in rows} == {"joined"}
