"""This desk's conflicts on the court's central database, and settling one (issue 24).

A conflict is a record version (or an audit entry, an export) that reached the server twice
with different content; the server kept the first copy. For a record version, the desk's
supervisor looks at both copies side by side and keeps one: the desk writes it as the record's
next version, an audited correction whose reason names the conflict, and sends it; the delivery
of that newer version settles the conflict on the server, and the count clears. An audit entry
or an export in conflict cannot be rewritten by a desk: court IT checks it on the server.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import psycopg

from hearing_helper.domain.record import AssistRecord
from hearing_helper.store.errors import StoreError
from hearing_helper.store.postgres.connection import ServerAddress, connect, translate
from hearing_helper.store.repository import AssistRepository

KEEP_SERVER = "server"
KEEP_DESK = "desk"


@dataclass(frozen=True)
class Conflict:
    id: int
    kind: str  # 'version', 'audit', 'export'
    item_key: str  # 'record <id> v2', 'seq 12', ...
    received_at: str
    record_id: str | None
    version: int | None
    server_copy: AssistRecord | None  # what the server kept (None: not readable here)
    desk_copy: AssistRecord | None  # what this desk delivered

    @property
    def key(self) -> str:
        return f"{self.kind} {self.item_key}"

    @property
    def settleable(self) -> bool:
        """A record version whose two copies can be shown: the desk can settle it."""
        return self.kind == "version" and self.desk_copy is not None


def _record(payload: str | None) -> AssistRecord | None:
    if not payload:
        return None
    try:
        return AssistRecord.from_dict(json.loads(payload))
    except (ValueError, KeyError, TypeError):
        return None


def open_conflicts(address: ServerAddress, desk_id: str, timeout_s: float = 10.0) -> list[Conflict]:
    """This desk's conflicts not settled yet, oldest first, with both copies of versions."""
    try:
        conn = connect(address, timeout_s=timeout_s)
    except psycopg.Error as exc:
        raise translate(address, exc) from None
    try:
        rows: list[tuple[Any, ...]] = conn.execute(
            "SELECT c.id, c.kind, c.item_key, c.received_at, c.record_id, c.record_version, "
            "v.payload, c.incoming FROM conflicts c LEFT JOIN record_versions v "
            "ON c.kind = 'version' AND v.assist_id = c.record_id AND v.version = c.record_version "
            "WHERE c.desk_id = %s AND c.settled_at IS NULL ORDER BY c.id",
            (desk_id,),
        ).fetchall()
    except psycopg.Error as exc:
        raise translate(address, exc) from None
    finally:
        conn.close()
    return [
        Conflict(
            id=int(row[0]),
            kind=str(row[1]),
            item_key=str(row[2]),
            received_at=row[3].isoformat(timespec="seconds"),
            record_id=row[4],
            version=row[5],
            server_copy=_record(row[6]),
            desk_copy=_record(row[7]) if row[1] == "version" else None,
        )
        for row in rows
    ]


def settle(repo: AssistRepository, conflict: Conflict, keep: str, actor: str) -> AssistRecord:
    """Keep one copy of a record version in conflict: this desk writes it as the record's next
    version (an audited correction naming the conflict); sending it settles the conflict."""
    if not conflict.settleable or conflict.record_id is None:
        raise StoreError(f"The conflict {conflict.key} is settled by court IT on the server.")
    chosen = conflict.server_copy if keep == KEEP_SERVER else conflict.desk_copy
    if chosen is None:
        raise StoreError("The server's copy of this record cannot be read from this desk.")
    current = repo.get(conflict.record_id)
    settled = AssistRecord.from_dict(chosen.to_dict())
    settled.version = current.version
    settled.correction = current.correction
    reason = (
        f"conflict settled: kept the {'central database' if keep == KEEP_SERVER else 'desk'}"
        f"'s copy of version {conflict.version}"
    )
    return repo.correct(settled, actor, reason)
