"""The record repository every storage backend implements (SQLite, PostgreSQL).

Callers depend only on this protocol, never on SQL or a connection, so a shared-database backend
is a second adapter, not a rewrite. The record rules (validation, version numbers, correction
stamps, the next audit entry) live in :mod:`hearing_helper.store.lifecycle`; adapters persist what
it decides. Reports use the separate :class:`~hearing_helper.store.report_source.ReportSource`.

Every failure a user can meet is a :class:`~hearing_helper.store.errors.StoreError` subclass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from hearing_helper.domain.record import AssistRecord, ClerkProfile
from hearing_helper.domain.returning import EarlierVisit
from hearing_helper.domain.visit import FollowUp
from hearing_helper.store.audit import AuditKey


@dataclass(frozen=True)
class HistoryQuery:
    """Search of the assistance history. Empty fields do not filter."""

    text: str = ""  # matched against case number and litigant name
    date_from: date | None = None  # by local start date, inclusive
    date_to: date | None = None
    outcome: str | None = None
    status: str | None = None  # 'draft' or 'finished'
    kind: str | None = None  # 'preparation' or 'hearing_day' (domain.visit.VisitKind)
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
    kind: str = "hearing_day"
    prep_outcome: str | None = None


@dataclass(frozen=True)
class PreparedHearing:
    """A prepared litigant's hearing, for the follow-up list and the coming days' reminder."""

    id: str
    case_number: str
    litigant_name: str
    phone: str
    hearing_at: str  # local ISO 8601
    platform_id: str | None
    prep_outcome: str | None
    chosen_mode: str | None
    clerk_name: str
    started_at: str


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
    """What the wizard, history and commands need from storage. Thread-safe."""

    @property
    def location(self) -> str:
        """Where the data lives, for messages: a file path or a URL without its password."""

    @property
    def schema_version(self) -> int: ...

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
        """Validate, freeze as version 1 and audit; returns the stored record.

        Raises IncompleteRecordError. Finishing again a record already stored finished with the
        same content is a no-op returning the stored record; different content raises
        RecordConflictError."""

    def correct(self, record: AssistRecord, actor: str, reason: str) -> AssistRecord:
        """Store a corrected copy of a finished record as a new version."""

    def versions(self, record_id: str) -> list[RecordVersion]: ...

    # visits (issue 13)
    def record_follow_up(self, record_id: str, follow_up: FollowUp, actor: str) -> AssistRecord:
        """Store what happened at a prepared litigant's hearing as the visit's next version
        (audited). Raises RecordRuleError when the record is no finished preparation visit or
        is already followed up."""

    def follow_ups(self, now: datetime, limit: int = 500) -> list[PreparedHearing]:
        """Finished preparation visits whose follow-up is due at ``now`` (their hearing has
        passed, see domain.visit.follow_up_state) and not recorded, oldest hearing first.
        A visit that a later preparation visit links to is followed up there instead."""

    def prepared_hearings(self, start: datetime, end: datetime) -> list[PreparedHearing]:
        """Prepared litigants (ready or attending in person) whose hearing is in
        [start, end), in hearing order: the reminder of today's and tomorrow's hearings."""

    def earlier_visits(self, case_number: str, phone: str, limit: int = 10) -> list[EarlierVisit]:
        """Finished visits with this case number or phone (normalised; an empty key matches
        nothing), newest first."""

    def import_finished(self, records: Iterable[AssistRecord], actor: str) -> int:
        """Bulk-insert finished records (demo data, records moved from another desk).

        Returns how many were new. A record already stored with the same content is skipped;
        with different content the batch holding it is refused with RecordConflictError."""

    def search(self, query: HistoryQuery) -> list[AssistSummary]: ...
    def count(self, query: HistoryQuery) -> int: ...

    # audit log
    audit_key: AuditKey | None  # the data folder's key (store/audit.py); None: unkeyed
    # Called before every write transaction: keys the chain when opening deferred it
    # (chain_keying.py), so no audited write goes out unkeyed. None: keyed at open.
    before_write: Callable[[], None] | None

    def audit_head_seq(self) -> int:
        """The newest audit entry's seq (0 for an empty log)."""

    def append_audit(
        self,
        actor: str,
        action: str,
        details: dict[str, Any],
        before_commit: Callable[[], None] | None = None,
    ) -> AuditEntry:
        """Append one audit entry; ``before_commit`` (the audited change) runs inside the
        transaction, before its commit: if it raises, nothing is recorded."""

    def iter_audit(self) -> Iterator[AuditEntry]:
        """Entries in seq order, streamed. An entry whose details are not JSON any more raises
        UnreadableAuditEntryError (verify-log reports it as edited)."""

    def latest_audit(self, actions: tuple[str, ...]) -> AuditEntry | None:
        """The newest entry whose action is one of ``actions`` (None when there is none)."""

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

    def close(self) -> None: ...
