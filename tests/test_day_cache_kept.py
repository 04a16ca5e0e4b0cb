"""The desk's per-day report cache is kept at write time and holds the visit figures (issue 23).

A report after any write finds every day of its period cached and fresh (the days it had to
recompute are counted through SqliteReportSource's ``recomputed``), and its figures equal the
uncached computation: child facts and visit figures counted live over the period.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from hearing_helper.demo import generate_records
from hearing_helper.domain.enums import RecordStatus
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.domain.visit import FollowUp, FollowUpResult, VisitKind
from hearing_helper.reports.aggregate import build_report
from hearing_helper.store import Store, open_store
from hearing_helper.store.errors import IncompleteRecordError, RecordRuleError
from hearing_helper.store.report_source import ChildFacts, DayVisitSource, ReportSource
from hearing_helper.store.sqlite.report_source import SqliteReportSource
from tests.visits_scenario import NOW, scenario_records

DB_NAME = "hearing_helper.sqlite3"
YEAR = ReportFilters(date(2025, 12, 1), date(2026, 11, 30))
PERIODS = (YEAR, ReportFilters(date(2026, 11, 1), date(2026, 11, 30)))
PHONES = [f"1380000{n:04d}" for n in range(12)]  # a few litigants who come back often


class Live:
    """The report source with its cache out of the way: child facts and visit figures
    counted live over the period (the direct computation the cache must agree with)."""

    def __init__(self, source: ReportSource, filters: ReportFilters) -> None:
        self._source = source
        self._filters = filters

    def __getattr__(self, name: str) -> Any:
        if name in ("day_facts_with_visits",):
            raise AttributeError(name)
        return getattr(self._source, name)

    def day_facts(self, signatures: Mapping[str, str]) -> ChildFacts:
        return self._source.child_facts(self._filters)


def records(count: int, seed: int) -> list[Any]:
    """Demo visits over the year, their phones from a small pool so litigants come back."""
    rng = random.Random(seed)
    found = list(generate_records(count, seed, visits=True, days=330))
    for record in found:
        record.intake.phone = rng.choice([*PHONES, ""])
    return found


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    opened = open_store(data_dir)
    yield opened
    opened.close()


def counted(data_dir: Path) -> tuple[SqliteReportSource, list[str]]:
    days: list[str] = []
    return SqliteReportSource(data_dir / DB_NAME, recomputed=days.extend), days


def assert_cached_equals_live(source: SqliteReportSource, recomputed: list[str]) -> None:
    for filters in PERIODS:
        cached = build_report(source, filters, now=NOW).to_json()
        assert recomputed == [], f"a report recomputed {recomputed} after a write"
        live = build_report(Live(source, filters), filters, now=NOW).to_json()
        assert cached == live, filters


def test_the_desk_keeps_visit_figures_per_day(data_dir: Path) -> None:
    source, _ = counted(data_dir)
    assert isinstance(source, DayVisitSource)


def test_a_report_after_each_kind_of_write_recomputes_no_day(store: Store, data_dir: Path) -> None:
    repo = store.repository
    repo.import_finished([*scenario_records(), *records(150, 3)], "test")
    source, recomputed = counted(data_dir)
    assert_cached_equals_live(source, recomputed)

    draft = records(1, 99)[0]
    draft.status, draft.version = RecordStatus.DRAFT, 0
    repo.save_draft(draft)
    assert_cached_equals_live(source, recomputed)

    finished = records(1, 98)[0]
    finished.status, finished.intake.phone = RecordStatus.DRAFT, PHONES[1]
    repo.finish(finished, "S1")
    assert_cached_equals_live(source, recomputed)

    moved = repo.get(finished.id)  # to another day, another litigant: both days change
    moved.started_at -= timedelta(days=40)
    moved.ended_at = moved.started_at + timedelta(minutes=30)
    moved.intake.phone = PHONES[0]
    repo.correct(moved, "S1", "wrong day typed")
    assert_cached_equals_live(source, recomputed)

    repo.discard_draft(draft.id, "S1")
    assert_cached_equals_live(source, recomputed)

    pending = [
        r for r in scenario_records() if r.kind == VisitKind.PREPARATION and r.follow_up is None
    ]
    repo.record_follow_up(pending[0].id, FollowUp(FollowUpResult.ON_TIME, NOW, "S1"), "S1")
    assert_cached_equals_live(source, recomputed)


def test_a_hearing_day_linked_to_a_deleted_draft_preparation(store: Store, data_dir: Path) -> None:
    """A hearing-day record counts as prepared while its preparation visit exists, even as a
    draft: discarding that draft changes another day's figures."""
    repo = store.repository
    preparation, hearing_day = records(2, 5)
    preparation.kind = VisitKind.PREPARATION
    preparation.status, preparation.version = RecordStatus.DRAFT, 0
    preparation.started_at = hearing_day.started_at - timedelta(days=3)
    repo.save_draft(preparation)
    hearing_day.kind = VisitKind.HEARING_DAY
    hearing_day.previous_record_id = preparation.id
    repo.import_finished([hearing_day], "test")
    source, recomputed = counted(data_dir)
    before = build_report(source, YEAR, now=NOW).visits
    repo.discard_draft(preparation.id, "S1")
    assert_cached_equals_live(source, recomputed)
    assert build_report(source, YEAR, now=NOW).visits != before  # not vacuous


def test_a_bulk_import_fills_the_cache_in_one_pass(data_dir: Path) -> None:
    from hearing_helper.store.sqlite.repository import SqliteRepository

    repo = SqliteRepository(data_dir / DB_NAME, import_batch=50, bulk_max_stored=10_000)
    try:
        repo.import_finished([*scenario_records(), *records(400, 8)], "test")
    finally:
        repo.close()
    source, recomputed = counted(data_dir)
    assert_cached_equals_live(source, recomputed)


def _raw(data_dir: Path, sql: str, params: tuple[Any, ...] = ()) -> None:
    with sqlite3.connect(data_dir / DB_NAME) as conn:
        conn.execute(sql, params)
    conn.close()


def test_a_day_changed_behind_the_cache_is_never_taken_for_fresh(
    store: Store, data_dir: Path
) -> None:
    store.repository.import_finished([*scenario_records(), *records(200, 4)], "test")
    source, recomputed = counted(data_dir)
    assert_cached_equals_live(source, recomputed)
    ids = [
        row[0]
        for row in sqlite3.connect(data_dir / DB_NAME).execute(
            "SELECT id FROM assists WHERE phone != '' ORDER BY id LIMIT 3"
        )
    ]
    # Moved to another day, a damaged date, a rating typed in: straight into the file.
    _raw(
        data_dir,
        "UPDATE assists SET started_at = '2026-06-15T08:00:00+08:00' WHERE id = ?",
        (ids[0],),
    )
    _raw(
        data_dir,
        "UPDATE assists SET started_at = '2026-06-45T08:00:00+08:00' WHERE id = ?",
        (ids[1],),
    )
    _raw(
        data_dir,
        "UPDATE assists SET satisfaction = 1, rating_source = 'staff' WHERE id = ?",
        (ids[2],),
    )
    cached = build_report(source, YEAR, now=NOW).to_json()
    assert "2026-06-15" in recomputed and "2026-06-45" in recomputed
    assert cached == build_report(Live(source, YEAR), YEAR, now=NOW).to_json()
    recomputed.clear()
    assert_cached_equals_live(source, recomputed)  # refilled: fresh from now on


def test_refill_day_cache_recomputes_a_range_in_place(store: Store, data_dir: Path) -> None:
    from hearing_helper.store.sqlite.day_cache import refill_day_cache

    store.repository.import_finished([*scenario_records(), *records(200, 6)], "test")
    with sqlite3.connect(data_dir / DB_NAME, isolation_level=None) as conn:
        conn.execute("BEGIN")
        conn.execute("UPDATE report_day_cache SET facts = '{}' WHERE day < '2026-07-01'")
        conn.execute("DELETE FROM report_day_phones")
        conn.execute("DELETE FROM report_day_cache WHERE day >= '2026-07-01'")
        assert refill_day_cache(conn, "2025-01-01", "2026-06-30") > 0
        assert refill_day_cache(conn, "2026-07-01", None) > 0
        conn.execute("COMMIT")
    conn.close()
    source, recomputed = counted(data_dir)
    assert_cached_equals_live(source, recomputed)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_cached_reports_equal_the_direct_computation_after_random_writes(
    data_dir: Path, seed: int
) -> None:
    rng = random.Random(seed)
    store = open_store(data_dir)
    try:
        repo = store.repository
        base = [*scenario_records(), *records(120, seed)]
        repo.import_finished(base, "test")
        source, recomputed = counted(data_dir)
        for step in range(12):
            action = rng.choice(["finish", "draft", "correct", "discard", "import"])
            record = records(1, seed * 1000 + step)[0]
            if action == "correct":
                stored = repo.get(rng.choice(base).id)
                stored.started_at += timedelta(days=rng.randrange(-60, 60))
                stored.ended_at = stored.started_at + timedelta(minutes=10)
                stored.intake.phone = rng.choice(PHONES)
                try:
                    repo.correct(stored, "S1", "fixed")
                except (IncompleteRecordError, RecordRuleError):
                    continue  # e.g. a next visit before the new day: the desk refuses it too
            elif action == "import":
                repo.import_finished(records(rng.randrange(1, 20), seed * 100 + step), "test")
            else:
                record.status, record.version = RecordStatus.DRAFT, 0
                record.intake.phone = rng.choice(PHONES)  # finishing needs one
                record.previous_record_id = rng.choice(base).id if rng.random() < 0.4 else ""
                repo.save_draft(record)
                if action == "finish":
                    repo.finish(record, "S1")
                elif action == "discard":
                    repo.discard_draft(record.id, "S1")
            assert_cached_equals_live(source, recomputed)
    finally:
        store.close()


def test_migration_010_fills_the_phone_rows_as_a_refill_does(store: Store, data_dir: Path) -> None:
    from hearing_helper.store.sqlite.day_cache import refill_day_cache
    from hearing_helper.store.sqlite.schema import MIGRATIONS, split_sql

    store.repository.import_finished([*scenario_records(), *records(300, 9)], "test")
    fill = [
        sql for sql in split_sql(dict(MIGRATIONS)[10]) if "INSERT INTO report_day_phones" in sql
    ]
    rows = "SELECT * FROM report_day_phones ORDER BY 1, 2, 3"
    with sqlite3.connect(data_dir / DB_NAME, isolation_level=None) as conn:
        conn.execute("BEGIN")
        refill_day_cache(conn)
        refilled = conn.execute(rows).fetchall()
        conn.execute("DELETE FROM report_day_phones")
        conn.execute(fill[0])
        migrated = conn.execute(rows).fetchall()
        conn.execute("ROLLBACK")
    conn.close()
    assert len(fill) == 1 and any(row[1] for row in refilled)  # returning litigants exist
    assert migrated == refilled
