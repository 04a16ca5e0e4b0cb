"""The desk's outbox (migrations 004, 006): what waits for the court's central database, and
the sender's state. Its own connection, so sending never waits on the repository's lock.

Rows are queued by triggers in the same transaction as the change; this module reads a batch
(oldest first) with the content the rows point at, deletes the rows once the server committed
them, and keeps the sender's state (``sync_state``) for the window and the ``sync`` command.
Ids never repeat (AUTOINCREMENT), and an item is deleted only by its id and what it points at
(:data:`OutboxKey`), so marking a batch sent can never remove an item queued after it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from hearing_helper.store.sqlite.connection import connect_writer, translated
from hearing_helper.store.sync.batch import AuditItem, Batch, ExportItem, VersionItem

log = logging.getLogger(__name__)

OutboxKey = tuple[int, str, str, int]  # (id, kind, ref, num): exactly one queued item
MISSING_REASON = "missing on this desk: the entry this item points at is not in the database"


@dataclass(frozen=True)
class HeldItem:
    """An outbox item set aside: what it is, why, since when."""

    kind: str  # 'version', 'audit', 'export'
    ref: str
    num: int
    reason: str
    at: str

    @property
    def key(self) -> str:
        """How court IT and ``sync --json`` name it (as the server's conflicts do)."""
        if self.kind == "version":
            return f"record {self.ref} v{self.num}"
        if self.kind == "audit":
            return f"seq {self.num}"
        return f"audit seq {self.num}"


# The history, in the order migration 004 queues it (record versions, audit entries, exports).
REQUEUE = (
    "INSERT INTO outbox (kind, ref, num) SELECT 'version', assist_id, version "
    "FROM record_versions ORDER BY created_at, assist_id",
    "INSERT INTO outbox (kind, ref, num) SELECT 'audit', '', seq FROM audit_log ORDER BY seq",
    "INSERT INTO outbox (kind, ref, num) SELECT 'export', CAST(e.id AS TEXT), "
    "(SELECT min(a.seq) FROM audit_log a WHERE a.action = 'export.written' AND a.at = e.at) "
    "FROM exports e ORDER BY e.id",
)


class SqliteOutbox:
    """The outbox of the desk database at ``path`` (already created by the repository)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with translated(path):
            self._db = connect_writer(path)
            self._db.execute("PRAGMA busy_timeout=10000")

    def close(self) -> None:
        self._db.close()

    def waiting(self) -> int:
        with translated(self.path):
            row = self._db.execute("SELECT count(*) FROM outbox WHERE held_reason IS NULL")
            return int(row.fetchone()[0])

    def next_batch(self, desk_id: str, desk_name: str, limit: int) -> tuple[list[OutboxKey], Batch]:
        """The oldest ``limit`` waiting items with their content, and their keys. An item whose
        content is missing from this database is set aside (logged, listed by ``held()``)
        instead of being sent or dropped."""
        with translated(self.path):
            queued = self._db.execute(
                "SELECT id, kind, ref, num FROM outbox WHERE held_reason IS NULL "
                "ORDER BY id LIMIT ?",
                (limit,),
            ).fetchall()
        keys = [(int(i), str(k), str(r), int(n)) for i, k, r, n in queued]
        return self.load(keys, desk_id, desk_name)

    def load(
        self, keys: list[OutboxKey], desk_id: str, desk_name: str
    ) -> tuple[list[OutboxKey], Batch]:
        """The content of the items ``keys`` as a batch, and the keys found (in order)."""
        batch = Batch(desk_id=desk_id, desk_name=desk_name)
        found: list[OutboxKey] = []
        missing: list[OutboxKey] = []
        with translated(self.path):
            for key in keys:
                if self._load_item(key, batch):
                    found.append(key)
                else:
                    missing.append(key)
        for key in missing:
            log.warning("Outbox item %s points at nothing on this desk; set aside", key)
        self.hold(missing, MISSING_REASON)
        return found, batch

    def _load_item(self, key: OutboxKey, batch: Batch) -> bool:
        _id, kind, ref, num = key
        if kind == "version":
            row = self._db.execute(
                "SELECT created_at, created_by, reason, payload FROM record_versions "
                "WHERE assist_id=? AND version=?",
                (ref, num),
            ).fetchone()
            if row is not None:
                batch.versions.append(VersionItem(ref, int(num), *row))
        elif kind == "audit":
            row = self._db.execute(
                "SELECT seq, at, actor, action, details, prev_hash, hash FROM audit_log "
                "WHERE seq=?",
                (num,),
            ).fetchone()
            if row is not None:
                batch.audits.append(AuditItem(*row))
        else:
            row = self._db.execute(
                "SELECT at, actor, format, filters, row_count, sha256, unmasked "
                "FROM exports WHERE id=?",
                (int(ref) if ref.isdigit() else -1,),
            ).fetchone()
            if row is not None:
                at, actor, fmt, filters, row_count, sha256, unmasked = row
                batch.exports.append(
                    ExportItem(int(num), at, actor, fmt, filters, row_count, sha256, bool(unmasked))
                )
        return row is not None

    def hold(self, keys: list[OutboxKey], reason: str) -> None:
        """Set items aside with ``reason`` (the server refused them, or their content is
        missing): they stay in the outbox, visible, and no longer block what follows."""
        if not keys:
            return
        at = datetime.now().astimezone().isoformat(timespec="seconds")
        with translated(self.path):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(
                    "UPDATE outbox SET held_reason=?, held_at=? "
                    "WHERE id=? AND kind=? AND ref=? AND num=?",
                    [(reason, at, *key) for key in keys],
                )
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def held(self) -> list[HeldItem]:
        """The items set aside, oldest first."""
        with translated(self.path):
            found = self._db.execute(
                "SELECT kind, ref, num, held_reason, held_at FROM outbox "
                "WHERE held_reason IS NOT NULL ORDER BY id"
            ).fetchall()
        return [HeldItem(str(k), str(r), int(n), str(why), str(at)) for k, r, n, why, at in found]

    def release_held(self) -> int:
        """Queue the items set aside again (after court IT fixed the cause); returns how many."""
        with translated(self.path):
            cursor = self._db.execute(
                "UPDATE outbox SET held_reason=NULL, held_at=NULL WHERE held_reason IS NOT NULL"
            )
            return int(cursor.rowcount)

    def mark_sent(self, keys: list[OutboxKey]) -> None:
        """Forget items the server has committed (one local transaction): each by its id and
        what it points at, so nothing queued since is touched."""
        with translated(self.path):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(
                    "DELETE FROM outbox WHERE id=? AND kind=? AND ref=? AND num=?", keys
                )
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def requeue_all(self) -> int:
        """Queue this desk's whole history again (after the central database was restored from
        an older backup); the server ignores what it already has. Returns the items queued."""
        with translated(self.path):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute("DELETE FROM outbox")
                for statement in REQUEUE:
                    self._db.execute(statement)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        return self.waiting()

    # --- the sender's state ------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        with translated(self.path):
            found = self._db.execute("SELECT key, value FROM sync_state").fetchall()
        return {key: json.loads(value) for key, value in found}

    def update_state(self, **values: Any) -> None:
        with translated(self.path):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for key, value in values.items():
                    self._db.execute(
                        "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)",
                        (key, json.dumps(value)),
                    )
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")


def open_outbox(data_dir: Path) -> SqliteOutbox:
    from hearing_helper.store.sqlite.repository import DB_FILENAME

    return SqliteOutbox(data_dir / DB_FILENAME)
