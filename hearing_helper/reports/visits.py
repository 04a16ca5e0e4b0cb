"""The visit figures of a report (issue 13), folded from the store's
:class:`~hearing_helper.store.report_source.VisitCounts`. No Qt, no SQL.

- preparation visits by outcome;
- the readiness funnel: visits that ended *ready* -> followed up -> the hearing went ahead
  (on time or late) -> joined on time; and the same per chosen way to join;
- hearing-day problems (joined only after help, or not joined) among litigants who were
  prepared (the record links to a preparation visit) and those who were not;
- repeat visits: litigants told apart by phone number;
- follow-ups due and overdue now;
- ratings given by the litigant and entered by staff, with the response rates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from hearing_helper.domain.enums import Outcome
from hearing_helper.domain.visit import FollowUpResult, JoinMode, PreparationOutcome, RatingSource
from hearing_helper.store.report_source import VisitCounts

PROBLEM_OUTCOMES = (Outcome.JOINED_AFTER_HELP.value, Outcome.NOT_JOINED.value)
WENT_AHEAD = tuple(r.value for r in FollowUpResult if r.went_ahead)


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _stages(rows: list[tuple[str, int]]) -> dict[str, Any]:
    """rows: (follow_up_result, count) of ready preparation visits."""
    prepared = sum(n for _, n in rows)
    followed = sum(n for result, n in rows if result)
    ahead = sum(n for result, n in rows if result in WENT_AHEAD)
    on_time = sum(n for result, n in rows if result == FollowUpResult.ON_TIME.value)
    return {
        "prepared": prepared,
        "followed_up": followed,
        "went_ahead": ahead,
        "joined_on_time": on_time,
        "on_time_rate": _rate(on_time, followed),
    }


def _problems(rows: list[tuple[str, int]]) -> dict[str, Any]:
    assisted = sum(n for _, n in rows)
    troubled = sum(n for outcome, n in rows if outcome in PROBLEM_OUTCOMES)
    return {
        "assisted": assisted,
        "with_problem": troubled,
        "problem_share": _rate(troubled, assisted),
    }


def visit_figures(
    counts: VisitCounts, outcomes: Mapping[str, int], visit_count: int
) -> dict[str, Any]:
    """The visit figures as ``report --json`` prints them under ``"visits"``; ``outcomes`` are
    the report's hearing-day outcomes and ``visit_count`` its visits of both kinds (what the
    rating response rates are over: either kind of visit may be rated)."""
    prepared = dict(counts.prepared_outcomes)
    hearing_day = [(o, n) for o, n in outcomes.items() if o]
    by_outcome: Counter[str] = Counter()
    for outcome, _mode, _result, n in counts.preparation:
        by_outcome[outcome] += n
    ready = PreparationOutcome.READY.value
    ready_rows = [(mode, result, n) for o, mode, result, n in counts.preparation if o == ready]
    ratings = {source: (n, total) for source, n, total in counts.ratings}
    litigant_n, litigant_sum = ratings.get(RatingSource.LITIGANT.value, (0, 0))
    staff_n, staff_sum = ratings.get(RatingSource.STAFF.value, (0, 0))
    litigants, visits, returning = counts.phones
    return {
        "preparation": {
            "visits": sum(by_outcome.values()),
            **{o.value: by_outcome[o.value] for o in PreparationOutcome},
        },
        "funnel": _stages([(result, n) for _mode, result, n in ready_rows]),
        "by_join_mode": {
            mode.value: _stages([(r, n) for m, r, n in ready_rows if m == mode.value])
            for mode in JoinMode
        },
        "hearing_day": {
            "prepared": _problems(list(prepared.items())),
            "not_prepared": _problems([(o, n - prepared.get(o, 0)) for o, n in hearing_day]),
        },
        "repeat_visits": {
            "litigants": litigants,
            "visits": visits,
            "returning_litigants": returning,
        },
        "follow_ups": {"due": counts.follow_ups[0], "overdue": counts.follow_ups[1]},
        "rating": {
            "litigant": litigant_n,
            "staff": staff_n,
            "litigant_average": round(litigant_sum / litigant_n, 2) if litigant_n else None,
            "staff_average": round(staff_sum / staff_n, 2) if staff_n else None,
            "response_rate": _rate(litigant_n + staff_n, visit_count),
            "litigant_response_rate": _rate(litigant_n, visit_count),
        },
    }
