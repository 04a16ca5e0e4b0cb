"""The facts of whole days that the per-day report cache (day_cache.py) keeps: problem codes,
failing checks and step statuses (child tables), damaged cells, and the per-day sums behind the
visit figures (issue 23; migration 010 gives the court's cache the same kinds).

Every query groups by the day, ``substr(started_at, 1, 10)``, and is written for a scope: a
[first, end) range of ``started_at`` text (a day and the day after it, or a run of days), or
the records whose ids are in ``temp.report_ids`` (what one write changes, see day_cache.py).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from typing import Any

from hearing_helper.store.sqlite import damage_sql

Facts = dict[str, Counter[Any]]  # kind -> code -> count (a sum for 'rating_sum')

_HOUR_RANGE = "substr(a.started_at, 1, 13) >= ? AND substr(a.started_at, 1, 13) < ?"
_RANGE = "a.started_at >= ? AND a.started_at < ?"
# The records of one write, the ids table first (CROSS JOIN keeps that order: otherwise SQLite
# prefers walking a covering index of every finished record and filtering it).
IDS_SOURCE = "temp.report_ids w CROSS JOIN assists a ON a.id = w.id"
CREATE_IDS = "CREATE TEMP TABLE IF NOT EXISTS report_ids (id TEXT PRIMARY KEY) WITHOUT ROWID"

# Records first (CROSS JOIN keeps that order): a day's or a write's few records, each probing
# its children by index, never a scan of a child table.
_CHILD_QUERIES = {
    "problem": (
        "SELECT substr(a.started_at, 1, 10), p.code, count(*) FROM {source} "
        "CROSS JOIN assist_problems p ON p.assist_id = a.id "
        "WHERE a.status = 'finished' AND {hour_scope} GROUP BY 1, 2"
    ),
    "check": (
        "SELECT substr(a.started_at, 1, 10), c.check_id || ':' || c.code, count(*) "
        "FROM {source} CROSS JOIN check_results c ON c.assist_id = a.id "
        "WHERE a.status = 'finished' AND c.status IN ('fail', 'error') AND {hour_scope} "
        "GROUP BY 1, c.check_id, c.code"
    ),
    "step": (
        "SELECT substr(a.started_at, 1, 10), s.step || ':' || s.status, count(*) "
        "FROM {source} CROSS JOIN assist_steps s ON s.assist_id = a.id WHERE a.status = 'finished' "
        "AND {hour_scope} GROUP BY 1, s.step, s.status"
    ),
}

# The visit figures' sums (store/report_source.py VisitCounts), the same conditions as the live
# queries of visit_report_sql.py without dimension filters.
PREPARATION = (
    "SELECT substr(a.started_at, 1, 10), coalesce(a.prep_outcome, ''), "
    "coalesce(a.chosen_mode, ''), coalesce(a.follow_up_result, ''), count(*) FROM {source} "
    "WHERE a.kind = 'preparation' AND a.status = 'finished' AND {scope} GROUP BY 1, 2, 3, 4"
)
PREPARED = (
    "SELECT substr(a.started_at, 1, 10), coalesce(a.outcome, ''), count(*) FROM {source} "
    "JOIN assists p ON p.id = a.previous_id AND p.kind = 'preparation' "
    "WHERE a.kind = 'hearing_day' AND a.status = 'finished' AND {scope} "
    "AND a.previous_id IS NOT NULL GROUP BY 1, 2"
)
RATINGS = (
    "SELECT substr(a.started_at, 1, 10), a.rating_source, count(*), sum(a.satisfaction) "
    "FROM {source} WHERE a.status = 'finished' AND {scope} AND a.satisfaction IS NOT NULL "
    "GROUP BY 1, 2"
)
# Preparation visits still waiting for a follow-up, by the instant of their hearing (UTC text,
# as SQLite's datetime() gives it): whether one is due or overdue depends on the report's time.
# Superseded: a later finished preparation visit links back to it (shared_visits.NOT_SUPERSEDED);
# the unary + keeps SQLite on the previous_id index for that probe.
FOLLOW_UPS_PENDING = (
    "SELECT substr(a.started_at, 1, 10), datetime(a.hearing_at), count(*) FROM {source} "
    "WHERE a.kind = 'preparation' AND a.status = 'finished' AND {scope} "
    "AND a.follow_up_result IS NULL AND a.hearing_at IS NOT NULL "
    "AND datetime(a.hearing_at) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM assists b "
    "WHERE b.previous_id = a.id AND +b.kind = 'preparation' AND +b.status = 'finished') "
    "GROUP BY 1, 2"
)

DAMAGED = "damaged"  # damaged cells (reports/damage.py) of the day: cell code -> 1
VISIT_KINDS = ("preparation", "prepared", "rating_count", "rating_sum", "follow_up_pending")
KINDS = (*_CHILD_QUERIES, DAMAGED, *VISIT_KINDS)


def empty_facts() -> Facts:
    return {kind: Counter() for kind in KINDS}


def preparation_key(outcome: Any, mode: Any, result: Any) -> str:
    return json.dumps([str(outcome), str(mode), str(result)], ensure_ascii=False)


def _compute(
    conn: sqlite3.Connection,
    source: str,
    scopes: tuple[str, str],
    damaged: str,
    params: tuple[str, ...],
) -> dict[str, Facts]:
    """``scopes``: the condition on the started_at text, and the same on its hour prefix."""
    scope, hour_scope = scopes
    per_day: dict[str, Facts] = {}

    def facts(day: str) -> Facts:
        return per_day.setdefault(day, empty_facts())

    for kind, sql in _CHILD_QUERIES.items():
        for day, code, count in conn.execute(
            sql.format(source=source, hour_scope=hour_scope), params
        ):
            facts(day)[kind][code] += count
    for day, code in damage_sql.damaged_cells(conn.execute(damaged, params)):
        facts(day)[DAMAGED][code] += 1
    for day, outcome, mode, result, count in conn.execute(
        PREPARATION.format(source=source, scope=scope), params
    ):
        facts(day)["preparation"][preparation_key(outcome, mode, result)] += count
    for day, outcome, count in conn.execute(PREPARED.format(source=source, scope=scope), params):
        facts(day)["prepared"][str(outcome)] += count
    for day, rated_by, count, total in conn.execute(
        RATINGS.format(source=source, scope=scope), params
    ):
        facts(day)["rating_count"][str(rated_by)] += count
        facts(day)["rating_sum"][str(rated_by)] += total
    for day, hearing, count in conn.execute(
        FOLLOW_UPS_PENDING.format(source=source, scope=scope), params
    ):
        facts(day)["follow_up_pending"][str(hearing)] += count
    return per_day


def compute_days(conn: sqlite3.Connection, first: str, end: str) -> dict[str, Facts]:
    """Facts per day of the finished records started in [first, end)."""
    scopes = (_RANGE, _HOUR_RANGE)
    return _compute(conn, "assists a", scopes, damage_sql.DAMAGED_IN_DAYS, (first, end))


def compute_records(conn: sqlite3.Connection) -> dict[str, Facts]:
    """Facts per day of the finished records among those in ``temp.report_ids``: what they
    add to their days (none of them links to another: see day_cache.py)."""
    return _compute(conn, IDS_SOURCE, ("1", "1"), damage_sql.DAMAGED_OF_IDS, ())


def mark_ids(conn: sqlite3.Connection, ids: list[str]) -> None:
    conn.execute(CREATE_IDS)
    conn.execute("DELETE FROM temp.report_ids")
    conn.executemany("INSERT OR IGNORE INTO temp.report_ids VALUES (?)", ((i,) for i in ids))


def combined(facts: Facts, minus: Facts | None, plus: Facts | None) -> Facts:
    """``facts`` less ``minus`` plus ``plus``, kind by kind, without the codes left at zero."""
    result = empty_facts()
    for kind in KINDS:
        counts = Counter(facts.get(kind, {}))
        counts.subtract((minus or {}).get(kind, {}))
        counts.update((plus or {}).get(kind, {}))
        result[kind] = Counter({code: n for code, n in counts.items() if n})
    return result


def loaded_facts(text: str) -> Facts | None:
    """A cached row's facts, or None when it was written before a kind was kept (recompute)."""
    loaded = json.loads(text)
    if not all(kind in loaded for kind in KINDS):
        return None
    return {kind: Counter(loaded[kind]) for kind in KINDS}
