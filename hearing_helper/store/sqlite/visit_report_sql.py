"""The SQLite SQL behind the visit figures of a report (issue 13); see
:class:`~hearing_helper.store.report_source.VisitCounts` for what each query answers."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.domain.visit import FOLLOW_UP_AFTER, FOLLOW_UP_OVERDUE_AFTER
from hearing_helper.store.report_source import VisitCounts
from hearing_helper.store.shared_visits import NOT_SUPERSEDED
from hearing_helper.store.sqlite.day_facts_sql import Facts
from hearing_helper.store.sqlite.report_sql import where


def preparation(filters: ReportFilters) -> tuple[str, list[Any]]:
    clause, params = where(filters)
    sql = (
        "SELECT coalesce(a.prep_outcome, ''), coalesce(a.chosen_mode, ''), "
        f"coalesce(a.follow_up_result, ''), count(*) FROM assists a{clause} "
        "AND a.kind = 'preparation' GROUP BY 1, 2, 3"
    )
    return sql, params


def prepared_hearing_days(filters: ReportFilters) -> tuple[str, list[Any]]:
    """(outcome, count) of hearing-day records linked to an earlier preparation visit."""
    clause, params = where(filters)
    sql = (
        "SELECT coalesce(a.outcome, ''), count(*) FROM assists a "
        f"JOIN assists p ON p.id = a.previous_id AND p.kind = 'preparation'{clause} "
        "AND a.kind = 'hearing_day' AND a.previous_id IS NOT NULL GROUP BY 1"
    )
    return sql, params


def phones(filters: ReportFilters) -> tuple[str, list[Any]]:
    clause, params = where(filters)
    sql = (
        "SELECT count(*), coalesce(sum(n), 0), coalesce(sum(n > 1), 0) FROM "
        f"(SELECT count(*) AS n FROM assists a{clause} AND a.phone != '' GROUP BY a.phone)"
    )
    return sql, params


def follow_up_bounds(now: datetime) -> tuple[str, str]:
    """A follow-up is due once its hearing is before the first, overdue before the second."""
    due_before = (now - FOLLOW_UP_AFTER).isoformat()
    return due_before, (now - FOLLOW_UP_AFTER - FOLLOW_UP_OVERDUE_AFTER).isoformat()


def follow_ups(filters: ReportFilters, now: datetime) -> tuple[str, list[Any]]:
    clause, params = where(filters)
    due_before, overdue_before = follow_up_bounds(now)
    sql = (
        "SELECT coalesce(sum(datetime(a.hearing_at) <= datetime(?) "
        "AND datetime(a.hearing_at) > datetime(?)), 0), "
        f"coalesce(sum(datetime(a.hearing_at) <= datetime(?)), 0) "
        # The few preparation visits still without a follow-up, by their own index.
        f"FROM assists a INDEXED BY assists_prepared{clause} "
        "AND a.kind = 'preparation' AND a.follow_up_result IS NULL "
        f"AND a.hearing_at IS NOT NULL AND {NOT_SUPERSEDED}"
    )
    return sql, [due_before, overdue_before, overdue_before, *params]


def ratings(filters: ReportFilters) -> tuple[str, list[Any]]:
    clause, params = where(filters)
    sql = (
        "SELECT a.rating_source, count(*), sum(a.satisfaction) FROM assists a"
        f"{clause} AND a.satisfaction IS NOT NULL GROUP BY 1"
    )
    return sql, params


def counts_from_days(
    facts: Facts, phones: tuple[int, int, int], due_before: str | None, overdue_before: str | None
) -> VisitCounts:
    """The visit counts from summed per-day facts (day_facts_sql.py) and the period's phone
    figures (day_phones.py); ``due_before``/``overdue_before`` as SQLite's datetime() gives
    :func:`follow_up_bounds` (None: unreadable, then nothing is due, as in :func:`follow_ups`)."""
    pending = facts["follow_up_pending"]
    due = overdue = 0
    if due_before is not None and overdue_before is not None:
        due = sum(n for at, n in pending.items() if overdue_before < at <= due_before)
        overdue = sum(n for at, n in pending.items() if at <= overdue_before)
    return VisitCounts(
        preparation=[(*json.loads(key), n) for key, n in facts["preparation"].items() if n],
        prepared_outcomes=[(o, n) for o, n in facts["prepared"].items() if n],
        phones=phones,
        follow_ups=(due, overdue),
        ratings=[
            (source, n, int(facts["rating_sum"][source]))
            for source, n in facts["rating_count"].items()
            if n
        ],
    )
