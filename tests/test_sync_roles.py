"""``server init`` roles: a desk login writes and reads only its own desks' rows; a supervisor
login reads everything and writes nothing; the court scope refuses a desk login."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import psycopg
import pytest

from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.store.errors import StoreError
from hearing_helper.store.postgres.connection import ServerAddress, connect
from hearing_helper.store.postgres.court import CourtReportSource
from hearing_helper.store.postgres.delivery import deliver
from tests.pg_cluster import PgCluster
from tests.sync_fixtures import Desk, assert_delivered_exactly

YEAR = ReportFilters(date_from=datetime(2025, 11, 1).date(), date_to=datetime(2026, 11, 30).date())


def _login(cluster: PgCluster, name: str, group: str) -> None:
    cluster.psql(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') THEN "
        f"CREATE ROLE {name} LOGIN IN ROLE {group}; END IF; END $$"
    )


@pytest.fixture
def logins(central: str, pg_cluster: PgCluster) -> dict[str, str]:
    _login(pg_cluster, "desk_login_a", "hh_desk")
    _login(pg_cluster, "desk_login_b", "hh_desk")
    _login(pg_cluster, "supervisor_login", "hh_supervisor")
    dbname = central.rsplit("/", 1)[1]
    return {
        name: pg_cluster.url(dbname, user=name)
        for name in ("desk_login_a", "desk_login_b", "supervisor_login")
    }


def test_each_desk_login_writes_and_sees_only_its_own_rows(
    central: str, desks: list[Desk], logins: dict[str, str]
) -> None:
    desks[0].demo(40, seed=31)
    desks[1].demo(30, seed=32)
    assert desks[0].sender(logins["desk_login_a"]).push().ok
    assert desks[1].sender(logins["desk_login_b"]).push().ok
    assert_delivered_exactly(central, desks)
    with psycopg.connect(logins["desk_login_b"]) as conn:
        seen = conn.execute("SELECT count(*), count(DISTINCT desk_id) FROM assists").fetchone()
    assert seen == (30, 1)


def test_a_desk_login_cannot_write_another_desks_rows(
    central: str, desks: list[Desk], logins: dict[str, str]
) -> None:
    desks[0].demo(5, seed=33)
    assert desks[0].sender(logins["desk_login_a"]).push().ok
    desks[1].demo(5, seed=34)
    _ids, batch = desks[1].outbox.next_batch(desks[0].desk_id, "forged", 100)  # A's desk id
    conn = connect(ServerAddress.from_url(logins["desk_login_b"]))
    try:
        with pytest.raises(psycopg.Error, match="bound to another login"):
            deliver(conn, replace(batch, desk_id=desks[0].desk_id), datetime.now().astimezone())
    finally:
        conn.close()
    with psycopg.connect(central) as owner:
        assert owner.execute("SELECT count(*) FROM assists").fetchone() == (5,)
        names = owner.execute("SELECT name FROM desks").fetchall()
    assert names == [("desk",)]


def test_supervisor_reads_everything_and_writes_nothing(
    central: str, desks: list[Desk], logins: dict[str, str]
) -> None:
    desks[0].demo(25, seed=35)
    desks[1].demo(15, seed=36)
    for desk, login in zip(desks, ("desk_login_a", "desk_login_b"), strict=True):
        assert desk.sender(logins[login]).push().ok
    court = CourtReportSource(ServerAddress.from_url(logins["supervisor_login"]))
    try:
        assert court.export_count(YEAR) == 40
        assert len(court.desks()) == 2
    finally:
        court.close()
    with psycopg.connect(logins["supervisor_login"]) as conn, pytest.raises(psycopg.Error):
        conn.execute("DELETE FROM audit_log")


def test_court_scope_refuses_a_desk_login_instead_of_a_partial_total(
    central: str, desks: list[Desk], logins: dict[str, str]
) -> None:
    desks[0].demo(5, seed=37)
    assert desks[0].sender(logins["desk_login_a"]).push().ok
    with pytest.raises(StoreError, match="may only see its own desk"):
        CourtReportSource(ServerAddress.from_url(logins["desk_login_a"]))


def test_a_login_that_may_not_create_roles_is_told_what_to_do(
    pg_cluster: PgCluster, pg_dbname: str
) -> None:
    from hearing_helper.store.postgres.roles import _create_role

    pg_cluster.psql(
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'plain_owner') THEN "
        "CREATE ROLE plain_owner LOGIN; END IF; END $$"
    )
    conn = connect(ServerAddress.from_url(pg_cluster.url(pg_dbname, user="plain_owner")))
    try:
        with pytest.raises(StoreError, match="CREATEROLE") as info:
            _create_role(conn, "hh_role_nobody_made")
    finally:
        conn.close()
    assert "CREATE ROLE hh_role_nobody_made NOLOGIN" in str(info.value)
