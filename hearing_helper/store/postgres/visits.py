"""The visit figures of a report on PostgreSQL (issue 13); the visit queries of the repository
are shared with SQLite (store/shared_visits.py). Times are compared as instants
(``::timestamptz``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.domain.visit import FOLLOW_UP_AFTER, FOLLOW_UP_OVERDUE_AFTER
from hearing_helper.store.report_source import VisitCounts
from hearing_helper.store.shared_visits import NOT_SUPERSEDED


def visit_counts(
    fetch: Callable[[str, list[Any]], list[tuple[Any, ...]]],
    where: Callable[[ReportFilters], tuple[str, list[Any]]],
    filters: ReportFilters,
    now: datetime,
) -> VisitCounts:
    """The report's visit counts, by ``fetch(sql, params)`` over ``where(filters)``."""
    clause, params = where(filters)
    preparation = fetch(
        "SELECT coalesce(a.prep_outcome, ''), coalesce(a.chosen_mode, ''), "
        f"coalesce(a.follow_up_result, ''), count(*) FROM assists a{clause} "
        "AND a.kind = 'preparation' GROUP BY 1, 2, 3",
        params,
    )
    prepared = fetch(
        "SELECT coalesce(a.outcome, ''), count(*) FROM assists a "
        f"JOIN assists p ON p.id = a.previous_id AND p.kind = 'preparation'{clause} "
        "AND a.kind = 'hearing_day' AND a.previous_id IS NOT NULL GROUP BY 1",
        params,
    )
    phones = fetch(
        "SELECT count(*), coalesce(sum(n), 0), count(*) FILTER (WHERE n > 1) FROM "
        f"(SELECT count(*) AS n FROM assists a{clause} AND a.phone != '' GROUP BY a.phone) p",
        params,
    )[0]
    due_before = now - FOLLOW_UP_AFTER
    overdue_before = due_before - FOLLOW_UP_OVERDUE_AFTER
    follow_ups = fetch(
        "SELECT count(*) FILTER (WHERE a.hearing_at::timestamptz <= %s "
        "AND a.hearing_at::timestamptz > %s), "
        f"count(*) FILTER (WHERE a.hearing_at::timestamptz <= %s) FROM assists a{clause} "
        "AND a.kind = 'preparation' AND a.follow_up_result IS NULL "
        f"AND a.hearing_at IS NOT NULL AND {NOT_SUPERSEDED}",
        [due_before, overdue_before, overdue_before, *params],
    )[0]
    ratings = fetch(
        "SELECT a.rating_source, count(*), sum(a.satisfaction) FROM assists a"
        f"{clause} AND a.satisfaction IS NOT NULL GROUP BY 1",
        params,
    )
    return VisitCounts(
        preparation=[(str(o), str(m), str(f), int(n)) for o, m, f, n in preparation],
        prepared_outcomes=[(str(o), int(n)) for o, n in prepared],
        phones=(int(phones[0]), int(phones[1]), int(phones[2])),
        follow_ups=(int(follow_ups[0]), int(follow_ups[1])),
        ratings=[(str(s), int(n), int(total)) for s, n, total in ratings],
    )
