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
from hearing_helper.store.errors import StoreError
from hearing_helper.store.postgres import rows
from hearing_helper.store.postgres.connection import ServerAddress, connect, translate
from hearing_helper.store.postgres.dialect import POSTGRES
from hearing_helper.store.postgres.schema import check_not_newer, migrate, stored_version
from hearing_helper.store.repository import AuditEntry
from hearing_helper.store.shared_repository import SharedRepository
from hearing_helper.store.shared_rows import (
    AUDIT_SELECT,
    CURRENT_PAYLOAD,
    audit_entry,
    audit_values,
)

IMPORT_BATCH = 2000
AUDIT_FETCH = 2000


class PostgresRepository(SharedRepository[psycopg.Connection[Any]]):
    """Records and this desk's audit chain in a PostgreSQL database. The record flows, search
    and audit chain are :class:`SharedRepository`'s."""

    dialect = POSTGRES

    def __init__(self, address: ServerAddress, desk_id: str, *, migrate_schema: bool = True):
        self.address = address
        self.desk_id = desk_id
        self._lock = threading.RLock()
        self._closed = False
        self._conn: psycopg.Connection[Any] | None = None
        self.audit_key: AuditKey | None = None  # set by AppServices.open (see store/audit.py)
        self.before_write: Callable[[], None] | None = None  # see store/repository.py
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
        if self.before_write is not None:
            self.before_write()  # outside the lock: the keying writes through here too
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

    def _status(self, db: psycopg.Connection[Any], record_id: str) -> tuple[str, int] | None:
        row = db.execute(
            "SELECT status, version FROM assists WHERE id=%s FOR UPDATE", (record_id,)
        ).fetchone()
        return (str(row[0]), int(row[1])) if row else None

    def list_drafts(self) -> list[AssistRecord]:
        with self._read() as db:
            found = db.execute(
                "SELECT payload FROM assists WHERE status='draft' AND desk_id=%s "
                "ORDER BY updated_at DESC",
                (self.desk_id,),
            ).fetchall()
        return [AssistRecord.from_dict(json.loads(row[0])) for row in found]

    def _delete_record(self, db: psycopg.Connection[Any], record_id: str) -> None:
        db.execute("DELETE FROM assists WHERE id=%s", (record_id,))

    def _write_version(
        self,
        db: psycopg.Connection[Any],
        record: AssistRecord,
        actor: str,
        reason: str,
        payload: str,
    ) -> None:
        db.execute(
            rows.INSERT_VERSION, rows.version_row(record, self.desk_id, actor, reason, payload)
        )

    def import_finished(self, records: Iterable[AssistRecord], actor: str) -> int:
        return sum(self._import_batch(batch, actor) for batch in in_batches(records, IMPORT_BATCH))

    def _import_batch(self, batch: list[AssistRecord], actor: str) -> int:
        batch = lifecycle.unique_in_batch(batch)
        with self._transaction() as db:
            ids = [record.id for record in batch]
            stored = {
                row[0]: row[1]
                for row in db.execute(
                    f"SELECT a.id, {CURRENT_PAYLOAD} FROM assists a "
                    "WHERE a.id = ANY(%s) FOR UPDATE",
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

    def _write_record(self, db: psycopg.Connection[Any], record: AssistRecord) -> str:
        payload = lifecycle.payload_json(record)
        with db.cursor() as cursor:
            cursor.execute(rows.UPSERT_ASSIST, rows.assist_row(record, self.desk_id, payload))
            for statement in rows.DELETE_CHILDREN:
                cursor.execute(statement, ([record.id],))
            cursor.executemany(rows.INSERT_STEP, rows.step_rows(record, self.desk_id))
            cursor.executemany(rows.INSERT_PROBLEM, rows.problem_rows(record, self.desk_id))
            cursor.executemany(rows.INSERT_CHECK, rows.check_rows(record, self.desk_id))
        return payload

    # --- exports and the audit chain ---------------------------------------------------------

    def _insert_export(
        self,
        db: psycopg.Connection[Any],
        entry: AuditEntry,
        fmt: str,
        filters: dict[str, Any],
        row_count: int,
        sha256: str,
        unmasked: bool,
    ) -> None:
        db.execute(
            "INSERT INTO exports (desk_id, audit_seq, at, actor, format, filters, row_count, "
            "sha256, unmasked) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s)",
            (
                self.desk_id,
                entry.seq,
                entry.at,
                entry.actor,
                fmt,
                canonical_json(filters),
                row_count,
                sha256,
                unmasked,
            ),
        )

    def audit_head_seq(self) -> int:
        """This desk's newest audit entry's seq (0 for an empty chain)."""
        with self._read() as db:
            row = db.execute(
                "SELECT max(seq) FROM audit_log WHERE desk_id=%s", (self.desk_id,)
            ).fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def _audit_head(self, db: psycopg.Connection[Any]) -> tuple[int, str] | None:
        # One writer per desk chain at a time (two programs of one desk may share a database).
        db.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (self.desk_id,))
        head = db.execute(
            "SELECT seq, hash FROM audit_log WHERE desk_id=%s ORDER BY seq DESC LIMIT 1",
            (self.desk_id,),
        ).fetchone()
        return (int(head[0]), str(head[1])) if head else None

    def _insert_audit(
        self,
        db: psycopg.Connection[Any],
        entry: AuditEntry,
        actor: str,
        action: str,
        details: dict[str, Any],
    ) -> None:
        db.execute(rows.INSERT_AUDIT, (self.desk_id, *audit_values(entry, actor, action, details)))

    def latest_audit(self, actions: tuple[str, ...]) -> AuditEntry | None:
        with self._read() as db:
            row = db.execute(
                f"SELECT {AUDIT_SELECT} FROM audit_log "
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
                    f"SELECT {AUDIT_SELECT} FROM audit_log "
                    "WHERE desk_id=%s AND seq > %s ORDER BY seq LIMIT %s",
                    (self.desk_id, after, AUDIT_FETCH),
                ).fetchall()
            if not page:
                return
            for row in page:
                yield audit_entry(row)
            after = int(page[-1][0])
