"""Databases made before the one number space upgrade to the same schema as a new one.

PostgreSQL numbered its migrations on its own until issue 22 (001 initial, 002 report day cache,
003 report day summary, 004 visits, 005 delivery function); today they are 001, 003, 004, 005,
006, as on SQLite. A server at any old number is renumbered and brought up to date; its rows
stay. SQLite kept its numbers; a desk at any of them upgrades as before.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
import pytest

from hearing_helper.store import open_repository, open_store
from hearing_helper.store.postgres import schema as pg_schema
from hearing_helper.store.sqlite import DB_FILENAME
from hearing_helper.store.sqlite import schema as sqlite_schema
from hearing_helper.store.sqlite.schema import split_sql
from tests.pg_cluster import PgCluster

# The PostgreSQL numbering before issue 22, by the files' names (frozen: it is history).
OLD_POSTGRES_NUMBERS = {
    1: "initial",
    2: "report_day_cache",
    3: "report_day_summary",
    4: "visits",
    5: "delivery_function",
}


def _pg_script(slug: str) -> str:
    from importlib import resources

    folder = resources.files("hearing_helper.store.postgres") / "migrations"
    (found,) = [entry for entry in folder.iterdir() if entry.name[4:] == f"{slug}.sql"]
    return found.read_text(encoding="utf-8")


def _old_server(url: str, old_version: int) -> None:
    """A server migrated by a program from before issue 22 up to ``old_version``, with a row."""
    with psycopg.connect(url, autocommit=True) as conn:
        for number in range(1, old_version + 1):
            conn.execute(_pg_script(OLD_POSTGRES_NUMBERS[number]).encode("utf-8"))
            conn.execute("INSERT INTO schema_migrations (version) VALUES (%s)", [number])
        conn.execute(
            "INSERT INTO staff (desk_id, staff_id, name) VALUES ('old-desk', 'S9', '老用户')"
        )


def _pg_schema(url: str) -> dict[str, list[tuple[object, ...]]]:
    queries = {
        "columns": "SELECT table_name, column_name, data_type, column_default, is_nullable "
        "FROM information_schema.columns WHERE table_schema = 'public'",
        "indexes": "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'",
        "constraints": "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
        "FROM pg_constraint WHERE connamespace = 'public'::regnamespace",
        "functions": "SELECT proname, md5(prosrc) FROM pg_proc "
        "WHERE pronamespace = 'public'::regnamespace",
        "triggers": "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal",
        "versions": "SELECT version FROM schema_migrations",
    }
    with psycopg.connect(url) as conn:
        return {name: sorted(conn.execute(sql).fetchall()) for name, sql in queries.items()}


@pytest.mark.parametrize("old_version", sorted(OLD_POSTGRES_NUMBERS))
def test_a_server_at_an_old_number_upgrades_to_the_schema_of_a_new_one(
    old_version: int, pg_cluster: PgCluster, pg_url: str, data_dir: Path
) -> None:
    fresh_url = pg_cluster.url(pg_cluster.new_database())
    open_store(data_dir, fresh_url).close()
    _old_server(pg_url, old_version)
    store = open_store(data_dir, pg_url)
    assert store.repository.schema_version == pg_schema.SCHEMA_VERSION
    store.close()
    assert _pg_schema(pg_url) == _pg_schema(fresh_url)
    with psycopg.connect(pg_url) as conn:
        kept = conn.execute("SELECT name FROM staff WHERE staff_id = 'S9'").fetchone()
    assert kept == ("老用户",)


def test_an_old_server_reads_as_its_version_in_todays_numbers_before_it_is_touched(
    pg_url: str,
) -> None:
    """A desk checking the court's server (it may not migrate it) sees it up to date."""
    _old_server(pg_url, 5)
    with psycopg.connect(pg_url) as conn:
        assert pg_schema.stored_version(conn) == 6
        versions = [row[0] for row in conn.execute("SELECT version FROM schema_migrations")]
    assert sorted(versions) == [1, 2, 3, 4, 5]  # reading changed nothing


def test_todays_postgresql_numbers_never_use_the_old_numbering_mark() -> None:
    assert pg_schema.OLD_NUMBERS_MARK not in dict(pg_schema.MIGRATIONS)


def _sqlite_schema(path: Path) -> list[tuple[str, str, str]]:
    db = sqlite3.connect(path)
    try:
        found = db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
        return [(kind, name, " ".join((sql or "").split())) for kind, name, sql in found]
    finally:
        db.close()


@pytest.mark.parametrize("old_version", [number for number, _ in sqlite_schema.MIGRATIONS])
def test_a_desk_at_any_number_upgrades_to_the_schema_of_a_new_one(
    old_version: int, tmp_path: Path
) -> None:
    fresh = tmp_path / "fresh"
    open_repository(fresh).close()
    old = tmp_path / "old"
    old.mkdir()
    db = sqlite3.connect(old / DB_FILENAME)
    for number, script in sqlite_schema.MIGRATIONS:
        if number <= old_version:
            for statement in split_sql(script):
                db.execute(statement)
    db.execute(f"PRAGMA user_version={old_version}")
    db.execute("INSERT INTO staff (staff_id, name) VALUES ('S9', '老用户')")
    db.commit()
    db.close()
    repo = open_repository(old)
    assert repo.schema_version == sqlite_schema.SCHEMA_VERSION
    assert [profile.name for profile in repo.list_staff()] == ["老用户"]
    repo.close()
    assert _sqlite_schema(old / DB_FILENAME) == _sqlite_schema(fresh / DB_FILENAME)
