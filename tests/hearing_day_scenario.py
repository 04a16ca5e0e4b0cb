"""A hand-counted day for the hearing-day figures (issue 17, item 14): two litigants helped on
their hearing day who both joined, and one preparation visit (ready, by own phone) of a third
litigant whose hearing is later. Counted by hand: 2 hearing-day assistances, 2 joined, join rate
100 %; outcomes {joined: 2}; 1 preparation visit (ready 1); 3 visits in all, one rated (the
preparation visit, by the litigant, 4).
"""

from __future__ import annotations

from datetime import date, timedelta

from hearing_helper.domain.enums import Outcome
from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.visit import (
    JoinChoice,
    JoinMode,
    PreparationOutcome,
    PreparationResult,
    RatingSource,
    VisitKind,
)
from tests.reports_fixtures import make_record

PERIOD = (date(2026, 5, 1), date(2026, 5, 31))
PREPARATION_ID = "00000000-0000-4000-8000-000000001003"


def hearing_day_records() -> list[AssistRecord]:
    first = make_record(
        "2026-05-11T09:10:00", 600, Outcome.JOINED, phone="13800001001", name="王建国"
    )
    second = make_record(
        "2026-05-11T10:20:00", 900, Outcome.JOINED, phone="13800001002", name="李秀英"
    )
    preparation = make_record(
        "2026-05-11T14:00:00",
        1500,
        Outcome.JOINED,  # replaced below: a preparation visit has no hearing-day outcome
        phone="13800001003",
        name="张桂兰",
    )
    preparation.id = PREPARATION_ID
    preparation.kind = VisitKind.PREPARATION
    preparation.outcome = None
    preparation.intake.hearing_at = preparation.started_at + timedelta(days=7)
    preparation.preparation = PreparationResult(PreparationOutcome.READY)
    preparation.join = JoinChoice(JoinMode.OWN_PHONE, ("phone_ready",), JoinMode.OWN_PHONE)
    preparation.satisfaction, preparation.rating_source = 4, RatingSource.LITIGANT
    return [first, second, preparation]
