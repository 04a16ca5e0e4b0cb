"""The repository interface every storage backend implements (SQLite now, PostgreSQL later).

Callers depend only on this protocol, never on SQL, so a shared-database backend can be added
without touching them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from hearing_helper.domain.record import AssistRecord, ClerkProfile


@dataclass(frozen=True)
class HistoryQuery:
    """Search of the assistance history. Empty fields do not filter."""

    text: str = ""  # matched against case number and litigant name
    date_from: date | None = None  # by local start date, inclusive
    date_to: date | None = None
    outcome: str | None = None
    status: str | None = None  # 'draft' or 'finished'
    sort_by: str = "started_at"  # one of SORT_COLUMNS
    descending: bool = True
    limit: int = 500
    offset: int = 0

    SORT_COLUMNS = (
        "started_at",
        "case_number",
        "litigant_name",
        "outcome",
        "duration_s",
        "clerk_name",
        "platform_id",
    )


@dataclass(frozen=True)
class AssistSummary:
    """One row of the history list."""

    id: str
    version: int
    status: str
    case_number: str
    litigant_name: str
    role: str | None
    platform_id: str | None
    clerk_name: str
    desk: str
    started_at: str
    ended_at: str | None
    duration_s: int | None
    outcome: str | None
    satisfaction: int | None


@dataclass(frozen=True)
class RecordVersion:
    version: int
    created_at: str
    created_by: str
    reason: str
    record: AssistRecord


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    action: str
    details: dict[str, Any] = field(default_factory=dict)
    prev_hash: str = ""
    hash: str = ""


class AssistRepository(Protocol):
    """What the application needs from storage."""

    # clerk profiles
    def save_staff(self, profile: ClerkProfile) -> None: ...
    def list_staff(self) -> list[ClerkProfile]: ...

    # records
    def save_draft(self, record: AssistRecord) -> None:
        """Insert or update a draft; durable when it returns. Refuses finished records."""

    def get(self, record_id: str) -> AssistRecord: ...
    def list_drafts(self) -> list[AssistRecord]: ...
    def discard_draft(self, record_id: str, actor: str) -> None: ...

    def finish(self, record: AssistRecord, actor: str) -> AssistRecord:
        """Validate, freeze as version 1 and audit; returns the stored record."""

    def correct(self, record: AssistRecord, actor: str, reason: str) -> AssistRecord:
        """Store a corrected copy of a finished record as a new version."""

    def versions(self, record_id: str) -> list[RecordVersion]: ...
    def import_finished(self, records: Iterable[AssistRecord], actor: str) -> int:
        """Bulk-insert finished records (demo data, records moved from another desk)."""

    def search(self, query: HistoryQuery) -> list[AssistSummary]: ...
    def count(self, query: HistoryQuery) -> int: ...

    # audit log
    def append_audit(
        self,
        actor: str,
        action: str,
        details: dict[str, Any],
        before_commit: Callable[[], None] | None = None,
    ) -> AuditEntry:
        """Append one audit entry; ``before_commit`` (the audited change) runs inside the
        transaction, before its commit: if it raises, nothing is recorded."""

    def iter_audit(self) -> Iterator[AuditEntry]: ...
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
        """Record a written export in the exports table and the audit log, atomically;
        ``before_commit`` (moving the file into place) runs in the transaction, before its
        commit: if it raises, nothing is recorded."""

    # Reports and exports run SQL over a read-only DB-API connection: fast aggregation where the
    # data lives. The SQL is SQLite's; a PostgreSQL backend provides its own report queries.
    def connect_readonly(self) -> Any: ...

    def close(self) -> None: ...
