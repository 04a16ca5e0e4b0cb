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
IDS = "a.id IN (SELECT id FROM temp.report_ids)"
CREATE_IDS = "CREATE TEMP TABLE IF NOT EXISTS report_ids (id TEXT PRIMARY KEY) WITHOUT ROWID"

_CHILD_QUERIES = {
    "problem": (
        "SELECT substr(a.started_at, 1, 10), p.code, count(*) FROM assist_problems p "
        "JOIN assists a ON a.id = p.assist_id WHERE a.status = 'finished' AND {hour_scope} "
        "GROUP BY 1, 2"
    ),
    "check": (
        "SELECT substr(a.started_at, 1, 10), c.check_id || ':' || c.code, count(*) "
        "FROM check_results c JOIN assists a ON a.id = c.assist_id "
        "WHERE a.status = 'finished' AND c.status IN ('fail', 'error') AND {hour_scope} "
        "GROUP BY 1, c.check_id, c.code"
    ),
    "step": (
        "SELECT substr(a.started_at, 1, 10), s.step || ':' || s.status, count(*) "
        "FROM assist_steps s JOIN assists a ON a.id = s.assist_id WHERE a.status = 'finished' "
        "AND {hour_scope} GROUP BY 1, s.step, s.status"
    ),
}

# The visit figures' sums (store/report_source.py VisitCounts), the same conditions as the live
# queries of visit_report_sql.py without dimension filters.
PREPARATION = (
    "SELECT substr(a.started_at, 1, 10), coalesce(a.prep_outcome, ''), "
    "coalesce(a.chosen_mode, ''), coalesce(a.follow_up_result, ''), count(*) FROM assists a "
    "WHERE a.kind = 'preparation' AND a.status = 'finished' AND {scope} GROUP BY 1, 2, 3, 4"
)
PREPARED = (
    "SELECT substr(a.started_at, 1, 10), coalesce(a.outcome, ''), count(*) FROM assists a "
    "JOIN assists p ON p.id = a.previous_id AND p.kind = 'preparation' "
    "WHERE a.kind = 'hearing_day' AND a.status = 'finished' AND {scope} "
    "AND a.previous_id IS NOT NULL GROUP BY 1, 2"
)
RATINGS = (
    "SELECT substr(a.started_at, 1, 10), a.rating_source, count(*), sum(a.satisfaction) "
    "FROM assists a WHERE a.status = 'finished' AND {scope} AND a.satisfaction IS NOT NULL "
    "GROUP BY 1, 2"
)
# Preparation visits still waiting for a follow-up, by the instant of their hearing (UTC text,
# as SQLite's datetime() gives it): whether one is due or overdue depends on the report's time.
# Superseded: a later finished preparation visit links back to it (shared_visits.NOT_SUPERSEDED);
# the unary + keeps SQLite on the previous_id index for that probe.
FOLLOW_UPS_PENDING = (
    "SELECT substr(a.started_at, 1, 10), datetime(a.hearing_at), count(*) FROM assists a "
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
    conn: sqlite3.Connection, scope: str, hour_scope: str, damaged: str, params: tuple[str, ...]
) -> dict[str, Facts]:
    per_day: dict[str, Facts] = {}

    def facts(day: str) -> Facts:
        return per_day.setdefault(day, empty_facts())

    for kind, sql in _CHILD_QUERIES.items():
        for day, code, count in conn.execute(sql.format(hour_scope=hour_scope), params):
            facts(day)[kind][code] += count
    for day, code in damage_sql.damaged_cells(conn.execute(damaged, params)):
        facts(day)[DAMAGED][code] += 1
    for day, outcome, mode, result, count in conn.execute(PREPARATION.format(scope=scope), params):
        facts(day)["preparation"][preparation_key(outcome, mode, result)] += count
    for day, outcome, count in conn.execute(PREPARED.format(scope=scope), params):
        facts(day)["prepared"][str(outcome)] += count
    for day, source, count, total in conn.execute(RATINGS.format(scope=scope), params):
        facts(day)["rating_count"][str(source)] += count
        facts(day)["rating_sum"][str(source)] += total
    for day, hearing, count in conn.execute(FOLLOW_UPS_PENDING.format(scope=scope), params):
        facts(day)["follow_up_pending"][str(hearing)] += count
    return per_day


def compute_days(conn: sqlite3.Connection, first: str, end: str) -> dict[str, Facts]:
    """Facts per day of the finished records started in [first, end)."""
    return _compute(conn, _RANGE, _HOUR_RANGE, damage_sql.DAMAGED_IN_DAYS, (first, end))


def compute_records(conn: sqlite3.Connection) -> dict[str, Facts]:
    """Facts per day of the finished records among those in ``temp.report_ids``: what they
    add to their days (none of them links to another: see day_cache.py)."""
    return _compute(conn, IDS, IDS, damage_sql.DAMAGED_OF_IDS, ())


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
