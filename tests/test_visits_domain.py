"""Visit kinds on the record (issue 13): serialisation, old records, validation per kind,
the rating's owner, and when a follow-up is due."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from hearing_helper.domain.enums import NotJoinedReason, Outcome
from hearing_helper.domain.record import AssistRecord, ClerkProfile
from hearing_helper.domain.visit import (
    FOLLOW_UP_AFTER,
    FOLLOW_UP_OVERDUE_AFTER,
    AnotherVisitReason,
    FollowUp,
    FollowUpResult,
    FollowUpSource,
    FollowUpState,
    InPersonReason,
    JoinChoice,
    JoinMode,
    PreparationOutcome,
    PreparationResult,
    RatingSource,
    VisitKind,
    follow_up_problems,
    follow_up_state,
    rating_change_problems,
)

TZ = timezone(timedelta(hours=8))
VISIT = datetime(2026, 11, 23, 9, 30, tzinfo=TZ)
HEARING = datetime(2026, 11, 26, 14, 0, tzinfo=TZ)


def _record(**overrides: object) -> AssistRecord:
    record = AssistRecord(clerk=ClerkProfile("S1", "李静"), started_at=VISIT)
    record.intake.hearing_at = HEARING
    for name, value in overrides.items():
        setattr(record, name, value)
    return record


def _codes(record: AssistRecord) -> list[tuple[str, str]]:
    return [(p.field, p.code) for p in record.finish_problems()]


def _ready(chosen: JoinMode = JoinMode.DESK_PC) -> dict[str, object]:
    return {
        "kind": VisitKind.PREPARATION,
        "preparation": PreparationResult(PreparationOutcome.READY),
        "join": JoinChoice(JoinMode.DESK_PC, ("phone_os_too_old",), chosen),
    }


# --- serialisation -------------------------------------------------------------------------


def test_a_record_without_visit_fields_reads_as_hearing_day_with_a_staff_rating() -> None:
    old = _record(outcome=Outcome.JOINED, satisfaction=4).to_dict()
    for key in ("kind", "preparation", "join", "failure_cause", "follow_up"):
        del old[key]
    del old["previous_record_id"], old["rating_source"]
    record = AssistRecord.from_dict(old)
    assert record.kind is VisitKind.HEARING_DAY
    assert record.preparation is None and record.follow_up is None
    assert record.join == JoinChoice()
    assert record.rating_source is RatingSource.STAFF  # the clerk typed it in
    old["satisfaction"] = None
    assert AssistRecord.from_dict(old).rating_source is RatingSource.NOT_ASKED


def test_every_visit_field_survives_a_round_trip() -> None:
    record = _record(
        kind=VisitKind.PREPARATION,
        preparation=PreparationResult(
            PreparationOutcome.ANOTHER_VISIT,
            another_visit_reason=AnotherVisitReason.FIX_PHONE,
            next_visit_on=date(2026, 11, 24),
            note="清理手机空间",
        ),
        join=JoinChoice(
            JoinMode.DESK_PC, ("phone_os_too_old", "desk_pc_works"), JoinMode.AUDIO_PHONE, "自愿"
        ),
        follow_up=FollowUp(
            FollowUpResult.JOINED_LATE,
            datetime(2026, 11, 27, 10, 0, tzinfo=TZ),
            "S2",
            FollowUpSource.JUDGE_ASSISTANT,
            "network.high_latency",
            "晚了十分钟",
        ),
        previous_record_id="3f1c0000-0000-4000-8000-000000000001",
        satisfaction=5,
        rating_source=RatingSource.LITIGANT,
    )
    again = AssistRecord.from_dict(record.to_dict())
    assert again == record


def test_an_unknown_code_from_a_newer_version_does_not_break_reading() -> None:
    data = _record(**_ready()).to_dict()
    data["join"]["chosen"] = "hologram"
    assert AssistRecord.from_dict(data).join.chosen is None


# --- validation per kind -------------------------------------------------------------------


def test_hearing_day_validation_is_as_before() -> None:
    assert _codes(_record()) == [("outcome", "required")]
    assert _codes(_record(outcome=Outcome.NOT_JOINED)) == [("outcome_reason", "outcome.reason")]
    record = _record(
        outcome=Outcome.NOT_JOINED,
        outcome_reason=NotJoinedReason.DEVICE,
        failure_cause="camera.no_frames",
    )
    assert _codes(record) == []


def test_a_hearing_day_failure_cause_must_look_like_a_code() -> None:
    record = _record(
        outcome=Outcome.NOT_JOINED,
        outcome_reason=NotJoinedReason.OTHER,
        failure_cause="停电了",
    )
    assert _codes(record) == [("failure_cause", "cause.format")]


def test_a_preparation_visit_needs_its_own_outcome_not_a_hearing_day_one() -> None:
    assert _codes(_record(kind=VisitKind.PREPARATION)) == [("preparation_outcome", "required")]
    mixed = _record(**_ready(), outcome=Outcome.JOINED)
    assert ("outcome", "kind.mismatch") in _codes(mixed)
    hearing_day = _record(
        outcome=Outcome.JOINED, preparation=PreparationResult(PreparationOutcome.READY)
    )
    assert _codes(hearing_day) == [("preparation_outcome", "kind.mismatch")]


def test_ready_needs_the_way_to_join_and_an_override_needs_a_reason() -> None:
    assert _codes(_record(**_ready())) == []
    no_mode = _record(**_ready())
    no_mode.join.chosen = None
    assert _codes(no_mode) == [("join_mode", "required")]
    overridden = _record(**_ready(JoinMode.OWN_PHONE))
    assert overridden.join.overridden
    assert _codes(overridden) == [("override_reason", "join_mode.override_reason")]
    overridden.join.override_reason = "当事人坚持用自己手机，已借用充电器"
    assert _codes(overridden) == []
    # Attending in person against the recommendation also says why; no choice is needed.
    in_person = _record(
        kind=VisitKind.PREPARATION,
        preparation=PreparationResult(
            PreparationOutcome.IN_PERSON, in_person_reason=InPersonReason.LITIGANT_PREFERS
        ),
        join=JoinChoice(JoinMode.DESK_PC, (), JoinMode.IN_PERSON),
    )
    assert _codes(in_person) == [("override_reason", "join_mode.override_reason")]
    in_person.join = JoinChoice(JoinMode.DESK_PC, ())
    assert _codes(in_person) == []


@pytest.mark.parametrize(
    ("preparation", "expected"),
    [
        (
            PreparationResult(PreparationOutcome.ANOTHER_VISIT),
            [
                ("another_visit_reason", "required"),
                ("next_visit_on", "required"),
            ],
        ),
        (
            PreparationResult(
                PreparationOutcome.ANOTHER_VISIT,
                AnotherVisitReason.OTHER,
                next_visit_on=date(2026, 11, 24),
            ),
            [("preparation_note", "note.required_for_other")],
        ),
        (
            PreparationResult(
                PreparationOutcome.ANOTHER_VISIT,
                AnotherVisitReason.BRING_DEVICE,
                next_visit_on=date(2026, 11, 22),  # before the visit itself
            ),
            [("next_visit_on", "next_visit.range")],
        ),
        (
            PreparationResult(
                PreparationOutcome.ANOTHER_VISIT,
                AnotherVisitReason.BRING_DEVICE,
                next_visit_on=date(2026, 11, 25),
            ),
            [],
        ),
        (PreparationResult(PreparationOutcome.IN_PERSON), [("in_person_reason", "required")]),
        (
            PreparationResult(PreparationOutcome.IN_PERSON, in_person_reason=InPersonReason.OTHER),
            [("preparation_note", "note.required_for_other")],
        ),
        (
            PreparationResult(
                PreparationOutcome.IN_PERSON, in_person_reason=InPersonReason.ACCESSIBILITY
            ),
            [],
        ),
    ],
)
def test_preparation_outcomes_need_why_and_when(
    preparation: PreparationResult, expected: list[tuple[str, str]]
) -> None:
    record = _record(kind=VisitKind.PREPARATION, preparation=preparation)
    assert _codes(record) == expected


# --- rating ------------------------------------------------------------------------------------


def test_a_rating_says_who_gave_it() -> None:
    typed = _record(outcome=Outcome.JOINED, satisfaction=4)
    assert typed.rating_given_by is RatingSource.STAFF
    assert AssistRecord.from_dict(typed.to_dict()).rating_source is RatingSource.STAFF
    litigant = _record(outcome=Outcome.JOINED, satisfaction=4, rating_source=RatingSource.LITIGANT)
    assert AssistRecord.from_dict(litigant.to_dict()).rating_source is RatingSource.LITIGANT
    no_value = _record(outcome=Outcome.JOINED, rating_source=RatingSource.LITIGANT)
    assert no_value.rating_given_by is RatingSource.NOT_ASKED
    assert _codes(no_value) == []


L5 = (RatingSource.LITIGANT, 5)
NOT_ASKED = (RatingSource.NOT_ASKED, None)


@pytest.mark.parametrize(
    ("before", "after", "allowed"),
    [
        (L5, L5, True),
        (L5, NOT_ASKED, True),  # the only correction of a litigant's rating
        (L5, (RatingSource.LITIGANT, 1), False),
        (L5, (RatingSource.STAFF, 5), False),
        (L5, (RatingSource.STAFF, 2), False),
        (L5, (RatingSource.NOT_ASKED, 3), False),
        (NOT_ASKED, (RatingSource.LITIGANT, 5), False),  # never invented afterwards
        ((RatingSource.STAFF, 4), (RatingSource.STAFF, 3), True),
        ((RatingSource.STAFF, 4), NOT_ASKED, True),
        ((RatingSource.STAFF, 4), (RatingSource.LITIGANT, 4), False),
    ],
)
def test_a_correction_may_only_withdraw_the_litigants_rating(
    before: tuple[RatingSource, int | None],
    after: tuple[RatingSource, int | None],
    allowed: bool,
) -> None:
    assert (rating_change_problems(before, after) == []) is allowed


# --- follow-up -----------------------------------------------------------------------------------


def _state(now: datetime, **overrides: object) -> FollowUpState:
    arguments: dict[str, Any] = {  # keyword arguments of follow_up_state
        "kind": VisitKind.PREPARATION,
        "finished": True,
        "hearing_at": HEARING,
        "follow_up": None,
        "now": now,
    }
    arguments.update(overrides)
    return follow_up_state(**arguments)


def test_a_prepared_hearing_becomes_due_after_its_time_then_overdue() -> None:
    due = HEARING + FOLLOW_UP_AFTER
    assert _state(HEARING) is FollowUpState.WAITING
    assert _state(due - timedelta(seconds=1)) is FollowUpState.WAITING
    assert _state(due) is FollowUpState.DUE
    overdue = due + FOLLOW_UP_OVERDUE_AFTER
    assert _state(overdue - timedelta(seconds=1)) is FollowUpState.DUE
    assert _state(overdue) is FollowUpState.OVERDUE


def test_only_finished_unsuperseded_preparation_visits_are_followed_up() -> None:
    late = HEARING + timedelta(days=1)
    assert _state(late, kind=VisitKind.HEARING_DAY) is FollowUpState.NOT_NEEDED
    assert _state(late, finished=False) is FollowUpState.NOT_NEEDED
    assert _state(late, superseded=True) is FollowUpState.NOT_NEEDED
    assert _state(late, hearing_at=None) is FollowUpState.NOT_NEEDED
    done = FollowUp(FollowUpResult.ON_TIME, late, "S1")
    assert _state(late, follow_up=done) is FollowUpState.DONE


@pytest.mark.parametrize(
    ("follow_up", "expected"),
    [
        (FollowUp(FollowUpResult.ON_TIME, HEARING, "S1"), []),
        (FollowUp(FollowUpResult.JOINED_LATE, HEARING, "S1"), ["follow_up.why_late"]),
        (FollowUp(FollowUpResult.JOINED_LATE, HEARING, "S1", cause="no_network"), []),
        (
            FollowUp(FollowUpResult.ADJOURNED_TECHNICAL, HEARING, "S1"),
            ["follow_up.why_adjourned"],
        ),
        (FollowUp(FollowUpResult.ADJOURNED_TECHNICAL, HEARING, "S1", note="平台故障"), []),
        (FollowUp(FollowUpResult.NOT_HELD_OTHER, HEARING, "S1"), ["follow_up.why_not_held"]),
        (
            FollowUp(FollowUpResult.JOINED_LATE, HEARING, "S1", cause="Camera!"),
            ["cause.format"],
        ),
    ],
)
def test_a_follow_up_says_why_when_it_was_not_on_time(
    follow_up: FollowUp, expected: list[str]
) -> None:
    problems = follow_up_problems(
        kind=VisitKind.PREPARATION, finished=True, existing=None, follow_up=follow_up
    )
    assert [p.code for p in problems] == expected


def test_a_follow_up_belongs_to_a_finished_preparation_visit_once() -> None:
    follow_up = FollowUp(FollowUpResult.ON_TIME, HEARING, "S1")

    def codes(**arguments: object) -> list[str]:
        base: dict[str, Any] = {  # keyword arguments of follow_up_problems
            "kind": VisitKind.PREPARATION,
            "finished": True,
            "existing": None,
        }
        base.update(arguments)
        return [p.code for p in follow_up_problems(follow_up=follow_up, **base)]

    assert codes(kind=VisitKind.HEARING_DAY) == ["follow_up.not_prepared"]
    assert codes(finished=False) == ["follow_up.not_prepared"]
    assert codes(existing=follow_up) == ["follow_up.already"]
    assert codes() == []
