"""The SQLite schema: numbered migrations, and a look at an existing file that changes nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from importlib import resources
from pathlib import Path

from hearing_helper.store.errors import CorruptDatabaseError

SQLITE_MAGIC = b"SQLite format 3\x00"


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("hearing_helper.store.sqlite") / "migrations"
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            found.append((int(name[:3]), entry.read_text(encoding="utf-8")))
    return sorted(found)


MIGRATIONS = _migrations()
SCHEMA_VERSION = MIGRATIONS[-1][0]


def inspect_existing(path: Path) -> int:
    """Return the schema version of an existing file without changing a byte of it."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise CorruptDatabaseError(path, f"cannot open: {exc.strerror}") from exc
    if header != SQLITE_MAGIC:
        raise CorruptDatabaseError(path, "not a SQLite database")
    try:
        probe = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            version = probe.execute("PRAGMA user_version").fetchone()[0]
            probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            probe.close()
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(path, str(exc)) from exc
    return int(version)


def split_sql(script: str) -> list[str]:
    """Statements of a migration script (no semicolons inside our statements' literals). A
    ``CREATE TRIGGER`` runs to its line ``END;``: its body's statements end in semicolons."""
    statements: list[str] = []
    current: list[str] = []
    for line in script.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("--"):
            continue
        current.append(line)
        in_trigger = current[0].lstrip().upper().startswith("CREATE TRIGGER")
        ends = stripped.upper() == "END;" if in_trigger else stripped.endswith(";")
        if ends:
            statements.append("\n".join(current).strip().removesuffix(";").strip())
            current = []
    if current:
        statements.append("\n".join(current).strip())
    return [statement for statement in statements if statement]


def migrate(
    db: sqlite3.Connection,
    run_in_transaction: Callable[[], AbstractContextManager[sqlite3.Connection]],
) -> None:
    """Apply the migrations newer than the file's ``user_version``, each in a transaction."""
    current = db.execute("PRAGMA user_version").fetchone()[0]
    for number, script in MIGRATIONS:
        if number <= current:
            continue
        with run_in_transaction() as conn:
            for statement in split_sql(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version={number}")
