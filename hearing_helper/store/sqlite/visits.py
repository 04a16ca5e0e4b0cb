"""The SQLite side of visits (issue 13): follow-ups, the coming days' prepared hearings and a
returning litigant's earlier visits. A mixin of :class:`SqliteRepository`, kept apart so the
repository stays about records in general."""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.returning import EarlierVisit, lookup_keys
from hearing_helper.domain.visit import FOLLOW_UP_AFTER, FollowUp
from hearing_helper.store import lifecycle
from hearing_helper.store.repository import AuditEntry, PreparedHearing

PREPARED_COLUMNS = (
    "a.id, a.case_number, a.litigant_name, a.phone, a.hearing_at, a.platform_id, "
    "a.prep_outcome, a.chosen_mode, a.clerk_name, a.started_at"
)
# Times are compared as instants (SQLite's datetime() turns "…+08:00" into UTC): a record's
# local offset and the desk PC's time zone need not agree.
# (A set built once: a correlated NOT EXISTS made SQLite scan every preparation visit per row.)
# Not handed on to a later preparation visit of the same litigant (it links back to this one).
NOT_SUPERSEDED = (
    "a.id NOT IN (SELECT b.previous_id FROM assists b WHERE b.previous_id IS NOT NULL "
    "AND b.kind = 'preparation' AND b.status = 'finished')"
)
SELECT_FOLLOW_UPS = (
    f"SELECT {PREPARED_COLUMNS} FROM assists a WHERE a.kind = 'preparation' "
    "AND a.status = 'finished' AND a.follow_up_result IS NULL AND a.hearing_at IS NOT NULL "
    f"AND datetime(a.hearing_at) <= datetime(?) AND {NOT_SUPERSEDED} "
    "ORDER BY datetime(a.hearing_at), a.id LIMIT ?"
)
SELECT_PREPARED_HEARINGS = (
    f"SELECT {PREPARED_COLUMNS} FROM assists a WHERE a.kind = 'preparation' "
    "AND a.status = 'finished' AND a.prep_outcome IN ('ready', 'in_person') "
    "AND datetime(a.hearing_at) >= datetime(?) AND datetime(a.hearing_at) < datetime(?) "
    f"AND {NOT_SUPERSEDED} ORDER BY datetime(a.hearing_at), a.id"
)
SELECT_EARLIER_IDS = (
    "SELECT id FROM assists WHERE status = 'finished' AND (case_number = ? OR phone = ?) "
    "ORDER BY started_at DESC, id LIMIT ?"
)


class SqliteVisitsMixin:
    """Needs the repository's transaction, reading and record-writing helpers."""

    if TYPE_CHECKING:  # provided by SqliteRepository

        def _transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...
        def _reading(self) -> AbstractContextManager[sqlite3.Connection]: ...
        def _stored(self, db: sqlite3.Connection, record_id: str) -> AssistRecord | None: ...
        def _write_record(self, db: sqlite3.Connection, record: AssistRecord) -> str: ...
        def _write_version(
            self,
            db: sqlite3.Connection,
            record: AssistRecord,
            actor: str,
            reason: str,
            payload: str,
        ) -> None: ...
        def _append_audit(
            self, db: sqlite3.Connection, actor: str, action: str, details: dict[str, Any]
        ) -> AuditEntry: ...

    def record_follow_up(self, record_id: str, follow_up: FollowUp, actor: str) -> AssistRecord:
        with self._transaction() as db:
            record = lifecycle.prepare_follow_up(self._stored(db, record_id), record_id, follow_up)
            payload = self._write_record(db, record)
            reason = f"follow-up: {follow_up.result}"
            self._write_version(db, record, actor, reason, payload)
            details = lifecycle.follow_up_audit_details(record, payload)
            self._append_audit(db, actor, "record.followed_up", details)
        return record

    def follow_ups(self, now: datetime, limit: int = 500) -> list[PreparedHearing]:
        due_before = (now - FOLLOW_UP_AFTER).isoformat()
        with self._reading() as db:
            found = db.execute(SELECT_FOLLOW_UPS, (due_before, limit)).fetchall()
        return [PreparedHearing(**dict(row)) for row in found]

    def prepared_hearings(self, start: datetime, end: datetime) -> list[PreparedHearing]:
        with self._reading() as db:
            found = db.execute(
                SELECT_PREPARED_HEARINGS, (start.isoformat(), end.isoformat())
            ).fetchall()
        return [PreparedHearing(**dict(row)) for row in found]

    def earlier_visits(self, case_number: str, phone: str, limit: int = 10) -> list[EarlierVisit]:
        case_key, phone_key = lookup_keys(case_number, phone)
        if not case_key and not phone_key:
            return []
        with self._reading() as db:
            ids = [
                row["id"]
                for row in db.execute(
                    SELECT_EARLIER_IDS, (case_key or None, phone_key or None, limit)
                )
            ]
            stored = [self._stored(db, record_id) for record_id in ids]
        return [EarlierVisit.from_record(record) for record in stored if record is not None]
