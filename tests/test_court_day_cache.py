"""The court's per-day report cache kept at delivery time (issue 23, PostgreSQL migration 010).

After desks deliver, a court-wide report finds every day current: it computes none (counted
through ``days_computed``, never by timing), and what it reads equals the same report counted
live from the records, visit figures included, also after corrections, records moved to another
day, links that arrive in a later batch than the record they touch, and conflicts. A write that
bypasses the delivery (an administrator's UPDATE) is still caught by the day's stamp.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest

from hearing_helper.demo import generate_records
from hearing_helper.domain.enums import Outcome
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.reports.aggregate import Report, build_report
from hearing_helper.store.postgres.connection import ServerAddress
from hearing_helper.store.postgres.court import CourtReportSource
from hearing_helper.store.report_source import ChildFacts
from tests.pg_cluster import PgCluster
from tests.sync_fixtures import Desk
from tests.test_sync_conflicts import _conflicting_copy
from tests.test_sync_roles import logins  # noqa: F401
from tests.visits_scenario import NOW, scenario_records

YEAR = ReportFilters(date(2025, 11, 1), date(2026, 11, 30))


class LiveSource(CourtReportSource):
    """The same report counted live from the records (no per-day cache at all)."""

    def _whole_days(self, filters: ReportFilters) -> bool:
        return False

    def day_facts(self, signatures: Mapping[str, str]) -> ChildFacts:
        return self.child_facts(YEAR)


def _report(source: CourtReportSource) -> dict[str, Any]:
    report: Report = build_report(source, YEAR, parallel=False, now=NOW)
    return dataclasses.asdict(report)


@pytest.fixture
def supervisor(logins: dict[str, str]) -> Iterator[CourtReportSource]:  # noqa: F811
    source = CourtReportSource(ServerAddress.from_url(logins["supervisor_login"]))
    yield source
    source.close()


def _cached_equals_live(source: CourtReportSource, url: str) -> int:
    """Assert the cached report equals the live one; returns the days the cached one computed."""
    before = source.days_computed
    cached = _report(source)
    computed = source.days_computed - before
    live = LiveSource(ServerAddress.from_url(url))
    try:
        assert cached == _report(live)
    finally:
        live.close()
    return computed


def _deliver(desk: Desk, url: str) -> None:
    result = desk.sender(url).push()
    assert result.ok, result.status.last_error


def test_deliveries_leave_every_day_current_and_equal_to_the_records(
    central: str,
    desks: list[Desk],
    logins: dict[str, str],  # noqa: F811
    supervisor: CourtReportSource,
) -> None:
    a, a_day, b1, b2, c, d, e, f = scenario_records()
    desks[0].repo.import_finished(generate_records(160, seed=71, visits=True, demo=False), "it")
    # The hearing day comes before the preparation visit it links to, and b1 before the visit
    # that supersedes it (each link reaches back to another day).
    desks[0].repo.import_finished([a_day, b1, c, d], "it")
    desks[1].repo.import_finished(generate_records(90, seed=72, visits=True, demo=False), "it")
    desks[1].repo.import_finished([e, f], "it")
    _deliver(desks[0], logins["desk_login_a"])
    _deliver(desks[1], logins["desk_login_b"])
    first = _report(supervisor)
    assert supervisor.days_computed == 0
    assert first["visits"]["follow_ups"]["due"] >= 1
    assert first["visits"]["follow_ups"]["overdue"] >= 1
    assert first["visits"]["repeat_visits"]["returning_litigants"] >= 1
    assert _cached_equals_live(supervisor, central) == 0

    desks[0].repo.import_finished([a, b2], "it")
    _deliver(desks[0], logins["desk_login_a"])
    assert _cached_equals_live(supervisor, central) == 0

    moved = desks[1].repo.get(e.id)
    moved.started_at -= timedelta(days=3)
    moved.outcome, moved.outcome_reason = Outcome.JOINED, None
    moved.satisfaction = 4
    desks[1].repo.correct(moved, "supervisor", "typed on the wrong day")
    _deliver(desks[1], logins["desk_login_b"])
    assert _cached_equals_live(supervisor, central) == 0


def test_a_conflict_and_its_settling_keep_the_cache_equal_to_the_records(
    central: str, desks: list[Desk], supervisor: CourtReportSource
) -> None:
    from hearing_helper.store.sync.conflicts import KEEP_SERVER, open_conflicts, settle

    desks[0].repo.import_finished(generate_records(40, seed=73, visits=True, demo=False), "it")
    _conflicting_copy(central, desks[0])
    assert desks[0].sender(central).push().status.conflicts == 1
    assert _cached_equals_live(supervisor, central) == 0
    conflict = open_conflicts(ServerAddress.from_url(central), desks[0].desk_id)[0]
    settle(desks[0].repo, conflict, KEEP_SERVER, "boss")
    _deliver(desks[0], central)
    assert _cached_equals_live(supervisor, central) == 0


def test_an_administrators_update_is_caught_by_the_days_stamp(
    central: str,
    desks: list[Desk],
    logins: dict[str, str],  # noqa: F811
    supervisor: CourtReportSource,
) -> None:
    desks[0].repo.import_finished(generate_records(60, seed=74, visits=True, demo=False), "it")
    _deliver(desks[0], logins["desk_login_a"])
    assert _cached_equals_live(supervisor, central) == 0
    with psycopg.connect(central) as conn:
        conn.execute(
            "UPDATE assists SET outcome = 'not_joined', satisfaction = 1, phone = '13900000000' "
            "WHERE id = (SELECT id FROM assists WHERE kind = 'hearing_day' ORDER BY id LIMIT 1)"
        )
    assert _cached_equals_live(supervisor, central) >= 1  # the supervisor's report stores it
    assert _cached_equals_live(supervisor, central) == 0


def test_a_delivery_stores_only_the_days_it_changed(
    central: str,
    desks: list[Desk],
    logins: dict[str, str],  # noqa: F811
    supervisor: CourtReportSource,
) -> None:
    """A day left stale by hand (in the year before the scenario's November) is not the next
    delivery's work: a desk's push never recomputes what other writes left behind."""
    desks[0].repo.import_finished(generate_records(60, seed=77, visits=True, demo=False), "it")
    _deliver(desks[0], logins["desk_login_a"])
    with psycopg.connect(central) as conn:
        conn.execute(
            "UPDATE assists SET satisfaction = 2 WHERE id = "
            "(SELECT id FROM assists WHERE started_at < '2026-10-01' ORDER BY started_at LIMIT 1)"
        )
    desks[1].repo.import_finished(scenario_records(), "it")
    _deliver(desks[1], logins["desk_login_b"])
    assert _cached_equals_live(supervisor, central) == 1


def test_a_delivery_into_days_above_the_cap_leaves_them_to_the_next_report(
    central: str,
    desks: list[Desk],
    logins: dict[str, str],  # noqa: F811
    pg_cluster: PgCluster,
    supervisor: CourtReportSource,
) -> None:
    """A delivery whose days hold more records than ``hh.day_refresh_cap`` (50,000 unless set)
    does not recompute them: the next report does, once."""
    desks[0].repo.import_finished(generate_records(60, seed=78, visits=True, demo=False), "it")
    _deliver(desks[0], logins["desk_login_a"])
    dbname = central.rsplit("/", 1)[1]
    pg_cluster.psql(f'ALTER DATABASE "{dbname}" SET hh.day_refresh_cap = 10', dbname)
    desks[1].repo.import_finished(generate_records(40, seed=79, visits=True, demo=False), "it")
    _deliver(desks[1], logins["desk_login_b"])
    assert _cached_equals_live(supervisor, central) > 0
    assert _cached_equals_live(supervisor, central) == 0


def test_a_bulk_load_in_sql_ends_with_one_pass_and_the_report_computes_nothing(
    central: str,
    desks: list[Desk],
    logins: dict[str, str],  # noqa: F811
    supervisor: CourtReportSource,
) -> None:
    desks[0].repo.import_finished(generate_records(50, seed=75, visits=True, demo=False), "it")
    _deliver(desks[0], logins["desk_login_a"])
    with psycopg.connect(central) as conn:
        conn.execute(
            "INSERT INTO assists (id, desk_id, version, status, staff_id, clerk_name, phone, "
            "started_at, updated_at, outcome, satisfaction, rating_source, duration_s) "
            "SELECT id || '-copy', desk_id, version, status, staff_id, clerk_name, phone, "
            "started_at, updated_at, outcome, satisfaction, rating_source, duration_s "
            "FROM assists"
        )
        conn.execute(
            "INSERT INTO assist_steps SELECT assist_id || '-copy', desk_id, step, status "
            "FROM assist_steps"
        )
        stored = conn.execute("SELECT hh_refresh_stale_report_days()").fetchone()
    assert stored is not None and stored[0] > 0
    assert _cached_equals_live(supervisor, central) == 0


def test_only_the_cache_functions_write_the_cache(
    central: str,
    desks: list[Desk],
    logins: dict[str, str],  # noqa: F811
    pg_cluster: PgCluster,
    tmp_path: Path,
) -> None:
    desks[0].repo.import_finished(generate_records(20, seed=76, visits=True, demo=False), "it")
    _deliver(desks[0], logins["desk_login_a"])
    for statement in (
        "DELETE FROM court_day_phones",
        "UPDATE report_day_summary SET visits = '{}'",
        "INSERT INTO court_day_phones (day, phone, visits) VALUES ('2026-01-01', '1', 1)",
    ):
        with (
            psycopg.connect(logins["supervisor_login"], autocommit=True) as conn,
            pytest.raises(psycopg.errors.InsufficientPrivilege),
        ):
            conn.execute(statement)
    for statement in (
        "SELECT count(*) FROM court_day_phones",  # phones: the supervisor's, not a desk's
        "SELECT hh_refresh_stale_report_days()",
        "SELECT * FROM hh_refresh_report_days(ARRAY['2026-01-01'])",
        "SELECT * FROM hh_report_days(ARRAY['2026-01-01'])",
    ):
        with (
            psycopg.connect(logins["desk_login_a"], autocommit=True) as conn,
            pytest.raises(psycopg.errors.InsufficientPrivilege),
        ):
            conn.execute(statement)
