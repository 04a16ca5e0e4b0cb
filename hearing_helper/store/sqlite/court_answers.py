"""The SQLite side of shared follow-ups (issue 21, SQLite migration 7): answers this desk gave
to other desks' follow-ups, waiting for the court's central database. A mixin of
:class:`SqliteRepository`.

The answer and its audit entry are written in one transaction, so it is never lost while the
court cannot be reached; the sender (store/sync/answers.py) hands it over and marks it sent, or
refused for good with the server's reason.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hearing_helper.domain.record import now_local
from hearing_helper.domain.validation import error
from hearing_helper.domain.visit import FollowUp
from hearing_helper.store.errors import RecordRuleError
from hearing_helper.store.repository import AuditEntry

ANSWERED_FOR_COURT = "record.followed_up_for_court"

INSERT_ANSWER = (
    "INSERT INTO court_answers (record_id, preparing_desk_id, follow_up, answered_by, "
    "queued_at) VALUES (?, ?, ?, ?, ?)"
)
SELECT_WAITING = (
    "SELECT record_id, preparing_desk_id, follow_up, answered_by, queued_at FROM court_answers "
    "WHERE sent_at IS NULL AND refused_reason IS NULL ORDER BY queued_at, record_id LIMIT ?"
)


@dataclass(frozen=True)
class WaitingAnswer:
    record_id: str
    preparing_desk_id: str
    follow_up_json: str
    answered_by: str
    queued_at: str


class SqliteCourtAnswersMixin:
    """Needs the repository's transaction, reading and audit helpers."""

    if TYPE_CHECKING:  # provided by SqliteRepository

        def _transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...
        def _read(self) -> AbstractContextManager[sqlite3.Connection]: ...
        def _append_audit(
            self, db: sqlite3.Connection, actor: str, action: str, details: dict[str, Any]
        ) -> AuditEntry: ...

    def queue_court_answer(
        self, record_id: str, preparing_desk_id: str, follow_up: FollowUp, actor: str
    ) -> None:
        """Keep the answer to another desk's follow-up until the court has it, audited in this
        desk's chain. Raises RecordRuleError for an incomplete answer or a second one."""
        problems = follow_up.problems()
        if problems:
            raise RecordRuleError(problems)
        payload = json.dumps(follow_up.to_dict(), ensure_ascii=False, sort_keys=True)
        with self._transaction() as db:
            if db.execute(
                "SELECT 1 FROM court_answers WHERE record_id = ?", (record_id,)
            ).fetchone():
                raise RecordRuleError([error("follow_up", "follow_up.already")])
            db.execute(
                INSERT_ANSWER,
                (record_id, preparing_desk_id, payload, follow_up.recorded_by,
                 now_local().isoformat()),
            )  # fmt: skip
            details = {
                "record_id": record_id,
                "preparing_desk": preparing_desk_id,
                "result": str(follow_up.result),
            }
            self._append_audit(db, actor, ANSWERED_FOR_COURT, details)

    def waiting_court_answers(self, limit: int = 100) -> list[WaitingAnswer]:
        with self._read() as db:
            found = db.execute(SELECT_WAITING, (limit,)).fetchall()
        return [WaitingAnswer(*tuple(row)) for row in found]

    def court_answers_waiting(self) -> int:
        with self._read() as db:
            row = db.execute(
                "SELECT count(*) FROM court_answers WHERE sent_at IS NULL "
                "AND refused_reason IS NULL"
            ).fetchone()
        return int(row[0])

    def court_answer_sent(self, record_id: str) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE court_answers SET sent_at = ? WHERE record_id = ?",
                (now_local().isoformat(), record_id),
            )

    def court_answer_refused(self, record_id: str, reason: str) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE court_answers SET refused_reason = ? WHERE record_id = ?",
                (reason, record_id),
            )

    def court_answered_ids(self) -> set[str]:
        """Other desks' follow-ups this desk answered (sent or waiting, not refused)."""
        with self._read() as db:
            found = db.execute(
                "SELECT record_id FROM court_answers WHERE refused_reason IS NULL"
            ).fetchall()
        return {str(row[0]) for row in found}
