"""Per-day report facts on PostgreSQL (migration 003), like the SQLite adapter's day cache.

Joining a year of a court's records to their problems, checks and steps costs seconds; the
per-day totals change only when a record of that day changes. A cached day is used only while
its signature matches what the report's main pass saw. Stale days are recomputed in runs of up
to a month, one grouped query per kind. A login that may not write the cache (or a read-only
standby) still gets a right report, only an uncached one.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Mapping
from typing import Any

import psycopg

from hearing_helper.store.batching import day_runs
from hearing_helper.store.report_source import FAILING_CHECK_STATUSES, ChildFacts

log = logging.getLogger(__name__)

Facts = dict[str, Counter[str]]  # 'problem' | 'check' | 'step' -> code -> count

_RANGE = "a.status = 'finished' AND a.started_at >= %s AND a.started_at < %s"
_QUERIES = {
    "problem": (
        "SELECT substr(a.started_at, 1, 10), p.code, count(*) FROM assist_problems p "
        f"JOIN assists a ON a.id = p.assist_id WHERE {_RANGE} GROUP BY 1, 2"
    ),
    "check": (
        "SELECT substr(a.started_at, 1, 10), c.check_id || ':' || c.code, count(*) "
        f"FROM check_results c JOIN assists a ON a.id = c.assist_id WHERE {_RANGE} "
        "AND c.status = ANY(%s) GROUP BY 1, 2"
    ),
    "step": (
        "SELECT substr(a.started_at, 1, 10), s.step || ':' || s.status, count(*) "
        f"FROM assist_steps s JOIN assists a ON a.id = s.assist_id WHERE {_RANGE} GROUP BY 1, 2"
    ),
}


def _empty() -> Facts:
    return {kind: Counter() for kind in _QUERIES}


def _compute(conn: psycopg.Connection[Any], first: str, end: str) -> dict[str, Facts]:
    per_day: dict[str, Facts] = {}
    for kind, sql in _QUERIES.items():
        params: list[Any] = [first, end]
        if kind == "check":
            params.append(list(FAILING_CHECK_STATUSES))
        for day, code, count in conn.execute(sql, params):
            per_day.setdefault(day, _empty())[kind][code] += int(count)
    return per_day


def _store(conn: psycopg.Connection[Any], rows: list[tuple[str, str, str]]) -> None:
    try:
        with conn.transaction(), conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO report_day_cache (day, signature, facts) VALUES (%s, %s, %s) "
                "ON CONFLICT (day) DO UPDATE SET signature = excluded.signature, "
                "facts = excluded.facts",
                rows,
            )
    except psycopg.Error as exc:
        log.info("Report day cache not written (%s); the report is right, only slower", exc)


def cached_day_facts(conn: psycopg.Connection[Any], signatures: Mapping[str, str]) -> ChildFacts:
    """Summed facts of the days in ``signatures`` (day -> signature of its records)."""
    if not signatures:
        return ChildFacts()
    cached: dict[str, Any] = {}
    for day, signature, facts in conn.execute(
        "SELECT day, signature, facts FROM report_day_cache WHERE day >= %s AND day <= %s",
        (min(signatures), max(signatures)),
    ):
        if signatures.get(day) == signature:
            cached[day] = json.loads(facts)
    stale = [day for day in signatures if day not in cached]
    fresh: list[tuple[str, str, str]] = []
    for first, end in day_runs(stale):
        computed = _compute(conn, first, end)
        for day in (d for d in stale if first <= d < end):
            facts = computed.get(day, _empty())
            cached[day] = facts
            fresh.append((day, signatures[day], json.dumps(facts)))
    if fresh:
        _store(conn, fresh)
    total = _empty()
    for facts in cached.values():
        for kind, counts in facts.items():
            total[kind].update(counts)
    steps = []
    for key, n in total["step"].items():
        step, _, status = key.partition(":")
        steps.append((step, status, n))
    return ChildFacts(
        problems=sorted(total["problem"].items()),
        checks=sorted(total["check"].items()),
        steps=sorted(steps),
    )
