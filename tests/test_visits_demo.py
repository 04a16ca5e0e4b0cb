"""Demo data with visits (issue 13): preparation visits, follow-ups, returning litigants."""

from __future__ import annotations

from collections import Counter

from hearing_helper.demo import generate_records
from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.validation import normalize_case_number, normalize_phone
from hearing_helper.domain.visit import (
    FollowUpResult,
    JoinMode,
    PreparationOutcome,
    RatingSource,
    VisitKind,
    follow_up_problems,
)
from hearing_helper.visits.causes import is_known_cause
from hearing_helper.visits.labels import REASON_TEXTS

END_DEFAULT = "2026-11-27T18:00:00+08:00"


def _records(count: int = 1500, seed: int = 4) -> list[AssistRecord]:
    return list(generate_records(count, seed, visits=True, days=120))


def test_without_visits_the_records_are_as_before() -> None:
    plain = [r.to_dict() for r in generate_records(200, seed=9)]
    assert all(r["kind"] == "hearing_day" and r["previous_record_id"] == "" for r in plain)
    with_visits = [r.to_dict() for r in generate_records(200, seed=9, visits=True)]
    assert with_visits != plain
    assert with_visits == [r.to_dict() for r in generate_records(200, seed=9, visits=True)]


def test_visit_records_are_valid_and_varied() -> None:
    records = _records()
    assert len(records) == 1500
    assert len({r.id for r in records}) == 1500
    for record in records:
        assert record.finish_problems() == [], (record.id, record.finish_problems())
        assert record.intake.validate(now=record.started_at) == []
        assert normalize_case_number(record.intake.case_number) == record.intake.case_number
        assert normalize_phone(record.intake.phone) == record.intake.phone
        assert AssistRecord.from_dict(record.to_dict()) == record
    kinds = Counter(r.kind for r in records)
    assert 0.15 < kinds[VisitKind.PREPARATION] / len(records) < 0.5
    prepared = [r for r in records if r.kind is VisitKind.PREPARATION]
    outcomes = Counter(r.preparation.outcome for r in prepared if r.preparation)
    assert set(outcomes) == set(PreparationOutcome)
    assert outcomes[PreparationOutcome.READY] > outcomes[PreparationOutcome.ANOTHER_VISIT]
    modes = Counter(r.join.chosen for r in prepared if r.join.chosen)
    assert set(modes) == set(JoinMode)
    assert any(r.join.overridden and r.join.override_reason for r in prepared)
    assert all(code in REASON_TEXTS for r in prepared for code in r.join.reasons)


def test_follow_ups_happen_after_the_hearing_and_some_are_still_due() -> None:
    records = _records()
    prepared = [r for r in records if r.kind is VisitKind.PREPARATION]
    followed = [r for r in prepared if r.follow_up]
    assert {r.follow_up.result for r in followed if r.follow_up} == set(FollowUpResult)
    for record in followed:
        assert record.follow_up and record.intake.hearing_at
        assert record.follow_up.recorded_at > record.intake.hearing_at
        assert record.follow_up.recorded_at.isoformat() <= END_DEFAULT
        assert record.follow_up.problems() == []
        if record.follow_up.cause:
            assert is_known_cause(record.follow_up.cause)
    assert len(followed) < len(prepared)  # the follow-up list is not empty


def test_returning_litigants_link_to_their_earlier_visit() -> None:
    records = _records()
    by_id = {r.id: r for r in records}
    linked = [r for r in records if r.previous_record_id]
    assert linked
    kinds = set()
    for record in linked:
        earlier = by_id[record.previous_record_id]
        assert earlier.started_at < record.started_at
        assert earlier.intake.case_number == record.intake.case_number
        assert earlier.intake.phone == record.intake.phone
        kinds.add((earlier.kind, record.kind))
    assert (VisitKind.PREPARATION, VisitKind.PREPARATION) in kinds  # came back
    assert (VisitKind.PREPARATION, VisitKind.HEARING_DAY) in kinds  # help again on the day


def test_ratings_are_the_litigants_in_recent_weeks_and_causes_are_on_the_list() -> None:
    records = _records()
    sources = Counter(r.rating_given_by for r in records)
    assert sources[RatingSource.LITIGANT] and sources[RatingSource.STAFF]
    assert sources[RatingSource.NOT_ASKED]
    causes = [r.failure_cause for r in records if r.failure_cause]
    assert causes and all(is_known_cause(c) for c in causes)


def test_a_demo_follow_up_could_be_recorded_by_the_rules() -> None:
    for record in _records(600, seed=2):
        if record.follow_up:
            assert (
                follow_up_problems(
                    kind=record.kind, finished=True, existing=None, follow_up=record.follow_up
                )
                == []
            )
