"""An independent, plain-Python computation of the visit figures (issue 13) from records, for
tests to compare the store's SQL with. Definitions:

- period: visits *started* in [date_from, date_to] (like every other report figure);
- preparation: finished preparation visits by outcome;
- funnel: preparation visits that ended *ready* -> whose follow-up is recorded -> hearing went
  ahead (on time or late) -> joined on time;
- by way of joining: the same, per chosen way to join;
- hearing day, prepared vs not: hearing-day assistance whose record links to a preparation
  visit vs the rest; a problem is an outcome of "joined after help" or "not joined";
- repeat visits: litigants told apart by phone number; visits per litigant and how many came
  more than once;
- follow-ups: finished, unsuperseded preparation visits without follow-up whose follow-up is
  due / overdue at ``now``;
- rating: count and average per source; response rate = rated / finished visits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from hearing_helper.domain.enums import Outcome, RecordStatus
from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.visit import (
    FollowUpResult,
    FollowUpState,
    JoinMode,
    PreparationOutcome,
    RatingSource,
    VisitKind,
    follow_up_state,
)


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def visit_figures(
    records: Iterable[AssistRecord], *, date_from: date, date_to: date, now: datetime
) -> dict[str, Any]:
    everything = [r for r in records if r.status is RecordStatus.FINISHED]
    by_id = {r.id: r for r in everything}
    superseded = {
        r.previous_record_id
        for r in everything
        if r.previous_record_id and r.kind is VisitKind.PREPARATION
    }
    period = [r for r in everything if date_from <= r.started_at.date() <= date_to]
    prepared = [r for r in period if r.kind is VisitKind.PREPARATION and r.preparation]
    outcomes = Counter(r.preparation.outcome for r in prepared if r.preparation)
    ready = [
        r for r in prepared if r.preparation and r.preparation.outcome is PreparationOutcome.READY
    ]

    def stages(group: list[AssistRecord]) -> dict[str, Any]:
        followed = [r for r in group if r.follow_up]
        ahead = [r for r in followed if r.follow_up and r.follow_up.result.went_ahead]
        on_time = [r for r in ahead if r.follow_up and r.follow_up.result is FollowUpResult.ON_TIME]
        return {
            "prepared": len(group),
            "followed_up": len(followed),
            "went_ahead": len(ahead),
            "joined_on_time": len(on_time),
            "on_time_rate": _rate(len(on_time), len(followed)),
        }

    hearing_day = [r for r in period if r.kind is VisitKind.HEARING_DAY]

    def was_prepared(record: AssistRecord) -> bool:
        earlier = by_id.get(record.previous_record_id)
        return earlier is not None and earlier.kind is VisitKind.PREPARATION

    def problems(group: list[AssistRecord]) -> dict[str, Any]:
        troubled = [
            r for r in group if r.outcome in (Outcome.JOINED_AFTER_HELP, Outcome.NOT_JOINED)
        ]
        return {
            "assisted": len(group),
            "with_problem": len(troubled),
            "problem_share": _rate(len(troubled), len(group)),
        }

    phones = Counter(r.intake.phone for r in period if r.intake.phone)
    states = Counter(
        follow_up_state(
            kind=r.kind,
            finished=True,
            hearing_at=r.intake.hearing_at,
            follow_up=r.follow_up,
            now=now,
            superseded=r.id in superseded,
        )
        for r in prepared
    )
    ratings: dict[str, list[int]] = {source.value: [] for source in RatingSource}
    for record in period:
        if record.satisfaction is not None:
            ratings[record.rating_given_by.value].append(record.satisfaction)
    rated = len(ratings["litigant"]) + len(ratings["staff"])
    return {
        "preparation": {
            "visits": len(prepared),
            **{outcome.value: outcomes[outcome] for outcome in PreparationOutcome},
        },
        "funnel": stages(ready),
        "by_join_mode": {
            mode.value: stages([r for r in ready if r.join.chosen is mode]) for mode in JoinMode
        },
        "hearing_day": {
            "prepared": problems([r for r in hearing_day if was_prepared(r)]),
            "not_prepared": problems([r for r in hearing_day if not was_prepared(r)]),
        },
        "repeat_visits": {
            "litigants": len(phones),
            "visits": sum(phones.values()),
            "returning_litigants": sum(1 for n in phones.values() if n > 1),
        },
        "follow_ups": {
            "due": states[FollowUpState.DUE],
            "overdue": states[FollowUpState.OVERDUE],
        },
        "rating": {
            "litigant": len(ratings["litigant"]),
            "staff": len(ratings["staff"]),
            "litigant_average": (
                sum(ratings["litigant"]) / len(ratings["litigant"]) if ratings["litigant"] else None
            ),
            "staff_average": (
                sum(ratings["staff"]) / len(ratings["staff"]) if ratings["staff"] else None
            ),
            "response_rate": _rate(rated, len(period)),
            "litigant_response_rate": _rate(len(ratings["litigant"]), len(period)),
        },
    }
