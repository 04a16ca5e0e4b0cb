"""The CSV export's stored per-row flag (issue 23, migration 011; store/csv_flag.py).

The export no longer checks every cell of every row: the database computes each row's flag when
the row is written, by whichever program writes it, and the export only compares it. These tests
hold the flag to that: the migration files are the generated checks of today's rules; the export
SELECT runs no check of its own; a row changed behind the app's back gets the flag of what it now
holds; a row without a flag (or whose flag says Python) is written by Python, byte-identical;
and a database upgraded to 011 has the flag of every row it already held. The byte-identity of
the whole file on hostile data is tests/test_export_csv_sql.py's.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import psycopg
import pytest

from hearing_helper.reports.csv_export import csv_plan, flag_migrations
from hearing_helper.store import open_store
from hearing_helper.store.csv_sql import MARKER
from hearing_helper.store.postgres import report_sql as pg_report_sql
from hearing_helper.store.sqlite import DB_FILENAME
from hearing_helper.store.sqlite import report_sql as sqlite_report_sql
from hearing_helper.store.sqlite.schema import MIGRATIONS, split_sql
from tests.reports_fixtures import raw_db, seeded_services, sqlite_repo
from tests.test_export_csv_sql import PERIOD, ROWS, _ordinary_records, _put_postgres, both_files

MIGRATION_FILES = {
    "sqlite": Path("hearing_helper/store/sqlite/migrations/011_csv_plain.sql"),
    "postgres": Path("hearing_helper/store/postgres/migrations/011_csv_plain.sql"),
}
ROOT = Path(__file__).resolve().parent.parent


def test_migration_011_is_the_generated_flag_of_todays_rules() -> None:
    """A change of the rules (reports/cells.py, domain/masking.py, the plan) without a new
    migration that redefines the flag fails here (tools/csv_flag_migrations.py writes them)."""
    for side, text in flag_migrations().items():
        assert (ROOT / MIGRATION_FILES[side]).read_text(encoding="utf-8") == text, side


@pytest.mark.parametrize("unmask", [False, True])
def test_the_line_select_runs_no_check_per_row(unmask: bool) -> None:
    """Both databases' line SELECTs compare the stored flag and only concatenate: no type,
    shape, GLOB or regular-expression check per cell or row (what cost 4x the export)."""
    plan = csv_plan(unmask=unmask)
    level = "1" if unmask else "2"
    for module in (sqlite_report_sql, pg_report_sql):
        lines, rest, _params = module.export_csv_selects(PERIOD, plan)
        for check in ("typeof", "GLOB", "REGEXP", " ~ ", "instr(", "translate("):
            assert check not in lines, (module.__name__, check)
        assert f"CASE WHEN a.csv_plain >= {level} THEN" in lines
        assert f"NOT coalesce(hh_flag >= {level}," in rest


def _flag(conn: sqlite3.Connection | psycopg.Connection[Any], record_id: str) -> Any:
    mark = "?" if isinstance(conn, sqlite3.Connection) else "%s"
    row = conn.execute(f"SELECT csv_plain FROM assists WHERE id = {mark}", [record_id]).fetchone()
    assert row is not None
    return row[0]


CHANGES = [  # (column, value, flag): what a hand-edit of one cell makes of the flag
    ("case_number", "（2026）京0105民初1234号", 2),
    ("phone", "010-12345678", 1),  # a landline: masked by Python, shown as it is unmasked
    ("court", "身份证110101199003077777", 1),  # an ID number in free text: masked by Python
    ("litigant_name", "=HYPERLINK(1)", 0),
    ("clerk_name", "李静 ", 0),  # ends with whitespace
    ("role", "a,b", 0),
    ("hearing_at", "2026-02-30T10:00:00", 0),
    ("hearing_at", "2026-12-31T23:59:59+08:00", 2),
    ("ended_at", "2024-02-29T10:00:00", 0),  # a leap day: Python knows leap years
]


def test_sqlite_flag_follows_every_write_by_any_program(data_dir: Path) -> None:
    services = seeded_services(data_dir, _ordinary_records())
    try:
        path = sqlite_repo(services).path
        conn = sqlite3.connect(path)  # another program: no function of the app registered
        (record_id,) = conn.execute("SELECT id FROM assists ORDER BY started_at").fetchone()
        assert _flag(conn, record_id) == 2  # written by the app
        for column, value, flag in CHANGES:
            with conn:
                before = conn.execute(f"SELECT {column} FROM assists WHERE id = ?", [record_id])
                (old,) = before.fetchone()
                conn.execute(f"UPDATE assists SET {column} = ? WHERE id = ?", [value, record_id])
                assert _flag(conn, record_id) == flag, (column, value)
                conn.execute(f"UPDATE assists SET {column} = ? WHERE id = ?", [old, record_id])
                assert _flag(conn, record_id) == 2
        with conn:  # damaged cells: SQLite keeps a value of any type
            conn.execute("UPDATE assists SET satisfaction = 4.5 WHERE id = ?", [record_id])
        assert _flag(conn, record_id) == 0
        conn.close()
    finally:
        services.close()


def test_sqlite_rows_without_a_flag_are_written_by_python(data_dir: Path, tmp_path: Path) -> None:
    """A flag that is absent (NULL) or says Python is never trusted: every row is written
    from its raw row by the Python writer, and the file is the old writer's."""
    services = seeded_services(data_dir, _ordinary_records())
    try:
        conn = sqlite3.connect(sqlite_repo(services).path)
        with conn:
            conn.execute("UPDATE assists SET case_number = '=1+1'")
        conn.close()
        for flag in ("NULL", "0"):
            lines, rest, params = sqlite_report_sql.export_csv_selects(PERIOD, csv_plan())
            lines = lines.replace("a.csv_plain >=", f"{flag} >=")
            rest = rest.replace("a.csv_plain AS hh_flag", f"{flag} AS hh_flag")
            look = raw_db(services)
            assert {row[0] for row in look.execute(lines, params)} == {MARKER.encode()}
            assert len(look.execute(rest, params).fetchall()) == ROWS
            look.close()
        old, new = both_files(services.store, tmp_path, {"unmask": False})
        assert new == old
        assert b"'=1+1" in new
    finally:
        services.close()


def test_sqlite_export_reads_the_flag_in_order_from_its_index(data_dir: Path) -> None:
    """The year's lines walk the flag's index (started_at, id, csv_plain): no sort, and the
    flag is not computed again per row."""
    services = seeded_services(data_dir, _ordinary_records())
    try:
        lines, _rest, params = sqlite_report_sql.export_csv_selects(PERIOD, csv_plan())
        look = raw_db(services)
        plan = " | ".join(row[3] for row in look.execute(f"EXPLAIN QUERY PLAN {lines}", params))
        look.close()
        assert "USING INDEX assists_csv_plain" in plan, plan
        assert "TEMP B-TREE" not in plan, plan
    finally:
        services.close()


def test_sqlite_upgrade_to_011_flags_the_rows_already_there(tmp_path: Path) -> None:
    path = tmp_path / DB_FILENAME
    conn = sqlite3.connect(path)
    for number, script in MIGRATIONS:
        if number >= 11:
            break
        for statement in split_sql(script):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version={number}")
    row = {
        "id": "r1", "version": 1, "status": "finished", "staff_id": "S1", "clerk_name": "李静",
        "litigant_name": "王小明", "phone": "13812345678", "started_at": "2026-03-01T09:00:00",
        "updated_at": "2026-03-01T09:10:00", "duration_s": 600,
    }  # fmt: skip
    for record_id, phone in (("r1", "13812345678"), ("r2", "010-12345678"), ("r3", "=1")):
        values = {**row, "id": record_id, "phone": phone}
        marks = ", ".join("?" * len(values))
        conn.execute(
            f"INSERT INTO assists ({', '.join(values)}) VALUES ({marks})", list(values.values())
        )
    conn.commit()
    conn.close()
    store = open_store(tmp_path)  # migrates to today's version
    store.close()
    conn = sqlite3.connect(path)
    assert [_flag(conn, r) for r in ("r1", "r2", "r3")] == [2, 1, 0]
    conn.close()


def test_postgres_flag_is_computed_by_the_server_for_any_writer(
    pg_url: str, tmp_path: Path
) -> None:
    store = open_store(tmp_path / "desk", pg_url)  # migrates the test database
    try:
        _put_postgres(pg_url, [{}] * ROWS)  # rows inserted by hand, not through hh_deliver()
        with psycopg.connect(pg_url) as conn:
            assert _flag(conn, "r0") == 2
            for column, value, flag in CHANGES:
                before = conn.execute(f"SELECT {column} FROM assists WHERE id = 'r0'")
                (kept,) = before.fetchone() or (None,)
                conn.execute(f"UPDATE assists SET {column} = %s WHERE id = 'r0'", [value])
                assert _flag(conn, "r0") == flag, (column, value)
                conn.execute(f"UPDATE assists SET {column} = %s WHERE id = 'r0'", [kept])
                assert _flag(conn, "r0") == 2
            conn.execute("UPDATE assists SET phone = '010-12345678' WHERE id = 'r1'")
        old, new = both_files(store, tmp_path, {"unmask": True})
        assert new == old
    finally:
        store.close()
