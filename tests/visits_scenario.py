"""A small, hand-counted set of visits for the visit figures (issue 13).

Litigant A: prepared (old phone -> desk PC), hearing went ahead, joined on time; also came on
hearing day (joined after help). Litigant B: prepared, needed another visit, came back ready
(own phone), joined late. Litigant C: prepared ready (own phone), follow-up due. Litigant D:
prepared, in person, follow-up overdue. Litigant E: hearing day only, not joined. Litigant F:
hearing day only, joined. Ratings: A's preparation by the litigant (5), E's by staff (2),
B's return visit by the litigant (4); the rest not asked.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hearing_helper.domain.enums import DeviceKind, NotJoinedReason, Outcome, RecordStatus, Role
from hearing_helper.domain.record import AssistRecord, ClerkProfile
from hearing_helper.domain.visit import (
    AnotherVisitReason,
    FollowUp,
    FollowUpResult,
    InPersonReason,
    JoinChoice,
    JoinMode,
    PreparationOutcome,
    PreparationResult,
    RatingSource,
    VisitKind,
)

TZ = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 27, 18, 0, tzinfo=TZ)
PERIOD = (date(2026, 11, 1), date(2026, 11, 30))
CLERK = ClerkProfile("S1", "李静", "1号窗口", "河北省故城县人民法院")

EXPECTED = {
    "preparation": {"visits": 5, "ready": 3, "another_visit": 1, "in_person": 1},
    "funnel": {
        "prepared": 3,
        "followed_up": 2,
        "went_ahead": 2,
        "joined_on_time": 1,
        "on_time_rate": 0.5,
    },
    "by_join_mode": {
        "own_phone": {
            "prepared": 2,
            "followed_up": 1,
            "went_ahead": 1,
            "joined_on_time": 0,
            "on_time_rate": 0.0,
        },
        "desk_pc": {
            "prepared": 1,
            "followed_up": 1,
            "went_ahead": 1,
            "joined_on_time": 1,
            "on_time_rate": 1.0,
        },
        "audio_phone": {
            "prepared": 0,
            "followed_up": 0,
            "went_ahead": 0,
            "joined_on_time": 0,
            "on_time_rate": None,
        },
        "in_person": {
            "prepared": 0,
            "followed_up": 0,
            "went_ahead": 0,
            "joined_on_time": 0,
            "on_time_rate": None,
        },
    },
    "hearing_day": {
        "prepared": {"assisted": 1, "with_problem": 1, "problem_share": 1.0},
        "not_prepared": {"assisted": 2, "with_problem": 1, "problem_share": 0.5},
    },
    "repeat_visits": {"litigants": 6, "visits": 8, "returning_litigants": 2},
    "follow_ups": {"due": 1, "overdue": 1},
    "rating": {
        "litigant": 2,
        "staff": 1,
        "litigant_average": 4.5,
        "staff_average": 2.0,
        "response_rate": 3 / 8,
        "litigant_response_rate": 2 / 8,
    },
}


def _record(
    number: int,
    phone: str,
    started: datetime,
    hearing: datetime,
    *,
    kind: VisitKind,
    name: str = "王建国",
) -> AssistRecord:
    record = AssistRecord(
        clerk=CLERK,
        id=f"00000000-0000-4000-8000-{number:012d}",
        status=RecordStatus.FINISHED,
        started_at=started,
        ended_at=started + timedelta(minutes=20),
        updated_at=started + timedelta(minutes=20),
        kind=kind,
    )
    intake = record.intake
    intake.case_number = f"（2026）冀1126民初{number}号"
    intake.hearing_at = hearing
    intake.court = CLERK.court
    intake.platform_id = "court_online"
    intake.litigant_name = name
    intake.role = Role.PLAINTIFF
    intake.phone = phone
    intake.device = DeviceKind.OWN_ANDROID
    intake.consent = True
    return record


def _prepared(
    number: int, phone: str, started: datetime, hearing: datetime, mode: JoinMode
) -> AssistRecord:
    record = _record(number, phone, started, hearing, kind=VisitKind.PREPARATION)
    record.preparation = PreparationResult(PreparationOutcome.READY)
    record.join = JoinChoice(mode, ("phone_ready",), mode)
    return record


def scenario_records() -> list[AssistRecord]:
    day = datetime(2026, 11, 10, 9, 30, tzinfo=TZ)
    a_hearing = datetime(2026, 11, 12, 9, 0, tzinfo=TZ)
    a = _prepared(1, "13800000001", day, a_hearing, JoinMode.DESK_PC)
    a.join = JoinChoice(JoinMode.DESK_PC, ("phone_os_too_old", "desk_pc_ready"), JoinMode.DESK_PC)
    a.follow_up = FollowUp(FollowUpResult.ON_TIME, a_hearing + timedelta(hours=4), "S1")
    a.satisfaction, a.rating_source = 5, RatingSource.LITIGANT
    a_day = _record(2, "13800000001", a_hearing - timedelta(minutes=30), a_hearing,
                    kind=VisitKind.HEARING_DAY)  # fmt: skip
    a_day.intake.case_number = a.intake.case_number
    a_day.outcome = Outcome.JOINED_AFTER_HELP
    a_day.previous_record_id = a.id

    b_hearing = datetime(2026, 11, 20, 14, 0, tzinfo=TZ)
    b1 = _record(3, "13800000002", day, b_hearing, kind=VisitKind.PREPARATION)
    b1.preparation = PreparationResult(
        PreparationOutcome.ANOTHER_VISIT, AnotherVisitReason.FIX_PHONE, date(2026, 11, 12)
    )
    b2 = _prepared(4, "13800000002", day + timedelta(days=2), b_hearing, JoinMode.OWN_PHONE)
    b2.intake.case_number = b1.intake.case_number
    b2.previous_record_id = b1.id
    b2.follow_up = FollowUp(
        FollowUpResult.JOINED_LATE, b_hearing + timedelta(hours=5), "S1", cause="no_network"
    )
    b2.satisfaction, b2.rating_source = 4, RatingSource.LITIGANT

    c_hearing = NOW - timedelta(hours=5)  # due: past, within three days
    c = _prepared(5, "13800000003", NOW - timedelta(days=2), c_hearing, JoinMode.OWN_PHONE)

    d_hearing = NOW - timedelta(days=5)  # overdue
    d = _record(6, "13800000004", d_hearing - timedelta(days=2), d_hearing,
                kind=VisitKind.PREPARATION)  # fmt: skip
    d.preparation = PreparationResult(
        PreparationOutcome.IN_PERSON, in_person_reason=InPersonReason.LITIGANT_PREFERS
    )
    d.join = JoinChoice(JoinMode.DESK_PC, ("desk_pc_ready",), JoinMode.IN_PERSON, "想到庭")

    e = _record(7, "13800000005", day, day + timedelta(hours=1), kind=VisitKind.HEARING_DAY)
    e.outcome, e.outcome_reason = Outcome.NOT_JOINED, NotJoinedReason.DEVICE
    e.failure_cause = "camera.no_frames"
    e.satisfaction, e.rating_source = 2, RatingSource.STAFF
    f = _record(8, "13800000006", day, day + timedelta(hours=1), kind=VisitKind.HEARING_DAY)
    f.outcome = Outcome.JOINED
    return [a, a_day, b1, b2, c, d, e, f]
