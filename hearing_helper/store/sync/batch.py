"""What a desk sends to the court's central database: one batch of outbox items.

Plain data shared by the desk's outbox (``store/sqlite/outbox.py``) and the server side
(``store/postgres/delivery.py``); the desk id and name are added by the sender.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class VersionItem:
    """One finished record version from the desk's record_versions."""

    record_id: str
    version: int
    created_at: str
    created_by: str
    reason: str
    payload: str  # AssistRecord.to_dict() as stored on the desk


@dataclass(frozen=True)
class AuditItem:
    seq: int
    at: str
    actor: str
    action: str
    details: str  # the canonical JSON text the hash covers
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class ExportItem:
    audit_seq: int
    at: str
    actor: str
    format: str
    filters: str
    row_count: int
    sha256: str
    unmasked: bool


@dataclass
class Batch:
    desk_id: str
    desk_name: str
    versions: list[VersionItem] = field(default_factory=list)
    audits: list[AuditItem] = field(default_factory=list)
    exports: list[ExportItem] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.versions) + len(self.audits) + len(self.exports)
