"""SQLite implementation of the record repository: the embedded default, one file in the data
dir. It persists what :mod:`hearing_helper.store.lifecycle` decides; the rules are not here."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from itertools import chain
from pathlib import Path
from typing import Any

from hearing_helper.domain.enums import RecordStatus
from hearing_helper.domain.record import AssistRecord, ClerkProfile, now_local
from hearing_helper.private_files import create_private_file, make_private_dir
from hearing_helper.store import lifecycle
from hearing_helper.store.anchor import Anchor, write_anchor
from hearing_helper.store.audit import AuditKey, canonical_json
from hearing_helper.store.batching import in_batches
from hearing_helper.store.errors import (
    CorruptDatabaseError,
    NewerDatabaseError,
    RecordNotFoundError,
    StoreError,
    UnreadableAuditEntryError,
)
from hearing_helper.store.repository import (
    AssistSummary,
    AuditEntry,
    HistoryQuery,
    RecordVersion,
)
from hearing_helper.store.sqlite import bulk, content, rows
from hearing_helper.store.sqlite.connection import (
    BUSY_TIMEOUT_S,
    connect_readonly,
    connect_writer,
    translated,
)
from hearing_helper.store.sqlite.court_answers import SqliteCourtAnswersMixin
from hearing_helper.store.sqlite.schema import SCHEMA_VERSION, inspect_existing, migrate
from hearing_helper.store.sqlite.visits import SqliteVisitsMixin

DB_FILENAME = "hearing_helper.sqlite3"
IMPORT_BATCH = 5000
# Up to this many stored records, an import of more than one batch builds the indexes once.
BULK_MAX_STORED = 20_000
_ID_CHUNK = 500  # ids per "IN (...)" lookup, well under SQLite's parameter limit


# Files that exist only once a data folder has been used: beside an empty database file they
# mean the database was truncated, not that the folder is new.
_USED_FOLDER_MARKS = ("audit_anchor", "desk_id", "supervisor_state.json")


def open_repository(data_dir: Path) -> SqliteRepository:
    """Open (creating and migrating as needed) the database in ``data_dir``. Raises
    StoreError for an empty (0-byte) database file in a folder that has been used: making a
    new database there would silently start an empty log over the lost one."""
    path = data_dir / DB_FILENAME
    try:
        truncated = path.is_file() and path.stat().st_size == 0
    except OSError:
        truncated = False
    used = [name for name in _USED_FOLDER_MARKS if (data_dir / name).exists()]
    if truncated and used:
        raise StoreError(
            f"The database file {path} is empty (0 bytes), but this data folder has been used "
            f"(it holds {', '.join(used)}): the database was truncated or replaced. Nothing was "
            "changed; restore the file from a backup of the data folder, or ask court IT."
        )
    try:
        make_private_dir(data_dir)
        create_private_file(data_dir / DB_FILENAME)  # SQLite's -wal/-shm files copy its mode
    except OSError as exc:
        raise StoreError(
            f"The data folder {data_dir} cannot be used: {exc.strerror or exc}. "
            "Give --data-dir a folder this user can write."
        ) from exc
    return SqliteRepository(data_dir / DB_FILENAME)


class SqliteRepository(SqliteVisitsMixin, SqliteCourtAnswersMixin):
    """Thread-safe (one connection behind a lock); every write is durable when it returns."""

    def __init__(self, path: Path, *, busy_timeout_s: float = BUSY_TIMEOUT_S) -> None:
        self.path = path
        if path.exists() and path.stat().st_size > 0:
            found = inspect_existing(path)
            if found > SCHEMA_VERSION:
                raise NewerDatabaseError(path, found, SCHEMA_VERSION)
        self._busy_timeout_s = busy_timeout_s
        self._lock = threading.RLock()
        self._closed = False
        self._anchor_pending: Anchor | None = None  # audit head to write after the commit
        self.audit_key: AuditKey | None = None  # set by AppServices.open (see store/audit.py)
        try:
            self._db = connect_writer(path, busy_timeout_s)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            # FULL in WAL mode fsyncs every commit: a power cut loses at most the keystroke
            # being saved, never a finished record.
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute(f"PRAGMA busy_timeout={int(busy_timeout_s * 1000)}")
            with translated(path):
                migrate(self._db, self._transaction)
        except sqlite3.DatabaseError as exc:
            raise CorruptDatabaseError(path, str(exc)) from exc

    # --- plumbing --------------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock, translated(self.path, self._busy_timeout_s):
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

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock, translated(self.path):
            if self._closed:
                raise StoreError(f"The database {self.path} is closed.")
            yield self._db

    @property
    def location(self) -> str:
        return str(self.path)

    @property
    def schema_version(self) -> int:
        with self._reading() as db:
            return int(db.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._db.close()

    # --- staff -----------------------------------------------------------------------------

    def save_staff(self, profile: ClerkProfile) -> None:
        with self._transaction() as db:
            db.execute(
                rows.UPSERT_STAFF,
                (
                    profile.staff_id,
                    profile.name,
                    profile.desk,
                    profile.court,
                    now_local().isoformat(),
                ),
            )

    def list_staff(self) -> list[ClerkProfile]:
        with self._reading() as db:
            found = db.execute(rows.SELECT_STAFF).fetchall()
        return [ClerkProfile(**dict(row)) for row in found]

    # --- records ---------------------------------------------------------------------------

    def _status_of(self, db: sqlite3.Connection, record_id: str) -> str | None:
        row = db.execute(rows.SELECT_STATUS, (record_id,)).fetchone()
        return row["status"] if row else None

    def _stored(self, db: sqlite3.Connection, record_id: str) -> AssistRecord | None:
        row = db.execute(rows.SELECT_PAYLOAD, (record_id,)).fetchone()
        return AssistRecord.from_dict(json.loads(row["payload"])) if row else None

    def save_draft(self, record: AssistRecord) -> None:
        lifecycle.prepare_draft(record, None)
        with self._transaction() as db:
            lifecycle.prepare_draft(record, self._status_of(db, record.id))
            self._write_record(db, record)

    def get(self, record_id: str) -> AssistRecord:
        with self._reading() as db:
            stored = self._stored(db, record_id)
        if stored is None:
            raise RecordNotFoundError(record_id)
        return stored

    def list_drafts(self) -> list[AssistRecord]:
        with self._reading() as db:
            found = db.execute(rows.SELECT_DRAFTS).fetchall()
        return [AssistRecord.from_dict(json.loads(row["payload"])) for row in found]

    def discard_draft(self, record_id: str, actor: str) -> None:
        with self._transaction() as db:
            lifecycle.check_discardable(record_id, self._status_of(db, record_id))
            db.execute(rows.DELETE_ASSIST, (record_id,))
            self._append_audit(db, actor, "draft.discarded", {"record_id": record_id})

    def finish(self, record: AssistRecord, actor: str) -> AssistRecord:
        lifecycle.check_finishable(record)
        with self._transaction() as db:
            stored = self._stored(db, record.id)
            if lifecycle.finishing_again(stored, record):
                assert stored is not None
                return stored  # finishing again what is already stored: nothing to do
            lifecycle.prepare_finish(record)
            payload = self._write_record(db, record)
            self._write_version(db, record, actor, "", payload)
            details = lifecycle.record_audit_details(record, payload)
            self._append_audit(db, actor, "record.finished", details)
        return record

    def correct(self, record: AssistRecord, actor: str, reason: str) -> AssistRecord:
        with self._transaction() as db:
            row = db.execute(rows.SELECT_STATUS, (record.id,)).fetchone()
            stored = self._stored(db, record.id)
            if stored is not None and stored.is_finished:
                lifecycle.check_correction_content(stored, record)
            lifecycle.prepare_correction(
                record,
                actor,
                reason,
                row["status"] if row else None,
                int(row["version"]) if row else 0,
            )
            reason = record.correction.reason if record.correction else reason.strip()
            payload = self._write_record(db, record)
            self._write_version(db, record, actor, reason, payload)
            details = lifecycle.record_audit_details(record, payload) | {"reason": reason}
            self._append_audit(db, actor, "record.corrected", details)
        return record

    def versions(self, record_id: str) -> list[RecordVersion]:
        with self._reading() as db:
            found = db.execute(rows.SELECT_VERSIONS, (record_id,)).fetchall()
        return [
            RecordVersion(
                version=row["version"],
                created_at=row["created_at"],
                created_by=row["created_by"],
                reason=row["reason"],
                record=AssistRecord.from_dict(json.loads(row["payload"])),
            )
            for row in found
        ]

    def import_finished(self, records: Iterable[AssistRecord], actor: str) -> int:
        """Bulk-insert finished records; returns how many were new (see the protocol).

        More than one batch into a store holding at most BULK_MAX_STORED records (demo data, a
        new desk): one transaction, with the secondary indexes built once at the end (bulk.py).
        Otherwise one transaction per batch."""
        batches = in_batches(records, IMPORT_BATCH)
        first = next(batches, [])
        if len(first) < IMPORT_BATCH or self._stored_more_than(BULK_MAX_STORED):
            return sum(self._import_batch(batch, actor) for batch in chain([first], batches))
        with self._transaction() as db, bulk.indexes_built_at_end(db):
            return sum(self._import_rows(db, batch, actor) for batch in chain([first], batches))

    def _stored_more_than(self, limit: int) -> bool:
        with self._reading() as db:
            sql = "SELECT count(*) FROM (SELECT 1 FROM assists LIMIT ?)"
            return int(db.execute(sql, (limit + 1,)).fetchone()[0]) > limit

    def _existing(self, db: sqlite3.Connection, ids: list[str]) -> dict[str, str]:
        """id -> status of the records among ``ids`` already stored."""
        found: dict[str, str] = {}
        for start in range(0, len(ids), _ID_CHUNK):
            chunk = ids[start : start + _ID_CHUNK]
            marks = ",".join("?" * len(chunk))
            for row in db.execute(rows.SELECT_STATUSES.format(marks=marks), chunk):
                found[row["id"]] = row["status"]
        return found

    def _new_records(
        self, db: sqlite3.Connection, batch: list[AssistRecord]
    ) -> tuple[list[AssistRecord], list[str]]:
        """The records of ``batch`` to write, and the ids of drafts they replace."""
        unique = {record.id: record for record in lifecycle.unique_in_batch(batch)}
        existing = self._existing(db, list(unique))
        fresh, replaced_drafts = [], []
        for record_id, record in unique.items():
            status = existing.get(record_id)
            if status == RecordStatus.FINISHED:
                if lifecycle.existing_finished(self._stored(db, record_id), record):
                    continue
            elif status is not None:
                replaced_drafts.append(record_id)
            fresh.append(record)
        return fresh, replaced_drafts

    def _import_batch(self, batch: list[AssistRecord], actor: str) -> int:
        if not batch:
            return 0
        with self._transaction() as db:
            return self._import_rows(db, batch, actor)

    def _import_rows(self, db: sqlite3.Connection, batch: list[AssistRecord], actor: str) -> int:
        fresh, replaced_drafts = self._new_records(db, batch)
        if not fresh:
            return 0
        for record_id in replaced_drafts:
            self._delete_children(db, record_id)
        assist_rows, step_rows, problem_rows, check_rows, version_rows = [], [], [], [], []
        payloads: list[str] = []
        for record in fresh:
            payload = lifecycle.payload_json(record)
            payloads.append(payload)
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
        details = lifecycle.import_audit_details(fresh, payloads)
        self._append_audit(db, actor, "records.imported", details)
        return len(fresh)

    def _delete_children(self, db: sqlite3.Connection, record_id: str) -> None:
        for statement in rows.DELETE_CHILDREN:
            db.execute(statement, (record_id,))

    def _write_record(self, db: sqlite3.Connection, record: AssistRecord) -> str:
        payload = lifecycle.payload_json(record)
        db.execute(rows.UPSERT_ASSIST, rows.assist_row(record, payload))
        self._delete_children(db, record.id)
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
            clauses.append(rows.TEXT_MATCH)
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
        if query.kind:
            clauses.append("kind = ?")
            params.append(query.kind)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def search(self, query: HistoryQuery) -> list[AssistSummary]:
        where, params = self._where(query)
        column = query.sort_by if query.sort_by in HistoryQuery.SORT_COLUMNS else "started_at"
        direction = "DESC" if query.descending else "ASC"
        sql = rows.SEARCH.format(where=where, column=column, direction=direction)
        with self._reading() as db:
            found = db.execute(sql, [*params, query.limit, query.offset]).fetchall()
        return [AssistSummary(**dict(row)) for row in found]

    def count(self, query: HistoryQuery) -> int:
        where, params = self._where(query)
        with self._reading() as db:
            return int(db.execute(rows.COUNT.format(where=where), params).fetchone()[0])

    # --- exports ---------------------------------------------------------------------------

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
        """Record a written export in ``exports`` and the audit log, in one transaction.

        ``before_commit`` (moving the file into place) runs inside the transaction, after the
        rows are written: if it raises, nothing is committed."""
        details = lifecycle.export_audit_details(
            fmt, filters, row_count, sha256, unmasked, file_name
        )
        with self._transaction() as db:
            entry = self._append_audit(db, actor, "export.written", details)
            db.execute(
                rows.INSERT_EXPORT,
                (entry.at, actor, fmt, canonical_json(filters), row_count, sha256, int(unmasked)),
            )
            if before_commit is not None:
                before_commit()
        return entry

    # --- audit -----------------------------------------------------------------------------

    def audit_head_seq(self) -> int:
        """The newest audit entry's seq (0 for an empty log)."""
        with self._reading() as db:
            row = db.execute(rows.SELECT_AUDIT_HEAD).fetchone()
        return int(row["seq"]) if row else 0

    def append_audit(
        self,
        actor: str,
        action: str,
        details: dict[str, Any],
        before_commit: Callable[[], None] | None = None,
    ) -> AuditEntry:
        """Append one entry; ``before_commit`` (the audited change itself, e.g. writing a
        setting) runs inside the transaction: if it raises, the entry is not committed."""
        with self._transaction() as db:
            entry = self._append_audit(db, actor, action, details)
            if before_commit is not None:
                before_commit()
            return entry

    def _append_audit(
        self, db: sqlite3.Connection, actor: str, action: str, details: dict[str, Any]
    ) -> AuditEntry:
        last = db.execute(rows.SELECT_AUDIT_HEAD).fetchone()
        head = (int(last["seq"]), str(last["hash"])) if last else None
        entry = lifecycle.next_audit_entry(head, actor, action, details, key=self.audit_key)
        db.execute(
            rows.INSERT_AUDIT,
            (
                entry.seq,
                entry.at,
                actor,
                action,
                canonical_json(details),
                entry.prev_hash,
                entry.hash,
            ),
        )
        keyed_from = self.audit_key.from_seq if self.audit_key is not None else 0
        self._anchor_pending = Anchor(entry.seq, entry.hash, keyed_from)  # see store/anchor.py
        return entry

    def latest_audit(self, actions: tuple[str, ...]) -> AuditEntry | None:
        marks = ",".join("?" * len(actions))
        with self._reading() as db:
            row = db.execute(
                "SELECT seq, at, actor, action, details, prev_hash, hash FROM audit_log "
                f"WHERE action IN ({marks}) ORDER BY seq DESC LIMIT 1",
                actions,
            ).fetchone()
        if row is None:
            return None
        try:
            parsed = json.loads(row[4])
        except (TypeError, ValueError):
            raise UnreadableAuditEntryError(int(row[0])) from None
        return AuditEntry(int(row[0]), row[1], row[2], row[3], parsed, row[5], row[6])

    def iter_version_hashes(self) -> Iterator[tuple[str, int, str]]:
        """For verify-log: every stored version's content hash (sqlite/content.py)."""
        return content.iter_version_hashes(self.path)

    def iter_row_disagreements(self, counter: list[int]) -> Iterator[tuple[str, int, list[str]]]:
        """For verify-log: finished rows that disagree with their newest version."""
        return content.iter_row_disagreements(self.path, counter)

    def iter_audit(self) -> Iterator[AuditEntry]:
        conn = connect_readonly(self.path)
        try:
            with translated(self.path):
                cursor = conn.execute(rows.SELECT_AUDIT)
                for seq, at, actor, action, details, prev_hash, digest in cursor:
                    try:
                        parsed = json.loads(details)
                    except (TypeError, ValueError):
                        raise UnreadableAuditEntryError(seq) from None
                    yield AuditEntry(seq, at, actor, action, parsed, prev_hash, digest)
        finally:
            conn.close()
