"""An answer given at one desk to another desk's follow-up (issue 21). No Qt, no storage.

The answering desk audits it in its own chain and hands it to the court's central database; the
preparing desk pulls it from there and records it as a new version of its own record, naming
who answered at which desk (:func:`answer_actor`)."""

from __future__ import annotations

from dataclasses import dataclass

from hearing_helper.domain.visit import FollowUp


@dataclass(frozen=True)
class CourtAnswer:
    seq: int  # the server's order of answers: the preparing desk's pull cursor
    record_id: str
    desk_id: str  # the answering desk
    desk_name: str
    answered_by: str  # the answering clerk's staff id
    follow_up: FollowUp


def answer_actor(answer: CourtAnswer) -> str:
    """Who the preparing desk's new version and audit entry name: the clerk and their desk."""
    where = answer.desk_name or answer.desk_id[:8]
    return f"{answer.answered_by} @ {where}"
