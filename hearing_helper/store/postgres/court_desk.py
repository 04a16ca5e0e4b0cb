"""A joined desk's narrow view of the court's central database (PostgreSQL migration 7).

A desk login reads no other desk's rows (row-level security); everything here calls one of the
server functions that run as hh_writer, check that the login acts for its own desk, and return
masked summaries in small, bounded amounts. Each call opens a short connection under a hard
deadline, so a server that hangs costs the caller ``timeout_s`` at most (the window calls these
from a worker).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import psycopg

from hearing_helper.domain.follow_up_answer import CourtAnswer
from hearing_helper.domain.returning import EarlierVisit
from hearing_helper.domain.visit import FollowUp, VisitKind
from hearing_helper.store.court_channel import (
    CLAIM_MINUTES,
    Claim,
    CourtFollowUp,
    CourtLimitError,
    FollowUpClosedError,
)
from hearing_helper.store.errors import StoreError
from hearing_helper.store.postgres.connection import (
    ServerAddress,
    connect,
    hard_deadline,
    translate,
)
from hearing_helper.store.repository import PreparedHearing

LOOKUP_TIMEOUT_S = 5.0  # connect and answer: intake waits no longer for the court
ANSWERS_PAGE = 200  # the server's own cap per call (hh_follow_up_answers)
ANSWER_CLOCK_SLACK = timedelta(days=1)  # desks' clocks disagree; an answer is never days ahead

_T = TypeVar("_T")

SELECT_VISITS = "SELECT * FROM hh_court_visits(%s, %s, %s)"
SELECT_FOLLOW_UPS = "SELECT * FROM hh_court_follow_ups(%s, %s)"
CLAIM = "SELECT * FROM hh_claim_follow_up(%s, %s, %s, %s)"
RELEASE = "SELECT hh_release_follow_up(%s, %s)"
ANSWER = "SELECT hh_answer_follow_up(%s, %s, %s, %s)"
SELECT_ANSWERS = "SELECT * FROM hh_follow_up_answers(%s, %s, %s)"


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _visit(row: dict[str, Any]) -> EarlierVisit:
    kind = VisitKind(row["kind"]) if row["kind"] in set(VisitKind) else VisitKind.HEARING_DAY
    outcome = row["prep_outcome"] if kind is VisitKind.PREPARATION else row["outcome"]
    started = _time(row["started_at"])
    assert started is not None  # NOT NULL on the server
    return EarlierVisit(
        record_id=row["record_id"],
        started_at=started,
        kind=kind,
        outcome=outcome or "",
        failed_checks=tuple(row["failed_checks"] or ()),
        join_mode=row["chosen_mode"] or "",
        case_number=row["case_number"] or "",
        litigant_name=row["litigant_name"] or "",
        phone=row["phone"] or "",
        hearing_at=_time(row["hearing_at"]),
        clerk_name=row["clerk_name"] or "",
        desk_id=row["desk_id"],
        desk_name=row["desk_name"] or "",
        masked=True,
    )


def _follow_up(row: dict[str, Any]) -> CourtFollowUp:
    hearing = PreparedHearing(
        id=row["record_id"],
        case_number=row["case_number"] or "",
        litigant_name=row["litigant_name"] or "",
        phone=row["phone"] or "",
        hearing_at=row["hearing_at"],
        platform_id=row["platform_id"],
        prep_outcome=row["prep_outcome"],
        chosen_mode=row["chosen_mode"],
        clerk_name=row["clerk_name"] or "",
        started_at=row["started_at"],
    )
    claim = None
    if row["claim_desk_id"]:
        claim = Claim(
            desk_id=row["claim_desk_id"],
            desk_name=row["claim_desk_name"] or "",
            clerk=row["claimed_by"] or "",
            expires_at=row["claim_expires_at"],
        )
    return CourtFollowUp(
        hearing,
        row["desk_id"],
        row["desk_name"] or "",
        claim,
        masked=True,
        answered_at_desk=row["answered_at_desk"] or "",
    )


def _readable_follow_up(text: str) -> FollowUp | None:
    """The answer's follow-up; None when another desk (or someone with a login) stored one
    this desk cannot read: it must not stop this desk's sync for good."""
    try:
        follow_up = FollowUp.from_dict(json.loads(text))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    texts = (follow_up.recorded_by, follow_up.cause, follow_up.note)
    if not all(isinstance(value, str) for value in texts):
        return None
    at = follow_up.recorded_at
    if at.tzinfo is None or at > datetime.now(UTC) + ANSWER_CLOCK_SLACK:
        return None  # this desk's reports compare it with zoned times; none is recorded ahead
    return follow_up


def _answer(row: dict[str, Any]) -> CourtAnswer:
    return CourtAnswer(
        seq=int(row["seq"]),
        record_id=row["record_id"],
        desk_id=row["answering_desk_id"],
        desk_name=row["answering_desk_name"] or "",
        answered_by=row["answered_by"],
        follow_up=_readable_follow_up(row["follow_up"]),
    )


@dataclass
class CourtDesk:
    """The court channel of the desk ``desk_id`` (its login must be bound to it)."""

    address: ServerAddress
    desk_id: str
    timeout_s: float = LOOKUP_TIMEOUT_S

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection[Any]]:
        conn = connect(self.address, timeout_s=self.timeout_s)
        try:
            with hard_deadline(conn, self.timeout_s):
                yield conn
        except psycopg.errors.ProgramLimitExceeded as exc:  # the server's limits (migration 12)
            raise CourtLimitError(
                f"The court's central database {self.address.location} refuses this desk for "
                f"now: {str(exc).strip().splitlines()[0]}."
            ) from None
        except psycopg.Error as exc:
            raise translate(self.address, exc) from None
        finally:
            conn.close()

    def _rows(
        self, sql: str, params: tuple[Any, ...], make: Callable[[dict[str, Any]], _T]
    ) -> list[_T]:
        with self._connection() as conn:
            cursor = conn.cursor(row_factory=psycopg.rows.dict_row)
            return [make(row) for row in cursor.execute(sql, params).fetchall()]

    def earlier_visits(self, case_key: str, phone_key: str) -> list[EarlierVisit]:
        # One key per call: the server refuses two.
        params = (self.desk_id, case_key, None) if case_key else (self.desk_id, None, phone_key)
        return self._rows(SELECT_VISITS, params, _visit)

    def follow_ups(self, limit: int = 500) -> list[CourtFollowUp]:
        return self._rows(SELECT_FOLLOW_UPS, (self.desk_id, limit), _follow_up)

    def claim(self, record_id: str, clerk: str, minutes: int = CLAIM_MINUTES) -> Claim:
        try:
            with self._connection() as conn:
                cursor = conn.cursor(row_factory=psycopg.rows.dict_row)
                row = cursor.execute(CLAIM, (self.desk_id, record_id, clerk, minutes)).fetchone()
        except StoreError as exc:
            if FollowUpClosedError.MARK in str(exc):
                raise FollowUpClosedError(
                    f"The follow-up of this litigant has {FollowUpClosedError.MARK} at a desk "
                    "of the court; nothing to call about."
                ) from None
            raise
        if row is None:  # the function always returns one row
            raise StoreError(f"The court did not answer the claim of record {record_id}.")
        return Claim(
            desk_id=row["claim_desk_id"] or "",
            desk_name=row["claim_desk_name"] or "",
            clerk=row["claimed_by"] or "",
            expires_at=row["expires_at"],
            granted=bool(row["claimed"]),
            phone=row["phone"] or "",
        )

    def release(self, record_id: str) -> None:
        with self._connection() as conn:
            conn.execute(RELEASE, (self.desk_id, record_id))


# --- used by the sender (store/sync/answers.py), on its own connection ------------------------


def send_answer(
    conn: psycopg.Connection[Any],
    desk_id: str,
    record_id: str,
    answered_by: str,
    follow_up_json: str,
) -> int:
    """Hand one answer to the server; returns its sequence number there. Raises psycopg.Error
    (a refusal for good is a DataError, IntegrityError or LockNotAvailable)."""
    row = conn.execute(ANSWER, (desk_id, record_id, answered_by, follow_up_json)).fetchone()
    return int(row[0]) if row else 0


def answers_after(conn: psycopg.Connection[Any], desk_id: str, after: int) -> list[CourtAnswer]:
    """The answers given at other desks to ``desk_id``'s follow-ups, after ``after``; one page."""
    cursor = conn.cursor(row_factory=psycopg.rows.dict_row)
    rows = cursor.execute(SELECT_ANSWERS, (desk_id, after, ANSWERS_PAGE)).fetchall()
    return [_answer(row) for row in rows]
