"""The visit figures (issue 13) on a hand-counted scenario: the independent oracle first."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from hearing_helper.demo import generate_records
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.reports import rows
from hearing_helper.reports.aggregate import build_report
from hearing_helper.store import open_store
from tests.visits_oracle import visit_figures as visit_figures_oracle
from tests.visits_scenario import EXPECTED, NOW, PERIOD, scenario_records

END = datetime(2026, 11, 27, 18, 0, tzinfo=timezone(timedelta(hours=8)))  # the demo's end


def test_the_scenario_is_made_of_finishable_records() -> None:
    for record in scenario_records():
        assert record.finish_problems() == [], record.id
        assert record.intake.validate(now=record.started_at) == [], record.id


def test_the_oracle_counts_the_scenario_as_counted_by_hand() -> None:
    figures = visit_figures_oracle(
        scenario_records(), date_from=PERIOD[0], date_to=PERIOD[1], now=NOW
    )
    assert figures == EXPECTED


def _rounded(value: object, digits: int = 4) -> object:
    """Rates to 4 digits, averages to 2, as the report prints them."""
    if isinstance(value, dict):
        return {
            key: _rounded(item, 2 if key.endswith("_average") else 4) for key, item in value.items()
        }
    if isinstance(value, float):
        return round(value, digits)
    return value


def test_the_store_counts_the_scenario_as_counted_by_hand(data_dir: Path) -> None:
    store = open_store(data_dir)
    try:
        store.repository.import_finished(scenario_records(), "test")
        filters = ReportFilters(PERIOD[0], PERIOD[1])
        figures = build_report(store.reports, filters, now=NOW).visits
        in_utc = build_report(store.reports, filters, now=NOW.astimezone(UTC)).visits
        report = build_report(store.reports, filters, now=NOW).to_json()
    finally:
        store.close()
    assert figures == _rounded(EXPECTED)
    assert in_utc == figures  # the same instant on a desk PC set to another time zone
    assert report["visits"] == figures


def test_the_store_agrees_with_the_oracle_on_demo_data(data_dir: Path) -> None:
    records = list(generate_records(3000, seed=21, visits=True, days=90))
    store = open_store(data_dir)
    try:
        store.repository.import_finished(records, "test")
        for date_from, date_to, court in (
            (date(2026, 9, 1), date(2026, 11, 30), ""),
            (date(2026, 10, 1), date(2026, 10, 31), ""),
            (date(2026, 9, 1), date(2026, 11, 30), "河北省故城县人民法院"),
        ):
            filters = ReportFilters(date_from, date_to, court=court)
            got = build_report(store.reports, filters, now=END).visits
            chosen = [r for r in records if not court or r.intake.court == court]
            expected = _rounded(
                visit_figures_oracle(chosen, date_from=date_from, date_to=date_to, now=END)
            )
            assert got == expected, (date_from, date_to, court)
    finally:
        store.close()


def test_exports_know_the_kind_the_way_to_join_the_follow_up_and_who_rated(
    data_dir: Path,
) -> None:
    def chinese(context: str, text: str) -> str:
        return {
            ("visits", "Preparation (hearing later)"): "庭前准备（之后开庭）",
            ("visits", "Help desk PC at the court"): "在法院用窗口电脑",
        }.get((context, text), text)

    store = open_store(data_dir)
    try:
        store.repository.import_finished(scenario_records(), "test")
        filters = ReportFilters(PERIOD[0], PERIOD[1])
        titles = rows.header()
        exported = {
            row[0][-1]: dict(zip(titles, row, strict=True))
            for row in rows.iter_rows(store.reports, filters, translate=chinese)
        }
    finally:
        store.close()
    a, e = exported["1"], exported["7"]
    assert a["Visit"] == "庭前准备（之后开庭）" and a["Way to join"] == "在法院用窗口电脑"
    assert a["Preparation outcome"] == "Ready for the hearing"
    assert a["After the hearing"] == "Went ahead, joined on time"
    assert a["Rating given by"] == "Given by the litigant"
    assert e["Visit"] == "Hearing day" and e["Rating given by"] == "Entered by staff"
    assert e["Preparation outcome"] is None and e["Way to join"] is None
