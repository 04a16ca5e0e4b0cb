"""Shared follow-ups on every sync (issue 21): hand this desk's answers to other desks'
follow-ups to the court, and bring back the answers other desks gave to this desk's own.

Run by the sender on its connection, before it pushes the outbox (so the versions made here from
pulled answers go up in the same sync). The pull is incremental and small: a cursor in the
outbox's ``sync_state`` (the server's answer sequence number), pages of at most 200, at most
``MAX_PAGES`` pages per sync. Each pulled answer becomes a new version of this desk's record
(``record_follow_up``: audited in this desk's chain, queued in the outbox), naming the clerk and
desk who answered. A record that already has its follow-up here keeps it (the cursor moves on).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Protocol

import psycopg

from hearing_helper.domain.follow_up_answer import answer_actor
from hearing_helper.domain.visit import FollowUp
from hearing_helper.store.errors import RecordNotFoundError, RecordRuleError
from hearing_helper.store.postgres.court_desk import ANSWERS_PAGE, answers_after, send_answer
from hearing_helper.store.sqlite.court_answers import WaitingAnswer

log = logging.getLogger(__name__)

CURSOR_KEY = "answers_cursor"
MAX_PAGES = 10
# A refusal of one answer for good: not JSON / unknown result (22), answered elsewhere first
# (23), claimed by another desk (55P03: tried again on the next sync, so not for good).
REFUSED_FOR_GOOD = (psycopg.errors.DataError, psycopg.errors.IntegrityError)


class _AnswerStore(Protocol):
    def waiting_court_answers(self, limit: int = 100) -> list[WaitingAnswer]: ...
    def court_answer_sent(self, record_id: str) -> None: ...
    def court_answer_refused(self, record_id: str, reason: str) -> None: ...
    def court_answers_waiting(self) -> int: ...
    def record_follow_up(self, record_id: str, follow_up: FollowUp, actor: str) -> Any: ...


class _State(Protocol):
    def state(self) -> dict[str, Any]: ...
    def update_state(self, **values: Any) -> None: ...


@dataclass(frozen=True)
class ExchangeResult:
    sent: int  # answers handed to the court
    applied: int  # answers from other desks recorded here as new versions


def _send_waiting(conn: psycopg.Connection[Any], desk_id: str, repo: _AnswerStore) -> int:
    sent = 0
    for answer in repo.waiting_court_answers():
        try:
            with conn.transaction():
                send_answer(
                    conn, desk_id, answer.record_id, answer.answered_by, answer.follow_up_json
                )
        except REFUSED_FOR_GOOD as exc:
            reason = str(exc).strip().splitlines()[0]
            log.warning("The court refused the answer for record %s: %s", answer.record_id, reason)
            repo.court_answer_refused(answer.record_id, reason)
            continue
        except psycopg.errors.LockNotAvailable as exc:
            log.info("Answer for %s waits: %s", answer.record_id, exc)
            continue
        repo.court_answer_sent(answer.record_id)
        sent += 1
    return sent


def pull_answers(
    conn: psycopg.Connection[Any], desk_id: str, repo: _AnswerStore, state: _State
) -> int:
    """Apply the answers other desks gave to ``desk_id``'s follow-ups, after the cursor in
    ``state``; returns how many became new versions here. Also run after a restore."""
    applied = 0
    cursor = int(state.state().get(CURSOR_KEY, 0) or 0)
    for _page in range(MAX_PAGES):
        answers = answers_after(conn, desk_id, cursor)
        for answer in answers:
            if answer.follow_up is None:
                log.warning(
                    "Answer %s for %s from desk %s cannot be read; not applied",
                    answer.seq,
                    answer.record_id,
                    answer.desk_id,
                )
                cursor = answer.seq
                state.update_state(**{CURSOR_KEY: cursor})
                continue
            try:
                repo.record_follow_up(answer.record_id, answer.follow_up, answer_actor(answer))
                applied += 1
            except (RecordRuleError, RecordNotFoundError) as exc:
                # Recorded here already (or no such record here): this desk's own stays.
                log.info("Answer %s for %s not applied: %s", answer.seq, answer.record_id, exc)
            cursor = answer.seq
            state.update_state(**{CURSOR_KEY: cursor})
        if len(answers) < ANSWERS_PAGE:
            break
    return applied


def exchange_answers(
    conn: psycopg.Connection[Any], desk_id: str, repo: _AnswerStore, state: _State
) -> ExchangeResult:
    """Send the waiting answers, then pull and apply the new ones for this desk's records.
    Connection failures raise (the sender reports them); one refused answer does not."""
    try:
        sent = _send_waiting(conn, desk_id, repo)
        applied = pull_answers(conn, desk_id, repo, state)
    except psycopg.errors.NoDataFound:  # the server does not know this desk: nothing delivered
        return ExchangeResult(sent=0, applied=0)
    if sent or applied:
        log.info("Follow-up answers: %d sent to the court, %d recorded here", sent, applied)
    return ExchangeResult(sent=sent, applied=applied)
