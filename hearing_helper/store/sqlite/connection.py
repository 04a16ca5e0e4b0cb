"""Opening SQLite connections, and turning sqlite3's exceptions into StoreErrors a person can
act on (a locked, read-only or damaged file), so no raw driver error leaves the adapter."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hearing_helper.store.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    ReadOnlyDatabaseError,
    StoreError,
)

# How long a write waits for another process's write lock before DatabaseLockedError.
BUSY_TIMEOUT_S = 5.0


def store_error(path: Path, exc: sqlite3.Error, waited_s: float = BUSY_TIMEOUT_S) -> StoreError:
    """The StoreError that says what ``exc`` means for the database at ``path``."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseLockedError(path, waited_s)
    if "readonly" in text or "read-only" in text or "read only" in text:
        return ReadOnlyDatabaseError(path)
    if "disk is full" in text or "disk i/o error" in text:
        return ReadOnlyDatabaseError(path, "the disk is full or failing")
    if "unable to open" in text:
        return ReadOnlyDatabaseError(path, "it cannot be opened")
    if "malformed" in text or "not a database" in text or "encrypted" in text:
        return CorruptDatabaseError(path, str(exc))
    return StoreError(
        f"The database {path} reported an error ({exc}). Nothing was changed; try again, "
        "and ask court IT if it keeps happening."
    )


@contextmanager
def translated(path: Path, waited_s: float = BUSY_TIMEOUT_S) -> Iterator[None]:
    """Re-raise sqlite3 errors inside the block as StoreErrors."""
    try:
        yield
    except sqlite3.Error as exc:
        raise store_error(path, exc, waited_s) from exc


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A separate read-only connection (reports, streamed exports), usable from any thread."""
    with translated(path):
        conn = sqlite3.connect(
            f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_S
        )
    return conn


def connect_writer(path: Path, timeout_s: float = BUSY_TIMEOUT_S) -> sqlite3.Connection:
    """A read-write connection in autocommit mode (transactions are explicit)."""
    with translated(path):
        return sqlite3.connect(
            path, check_same_thread=False, isolation_level=None, timeout=timeout_s
        )
