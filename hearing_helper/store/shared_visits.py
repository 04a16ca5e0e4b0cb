"""Visits on both storage adapters (issue 13): recording a follow-up, the follow-up list, the
coming days' prepared hearings and a returning litigant's earlier visits. One set of queries
(the adapter's dialect as their parameter) and one base of the repositories
(store/shared_repository.py).

Times are compared as instants (the dialect's ``instant``): a record's local offset and the desk
PC's time zone need not agree.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic

from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.returning import EarlierVisit, lookup_keys
from hearing_helper.domain.visit import FOLLOW_UP_AFTER, FollowUp
from hearing_helper.store import lifecycle
from hearing_helper.store.repository import AuditEntry, PreparedHearing
from hearing_helper.store.shared_dialect import ConnT, Dialect

PREPARED_COLUMNS = (
    "a.id, a.case_number, a.litigant_name, a.phone, a.hearing_at, a.platform_id, "
    "a.prep_outcome, a.chosen_mode, a.clerk_name, a.started_at"
)
PREPARED_NAMES = [name.strip().removeprefix("a.") for name in PREPARED_COLUMNS.split(",")]
# Not handed on to a later preparation visit of the same litigant (it links back to this one).
# (A set built once: a correlated NOT EXISTS made SQLite scan every preparation visit per row.)
NOT_SUPERSEDED = (
    "a.id NOT IN (SELECT b.previous_id FROM assists b WHERE b.previous_id IS NOT NULL "
    "AND b.kind = 'preparation' AND b.status = 'finished')"
)


def follow_ups_sql(dialect: Dialect) -> str:
    """Finished preparation visits whose hearing is past the follow-up delay, not followed up."""
    hearing = dialect.instant("a.hearing_at")
    return (
        f"SELECT {PREPARED_COLUMNS} FROM assists a WHERE a.kind = 'preparation' "
        "AND a.status = 'finished' AND a.follow_up_result IS NULL AND a.hearing_at IS NOT NULL "
        f"AND {hearing} <= {dialect.instant(dialect.mark)} AND {NOT_SUPERSEDED} "
        f"ORDER BY {hearing}, a.id LIMIT {dialect.mark}"
    )


def prepared_hearings_sql(dialect: Dialect) -> str:
    hearing = dialect.instant("a.hearing_at")
    moment = dialect.instant(dialect.mark)
    return (
        f"SELECT {PREPARED_COLUMNS} FROM assists a WHERE a.kind = 'preparation' "
        "AND a.status = 'finished' AND a.prep_outcome IN ('ready', 'in_person') "
        f"AND {hearing} >= {moment} AND {hearing} < {moment} "
        f"AND {NOT_SUPERSEDED} ORDER BY {hearing}, a.id"
    )


def earlier_ids_sql(dialect: Dialect) -> str:
    mark = dialect.mark
    return (
        f"SELECT id FROM assists WHERE status = 'finished' AND (case_number = {mark} "
        f"OR phone = {mark}) ORDER BY started_at DESC, id LIMIT {mark}"
    )


def prepared_hearing(row: Any) -> PreparedHearing:
    return PreparedHearing(**dict(zip(PREPARED_NAMES, tuple(row), strict=True)))


class SharedVisits(Generic[ConnT]):
    """The visit methods of a repository, on the helpers of ``SharedRepository``."""

    dialect: Dialect

    if TYPE_CHECKING:  # provided by SharedRepository and the adapter

        def _transaction(self) -> AbstractContextManager[ConnT]: ...
        def _read(self) -> AbstractContextManager[ConnT]: ...
        def _status(self, db: ConnT, record_id: str) -> tuple[str, int] | None: ...
        def _stored(self, db: ConnT, record_id: str) -> AssistRecord | None: ...
        def _write_record(self, db: ConnT, record: AssistRecord) -> str: ...
        def _write_version(
            self, db: ConnT, record: AssistRecord, actor: str, reason: str, payload: str
        ) -> None: ...
        def _append_audit(
            self, db: ConnT, actor: str, action: str, details: dict[str, Any]
        ) -> AuditEntry: ...

    def record_follow_up(self, record_id: str, follow_up: FollowUp, actor: str) -> AssistRecord:
        with self._transaction() as db:
            self._status(db, record_id)  # PostgreSQL: locks the row until the commit
            record = lifecycle.prepare_follow_up(self._stored(db, record_id), record_id, follow_up)
            payload = self._write_record(db, record)
            reason = f"follow-up: {follow_up.result}"
            self._write_version(db, record, actor, reason, payload)
            details = lifecycle.follow_up_audit_details(record, payload)
            self._append_audit(db, actor, "record.followed_up", details)
        return record

    def follow_ups(self, now: datetime, limit: int = 500) -> list[PreparedHearing]:
        due_before = self.dialect.instant_param(now - FOLLOW_UP_AFTER)
        with self._read() as db:
            found = db.execute(follow_ups_sql(self.dialect), (due_before, limit)).fetchall()
        return [prepared_hearing(row) for row in found]

    def prepared_hearings(self, start: datetime, end: datetime) -> list[PreparedHearing]:
        params = (self.dialect.instant_param(start), self.dialect.instant_param(end))
        with self._read() as db:
            found = db.execute(prepared_hearings_sql(self.dialect), params).fetchall()
        return [prepared_hearing(row) for row in found]

    def earlier_visits(self, case_number: str, phone: str, limit: int = 10) -> list[EarlierVisit]:
        case_key, phone_key = lookup_keys(case_number, phone)
        if not case_key and not phone_key:
            return []
        params = (case_key or None, phone_key or None, limit)
        with self._read() as db:
            ids = [row[0] for row in db.execute(earlier_ids_sql(self.dialect), params).fetchall()]
            stored = [self._stored(db, record_id) for record_id in ids]
        return [EarlierVisit.from_record(record) for record in stored if record is not None]
