"""The PostgreSQL schema: numbered migrations, applied in order, each in one transaction.

A database whose schema is newer than this version understands is refused before anything is
written to it. Two programs migrating at once wait on one advisory lock (it changes no data), so
a migration never runs twice.
"""

from __future__ import annotations

from importlib import resources

import psycopg

from hearing_helper.store.errors import NewerDatabaseError

# Any number; only programs of Hearing Helper take this advisory lock.
MIGRATION_LOCK_KEY = 0x4848_0001


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("hearing_helper.store.postgres") / "migrations"
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            found.append((int(name[:3]), entry.read_text(encoding="utf-8")))
    return sorted(found)


MIGRATIONS = _migrations()
SCHEMA_VERSION = MIGRATIONS[-1][0]


def stored_version(conn: psycopg.Connection) -> int:
    """The schema version of the connected database (0: none yet). Reads only."""
    exists = conn.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").fetchone()
    if not exists or not exists[0]:
        return 0
    row = conn.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
    return int(row[0]) if row else 0


def check_not_newer(conn: psycopg.Connection, location: str) -> int:
    found = stored_version(conn)
    if found > SCHEMA_VERSION:
        raise NewerDatabaseError(location, found, SCHEMA_VERSION)
    return found


def migrate(conn: psycopg.Connection, location: str) -> int:
    """Bring the schema up to SCHEMA_VERSION; returns the version found before.

    ``conn`` is in autocommit mode; each migration runs in its own transaction with the
    advisory lock held, and re-reads the version under the lock."""
    before = check_not_newer(conn, location)
    for number, script in MIGRATIONS:
        if number <= before:
            continue
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", [MIGRATION_LOCK_KEY])
            current = check_not_newer(conn, location)
            if number <= current:
                continue
            conn.execute(script.encode("utf-8"))  # a whole script: no parameters
            conn.execute("INSERT INTO schema_migrations (version) VALUES (%s)", [number])
    return before
