"""Migrations share one number space: number N is the same change on every side that has it.

A side that does not need change N has no file N. What can be checked mechanically is checked on
real databases: each side's migrations are applied one at a time and the tables and columns each
number brings are read back; every table and column both sides have must arrive under the same
number. (Indexes are left out: each database indexes for its own planner, under its own number.)
Where both sides' files name the issue they come from, the issues must agree.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable

import psycopg
import pytest

from hearing_helper.store.postgres import schema as pg_schema
from hearing_helper.store.sqlite import schema as sqlite_schema
from hearing_helper.store.sqlite.schema import split_sql

Arrivals = dict[tuple[str, str], int]  # (table, column or "") -> number that brought it


def _file_names(package: str) -> list[str]:
    from importlib import resources

    folder = resources.files(package) / "migrations"
    return sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".sql"))


def _arrivals(steps: Iterable[tuple[int, set[tuple[str, str]]]]) -> Arrivals:
    arrived: Arrivals = {}
    for number, present in steps:
        for key in present:
            arrived.setdefault(key, number)
    return arrived


def _sqlite_objects(db: sqlite3.Connection) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    tables = db.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    for (table,) in tables:
        if table.startswith("sqlite_"):
            continue
        found.add((table, ""))
        for row in db.execute(f'PRAGMA table_info("{table}")'):
            found.add((table, row[1]))
    return found


def sqlite_arrivals() -> Arrivals:
    db = sqlite3.connect(":memory:")
    steps = []
    for number, script in sqlite_schema.MIGRATIONS:
        for statement in split_sql(script):
            db.execute(statement)
        steps.append((number, _sqlite_objects(db)))
    db.close()
    return _arrivals(steps)


def _pg_objects(conn: psycopg.Connection) -> set[tuple[str, str]]:
    rows = conn.execute(
        "SELECT c.table_name, c.column_name FROM information_schema.columns c "
        "JOIN information_schema.tables t USING (table_schema, table_name) "
        "WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'"
    ).fetchall()
    return {(table, "") for table, _ in rows} | {(table, column) for table, column in rows}


def pg_arrivals(url: str) -> Arrivals:
    steps = []
    with psycopg.connect(url, autocommit=True) as conn:
        for number, script in pg_schema.MIGRATIONS:
            conn.execute(script.encode("utf-8"))
            steps.append((number, _pg_objects(conn)))
    return _arrivals(steps)


def _issues(script: str) -> set[str]:
    """The issues a migration's opening comment names ("issue 13", "issues 12 and 24")."""
    header = []
    for line in script.splitlines():
        if not line.startswith("--"):
            break
        header.append(line)
    text = " ".join(header)
    found: set[str] = set()
    for match in re.finditer(r"issues? ((?:\d+(?:, | and | & )?)+)", text):
        found.update(re.findall(r"\d+", match.group(1)))
    return found


@pytest.mark.parametrize(
    "package", ["hearing_helper.store.sqlite", "hearing_helper.store.postgres"]
)
def test_each_side_uses_a_number_once(package: str) -> None:
    names = _file_names(package)
    numbers = [name[:3] for name in names]
    assert all(re.fullmatch(r"\d{3}_[a-z0-9_]+\.sql", name) for name in names), names
    assert len(numbers) == len(set(numbers)), f"a number used twice in {package}: {names}"


def test_shared_tables_and_columns_arrive_under_one_number(pg_url: str) -> None:
    on_sqlite = sqlite_arrivals()
    on_postgres = pg_arrivals(pg_url)
    shared = on_sqlite.keys() & on_postgres.keys()
    assert ("assists", "kind") in shared and ("report_day_cache", "") in shared  # not vacuous
    differing = sorted(
        f"{table}.{column or '*'}: SQLite {on_sqlite[(table, column)]:03d}, "
        f"PostgreSQL {on_postgres[(table, column)]:03d}"
        for table, column in shared
        if on_sqlite[(table, column)] != on_postgres[(table, column)]
    )
    assert not differing, "one change under two numbers:\n" + "\n".join(differing)


def test_a_number_on_both_sides_comes_from_one_issue() -> None:
    sqlite_scripts = dict(sqlite_schema.MIGRATIONS)
    postgres_scripts = dict(pg_schema.MIGRATIONS)
    disagree = []
    for number in sorted(sqlite_scripts.keys() & postgres_scripts.keys()):
        on_sqlite = _issues(sqlite_scripts[number])
        on_postgres = _issues(postgres_scripts[number])
        if on_sqlite and on_postgres and not on_sqlite & on_postgres:
            disagree.append(f"{number:03d}: issues {on_sqlite} vs {on_postgres}")
    assert not disagree, "\n".join(disagree)


def test_the_checks_can_fail() -> None:
    """A shared column under two numbers, and two issues under one number, are both seen."""
    moved = {("assists", "kind"): 5, ("assists", ""): 1}
    elsewhere = {("assists", "kind"): 4, ("assists", ""): 1}
    shared = moved.keys() & elsewhere.keys()
    assert [key for key in shared if moved[key] != elsewhere[key]] == [("assists", "kind")]
    assert _issues("-- Hearing Helper schema 005: visits (issue 13).\nALTER ...") == {"13"}
    assert _issues("-- 006 (issues 12 and 24): x\n") == {"12", "24"}
    assert not _issues("-- version 1.\n")
