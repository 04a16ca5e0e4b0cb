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


# Issue 22 gave both databases one number space: number N is the same change on every side that
# has it. A server migrated before that recorded its changes under PostgreSQL's own numbers; this
# maps them to their numbers now. Only such a server has version 2 (PostgreSQL has no 002 now).
OLD_NUMBERS_MARK = 2
RENUMBERED = {2: 3, 3: 4, 4: 5, 5: 6}


def _applied(conn: psycopg.Connection) -> set[int]:
    exists = conn.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").fetchone()
    if not exists or not exists[0]:
        return set()
    return {int(row[0]) for row in conn.execute("SELECT version FROM schema_migrations")}


def in_current_numbers(applied: set[int]) -> set[int]:
    """The applied versions in today's numbering (a server from before issue 22 has old ones)."""
    if OLD_NUMBERS_MARK not in applied:
        return applied
    return {RENUMBERED.get(number, number) for number in applied}


def stored_version(conn: psycopg.Connection) -> int:
    """The schema version of the connected database (0: none yet), in today's numbering. Reads
    only: a server not yet renumbered reads as the version it has in today's numbers."""
    return max(in_current_numbers(_applied(conn)), default=0)


def _renumber_old_server(conn: psycopg.Connection) -> None:
    """Rewrite an old server's migration numbers to today's (one transaction, under the lock)."""
    if OLD_NUMBERS_MARK not in _applied(conn):
        return
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", [MIGRATION_LOCK_KEY])
        if OLD_NUMBERS_MARK not in _applied(conn):
            return  # another program renumbered it meanwhile
        for old in sorted(RENUMBERED, reverse=True):  # 5->6 first: never two rows of one number
            conn.execute(
                "UPDATE schema_migrations SET version = %s WHERE version = %s",
                [RENUMBERED[old], old],
            )


def check_not_newer(conn: psycopg.Connection, location: str) -> int:
    found = stored_version(conn)
    if found > SCHEMA_VERSION:
        raise NewerDatabaseError(location, found, SCHEMA_VERSION)
    return found


def migrate(conn: psycopg.Connection, location: str) -> int:
    """Bring the schema up to SCHEMA_VERSION; returns the version found before.

    ``conn`` is in autocommit mode; each migration runs in its own transaction with the
    advisory lock held, and re-reads the version under the lock. A server migrated before
    issue 22's one number space is renumbered first (see RENUMBERED)."""
    before = check_not_newer(conn, location)
    _renumber_old_server(conn)
    # By the set applied, not the highest: branches merged out of number order (the court
    # catalog's 8 before the court visits' 7) leave a server with 8 and without 7.
    applied = in_current_numbers(_applied(conn))
    for number, script in MIGRATIONS:
        if number in applied:
            continue
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", [MIGRATION_LOCK_KEY])
            check_not_newer(conn, location)
            if number in in_current_numbers(_applied(conn)):
                continue
            conn.execute(script.encode("utf-8"))  # a whole script: no parameters
            conn.execute("INSERT INTO schema_migrations (version) VALUES (%s)", [number])
    return before
