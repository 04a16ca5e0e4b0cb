"""The court as one help desk (issue 21): what a joined desk learns from the court's central
database, and its own file when the court cannot be reached. No SQL here: the channel itself is
``store/postgres/court_desk.py`` (narrow server functions), reached through :class:`CourtChannel`.

- earlier visits of a returning litigant, by ONE case number or ONE normalised phone, from every
  desk (masked by the server, with the desk's name), merged with this desk's own file;
- the court's due and overdue follow-ups, each with the desk that prepared it and who holds a
  claim on it (a clerk who calls claims it for a while so two clerks do not call the same
  litigant).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from hearing_helper.domain.returning import EarlierVisit, lookup_keys
from hearing_helper.store.errors import StoreError
from hearing_helper.store.repository import AssistRepository, PreparedHearing

log = logging.getLogger(__name__)

CLAIM_MINUTES = 15  # long enough for a call or two; a forgotten claim frees itself
EARLIER_VISITS_SHOWN = 20

SCOPE_COURT = "court"
SCOPE_DESK = "desk"


class FollowUpClosedError(StoreError):
    """The follow-up was recorded meanwhile (at this desk or another): nothing to claim.
    ``MARK`` is in its text, so a message passed on as text can still be told apart."""

    MARK = "already been recorded"


class CourtLimitError(StoreError):
    """The court refuses this desk's login for now: it holds too many claims at once, or read
    too much in the last hour (look-ups, the follow-up list). ``MARK`` is in its text."""

    MARK = "the court allows no more"


@dataclass(frozen=True)
class Claim:
    """Who is calling about a follow-up, until when. ``granted``: this clerk holds it now (then
    ``phone`` is the number to call; otherwise it is masked or empty)."""

    desk_id: str
    desk_name: str
    clerk: str
    expires_at: datetime
    granted: bool = False
    phone: str = ""


@dataclass(frozen=True)
class CourtFollowUp:
    """A due follow-up of the court. The hearing's name and phone are masked when it comes
    from the court's server; ``desk_id``/``desk_name`` say which desk prepared the litigant."""

    hearing: PreparedHearing
    desk_id: str
    desk_name: str
    claim: Claim | None = None
    masked: bool = False  # name and phone came masked (from the court's server)
    answered_at_desk: str = ""  # this desk's follow-up, answered at that desk (not applied yet)

    def claimed_elsewhere(self, desk_id: str, clerk: str) -> bool:
        """Held by another clerk (at this or another desk) and not expired."""
        claim = self.claim
        return claim is not None and not (claim.desk_id == desk_id and claim.clerk == clerk)


class CourtChannel(Protocol):
    """This desk's narrow view of the court's central database. Each call connects with a
    timeout; every failure is a StoreError in plain words."""

    desk_id: str

    def earlier_visits(self, case_key: str, phone_key: str) -> list[EarlierVisit]:
        """Visits for ONE key: a normalised case number or (else) a normalised phone."""
        ...

    def follow_ups(self, limit: int = 500) -> list[CourtFollowUp]: ...

    def claim(self, record_id: str, clerk: str, minutes: int = CLAIM_MINUTES) -> Claim: ...

    def release(self, record_id: str) -> None: ...


@dataclass(frozen=True)
class Found:
    """What a look-up found and where: ``scope`` is 'court' when the court answered, 'desk'
    when only this desk's own file was read (``court_error`` says why, '' when the desk is not
    joined to a court at all)."""

    scope: str
    court_error: str = ""


@dataclass(frozen=True)
class EarlierVisitsFound(Found):
    visits: list[EarlierVisit] = field(default_factory=list)


@dataclass(frozen=True)
class FollowUpsFound(Found):
    items: list[CourtFollowUp] = field(default_factory=list)


def find_earlier_visits(
    repo: AssistRepository,
    court: CourtChannel | None,
    case_number: str,
    phone: str,
    *,
    exclude_id: str = "",
) -> EarlierVisitsFound:
    """Earlier visits with this case number or phone: the court's (one call per key) merged
    with this desk's own file, newest first; this desk's file alone when the court cannot be
    reached. Raises StoreError only when this desk's own file cannot be read."""
    case_key, phone_key = lookup_keys(case_number, phone)
    if not case_key and not phone_key:
        return EarlierVisitsFound(scope=SCOPE_COURT if court else SCOPE_DESK)
    own = [v for v in repo.earlier_visits(case_number, phone) if v.record_id != exclude_id]
    if court is None:
        return EarlierVisitsFound(scope=SCOPE_DESK, visits=own)
    try:
        remote: list[EarlierVisit] = []
        if case_key:
            remote += court.earlier_visits(case_key, "")
        if phone_key:
            remote += court.earlier_visits("", phone_key)
    except StoreError as exc:
        log.info("Earlier visits from this desk's file only: %s", exc)
        return EarlierVisitsFound(scope=SCOPE_DESK, court_error=str(exc), visits=own)
    by_id = {visit.record_id: visit for visit in remote if visit.desk_id != court.desk_id}
    for visit in own:  # this desk's own records in full (they can be carried over)
        by_id[visit.record_id] = visit
    by_id.pop(exclude_id, None)
    merged = sorted(by_id.values(), key=lambda v: (v.started_at, v.record_id), reverse=True)
    return EarlierVisitsFound(scope=SCOPE_COURT, visits=merged[:EARLIER_VISITS_SHOWN])


def find_follow_ups(
    repo: AssistRepository, court: CourtChannel | None, now: datetime, desk_name: str = ""
) -> FollowUpsFound:
    """The court's due follow-ups, plus this desk's own due ones the court does not have yet
    (not sent); this desk's own alone when the court cannot be reached."""
    own_desk = court.desk_id if court is not None else ""
    own = [CourtFollowUp(row, own_desk, desk_name) for row in repo.follow_ups(now)]
    if court is None:
        return FollowUpsFound(scope=SCOPE_DESK, items=own)
    try:
        remote = court.follow_ups()
    except StoreError as exc:
        log.info("Follow-ups from this desk's file only: %s", exc)
        return FollowUpsFound(scope=SCOPE_DESK, court_error=str(exc), items=own)
    known = {item.hearing.id for item in remote}
    answered = {item.hearing.id for item in remote if item.answered_at_desk}
    merged = [item for item in remote if not item.answered_at_desk]
    merged += [item for item in own if item.hearing.id not in known | answered]
    merged.sort(key=lambda item: (datetime.fromisoformat(item.hearing.hearing_at), item.hearing.id))
    return FollowUpsFound(scope=SCOPE_COURT, items=merged)
