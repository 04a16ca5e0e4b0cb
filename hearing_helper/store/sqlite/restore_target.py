"""The SQLite file a restore fills: ``hearing_helper.sqlite3.restoring`` beside the desk's file.

A desk's history arrives in pages (store/postgres/pull.py). Each page is written in one
transaction together with the cursor that follows it (``sync_state``), so a pull cut at any
point continues from the last page applied and never writes a row twice. The file becomes the
desk's database only when it is whole and verified (the caller renames it), so an interrupted
restore never leaves a desk that looks complete.

Pages go in through the bulk paths: the records' secondary indexes are dropped when the file is
made and built once at the end (store/sqlite/bulk.py), and nothing pulled is queued in the
outbox (the server has it already). A record's row and its steps, problems and checks are made
from its newest delivered version, as the desk made them, so verify-log's row check holds.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hearing_helper.domain.record import AssistRecord
from hearing_helper.store.errors import StoreError
from hearing_helper.store.shared_rows import check_values, problem_values, step_values
from hearing_helper.store.sqlite import bulk, day_cache, rows
from hearing_helper.store.sqlite.connection import connect_readonly, translated
from hearing_helper.store.sqlite.repository import DB_FILENAME, SqliteRepository

RESTORING_FILENAME = DB_FILENAME + ".restoring"
_PREFIX = "restore."


def restoring_path(data_dir: Path) -> Path:
    return data_dir / RESTORING_FILENAME


class DamagedPageError(StoreError):
    pass


def stored_records(path: Path) -> int:
    """How many records (drafts included) the database file at ``path`` holds; 0 when there
    is no file. Read-only: an older file is not migrated by looking at it."""
    if not path.is_file() or path.stat().st_size == 0:
        return 0
    conn = connect_readonly(path)
    try:
        with translated(path):
            found = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'assists'"
            ).fetchone()[0]
            return int(conn.execute("SELECT count(*) FROM assists").fetchone()[0]) if found else 0
    finally:
        conn.close()


class RestoreTarget(SqliteRepository):
    """The restoring file, with what a restore needs beyond a repository: pages and cursors."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        # The file is not the desk's yet and a cut restore is simply continued: no fsync per
        # page (WAL keeps every commit atomic; a page lost to a power cut is pulled again).
        self._db.execute("PRAGMA synchronous=NORMAL")

    @contextmanager
    def _page(self) -> Iterator[sqlite3.Connection]:
        with self._transaction() as db:
            yield db
            db.execute("DELETE FROM outbox")  # the triggers queued what the server has

    # --- state --------------------------------------------------------------------------

    def state(self, name: str) -> Any:
        with self._read() as db:
            row = db.execute("SELECT value FROM sync_state WHERE key = ?", (_PREFIX + name,))
            found = row.fetchone()
        return json.loads(found[0]) if found else None

    def _set(self, db: sqlite3.Connection, name: str, value: Any) -> None:
        db.execute(
            "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)",
            (_PREFIX + name, json.dumps(value)),
        )

    def begin(self, desk_id: str) -> None:
        """Claim a new file for ``desk_id`` and drop the records' secondary indexes."""
        with self._transaction() as db:
            self._set(db, "desk_id", desk_id)
            self._set(db, "indexes", bulk.drop_secondary_indexes(db))

    def set_state(self, name: str, value: Any) -> None:
        with self._transaction() as db:
            self._set(db, name, value)

    def stored_rows(self) -> dict[str, int]:
        with self._read() as db:
            return {
                "audit": int(db.execute("SELECT count(*) FROM audit_log").fetchone()[0]),
                "versions": int(db.execute("SELECT count(*) FROM record_versions").fetchone()[0]),
                "exports": int(db.execute("SELECT count(*) FROM exports").fetchone()[0]),
                "records": int(db.execute("SELECT count(*) FROM assists").fetchone()[0]),
            }

    # --- pages --------------------------------------------------------------------------

    def apply_page(
        self, stream: str, page: Sequence[tuple[Any, ...]], cursor: list[Any], pulled: int
    ) -> None:
        """Write one page of ``stream`` and the cursor after it, in one transaction."""
        with self._page() as db, translated(self.path):
            if stream == "audit":
                db.executemany(rows.INSERT_AUDIT, page)
            elif stream == "versions":
                self._apply_versions(db, page)
            else:
                exports = [(r[1], r[2], r[3], r[4], r[5], r[6], int(r[7])) for r in page]
                db.executemany(rows.INSERT_EXPORT, exports)
            self._set(db, f"cursor.{stream}", cursor)
            self._set(db, f"pulled.{stream}", pulled)

    def _apply_versions(self, db: sqlite3.Connection, page: Sequence[tuple[Any, ...]]) -> None:
        newest: dict[str, tuple[int, str]] = {}
        for record_id, version, _at, _by, _reason, payload in page:
            newest[record_id] = (int(version), payload)  # ascending: the last one wins
        assist_rows, step_rows, problem_rows, check_rows = [], [], [], []
        for record_id, (version, payload) in newest.items():
            try:
                record = AssistRecord.from_dict(json.loads(payload))
            except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
                raise DamagedPageError(
                    f"Version {version} of record {record_id} on the central database cannot "
                    "be read as a record; nothing of this page was written. Court IT checks "
                    "the record's versions on the server."
                ) from None
            if version > 1:  # an older version may have come in an earlier page
                for statement in rows.DELETE_CHILDREN:
                    db.execute(statement, (record_id,))
            assist_rows.append(rows.assist_row(record, payload))
            step_rows += step_values(record)
            problem_rows += problem_values(record)
            check_rows += check_values(record)
        db.executemany(rows.UPSERT_ASSIST, assist_rows)
        db.executemany(rows.INSERT_VERSION, page)  # after its record's row (a foreign key)
        db.executemany(rows.INSERT_STEP, step_rows)
        db.executemany(rows.INSERT_PROBLEM, problem_rows)
        db.executemany(rows.INSERT_CHECK, check_rows)

    def build_indexes(self) -> None:
        """Build the indexes dropped by :meth:`begin`, once (a second call does nothing)."""
        indexes = self.state("indexes") or []
        with self._transaction() as db:
            bulk.create_indexes(db, [(str(name), str(sql)) for name, sql in indexes])
            if indexes:  # once: a second call finds nothing left to build
                day_cache.refill_day_cache(db)
            self._set(db, "indexes", [])

    def has_signed(self) -> bool:
        """Whether any entry is signed (an HMAC, store/audit.py)."""
        with self._read() as db:
            found = db.execute(
                "SELECT 1 FROM audit_log WHERE substr(hash, 1, 5) = 'hmac:' LIMIT 1"
            ).fetchone()
        return found is not None

    def audit_head(self) -> tuple[int, str]:
        with self._read() as db:
            row = db.execute(rows.SELECT_AUDIT_HEAD).fetchone()
        return (int(row["seq"]), str(row["hash"])) if row else (0, "")

    def checkpoint(self) -> None:
        """Fold the WAL into the file, so that renaming the file alone moves everything."""
        with self._read() as db, translated(self.path):
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
