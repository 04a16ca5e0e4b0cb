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
    follow_up: FollowUp | None  # None: the server holds an answer this desk cannot read


def answer_actor(answer: CourtAnswer) -> str:
    """Who the preparing desk's new version and audit entry name: the clerk and their desk.
    A desk names itself, so two may share a name (by mistake, or to pass for the other): the
    start of the answering desk's id always shows which one it was."""
    if not answer.desk_name:
        return f"{answer.answered_by} @ {answer.desk_id[:8]}"
    return f"{answer.answered_by} @ {answer.desk_name} ({answer.desk_id[:8]})"
