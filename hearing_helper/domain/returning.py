"""Returning litigants: what intake shows of an earlier visit, and carrying its contact details
over to the new record with a link back. No Qt.

Personal data in an :class:`EarlierVisit` of this desk's own file is raw; the screen masks it
like history does. A visit found at another desk of the court comes masked by the court's
server (``masked``) with that desk's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.validation import FieldError, normalize_case_number, normalize_phone
from hearing_helper.domain.visit import VisitKind

FAILED_STATUSES = ("fail", "error")


@dataclass(frozen=True)
class EarlierVisit:
    """One earlier visit as intake lists it: when, which kind, how it ended, which checks
    failed, which way to join was chosen."""

    record_id: str
    started_at: datetime
    kind: VisitKind
    outcome: str  # a preparation outcome or a hearing-day outcome code ("" when unfinished)
    failed_checks: tuple[str, ...]
    join_mode: str  # the way to join chosen ("" when none)
    case_number: str
    litigant_name: str
    phone: str
    hearing_at: datetime | None
    clerk_name: str
    desk_id: str = ""  # the desk that recorded it ("" for this desk's own file)
    desk_name: str = ""
    masked: bool = False  # name and phone came masked (from the court's server)

    @classmethod
    def from_record(cls, record: AssistRecord) -> EarlierVisit:
        if record.kind is VisitKind.PREPARATION:
            outcome = str(record.preparation.outcome) if record.preparation else ""
        else:
            outcome = str(record.outcome) if record.outcome else ""
        failed: list[str] = []
        for check in record.checks:  # a check that passed on a re-run does not count
            if check.status in FAILED_STATUSES and check.check_id not in failed:
                failed.append(check.check_id)
            elif check.status not in FAILED_STATUSES and check.check_id in failed:
                failed.remove(check.check_id)
        return cls(
            record_id=record.id,
            started_at=record.started_at,
            kind=record.kind,
            outcome=outcome,
            failed_checks=tuple(failed),
            join_mode=str(record.join.chosen) if record.join.chosen else "",
            case_number=record.intake.case_number,
            litigant_name=record.intake.litigant_name,
            phone=record.intake.phone,
            hearing_at=record.intake.hearing_at,
            clerk_name=record.clerk.name,
        )


def lookup_keys(case_number: str, phone: str) -> tuple[str, str]:
    """The normalised case number and phone to look an earlier visit up by ("" when a value is
    not complete enough to search for: a half-typed number must not match anything)."""
    try:
        case_key = normalize_case_number(case_number)
    except FieldError:
        case_key = ""
    try:
        phone_key = normalize_phone(phone)
    except FieldError:
        phone_key = ""
    return case_key, phone_key


# The litigant's own details, carried over whichever key found the earlier visit.
CONTACT_FIELDS = ("litigant_name", "phone", "device", "accessibility")
# Details of the case, carried over only for the same case (a phone number can find the same
# litigant's visit about another case).
CASE_FIELDS = ("case_number", "hearing_at", "court", "platform_id", "role")


def carry_over(
    earlier: AssistRecord, into: AssistRecord, proposed_hearing_at: datetime | None = None
) -> list[str]:
    """Fill ``into``'s empty intake fields from ``earlier`` and link the two records.

    Nothing the clerk already typed is overwritten, case details only come along for the same
    case, and consent is never carried: the litigant consents to each record. A hearing time
    equal to ``proposed_hearing_at`` (the intake's own proposal, not typed) counts as empty, so
    a prepared hearing's date and time come along. Returns the names of the fields filled in.
    """
    if proposed_hearing_at is not None and into.intake.hearing_at == proposed_hearing_at:
        into.intake.hearing_at = None
        try:
            return carry_over(earlier, into)
        finally:
            if into.intake.hearing_at is None:
                into.intake.hearing_at = proposed_hearing_at
    typed_case, _ = lookup_keys(into.intake.case_number, "")
    earlier_case, _ = lookup_keys(earlier.intake.case_number, "")
    same_case = not into.intake.case_number.strip() or (typed_case and typed_case == earlier_case)
    names = CONTACT_FIELDS + (CASE_FIELDS if same_case else ())
    filled: list[str] = []
    for name in names:
        value = getattr(earlier.intake, name)
        if value and not getattr(into.intake, name):
            setattr(into.intake, name, list(value) if isinstance(value, list) else value)
            filled.append(name)
    into.previous_record_id = earlier.id
    return filled
