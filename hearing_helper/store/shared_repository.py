"""What both storage adapters' repositories do alike: the record flows (draft, finish, correct,
discard, read), the history search, exports and the audit chain, on the rules of
:mod:`hearing_helper.store.lifecycle` and the row mapper of :mod:`shared_rows`.

An adapter subclasses :class:`SharedRepository` with its connection type and supplies only what
its database needs: its transactions and reads, how a record's row is locked and written, where
an audit entry's chain head is and how an entry and an export row are inserted.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from hearing_helper.domain.record import AssistRecord
from hearing_helper.store import lifecycle
from hearing_helper.store.audit import AuditKey
from hearing_helper.store.errors import RecordNotFoundError
from hearing_helper.store.repository import (
    AssistSummary,
    AuditEntry,
    HistoryQuery,
    RecordVersion,
)
from hearing_helper.store.shared_dialect import ConnT
from hearing_helper.store.shared_history import count_sql, search_sql, summary
from hearing_helper.store.shared_rows import current_payload_sql, versions_sql
from hearing_helper.store.shared_visits import SharedVisits


class SharedRepository(SharedVisits[ConnT], ABC):
    audit_key: AuditKey | None  # set by AppServices.open (see store/audit.py)

    # --- what each adapter supplies ------------------------------------------------------------

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[ConnT]:
        """One write transaction; driver errors become StoreErrors."""

    @abstractmethod
    def _read(self) -> AbstractContextManager[ConnT]: ...

    @abstractmethod
    def _status(self, db: ConnT, record_id: str) -> tuple[str, int] | None:
        """(status, version) of a stored record, its row locked until the commit where the
        database locks rows (SQLite's write transaction already holds the whole file)."""

    @abstractmethod
    def _write_record(self, db: ConnT, record: AssistRecord) -> str:
        """Write the record's row and child rows; returns its payload."""

    @abstractmethod
    def _write_version(
        self, db: ConnT, record: AssistRecord, actor: str, reason: str, payload: str
    ) -> None: ...

    @abstractmethod
    def _delete_record(self, db: ConnT, record_id: str) -> None: ...

    @abstractmethod
    def _audit_head(self, db: ConnT) -> tuple[int, str] | None:
        """(seq, hash) of the newest entry of this chain, held until the commit."""

    @abstractmethod
    def _insert_audit(
        self, db: ConnT, entry: AuditEntry, actor: str, action: str, details: dict[str, Any]
    ) -> None: ...

    @abstractmethod
    def _insert_export(
        self,
        db: ConnT,
        entry: AuditEntry,
        fmt: str,
        filters: dict[str, Any],
        row_count: int,
        sha256: str,
        unmasked: bool,
    ) -> None: ...

    # --- records -------------------------------------------------------------------------------

    def _stored(self, db: ConnT, record_id: str) -> AssistRecord | None:
        row = db.execute(current_payload_sql(self.dialect.mark), (record_id,)).fetchone()
        return AssistRecord.from_dict(json.loads(row[0])) if row and row[0] else None

    def get(self, record_id: str) -> AssistRecord:
        with self._read() as db:
            stored = self._stored(db, record_id)
        if stored is None:
            raise RecordNotFoundError(record_id)
        return stored

    def save_draft(self, record: AssistRecord) -> None:
        lifecycle.prepare_draft(record, None)  # a finished record is refused before waiting
        with self._transaction() as db:
            found = self._status(db, record.id)
            lifecycle.prepare_draft(record, found[0] if found else None)
            self._write_record(db, record)

    def discard_draft(self, record_id: str, actor: str) -> None:
        with self._transaction() as db:
            found = self._status(db, record_id)
            lifecycle.check_discardable(record_id, found[0] if found else None)
            self._delete_record(db, record_id)
            self._append_audit(db, actor, "draft.discarded", {"record_id": record_id})

    def finish(self, record: AssistRecord, actor: str) -> AssistRecord:
        lifecycle.check_finishable(record)
        with self._transaction() as db:
            self._status(db, record.id)
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
            found = self._status(db, record.id)
            stored = self._stored(db, record.id)
            if stored is not None and stored.is_finished:
                lifecycle.check_correction_content(stored, record)
            lifecycle.prepare_correction(
                record, actor, reason, found[0] if found else None, found[1] if found else 0
            )
            reason = record.correction.reason if record.correction else reason.strip()
            payload = self._write_record(db, record)
            self._write_version(db, record, actor, reason, payload)
            details = lifecycle.record_audit_details(record, payload) | {"reason": reason}
            self._append_audit(db, actor, "record.corrected", details)
        return record

    def versions(self, record_id: str) -> list[RecordVersion]:
        with self._read() as db:
            found = db.execute(versions_sql(self.dialect.mark), (record_id,)).fetchall()
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

    # --- search --------------------------------------------------------------------------------

    def search(self, query: HistoryQuery) -> list[AssistSummary]:
        sql, params = search_sql(query, self.dialect)
        with self._read() as db:
            found = db.execute(sql, params).fetchall()
        return [summary(row) for row in found]

    def count(self, query: HistoryQuery) -> int:
        sql, params = count_sql(query, self.dialect)
        with self._read() as db:
            row = db.execute(sql, params).fetchone()
        return int(row[0]) if row else 0

    # --- exports and the audit chain -----------------------------------------------------------

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
            self._insert_export(db, entry, fmt, filters, row_count, sha256, unmasked)
            if before_commit is not None:
                before_commit()
        return entry

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
        self, db: ConnT, actor: str, action: str, details: dict[str, Any]
    ) -> AuditEntry:
        head = self._audit_head(db)
        entry = lifecycle.next_audit_entry(head, actor, action, details, key=self.audit_key)
        self._insert_audit(db, entry, actor, action, details)
        return entry
