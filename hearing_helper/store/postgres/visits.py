"""The visit figures of a report on PostgreSQL (issue 13); the visit queries of the repository
are shared with SQLite (store/shared_visits.py). Times are compared as instants
(``::timestamptz``).

A court-wide report without filters sums them from the per-day cache (``day_summary``, migration
010): each day holds its preparation visits, hearing days after a preparation, ratings and open
preparation visits (by hearing time, so the follow-ups due at any moment are counted from them);
the distinct litigants come from ``court_day_phones``, per day and phone, read by index. The
filtered report counts them live (``visit_counts``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime
from typing import Any

import psycopg

from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.domain.visit import FOLLOW_UP_AFTER, FOLLOW_UP_OVERDUE_AFTER
from hearing_helper.store.postgres.day_summary import PeriodDays
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
    phones = live_phones(fetch, clause, params)
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


def live_phones(
    fetch: Callable[[str, list[Any]], list[tuple[Any, ...]]], clause: str, params: list[Any]
) -> tuple[int, int, int]:
    row = fetch(
        "SELECT count(*), coalesce(sum(n), 0), count(*) FILTER (WHERE n > 1) FROM "
        f"(SELECT count(*) AS n FROM assists a{clause} AND a.phone != '' GROUP BY a.phone) p",
        params,
    )[0]
    return int(row[0]), int(row[1]), int(row[2])


def stored_phones(conn: psycopg.Connection[Any], first: str, end: str) -> tuple[int, int, int]:
    """(distinct phones, their visits, phones with more than one visit) of the days from
    ``first`` to ``end`` (exclusive), from the stored per-day rows."""
    row = conn.execute(
        "SELECT count(*), coalesce(sum(n), 0), count(*) FILTER (WHERE n > 1) FROM "
        "(SELECT sum(visits) AS n FROM court_day_phones WHERE day >= %s AND day < %s "
        "GROUP BY phone) p",
        (first, end),
    ).fetchone()
    return (int(row[0]), int(row[1]), int(row[2])) if row else (0, 0, 0)


def visit_counts_from_days(
    period: PeriodDays, phones: tuple[int, int, int], now: datetime
) -> VisitCounts:
    """The visit counts of whole days, from their cached sums (``phones`` read beside them)."""
    preparation: Counter[tuple[str, str, str]] = Counter()
    prepared: Counter[str] = Counter()
    ratings: dict[str, list[int]] = {}
    due_before = (now - FOLLOW_UP_AFTER).timestamp()
    overdue_before = (now - FOLLOW_UP_AFTER - FOLLOW_UP_OVERDUE_AFTER).timestamp()
    due = overdue = 0
    for day in period.days.values():
        visits = day.part("visits")
        for outcome, mode, follow_up, n in visits["preparation"]:
            preparation[(outcome, mode, follow_up)] += n
        for outcome, n in visits["prepared"]:
            prepared[outcome] += n
        for source, n, total in visits["ratings"]:
            sums = ratings.setdefault(source, [0, 0])
            sums[0] += n
            sums[1] += total
        for hearing_at, n in visits["open"]:
            if hearing_at <= overdue_before:
                overdue += n
            elif hearing_at <= due_before:
                due += n
    return VisitCounts(
        preparation=[(o, m, f, n) for (o, m, f), n in sorted(preparation.items())],
        prepared_outcomes=sorted(prepared.items()),
        phones=phones,
        follow_ups=(due, overdue),
        ratings=[(source, n, total) for source, (n, total) in sorted(ratings.items())],
    )
