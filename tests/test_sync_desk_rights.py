"""A desk login can only deliver (issue 24, finding 5). Whoever reads a desk's password from the
clerk's keyring and signs in with psql can neither rewrite the desk's history nor invent desks;
and what the court's reports read is checked against the delivered versions."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import psycopg
import pytest

from hearing_helper.store.postgres import delivery, rows
from hearing_helper.store.postgres.connection import ServerAddress, connect
from hearing_helper.store.postgres.delivery import deliver
from tests.pg_cluster import PgCluster
from tests.sync_fixtures import Desk, assert_delivered_exactly
from tests.test_pg_cli import hh
from tests.test_sync_roles import logins  # noqa: F401

TABLES = (
    "desks",
    "staff",
    "assists",
    "assist_steps",
    "assist_problems",
    "check_results",
    "record_versions",
    "audit_log",
    "exports",
    "conflicts",
    "deliveries",
    "report_day_summary",
    "court_day_phones",
    "report_day_stamps",
    "schema_migrations",
)
FORBIDDEN = [
    "UPDATE assists SET outcome = 'joined'",
    "UPDATE record_versions SET reason = 'x'",
    "DELETE FROM audit_log WHERE seq > 1",
    "DELETE FROM assists",
    "UPDATE desks SET name = 'renamed'",
    "INSERT INTO desks (desk_id, name) VALUES ('forged-desk', 'forged')",
    "INSERT INTO audit_log (desk_id, seq, at, actor, action, details, prev_hash, hash) "
    "SELECT desk_id, seq + 1000, at, actor, action, details, prev_hash, hash FROM audit_log",
    "INSERT INTO conflicts (desk_id, kind, item_key, stored_hash, incoming_hash, incoming) "
    "VALUES ('x', 'audit', 'seq 1', 'a', 'b', '{}')",
    "DELETE FROM conflicts",
    "INSERT INTO report_day_stamps (day, stamp) VALUES ('2026-01-01', 1)",
    "SELECT hh_refresh_stale_report_days()",
    *(f"TRUNCATE {table} CASCADE" for table in TABLES),
]


@pytest.fixture
def delivered(central: str, desks: list[Desk], logins: dict[str, str]) -> Desk:  # noqa: F811
    desks[0].demo(20, seed=61)
    assert desks[0].sender(logins["desk_login_a"]).push().ok
    return desks[0]


@pytest.mark.parametrize("statement", FORBIDDEN)
def test_a_desk_login_cannot_write_any_table_directly(
    central: str,
    delivered: Desk,
    logins: dict[str, str],  # noqa: F811
    statement: str,
) -> None:
    with (
        psycopg.connect(logins["desk_login_a"], autocommit=True) as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        conn.execute(statement)
    assert_delivered_exactly(central, [delivered])


def test_a_desk_login_cannot_call_the_merge_with_forged_staging_rows(
    central: str,
    delivered: Desk,
    desks: list[Desk],
    logins: dict[str, str],  # noqa: F811
) -> None:
    """Flipping outcomes through the delivery path: a record's row that disagrees with its
    delivered version is refused; so is a row of another desk id in the batch."""
    from hearing_helper.store.repository import HistoryQuery

    summary = delivered.repo.search(HistoryQuery(limit=1))[0]
    record = delivered.repo.get(summary.id)
    record.notes = "a real correction"
    delivered.repo.correct(record, "clerk", "notes")
    _keys, batch = delivered.outbox.next_batch(delivered.desk_id, "desk", 100)
    conn = connect(ServerAddress.from_url(logins["desk_login_a"]))
    try:
        real_row = rows.assist_row

        def flipped(*args: object) -> tuple[object, ...]:
            # The arguments are real_row's own, passed through unchanged.
            row = list(real_row(*args))  # type: ignore[arg-type]
            row[18] = "joined" if row[18] != "joined" else "not_joined"  # outcome
            return tuple(row)

        # A server-side row that disagrees with its version (the module's function swapped).
        rows.assist_row = flipped  # type: ignore[assignment]
        try:
            with pytest.raises(psycopg.errors.DataError, match="disagrees"):
                deliver(conn, batch, datetime.now().astimezone())
        finally:
            rows.assist_row = real_row
        other = desks[1]
        other.demo(3, seed=62)
        _k, foreign = other.outbox.next_batch(other.desk_id, "other", 100)
        with pytest.raises(psycopg.Error, match="bound to another desk"):
            deliver(conn, foreign, datetime.now().astimezone())
    finally:
        conn.close()
    with psycopg.connect(logins["desk_login_a"]) as raw:  # staging rows of another desk id
        raw.execute(delivery._STAGING)
        raw.execute(
            "INSERT INTO in_audit (desk_id, seq, at, actor, action, details, prev_hash, hash) "
            "VALUES ('someone-else', 1, 'x', 'x', 'x', '{}', 'x', 'x')"
        )
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="another desk"):
            raw.execute("SELECT * FROM hh_deliver(%s, 'd', now(), 1)", (delivered.desk_id,))
    assert delivered.sender(logins["desk_login_a"]).push().ok
    assert_delivered_exactly(central, [delivered])


def test_one_login_cannot_invent_a_second_desk(
    central: str,
    delivered: Desk,
    desks: list[Desk],
    logins: dict[str, str],  # noqa: F811
) -> None:
    desks[1].demo(5, seed=63)
    refused = desks[1].sender(logins["desk_login_a"]).push()
    assert not refused.ok and refused.status.error_code == "permission"
    assert "bound to another desk" in refused.status.last_error
    with psycopg.connect(central) as owner:
        assert owner.execute("SELECT count(*) FROM desks").fetchone() == (1,)
    assert desks[1].sender(logins["desk_login_b"]).push().ok  # its own login: fine


def test_court_it_binds_a_login_to_a_desk_before_its_first_delivery(
    central: str,
    desks: list[Desk],
    logins: dict[str, str],  # noqa: F811
) -> None:
    with psycopg.connect(central) as owner:
        owner.execute(
            "INSERT INTO desks (desk_id, name, login_role) VALUES (%s, 'desk 2', 'desk_login_b')",
            (desks[1].desk_id,),
        )
    desks[1].demo(4, seed=64)
    stolen = desks[1].sender(logins["desk_login_a"]).push()
    assert not stolen.ok and "bound to another login" in stolen.status.last_error
    assert desks[1].sender(logins["desk_login_b"]).push().ok


def test_verify_log_court_reports_a_silent_desk_and_rows_that_disagree_with_versions(
    central: str, pg_cluster: PgCluster, tmp_path: Path, desks: list[Desk]
) -> None:
    desk = desks[0]
    desk.demo(10, seed=65)
    assert desk.sender(central).push().ok
    verified = hh(desk.data_dir, "--central", central, "verify-log", "--scope", "court", "--json")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    with psycopg.connect(central) as owner:  # what an administrator's hand could still do
        owner.execute("INSERT INTO desks (desk_id, name) VALUES ('silent-desk', 'silent')")
        owner.execute(
            "UPDATE assists SET outcome = 'joined' WHERE id = "
            "(SELECT id FROM assists WHERE outcome <> 'joined' LIMIT 1)"
        )
    verified = hh(desk.data_dir, "--central", central, "verify-log", "--scope", "court", "--json")
    assert verified.returncode == 1
    data = json.loads(verified.stdout)
    assert data["desks"]["silent-desk"]["entries_checked"] == 0
    assert data["report_rows"]["disagreeing"] == 1
    text = hh(desk.data_dir, "--central", central, "verify-log", "--scope", "court")
    assert "silent-desk" in text.stdout + text.stderr
    assert "1 record" in text.stdout + text.stderr
