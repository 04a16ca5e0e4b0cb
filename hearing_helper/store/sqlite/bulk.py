"""Bulk imports into SQLite (demo data, a desk's records moved in): indexes built once.

Inserting 100,000 records one batch after another kept 14 secondary indexes of the records'
tables up to date row by row, each a random write into a B-tree far larger than SQLite's page
cache. When many records go into a store that holds few, the import instead runs in one
transaction that drops those indexes, inserts, and builds each index once from sorted data at the
end (issue 23). The indexes are rebuilt from their own stored definitions, so a later migration
that adds or changes one needs no change here; a failure rolls the whole import back, indexes
included.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

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
