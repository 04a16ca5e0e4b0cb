"""SQLite implementation of the repository: the embedded default, one file in the data dir."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from hearing_helper.domain.enums import Outcome, RecordStatus, StepId
from hearing_helper.domain.record import AssistRecord, ClerkProfile, Correction, now_local
from hearing_helper.store import sqlite_rows as rows
from hearing_helper.store.anchor import Anchor, write_anchor
from hearing_helper.store.audit import GENESIS_HASH, canonical_json, entry_hash
from hearing_helper.store.errors import (
    CorruptDatabaseError,
    IncompleteRecordError,
    NewerDatabaseError,
    RecordFinishedError,
    RecordNotFoundError,
    StoreError,
)
from hearing_helper.store.repository import (
    AssistSummary,
    AuditEntry,
    HistoryQuery,
    RecordVersion,
)
from hearing_helper.store.schema import SCHEMA_VERSION, inspect_existing, migrate

DB_FILENAME = "hearing_helper.sqlite3"


def open_repository(data_dir: Path) -> SqliteRepository:
    """Open (creating and migrating as needed) the database in ``data_dir``."""
    data_dir.mkdir(parents=True, exist_ok=True)
    return SqliteRepository(data_dir / DB_FILENAME)


class SqliteRepository:
    """Thread-safe (one connection behind a lock); every write is durable when it returns."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if path.exists() and path.stat().st_size > 0:
            found = inspect_existing(path)
            if found > SCHEMA_VERSION:
                raise NewerDatabaseError(path, found, SCHEMA_VERSION)
        self._lock = threading.RLock()
        self._closed = False
        self._anchor_pending: Anchor | None = None  # audit head to write after the commit
        try:
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            # FULL in WAL mode fsyncs every commit: a power cut loses at most the keystroke
            # being saved, never a finished record.
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA busy_timeout=5000")
            migrate(self._db, self._transaction)
        except sqlite3.DatabaseError as exc:
            raise CorruptDatabaseError(path, str(exc)) from exc

    # --- plumbing --------------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._closed:
                raise StoreError(f"The database {self.path} is closed; nothing was saved.")
            self._db.execute("BEGIN IMMEDIATE")
            self._anchor_pending = None
            try:
                yield self._db
            except BaseException:
                self._anchor_pending = None
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
            if self._anchor_pending is not None:
                # After the commit, so the anchor never names an entry that was rolled back.
                write_anchor(self.path.parent, self._anchor_pending)
                self._anchor_pending = None

    def connect_readonly(self) -> sqlite3.Connection:
        """A separate read-only connection, e.g. for reports and streamed exports in a worker."""
        conn = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        return conn

    @property
    def location(self) -> str:
        return str(self.path)

    @property
    def schema_version(self) -> int:
        with self._lock:
            return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._db.close()

    # --- staff -----------------------------------------------------------------------------

    def save_staff(self, profile: ClerkProfile) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO staff (staff_id, name, desk, court, last_used) VALUES (?,?,?,?,?) "
                "ON CONFLICT (staff_id) DO UPDATE SET name=excluded.name, desk=excluded.desk, "
                "court=excluded.court, last_used=excluded.last_used",
                (
                    profile.staff_id,
                    profile.name,
                    profile.desk,
                    profile.court,
                    now_local().isoformat(),
                ),
            )

    def list_staff(self) -> list[ClerkProfile]:
        with self._lock:
            rows = self._db.execute(
                "SELECT staff_id, name, desk, court FROM staff ORDER BY last_used DESC, name"
            ).fetchall()
        return [ClerkProfile(**dict(row)) for row in rows]

    # --- records ---------------------------------------------------------------------------

    def _status_of(self, db: sqlite3.Connection, record_id: str) -> str | None:
        row = db.execute("SELECT status FROM assists WHERE id=?", (record_id,)).fetchone()
        return row["status"] if row else None

    def save_draft(self, record: AssistRecord) -> None:
        if record.is_finished:
            raise RecordFinishedError(record.id)
        record.updated_at = now_local()
        with self._transaction() as db:
            if self._status_of(db, record.id) == RecordStatus.FINISHED:
                raise RecordFinishedError(record.id)
            self._write_record(db, record)

    def get(self, record_id: str) -> AssistRecord:
        with self._lock:
            row = self._db.execute(rows.SELECT_PAYLOAD, (record_id,)).fetchone()
        if row is None:
            raise RecordNotFoundError(record_id)
        return AssistRecord.from_dict(json.loads(row["payload"]))

    def list_drafts(self) -> list[AssistRecord]:
        with self._lock:
            rows = self._db.execute(
                "SELECT payload FROM assists WHERE status='draft' ORDER BY updated_at DESC"
            ).fetchall()
        return [AssistRecord.from_dict(json.loads(row["payload"])) for row in rows]

    def discard_draft(self, record_id: str, actor: str) -> None:
        with self._transaction() as db:
            status = self._status_of(db, record_id)
            if status is None:
                raise RecordNotFoundError(record_id)
            if status == RecordStatus.FINISHED:
                raise RecordFinishedError(record_id)
            db.execute("DELETE FROM assists WHERE id=?", (record_id,))
            self._append_audit(db, actor, "draft.discarded", {"record_id": record_id})

    def finish(self, record: AssistRecord, actor: str) -> AssistRecord:
        problems = record.finish_problems()
        if record.outcome is not Outcome.LEFT:
            problems += record.intake.validate(now=record.started_at)
        if problems:
            raise IncompleteRecordError(problems)
        record.status = RecordStatus.FINISHED
        record.ended_at = record.ended_at or now_local()
        record.current_step = StepId.FINISH
        record.updated_at = now_local()
        record.version = 1
        with self._transaction() as db:
            if self._status_of(db, record.id) == RecordStatus.FINISHED:
                raise RecordFinishedError(record.id)
            payload = self._write_record(db, record)
            self._write_version(db, record, actor, "", payload)
            self._append_audit(db, actor, "record.finished", rows.record_audit(record, payload))
        return record

    def correct(self, record: AssistRecord, actor: str, reason: str) -> AssistRecord:
        if not reason.strip():
            raise StoreError("A correction needs a reason.")
        with self._transaction() as db:
            row = db.execute(
                "SELECT status, version FROM assists WHERE id=?", (record.id,)
            ).fetchone()
            if row is None:
                raise RecordNotFoundError(record.id)
            if row["status"] != RecordStatus.FINISHED:
                raise StoreError("Only finished records are corrected; edit the draft instead.")
            record.status = RecordStatus.FINISHED
            record.version = int(row["version"]) + 1
            record.correction = Correction(by=actor, at=now_local(), reason=reason.strip())
            record.updated_at = record.correction.at
            payload = self._write_record(db, record)
            self._write_version(db, record, actor, reason.strip(), payload)
            details = rows.record_audit(record, payload) | {"reason": reason.strip()}
            self._append_audit(db, actor, "record.corrected", details)
        return record

    def versions(self, record_id: str) -> list[RecordVersion]:
        with self._lock:
            rows = self._db.execute(
                "SELECT version, created_at, created_by, reason, payload FROM record_versions "
                "WHERE assist_id=? ORDER BY version",
                (record_id,),
            ).fetchall()
        return [
            RecordVersion(
                version=row["version"],
                created_at=row["created_at"],
                created_by=row["created_by"],
                reason=row["reason"],
                record=AssistRecord.from_dict(json.loads(row["payload"])),
            )
            for row in rows
        ]

    def import_finished(self, records: Iterable[AssistRecord], actor: str) -> int:
        """Bulk-insert finished records (demo data, migration from another desk)."""
        count = 0
        batch: list[AssistRecord] = []
        for record in records:
            batch.append(record)
            if len(batch) >= 5000:
                count += self._import_batch(batch, actor)
                batch = []
        if batch:
            count += self._import_batch(batch, actor)
        return count

    def _import_batch(self, batch: list[AssistRecord], actor: str) -> int:
        with self._transaction() as db:
            assist_rows, step_rows, problem_rows, check_rows, version_rows = [], [], [], [], []
            for record in batch:
                payload = rows.payload_json(record)
                assist_rows.append(rows.assist_row(record, payload))
                step_rows += rows.step_rows(record)
                problem_rows += rows.problem_rows(record)
                check_rows += rows.check_rows(record)
                version_rows.append(
                    (record.id, record.version, record.updated_at.isoformat(), actor, "", payload)
                )
            db.executemany(rows.UPSERT_ASSIST, assist_rows)
            db.executemany(rows.INSERT_STEP, step_rows)
            db.executemany(rows.INSERT_PROBLEM, problem_rows)
            db.executemany(rows.INSERT_CHECK, check_rows)
            db.executemany(rows.INSERT_VERSION, version_rows)
            self._append_audit(
                db, actor, "records.imported", {"count": len(batch), "first_id": batch[0].id}
            )
        return len(batch)

    def _write_record(self, db: sqlite3.Connection, record: AssistRecord) -> str:
        payload = rows.payload_json(record)
        db.execute(rows.UPSERT_ASSIST, rows.assist_row(record, payload))
        for table in ("assist_steps", "assist_problems", "check_results"):
            db.execute(f"DELETE FROM {table} WHERE assist_id=?", (record.id,))
        db.executemany(rows.INSERT_STEP, rows.step_rows(record))
        db.executemany(rows.INSERT_PROBLEM, rows.problem_rows(record))
        db.executemany(rows.INSERT_CHECK, rows.check_rows(record))
        return payload

    def _write_version(
        self, db: sqlite3.Connection, record: AssistRecord, actor: str, reason: str, payload: str
    ) -> None:
        db.execute(
            rows.INSERT_VERSION,
            (record.id, record.version, record.updated_at.isoformat(), actor, reason, payload),
        )

    # --- search ----------------------------------------------------------------------------

    def _where(self, query: HistoryQuery) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        text = query.text.strip()
        if text:
            pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            pattern += "%"
            clauses.append("(case_number LIKE ? ESCAPE '\\' OR litigant_name LIKE ? ESCAPE '\\')")
            params += [pattern, pattern]
        if query.date_from:
            clauses.append("started_at >= ?")
            params.append(query.date_from.isoformat())
        if query.date_to:
            clauses.append("started_at < ?")
            params.append((query.date_to + timedelta(days=1)).isoformat())
        if query.outcome:
            clauses.append("outcome = ?")
            params.append(query.outcome)
        if query.status:
            clauses.append("status = ?")
            params.append(query.status)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def search(self, query: HistoryQuery) -> list[AssistSummary]:
        where, params = self._where(query)
        column = query.sort_by if query.sort_by in HistoryQuery.SORT_COLUMNS else "started_at"
        direction = "DESC" if query.descending else "ASC"
        sql = (
            "SELECT id, version, status, case_number, litigant_name, role, platform_id, "
            "clerk_name, desk, started_at, ended_at, duration_s, outcome, satisfaction "
            f"FROM assists{where} ORDER BY {column} {direction}, id LIMIT ? OFFSET ?"
        )
        with self._lock:
            rows = self._db.execute(sql, [*params, query.limit, query.offset]).fetchall()
        return [AssistSummary(**dict(row)) for row in rows]

    def count(self, query: HistoryQuery) -> int:
        where, params = self._where(query)
        with self._lock:
            return int(
                self._db.execute(f"SELECT count(*) FROM assists{where}", params).fetchone()[0]
            )

    # --- exports (reports owner) -------------------------------------------------------------

    def record_export(
        self,
        actor: str,
        fmt: str,
        filters: dict[str, Any],
        row_count: int,
        sha256: str,
        unmasked: bool,
        file_name: str,
    ) -> AuditEntry:
        """Record a written export in ``exports`` and the audit log, in one transaction."""
        details = {
            "format": fmt,
            "filters": filters,
            "row_count": row_count,
            "sha256": sha256,
            "unmasked": unmasked,
            "file": file_name,
        }
        with self._transaction() as db:
            entry = self._append_audit(db, actor, "export.written", details)
            db.execute(
                "INSERT INTO exports (at, actor, format, filters, row_count, sha256, unmasked) "
                "VALUES (?,?,?,?,?,?,?)",
                (entry.at, actor, fmt, canonical_json(filters), row_count, sha256, int(unmasked)),
            )
        return entry

    # --- audit -----------------------------------------------------------------------------

    def append_audit(self, actor: str, action: str, details: dict[str, Any]) -> AuditEntry:
        with self._transaction() as db:
            return self._append_audit(db, actor, action, details)

    def _append_audit(
        self, db: sqlite3.Connection, actor: str, action: str, details: dict[str, Any]
    ) -> AuditEntry:
        last = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        seq = (last["seq"] + 1) if last else 1
        prev = last["hash"] if last else GENESIS_HASH
        at = now_local().isoformat()
        digest = entry_hash(prev, seq, at, actor, action, details)
        db.execute(
            "INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash) "
            "VALUES (?,?,?,?,?,?,?)",
            (seq, at, actor, action, canonical_json(details), prev, digest),
        )
        self._anchor_pending = Anchor(seq, digest)  # see store/anchor.py
        return AuditEntry(seq, at, actor, action, details, prev, digest)

    def iter_audit(self) -> Iterator[AuditEntry]:
        conn = self.connect_readonly()
        try:
            for row in conn.execute(
                "SELECT seq, at, actor, action, details, prev_hash, hash FROM audit_log "
                "ORDER BY seq"
            ):
                yield AuditEntry(
                    seq=row["seq"],
                    at=row["at"],
                    actor=row["actor"],
                    action=row["action"],
                    details=json.loads(row["details"]),
                    prev_hash=row["prev_hash"],
                    hash=row["hash"],
                )
        finally:
            conn.close()
