"""Bulk imports into SQLite (demo data, a desk's records moved in): indexes built once, the file
written once.

Inserting 100,000 records one batch after another kept 14 secondary indexes of the records'
tables up to date row by row, each a random write into a B-tree far larger than SQLite's page
cache. When many records go into a store that holds few, the import instead runs in one
transaction that drops those indexes, inserts, and builds each index once from sorted data at the
end (issue 23). The indexes are rebuilt from their own stored definitions, so a later migration
that adds or changes one needs no change here; a failure rolls the whole import back, indexes
included.

Around that transaction (:func:`settings_for_load`) the file uses a rollback journal instead of
the WAL: through the WAL every page of a load is written twice (into the WAL at the commit, then
into the file at the checkpoint), while a rollback journal keeps only the few pages the file
held before, and new pages go straight into the file. It is as crash-safe: a process killed
mid-load leaves a hot journal, and the next connection rolls the file back to what it held
before the load (tests/test_bulk_load.py kills one). Foreign keys are not checked row by row
during the load (each child row comes from its own record in the same statement batch); the
desk's settings come back after the commit.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress

# The tables an import writes; their primary keys (and the unique constraints behind them) stay,
# since the import looks records up by id.
RECORD_TABLES = ("assists", "assist_steps", "assist_problems", "check_results", "record_versions")
# Page cache while building: the index sorts and the records' pages stay in memory (KiB).
BULK_CACHE_KIB = 128 * 1024


def drop_secondary_indexes(db: sqlite3.Connection) -> list[tuple[str, str]]:
    """Drop the secondary indexes of the records' tables; returns their (name, SQL) to build
    them again with :func:`create_indexes` (a paged restore keeps them until its last page)."""
    marks = ",".join("?" * len(RECORD_TABLES))
    indexes = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        f" AND tbl_name IN ({marks}) ORDER BY name",
        RECORD_TABLES,
    ).fetchall()
    for name, _sql in indexes:
        db.execute(f'DROP INDEX "{name}"')
    return [(str(name), str(sql)) for name, sql in indexes]


def create_indexes(db: sqlite3.Connection, indexes: list[tuple[str, str]]) -> None:
    """Build indexes dropped by :func:`drop_secondary_indexes`, each once, from sorted data."""
    cache = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
    try:
        for _name, sql in indexes:
            db.execute(sql)
    finally:
        db.execute(f"PRAGMA cache_size = {int(cache)}")


@contextmanager
def indexes_built_at_end(db: sqlite3.Connection) -> Iterator[None]:
    """Inside a transaction: drop the secondary indexes of the records' tables, and build them
    again when the block ends without an error (on an error the caller's rollback restores
    them)."""
    cache = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
    try:
        indexes = drop_secondary_indexes(db)
        yield
        create_indexes(db, indexes)
    finally:
        db.execute(f"PRAGMA cache_size = {int(cache)}")


def _pragma(db: sqlite3.Connection, name: str) -> str:
    return str(db.execute(f"PRAGMA {name}").fetchone()[0])


@contextmanager
def settings_for_load(db: sqlite3.Connection) -> Iterator[None]:
    """Outside any transaction, around the load's one transaction: a rollback journal instead
    of the WAL and no row-by-row foreign key checks; the connection's own settings after.

    The journal mode changes only when no other connection has the file open (SQLite refuses
    otherwise); the load then goes through the WAL, as safe and only slower."""
    journal = _pragma(db, "journal_mode")
    foreign_keys = _pragma(db, "foreign_keys")
    if journal == "wal":
        with suppress(sqlite3.OperationalError):  # another connection has the file open
            db.execute("PRAGMA journal_mode=DELETE").fetchone()
    db.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        db.execute(f"PRAGMA foreign_keys={foreign_keys}")
        if _pragma(db, "journal_mode") != journal:
            db.execute(f"PRAGMA journal_mode={journal}").fetchone()
