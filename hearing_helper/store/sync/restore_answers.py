"""After a restore: the court's shared follow-ups of the restored desk (issue 21).

What other desks did about the old desk's follow-ups lives on the court, not in the desk's
history: answers given at another desk are pulled here at once (the sender's answers cursor from
the start, so an answer the old PC had already recorded is kept once, one it never saw becomes
a new version now), and other desks' claims are the court's live list, read as before. What the
old desk itself answered for other desks was handed over from a queue on the old PC; an answer
still waiting there (another desk's clerk was calling) is gone with it. Its audit entry reached
the court, so it is named here -- the follow-up is due again in the court's list -- rather than
lost silently. Run on the restored folder, after the restore is in place; a court that cannot
be reached now leaves all of this to the first sync (the answers) and says so.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from hearing_helper.store.audit import AuditKey
from hearing_helper.store.errors import StoreError
from hearing_helper.store.postgres.connection import (
    ServerAddress,
    connect,
    hard_deadline,
    translate,
)
from hearing_helper.store.postgres.court_desk import CourtDesk
from hearing_helper.store.sqlite.court_answers import ANSWERED_FOR_COURT
from hearing_helper.store.sqlite.outbox import SqliteOutbox
from hearing_helper.store.sqlite.repository import SqliteRepository, open_repository
from hearing_helper.store.sync.answers import pull_answers

log = logging.getLogger(__name__)

SETTLE_TIMEOUT_S = 60.0


@dataclass
class SettledFollowUps:
    applied: int = 0  # answers given at other desks, recorded here as new versions
    not_delivered: list[str] = field(default_factory=list)  # other desks' records, due again
    court_error: str = ""  # the court could not be asked: the first sync pulls the answers


def _answered_here(repo: SqliteRepository) -> list[str]:
    """Other desks' follow-ups this desk's chain says it answered, in chain order."""
    found: dict[str, None] = {}
    for entry in repo.iter_audit():
        if entry.action == ANSWERED_FOR_COURT and isinstance(entry.details, dict):
            record_id = entry.details.get("record_id")
            if isinstance(record_id, str):
                found[record_id] = None
    return list(found)


def settle_court_follow_ups(
    data_dir: Path, address: ServerAddress, desk_id: str, key: AuditKey | None
) -> SettledFollowUps:
    """Apply the answers other desks gave to the restored desk's follow-ups, and name the
    answers the old desk gave that never reached the court. Never raises a StoreError."""
    settled = SettledFollowUps()
    repo = open_repository(data_dir)
    repo.audit_key = key
    try:
        conn = connect(address, timeout_s=SETTLE_TIMEOUT_S)
        try:
            with hard_deadline(conn, SETTLE_TIMEOUT_S):
                settled.applied = pull_answers(conn, desk_id, repo, SqliteOutbox(repo.path))
        except psycopg.Error as exc:
            raise translate(address, exc) from None
        finally:
            conn.close()
        answered = _answered_here(repo)
        if answered:
            due = {
                item.hearing.id
                for item in CourtDesk(address, desk_id, SETTLE_TIMEOUT_S).follow_ups()
                if item.desk_id != desk_id
            }
            settled.not_delivered = [record_id for record_id in answered if record_id in due]
    except StoreError as exc:
        log.warning("The court's follow-ups after the restore: %s", exc)
        settled.court_error = str(exc)
    finally:
        repo.close()
    return settled
