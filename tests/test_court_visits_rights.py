"""What a desk login may learn of other desks (issue 21): nothing by SELECT, only masked and
bounded summaries through the server functions, logged and limited per hour."""

from __future__ import annotations

import subprocess

import psycopg
import pytest

from hearing_helper.domain.masking import mask_name, mask_phone
from hearing_helper.store.errors import StoreError
from tests.court_fixtures import (
    CASE,
    CLERK_A,
    CLERK_B,
    CourtDeskUnderTest,
    court_desks,  # noqa: F401
    finish_prepared,
)
from tests.pg_cluster import find_bindir

Desks = tuple[CourtDeskUnderTest, CourtDeskUnderTest]
DESK_TABLES = (
    "assists",
    "assist_steps",
    "assist_problems",
    "check_results",
    "record_versions",
    "audit_log",
    "exports",
    "conflicts",
    "deliveries",
    "staff",
)
COURT_TABLES = ("follow_up_claims", "follow_up_answers", "court_reads")


def psql(url: str, sql: str) -> subprocess.CompletedProcess[str]:
    """``sql`` run with psql as the login in ``url`` (what someone with the desk's password
    could type)."""
    command = [str(find_bindir() / "psql"), "-X", "-At", "-v", "ON_ERROR_STOP=1", "-d", url]
    return subprocess.run([*command, "-c", sql], capture_output=True, text=True, timeout=60)


def _owner(url: str) -> str:
    login = url.split("//", 1)[1].split("@", 1)[0]
    return url.replace(f"//{login}@", "//postgres@")


def test_the_desk_role_cannot_select_another_desks_rows(court_desks: Desks) -> None:  # noqa: F811
    a, b = court_desks
    record = finish_prepared(a.desk, CLERK_A)
    finish_prepared(b.desk, CLERK_B)
    a.sync()
    b.sync()
    assert b.court().claim(record.id, CLERK_B.staff_id).granted
    with psycopg.connect(_owner(a.url)) as owner:  # the rows are there
        assert owner.execute(
            "SELECT count(*) FROM assists WHERE desk_id = %s", (a.desk.desk_id,)
        ).fetchone() == (1,)
    for table in DESK_TABLES:
        done = psql(b.url, f"SELECT count(*) FROM {table} WHERE desk_id = '{a.desk.desk_id}'")
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "0", table
    done = psql(b.url, "SELECT count(*) FROM desks")
    assert done.stdout.strip() == "1"  # its own desk only
    for table in COURT_TABLES:
        done = psql(b.url, f"SELECT count(*) FROM {table}")
        assert done.returncode != 0 and "permission denied" in done.stderr, table
    for call in (
        f"SELECT hh_acting_desk('{a.desk.desk_id}')",
        f"SELECT hh_log_court_read('{b.desk.desk_id}', 'case', NULL)",
    ):
        done = psql(b.url, call)
        assert done.returncode != 0 and "permission denied" in done.stderr, call
    # Through the narrow function: masked, with the desk's name; nothing more.
    call = f"hh_court_visits('{b.desk.desk_id}', '{CASE}', NULL)"
    where = f"desk_id = '{a.desk.desk_id}'"
    done = psql(b.url, f"SELECT litigant_name, phone, desk_name FROM {call} WHERE {where}")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"王*国|139****5678|{a.name}"


def test_the_servers_masking_agrees_with_the_domain(court_desks: Desks) -> None:  # noqa: F811
    a, _b = court_desks
    names = ["王小明", "王明", "欧阳娜娜", "李", "", " 张三丰 ", "Li Ming", "阿卜杜热合曼·买买提"]
    phones = ["13812345678", "010-12345678", "0311-1234567", "021-87654321", "", "12345",
              "0311-1234567-88", "abc"]  # fmt: skip
    with psycopg.connect(_owner(a.url)) as owner:
        for name in names:
            row = owner.execute("SELECT hh_mask_name(%s)", (name,)).fetchone()
            assert row == (mask_name(name),), name
        for phone in phones:
            row = owner.execute("SELECT hh_mask_phone(%s)", (phone,)).fetchone()
            assert row == (mask_phone(phone),), phone


def test_a_desk_login_is_stopped_after_its_hourly_look_ups(court_desks: Desks) -> None:  # noqa: F811
    a, b = court_desks
    finish_prepared(a.desk, CLERK_A)
    a.sync()
    b.sync()
    assert len(b.court().earlier_visits(CASE, "")) == 1
    with psycopg.connect(_owner(a.url)) as owner:  # as if B had walked 599 more litigants
        owner.execute(
            "INSERT INTO court_reads (login, desk_id, what) SELECT 'court_desk_b', %s, 'phone' "
            "FROM generate_series(1, 599)",
            (b.desk.desk_id,),
        )
    with pytest.raises(StoreError, match="in the last hour"):
        b.court().earlier_visits(CASE, "")
    assert len(a.court().earlier_visits(CASE, "")) == 1  # another desk is not affected


def test_a_server_that_got_a_later_migration_first_still_gets_seven(pg_url: str) -> None:
    """Branches merge out of number order: a server at 8 without 7 gets 7 at the next init."""
    from hearing_helper.store.postgres.connection import ServerAddress, connect
    from hearing_helper.store.postgres.roles import COURT_FUNCTIONS, COURT_HELPERS, init_server
    from hearing_helper.store.postgres.schema import MIGRATIONS

    conn = connect(ServerAddress.from_url(pg_url))
    try:
        init_server(conn, pg_url)
        for function in (*COURT_FUNCTIONS, *COURT_HELPERS, "hh_mask_name(text)",
                         "hh_mask_phone(text)"):  # fmt: skip
            conn.execute(f"DROP FUNCTION {function}")
        conn.execute("DROP TABLE follow_up_claims, follow_up_answers, court_reads")
        # 12 replaces functions of 7 (it cannot be applied without 7): it goes with it.
        conn.execute("DELETE FROM schema_migrations WHERE version IN (7, 12)")
        init_server(conn, pg_url)
        versions = [row[0] for row in conn.execute("SELECT version FROM schema_migrations "
                                                    "ORDER BY 1")]  # fmt: skip
        found = conn.execute("SELECT to_regproc('hh_court_visits')").fetchone()
    finally:
        conn.close()
    assert versions == [number for number, _script in MIGRATIONS]
    assert found is not None and found[0] is not None
