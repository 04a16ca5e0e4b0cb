"""The PostgreSQL side of visits (issue 13): follow-ups, the coming days' prepared hearings, a
returning litigant's earlier visits, and the visit figures of a report. The same answers as
:mod:`hearing_helper.store.sqlite.visits`; times are compared as instants (``::timestamptz``)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING, Any

import psycopg

from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.domain.returning import EarlierVisit, lookup_keys
from hearing_helper.domain.visit import FOLLOW_UP_AFTER, FOLLOW_UP_OVERDUE_AFTER, FollowUp
from hearing_helper.store import lifecycle
from hearing_helper.store.postgres import rows
from hearing_helper.store.report_source import VisitCounts
from hearing_helper.store.repository import AuditEntry, PreparedHearing

PREPARED_COLUMNS = (
    "a.id, a.case_number, a.litigant_name, a.phone, a.hearing_at, a.platform_id, "
    "a.prep_outcome, a.chosen_mode, a.clerk_name, a.started_at"
)
PREPARED_NAMES = [name.strip().removeprefix("a.") for name in PREPARED_COLUMNS.split(",")]
NOT_SUPERSEDED = (
    "a.id NOT IN (SELECT b.previous_id FROM assists b WHERE b.previous_id IS NOT NULL "
    "AND b.kind = 'preparation' AND b.status = 'finished')"
)
SELECT_FOLLOW_UPS = (
    f"SELECT {PREPARED_COLUMNS} FROM assists a WHERE a.kind = 'preparation' "
    "AND a.status = 'finished' AND a.follow_up_result IS NULL AND a.hearing_at IS NOT NULL "
    f"AND a.hearing_at::timestamptz <= %s AND {NOT_SUPERSEDED} "
    "ORDER BY a.hearing_at::timestamptz, a.id LIMIT %s"
)
SELECT_PREPARED_HEARINGS = (
    f"SELECT {PREPARED_COLUMNS} FROM assists a WHERE a.kind = 'preparation' "
    "AND a.status = 'finished' AND a.prep_outcome IN ('ready', 'in_person') "
    "AND a.hearing_at::timestamptz >= %s AND a.hearing_at::timestamptz < %s "
    f"AND {NOT_SUPERSEDED} ORDER BY a.hearing_at::timestamptz, a.id"
)
SELECT_EARLIER_IDS = (
    "SELECT id FROM assists WHERE status = 'finished' AND (case_number = %s OR phone = %s) "
    "ORDER BY started_at DESC, id LIMIT %s"
)


def _prepared(row: tuple[Any, ...]) -> PreparedHearing:
    return PreparedHearing(**dict(zip(PREPARED_NAMES, row, strict=True)))


class PostgresVisitsMixin:
    """Needs the repository's transaction, reading and record-writing helpers."""

    if TYPE_CHECKING:  # provided by PostgresRepository
        desk_id: str

        def _transaction(self) -> AbstractContextManager[psycopg.Connection[Any]]: ...
        def _read(self) -> AbstractContextManager[psycopg.Connection[Any]]: ...
        @staticmethod
        def _status(db: psycopg.Connection[Any], record_id: str, lock: bool = False) -> Any: ...
        @staticmethod
        def _stored(db: psycopg.Connection[Any], record_id: str) -> AssistRecord | None: ...
        def _write_record(
            self, db: psycopg.Connection[Any], record: AssistRecord, payload: str | None = None
        ) -> str: ...
        def _append_audit(
            self, db: psycopg.Connection[Any], actor: str, action: str, details: dict[str, Any]
        ) -> AuditEntry: ...

    def record_follow_up(self, record_id: str, follow_up: FollowUp, actor: str) -> AssistRecord:
        with self._transaction() as db:
            self._status(db, record_id, lock=True)
            record = lifecycle.prepare_follow_up(self._stored(db, record_id), record_id, follow_up)
            payload = self._write_record(db, record)
            reason = f"follow-up: {follow_up.result}"
            db.execute(
                rows.INSERT_VERSION, rows.version_row(record, self.desk_id, actor, reason, payload)
            )
            details = lifecycle.follow_up_audit_details(record, payload)
            self._append_audit(db, actor, "record.followed_up", details)
        return record

    def follow_ups(self, now: datetime, limit: int = 500) -> list[PreparedHearing]:
        with self._read() as db:
            found = db.execute(SELECT_FOLLOW_UPS, (now - FOLLOW_UP_AFTER, limit)).fetchall()
        return [_prepared(row) for row in found]

    def prepared_hearings(self, start: datetime, end: datetime) -> list[PreparedHearing]:
        with self._read() as db:
            found = db.execute(SELECT_PREPARED_HEARINGS, (start, end)).fetchall()
        return [_prepared(row) for row in found]

    def earlier_visits(self, case_number: str, phone: str, limit: int = 10) -> list[EarlierVisit]:
        case_key, phone_key = lookup_keys(case_number, phone)
        if not case_key and not phone_key:
            return []
        with self._read() as db:
            found = db.execute(
                SELECT_EARLIER_IDS, (case_key or None, phone_key or None, limit)
            ).fetchall()
            stored = [self._stored(db, row[0]) for row in found]
        return [EarlierVisit.from_record(record) for record in stored if record is not None]


def visit_counts(
    fetch: Callable[[str, list[Any]], list[tuple[Any, ...]]],
    where: Callable[[ReportFilters], tuple[str, list[Any]]],
    filters: ReportFilters,
    now: datetime,
) -> VisitCounts:
    """The report's visit counts, by ``fetch(sql, params)`` over ``where(filters)``."""
    clause, params = where(filters)
    preparation = fetch(
        "SELECT coalesce(a.prep_outcome, ''), coalesce(a.chosen_mode, ''), "
        f"coalesce(a.follow_up_result, ''), count(*) FROM assists a{clause} "
        "AND a.kind = 'preparation' GROUP BY 1, 2, 3",
        params,
    )
    prepared = fetch(
        "SELECT coalesce(a.outcome, ''), count(*) FROM assists a "
        f"JOIN assists p ON p.id = a.previous_id AND p.kind = 'preparation'{clause} "
        "AND a.kind = 'hearing_day' AND a.previous_id IS NOT NULL GROUP BY 1",
        params,
    )
    phones = fetch(
        "SELECT count(*), coalesce(sum(n), 0), count(*) FILTER (WHERE n > 1) FROM "
        f"(SELECT count(*) AS n FROM assists a{clause} AND a.phone != '' GROUP BY a.phone) p",
        params,
    )[0]
    due_before = now - FOLLOW_UP_AFTER
    overdue_before = due_before - FOLLOW_UP_OVERDUE_AFTER
    follow_ups = fetch(
        "SELECT count(*) FILTER (WHERE a.hearing_at::timestamptz <= %s "
        "AND a.hearing_at::timestamptz > %s), "
        f"count(*) FILTER (WHERE a.hearing_at::timestamptz <= %s) FROM assists a{clause} "
        "AND a.kind = 'preparation' AND a.follow_up_result IS NULL "
        f"AND a.hearing_at IS NOT NULL AND {NOT_SUPERSEDED}",
        [due_before, overdue_before, overdue_before, *params],
    )[0]
    ratings = fetch(
        "SELECT a.rating_source, count(*), sum(a.satisfaction) FROM assists a"
        f"{clause} AND a.satisfaction IS NOT NULL GROUP BY 1",
        params,
    )
    return VisitCounts(
        preparation=[(str(o), str(m), str(f), int(n)) for o, m, f, n in preparation],
        prepared_outcomes=[(str(o), int(n)) for o, n in prepared],
        phones=(int(phones[0]), int(phones[1]), int(phones[2])),
        follow_ups=(int(follow_ups[0]), int(follow_ups[1])),
        ratings=[(str(s), int(n), int(total)) for s, n, total in ratings],
    )
