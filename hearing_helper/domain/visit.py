"""Visit kinds and what a visit leads to: preparation outcomes, the way to join, the follow-up
after the hearing, the link to an earlier visit and who gave the rating. No Qt.

An assistance is either a *preparation* visit (the hearing is later; the desk tests devices and
settles how the litigant will join) or a *hearing-day* assistance (the hearing is now; the
outcomes of :class:`~hearing_helper.domain.enums.Outcome`). Records written before visit kinds
existed are hearing-day assistance. After a prepared litigant's hearing time the record waits
for a follow-up: what really happened at the hearing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from hearing_helper.domain.validation import FieldError, check_text_length, error


class VisitKind(StrEnum):
    PREPARATION = "preparation"  # days before the hearing
    HEARING_DAY = "hearing_day"  # the hearing is now (every record before visit kinds)


class PreparationOutcome(StrEnum):
    READY = "ready"  # ready for the hearing, with the way to join
    ANOTHER_VISIT = "another_visit"  # needs another visit (why, and when)
    IN_PERSON = "in_person"  # will attend in person / in the court's room instead (why)


class AnotherVisitReason(StrEnum):
    BRING_DEVICE = "bring_device"  # come back with a (different) phone or a family member
    FIX_PHONE = "fix_phone"  # update the system / free storage at home first
    INSTALL_UNFINISHED = "install_unfinished"  # app or mini-program not installed yet
    ACCOUNT_PENDING = "account_pending"  # registration / real-name verification not done
    MEETING_INFO_PENDING = "meeting_info_pending"  # the court has not sent the meeting details
    OTHER = "other"


class InPersonReason(StrEnum):
    NO_SUITABLE_DEVICE = "no_suitable_device"
    LITIGANT_PREFERS = "litigant_prefers"
    ACCESSIBILITY = "accessibility"  # hearing, sight, dialect: easier in the room
    COURT_DECIDED = "court_decided"  # the judge asked for attendance in person
    OTHER = "other"


class JoinMode(StrEnum):
    OWN_PHONE = "own_phone"  # the litigant's own phone, video
    DESK_PC = "desk_pc"  # the help desk's PC at the court
    AUDIO_PHONE = "audio_phone"  # audio only, by phone
    IN_PERSON = "in_person"  # the court's room, in person


class FollowUpResult(StrEnum):
    ON_TIME = "on_time"  # went ahead and the litigant joined on time
    JOINED_LATE = "joined_late"  # joined late because ...
    ADJOURNED_TECHNICAL = "adjourned_technical"  # adjourned for a technical reason ...
    NOT_HELD_OTHER = "not_held_other"  # did not take place for another reason

    @property
    def went_ahead(self) -> bool:
        return self in (FollowUpResult.ON_TIME, FollowUpResult.JOINED_LATE)


class FollowUpSource(StrEnum):
    LITIGANT = "litigant"
    JUDGE_ASSISTANT = "judge_assistant"  # 法官助理 / 书记员
    OTHER = "other"


class RatingSource(StrEnum):
    LITIGANT = "litigant"  # chosen by the litigant on the litigant window
    STAFF = "staff"  # typed by the clerk (every rating before the litigant window asked)
    NOT_ASKED = "not_asked"


_E = TypeVar("_E", bound=StrEnum)

CAUSE_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")
CAUSE_MAX = 64
NOTE_MAX = 500
# A next visit more than this after the preparation visit is surely a typo.
NEXT_VISIT_MAX_DAYS = 365


def check_cause_code(code: str, field_name: str) -> str:
    """A failure cause is a code of the shared list (check codes, install problems, hearing-day
    causes: :mod:`hearing_helper.visits.causes`). The domain checks its shape only, so a code
    from a newer version is kept rather than refused."""
    if len(code) > CAUSE_MAX or not CAUSE_RE.match(code):
        raise error(field_name, "cause.format")
    return code


@dataclass
class PreparationResult:
    """The outcome of a preparation visit and its particulars."""

    outcome: PreparationOutcome
    another_visit_reason: AnotherVisitReason | None = None
    next_visit_on: date | None = None
    in_person_reason: InPersonReason | None = None
    note: str = ""

    def problems(self, *, visit_day: date | None = None) -> list[FieldError]:
        found: list[FieldError] = []
        if self.outcome is PreparationOutcome.ANOTHER_VISIT:
            if self.another_visit_reason is None:
                found.append(error("another_visit_reason", "required"))
            elif self.another_visit_reason is AnotherVisitReason.OTHER and not self.note.strip():
                found.append(error("preparation_note", "note.required_for_other"))
            if self.next_visit_on is None:
                found.append(error("next_visit_on", "required"))
            elif visit_day is not None and not (
                visit_day <= self.next_visit_on <= visit_day + timedelta(days=NEXT_VISIT_MAX_DAYS)
            ):
                found.append(error("next_visit_on", "next_visit.range", days=NEXT_VISIT_MAX_DAYS))
        elif self.outcome is PreparationOutcome.IN_PERSON:
            if self.in_person_reason is None:
                found.append(error("in_person_reason", "required"))
            elif self.in_person_reason is InPersonReason.OTHER and not self.note.strip():
                found.append(error("preparation_note", "note.required_for_other"))
        try:
            check_text_length(self.note, "preparation_note", NOTE_MAX)
        except FieldError as exc:
            found.append(exc)
        return found

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": str(self.outcome),
            "another_visit_reason": _code(self.another_visit_reason),
            "next_visit_on": self.next_visit_on.isoformat() if self.next_visit_on else None,
            "in_person_reason": _code(self.in_person_reason),
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> PreparationResult:
        return cls(
            outcome=PreparationOutcome(raw["outcome"]),
            another_visit_reason=_enum(AnotherVisitReason, raw.get("another_visit_reason")),
            next_visit_on=(
                date.fromisoformat(raw["next_visit_on"]) if raw.get("next_visit_on") else None
            ),
            in_person_reason=_enum(InPersonReason, raw.get("in_person_reason")),
            note=raw.get("note", ""),
        )


@dataclass
class JoinChoice:
    """The way to join the app recommended, and the one the clerk and litigant chose.

    ``reasons`` are the recommendation's reason codes (:mod:`hearing_helper.visits.labels`).
    Choosing another way than the recommended one needs ``override_reason``.
    """

    recommended: JoinMode | None = None
    reasons: tuple[str, ...] = ()
    chosen: JoinMode | None = None
    override_reason: str = ""

    @property
    def overridden(self) -> bool:
        return (
            self.recommended is not None
            and self.chosen is not None
            and self.chosen is not self.recommended
        )

    def problems(self, *, choice_required: bool = True) -> list[FieldError]:
        """A way to join must be chosen (when ``choice_required``: a visit that ends ready);
        choosing another than the recommended one always needs its reason."""
        found: list[FieldError] = []
        if self.chosen is None and choice_required:
            found.append(error("join_mode", "required"))
        elif self.overridden and not self.override_reason.strip():
            found.append(error("override_reason", "join_mode.override_reason"))
        try:
            check_text_length(self.override_reason, "override_reason", NOTE_MAX)
        except FieldError as exc:
            found.append(exc)
        return found

    def to_dict(self) -> dict[str, Any]:
        return {
            "recommended": _code(self.recommended),
            "reasons": list(self.reasons),
            "chosen": _code(self.chosen),
            "override_reason": self.override_reason,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> JoinChoice:
        return cls(
            recommended=_enum(JoinMode, raw.get("recommended")),
            reasons=tuple(str(r) for r in raw.get("reasons") or ()),
            chosen=_enum(JoinMode, raw.get("chosen")),
            override_reason=raw.get("override_reason", ""),
        )


@dataclass
class FollowUp:
    """What happened at the hearing of a prepared litigant, recorded after it."""

    result: FollowUpResult
    recorded_at: datetime
    recorded_by: str  # staff id
    source: FollowUpSource = FollowUpSource.LITIGANT
    cause: str = ""  # why late / adjourned: a code of the shared cause list
    note: str = ""

    def problems(self) -> list[FieldError]:
        found: list[FieldError] = []
        if self.cause:
            try:
                check_cause_code(self.cause, "follow_up_cause")
            except FieldError as exc:
                found.append(exc)
        explained = bool(self.cause or self.note.strip())
        if self.result is FollowUpResult.JOINED_LATE and not explained:
            found.append(error("follow_up_cause", "follow_up.why_late"))
        elif self.result is FollowUpResult.ADJOURNED_TECHNICAL and not explained:
            found.append(error("follow_up_cause", "follow_up.why_adjourned"))
        elif self.result is FollowUpResult.NOT_HELD_OTHER and not self.note.strip():
            found.append(error("follow_up_note", "follow_up.why_not_held"))
        try:
            check_text_length(self.note, "follow_up_note", NOTE_MAX)
        except FieldError as exc:
            found.append(exc)
        return found

    def to_dict(self) -> dict[str, Any]:
        return {
            "result": str(self.result),
            "recorded_at": self.recorded_at.isoformat(),
            "recorded_by": self.recorded_by,
            "source": str(self.source),
            "cause": self.cause,
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> FollowUp:
        return cls(
            result=FollowUpResult(raw["result"]),
            recorded_at=datetime.fromisoformat(raw["recorded_at"]),
            recorded_by=raw.get("recorded_by", ""),
            source=_enum(FollowUpSource, raw.get("source")) or FollowUpSource.OTHER,
            cause=raw.get("cause", ""),
            note=raw.get("note", ""),
        )


# --- the rating ------------------------------------------------------------------------------


def effective_rating_source(source: RatingSource, satisfaction: int | None) -> RatingSource:
    """No rating means "not asked"; a rating without a source was typed in by the clerk."""
    if satisfaction is None:
        return RatingSource.NOT_ASKED
    return RatingSource.STAFF if source is RatingSource.NOT_ASKED else source


def rating_change_problems(
    before: tuple[RatingSource, int | None], after: tuple[RatingSource, int | None]
) -> list[FieldError]:
    """Whether a correction may change a finished record's rating ``(source, value)``.

    The litigant's own rating stays as given: a correction may only mark it "not asked" (e.g.
    the litigant pressed a key by accident). No correction can create a litigant rating: that
    only comes from the litigant window during the visit.
    """
    if after == before:
        return []
    after_source, after_value = after
    if before[0] is RatingSource.LITIGANT:
        withdrawn = after_source is RatingSource.NOT_ASKED and after_value is None
        return [] if withdrawn else [error("satisfaction", "rating.litigant_kept")]
    if after_source is RatingSource.LITIGANT:
        return [error("satisfaction", "rating.litigant_only_live")]
    return []


def follow_up_problems(
    *, kind: VisitKind, finished: bool, existing: FollowUp | None, follow_up: FollowUp
) -> list[FieldError]:
    """What keeps ``follow_up`` from being recorded on a visit: only finished preparation visits
    get one, once (a wrong one is corrected like any finished record, with a reason)."""
    if kind is not VisitKind.PREPARATION or not finished:
        return [error("follow_up", "follow_up.not_prepared")]
    if existing is not None:
        return [error("follow_up", "follow_up.already")]
    return follow_up.problems()


# --- follow-up due ----------------------------------------------------------------------------

# Ask after the hearing has had time to end; a follow-up not recorded within three days is
# overdue (the litigant and the judge's assistant still remember what happened).
FOLLOW_UP_AFTER = timedelta(hours=3)
FOLLOW_UP_OVERDUE_AFTER = timedelta(days=3)


class FollowUpState(StrEnum):
    NOT_NEEDED = "not_needed"  # hearing-day record, draft, or superseded by a later visit
    WAITING = "waiting"  # the hearing has not passed yet
    DUE = "due"
    OVERDUE = "overdue"
    DONE = "done"


def follow_up_due_at(hearing_at: datetime | None) -> datetime | None:
    """When a prepared litigant's follow-up becomes due: some hours after the hearing time."""
    return hearing_at + FOLLOW_UP_AFTER if hearing_at else None


def follow_up_state(
    *,
    kind: VisitKind,
    finished: bool,
    hearing_at: datetime | None,
    follow_up: FollowUp | None,
    now: datetime,
    superseded: bool = False,
) -> FollowUpState:
    """Where a record stands in the follow-up loop at ``now``.

    Only finished preparation visits are followed up. A visit that a later visit links to
    (``superseded``: the litigant came back) hands the follow-up on to the later one.
    """
    if kind is not VisitKind.PREPARATION or not finished or superseded:
        return FollowUpState.NOT_NEEDED
    if follow_up is not None:
        return FollowUpState.DONE
    due = follow_up_due_at(hearing_at)
    if due is None:
        return FollowUpState.NOT_NEEDED
    if now < due:
        return FollowUpState.WAITING
    if now < due + FOLLOW_UP_OVERDUE_AFTER:
        return FollowUpState.DUE
    return FollowUpState.OVERDUE


def _code(value: StrEnum | None) -> str | None:
    return str(value) if value is not None else None


def _enum(kind: type[_E], value: object) -> _E | None:
    """The enum member, or None for a missing or unknown code (a newer version's code is
    dropped rather than crashing an older reader)."""
    if not value:
        return None
    try:
        return kind(str(value))
    except ValueError:
        return None
