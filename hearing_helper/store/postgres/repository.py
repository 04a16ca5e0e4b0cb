"""PostgreSQL implementation of the record repository (``--database postgresql://…``).

Behaves as the SQLite adapter does: the record rules come from :mod:`hearing_helper.store.lifecycle`
and this module persists what they decide, each change in one server transaction. Rows carry this
installation's desk id; the audit log is this desk's own chain. Thread-safe: one connection behind
a lock for records (reports borrow their own, see ``report_sql``). A lost connection is reported
as StoreUnavailableError and the next call connects again.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg

from hearing_helper.domain.record import AssistRecord, ClerkProfile, now_local
from hearing_helper.store import lifecycle
from hearing_helper.store.audit import AuditKey, canonical_json
from hearing_helper.store.batching import in_batches
from hearing_helper.store.errors import (
    RecordNotFoundError,
    StoreError,
    UnreadableAuditEntryError,
)
from hearing_helper.store.postgres import history, rows
from hearing_helper.store.postgres.connection import ServerAddress, connect, translate
from hearing_helper.store.postgres.schema import check_not_newer, migrate, stored_version
from hearing_helper.store.postgres.visits import PostgresVisitsMixin
from hearing_helper.store.repository import (
    AssistSummary,
    AuditEntry,
    HistoryQuery,
    RecordVersion,
)

IMPORT_BATCH = 2000
AUDIT_FETCH = 2000


class PostgresRepository(PostgresVisitsMixin):
    """Records and this desk's audit chain in a PostgreSQL database."""

    def __init__(self, address: ServerAddress, desk_id: str, *, migrate_schema: bool = True):
        self.address = address
        self.desk_id = desk_id
        self._lock = threading.RLock()
        self._closed = False
        self._conn: psycopg.Connection[Any] | None = None
        self.audit_key: AuditKey | None = None  # set by AppServices.open (see store/audit.py)
        with self._lock:
            conn = self._connection()
            try:
                if migrate_schema:
                    migrate(conn, address.location)
                else:
                    check_not_newer(conn, address.location)
            except psycopg.Error as exc:
                raise translate(address, exc) from None

    # --- plumbing ----------------------------------------------------------------------------

    @property
    def location(self) -> str:
        return self.address.location

    @property
    def schema_version(self) -> int:
        with self._read() as conn:
            return stored_version(conn)

    def _connection(self) -> psycopg.Connection[Any]:
        if self._closed:
            raise StoreError(f"The database {self.location} is closed; nothing was saved.")
        if self._conn is None or self._conn.closed or self._conn.broken:
            if self._conn is not None:
                self._conn.close()
            self._conn = connect(self.address)
        return self._conn

    @contextmanager
    def _transaction(self) -> Iterator[psycopg.Connection[Any]]:
        """One server transaction under the lock; driver errors become StoreErrors."""
        with self._lock:
            conn = self._connection()
            try:
                with conn.transaction():
                    yield conn
            except psycopg.Error as exc:
                raise translate(self.address, exc) from None

    @contextmanager
    def _read(self) -> Iterator[psycopg.Connection[Any]]:
        with self._lock:
            conn = self._connection()
            try:
                yield conn
            except psycopg.Error as exc:
                raise translate(self.address, exc) from None

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._conn is not None:
                self._conn.close()

    # --- staff -------------------------------------------------------------------------------

    def save_staff(self, profile: ClerkProfile) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO staff (desk_id, staff_id, name, desk, court, last_used) "
                "VALUES (%s,%s,%s,%s,%s,%s) ON CONFLICT (desk_id, staff_id) DO UPDATE SET "
                "name=excluded.name, desk=excluded.desk, court=excluded.court, "
                "last_used=excluded.last_used",
                (
                    self.desk_id,
                    profile.staff_id,
                    profile.name,
                    profile.desk,
                    profile.court,
                    now_local().isoformat(),
                ),
            )

    def list_staff(self) -> list[ClerkProfile]:
        with self._read() as db:
            found = db.execute(
                "SELECT staff_id, name, desk, court FROM staff WHERE desk_id=%s "
                "ORDER BY last_used DESC NULLS LAST, name",
                (self.desk_id,),
            ).fetchall()
        return [ClerkProfile(*row) for row in found]

    # --- records -----------------------------------------------------------------------------

    @staticmethod
    def _status(db: psycopg.Connection[Any], record_id: str, lock: bool = False) -> Any:
        sql = "SELECT status, version FROM assists WHERE id=%s" + (" FOR UPDATE" if lock else "")
        return db.execute(sql, (record_id,)).fetchone()

    @staticmethod
    def _stored(db: psycopg.Connection[Any], record_id: str) -> AssistRecord | None:
        row = db.execute(rows.SELECT_PAYLOAD, (record_id,)).fetchone()
        return AssistRecord.from_dict(json.loads(row[0])) if row and row[0] else None

    def save_draft(self, record: AssistRecord) -> None:
        with self._transaction() as db:
            found = self._status(db, record.id, lock=True)
            lifecycle.prepare_draft(record, found[0] if found else None)
            self._write_record(db, record)

    def get(self, record_id: str) -> AssistRecord:
        with self._read() as db:
            stored = self._stored(db, record_id)
        if stored is None:
            raise RecordNotFoundError(record_id)
        return stored

    def list_drafts(self) -> list[AssistRecord]:
        with self._read() as db:
            found = db.execute(
                "SELECT payload FROM assists WHERE status='draft' AND desk_id=%s "
                "ORDER BY updated_at DESC",
                (self.desk_id,),
            ).fetchall()
        return [AssistRecord.from_dict(json.loads(row[0])) for row in found]

    def discard_draft(self, record_id: str, actor: str) -> None:
        with self._transaction() as db:
            found = self._status(db, record_id, lock=True)
            lifecycle.check_discardable(record_id, found[0] if found else None)
            db.execute("DELETE FROM assists WHERE id=%s", (record_id,))
            self._append_audit(db, actor, "draft.discarded", {"record_id": record_id})

    def finish(self, record: AssistRecord, actor: str) -> AssistRecord:
        lifecycle.check_finishable(record)
        with self._transaction() as db:
            self._status(db, record.id, lock=True)
            stored = self._stored(db, record.id)
            if lifecycle.finishing_again(stored, record):
                assert stored is not None
                return stored  # finishing again what is already stored: nothing to do
            lifecycle.prepare_finish(record)
            payload = lifecycle.payload_json(record)
            self._write_record(db, record, payload)
            db.execute(
                rows.INSERT_VERSION, rows.version_row(record, self.desk_id, actor, "", payload)
            )
            details = lifecycle.record_audit_details(record, payload)
            self._append_audit(db, actor, "record.finished", details)
        return record

    def correct(self, record: AssistRecord, actor: str, reason: str) -> AssistRecord:
        with self._transaction() as db:
            found = self._status(db, record.id, lock=True)
            stored = self._stored(db, record.id)
            if stored is not None and stored.is_finished:
                lifecycle.check_correction_content(stored, record)
            lifecycle.prepare_correction(
                record,
                actor,
                reason,
                found[0] if found else None,
                int(found[1]) if found else 0,
            )
            payload = lifecycle.payload_json(record)
            self._write_record(db, record, payload)
            reason = reason.strip()
            db.execute(
                rows.INSERT_VERSION, rows.version_row(record, self.desk_id, actor, reason, payload)
            )
            details = lifecycle.record_audit_details(record, payload) | {"reason": reason}
            self._append_audit(db, actor, "record.corrected", details)
        return record

    def versions(self, record_id: str) -> list[RecordVersion]:
        with self._read() as db:
            found = db.execute(
                "SELECT version, created_at, created_by, reason, payload FROM record_versions "
                "WHERE assist_id=%s ORDER BY version",
                (record_id,),
            ).fetchall()
        return [
            RecordVersion(
                version=row[0],
                created_at=row[1],
                created_by=row[2],
                reason=row[3],
                record=AssistRecord.from_dict(json.loads(row[4])),
            )
            for row in found
        ]

    def import_finished(self, records: Iterable[AssistRecord], actor: str) -> int:
        return sum(self._import_batch(batch, actor) for batch in in_batches(records, IMPORT_BATCH))

    def _import_batch(self, batch: list[AssistRecord], actor: str) -> int:
        batch = lifecycle.unique_in_batch(batch)
        with self._transaction() as db:
            ids = [record.id for record in batch]
            stored = {
                row[0]: row[1]
                for row in db.execute(
                    "SELECT a.id, COALESCE(a.payload, (SELECT v.payload FROM record_versions v "
                    "WHERE v.assist_id=a.id ORDER BY v.version DESC LIMIT 1)) "
                    "FROM assists a WHERE a.id = ANY(%s) FOR UPDATE",
                    (ids,),
                )
            }
            fresh: list[AssistRecord] = []
            for record in batch:
                payload = stored.get(record.id)
                existing = AssistRecord.from_dict(json.loads(payload)) if payload else None
                if not lifecycle.existing_finished(existing, record):
                    fresh.append(record)
            if not fresh:
                return 0
            self._write_records(db, fresh, actor)
            self._append_audit(db, actor, "records.imported", lifecycle.import_audit_details(fresh))
        return len(fresh)

    def _write_records(
        self, db: psycopg.Connection[Any], batch: list[AssistRecord], actor: str
    ) -> None:
        assist_rows, step_rows, problem_rows, check_rows, version_rows = [], [], [], [], []
        for record in batch:
            payload = lifecycle.payload_json(record)
            assist_rows.append(rows.assist_row(record, self.desk_id, payload))
            step_rows += rows.step_rows(record, self.desk_id)
            problem_rows += rows.problem_rows(record, self.desk_id)
            check_rows += rows.check_rows(record, self.desk_id)
            version_rows.append(rows.version_row(record, self.desk_id, actor, "", payload))
        ids = [record.id for record in batch]
        with db.cursor() as cursor:
            cursor.executemany(rows.UPSERT_ASSIST, assist_rows)
            for statement in rows.DELETE_CHILDREN:
                cursor.execute(statement, (ids,))
            cursor.executemany(rows.INSERT_STEP, step_rows)
            cursor.executemany(rows.INSERT_PROBLEM, problem_rows)
            cursor.executemany(rows.INSERT_CHECK, check_rows)
            cursor.execute("DELETE FROM record_versions WHERE assist_id = ANY(%s)", (ids,))
            cursor.executemany(rows.INSERT_VERSION, version_rows)

    def _write_record(
        self, db: psycopg.Connection[Any], record: AssistRecord, payload: str | None = None
    ) -> str:
        payload = payload if payload is not None else lifecycle.payload_json(record)
        with db.cursor() as cursor:
            cursor.execute(rows.UPSERT_ASSIST, rows.assist_row(record, self.desk_id, payload))
            for statement in rows.DELETE_CHILDREN:
                cursor.execute(statement, ([record.id],))
            cursor.executemany(rows.INSERT_STEP, rows.step_rows(record, self.desk_id))
            cursor.executemany(rows.INSERT_PROBLEM, rows.problem_rows(record, self.desk_id))
            cursor.executemany(rows.INSERT_CHECK, rows.check_rows(record, self.desk_id))
        return payload

    # --- search ------------------------------------------------------------------------------

    def search(self, query: HistoryQuery) -> list[AssistSummary]:
        with self._read() as db:
            return history.search(db, query)

    def count(self, query: HistoryQuery) -> int:
        with self._read() as db:
            return history.count(db, query)

    # --- exports and the audit chain ---------------------------------------------------------

    def record_export(
        self,
        actor: str,
        fmt: str,
        filters: dict[str, Any],
        row_count: int,
        sha256: str,
        unmasked: bool,
        file_name: str,
        before_commit: Callable[[], None] | None = None,
    ) -> AuditEntry:
        """Record a written export and its audit entry in one transaction; ``before_commit``
        (moving the file into place) runs inside it: if it raises, nothing is committed."""
        details = lifecycle.export_audit_details(
            fmt, filters, row_count, sha256, unmasked, file_name
        )
        with self._transaction() as db:
            entry = self._append_audit(db, actor, "export.written", details)
            db.execute(
                "INSERT INTO exports (desk_id, audit_seq, at, actor, format, filters, row_count, "
                "sha256, unmasked) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                (
                    self.desk_id,
                    entry.seq,
                    entry.at,
                    actor,
                    fmt,
                    canonical_json(filters),
                    row_count,
                    sha256,
                    unmasked,
                ),
            )
            if before_commit is not None:
                before_commit()
        return entry

    def audit_head_seq(self) -> int:
        """This desk's newest audit entry's seq (0 for an empty chain)."""
        with self._read() as db:
            row = db.execute(
                "SELECT max(seq) FROM audit_log WHERE desk_id=%s", (self.desk_id,)
            ).fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def append_audit(
        self,
        actor: str,
        action: str,
        details: dict[str, Any],
        before_commit: Callable[[], None] | None = None,
    ) -> AuditEntry:
        """Append one entry; ``before_commit`` (the audited change itself) runs inside the
        transaction: if it raises, the entry is not committed."""
        with self._transaction() as db:
            entry = self._append_audit(db, actor, action, details)
            if before_commit is not None:
                before_commit()
            return entry

    def _append_audit(
        self, db: psycopg.Connection[Any], actor: str, action: str, details: dict[str, Any]
    ) -> AuditEntry:
        # One writer per desk chain at a time (two programs of one desk may share a database).
        db.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (self.desk_id,))
        head = db.execute(
            "SELECT seq, hash FROM audit_log WHERE desk_id=%s ORDER BY seq DESC LIMIT 1",
            (self.desk_id,),
        ).fetchone()
        entry = lifecycle.next_audit_entry(
            (int(head[0]), str(head[1])) if head else None,
            actor,
            action,
            details,
            key=self.audit_key,
        )
        db.execute(
            "INSERT INTO audit_log (desk_id, seq, at, actor, action, details, prev_hash, hash) "
            "VALUES (%s,%s,%s,%s,%s,%s,%s,%s)",
            (
                self.desk_id,
                entry.seq,
                entry.at,
                actor,
                action,
                canonical_json(details),
                entry.prev_hash,
                entry.hash,
            ),
        )
        return entry

    def latest_audit(self, actions: tuple[str, ...]) -> AuditEntry | None:
        with self._read() as db:
            row = db.execute(
                "SELECT seq, at, actor, action, details, prev_hash, hash FROM audit_log "
                "WHERE desk_id=%s AND action = ANY(%s) ORDER BY seq DESC LIMIT 1",
                (self.desk_id, list(actions)),
            ).fetchone()
        return None if row is None else audit_entry(row)

    def iter_audit(self) -> Iterator[AuditEntry]:
        """This desk's chain in seq order, read in pages (constant memory)."""
        after = 0
        while True:
            with self._read() as db:
                page = db.execute(
                    "SELECT seq, at, actor, action, details, prev_hash, hash FROM audit_log "
                    "WHERE desk_id=%s AND seq > %s ORDER BY seq LIMIT %s",
                    (self.desk_id, after, AUDIT_FETCH),
                ).fetchall()
            if not page:
                return
            for row in page:
                yield audit_entry(row)
            after = int(page[-1][0])


def audit_entry(row: tuple[Any, ...]) -> AuditEntry:
    """An audit_log row (seq, at, actor, action, details, prev_hash, hash) as an entry."""
    try:
        details = json.loads(row[4])
    except ValueError:
        raise UnreadableAuditEntryError(int(row[0])) from None
    return AuditEntry(
        seq=int(row[0]),
        at=row[1],
        actor=row[2],
        action=row[3],
        details=details,
        prev_hash=row[5],
        hash=row[6],
    )
