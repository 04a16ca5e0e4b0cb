"""Per-day cache of the facts that live in child tables (problems, failing checks, steps).

Joining a year of records to their problems, checks and steps costs seconds on a million
records; the per-day totals change only when a record of that day changes. Each cached day
stores the signature of its finished records as the report's main pass saw it (count, latest
``updated_at``, sum of versions: a new, corrected or moved record changes it), so a stale day is
never taken for fresh. Stale days are recomputed in chunks of a few weeks, each in its own short
transaction, so a clerk's autosave is never kept waiting long. If the cache cannot be written
(read-only copy, locked database) the report is still right; it is just not cached.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

from hearing_helper.store.batching import day_runs
from hearing_helper.store.sqlite import damage_sql

log = logging.getLogger(__name__)

Facts = dict[str, Counter[str]]  # kind ('problem', 'check', 'step') -> code -> count

_QUERIES = {
    "problem": (
        "SELECT substr(a.started_at, 1, 10), p.code, count(*) FROM assist_problems p "
        "JOIN assists a ON a.id = p.assist_id WHERE a.status = 'finished' "
        "AND substr(a.started_at, 1, 13) >= ? AND substr(a.started_at, 1, 13) < ? "
        "GROUP BY 1, 2"
    ),
    "check": (
        "SELECT substr(a.started_at, 1, 10), c.check_id || ':' || c.code, count(*) "
        "FROM check_results c JOIN assists a ON a.id = c.assist_id "
        "WHERE a.status = 'finished' AND c.status IN ('fail', 'error') "
        "AND substr(a.started_at, 1, 13) >= ? AND substr(a.started_at, 1, 13) < ? "
        "GROUP BY 1, c.check_id, c.code"
    ),
    "step": (
        "SELECT substr(a.started_at, 1, 10), s.step || ':' || s.status, count(*) "
        "FROM assist_steps s JOIN assists a ON a.id = s.assist_id WHERE a.status = 'finished' "
        "AND substr(a.started_at, 1, 13) >= ? AND substr(a.started_at, 1, 13) < ? "
        "GROUP BY 1, s.step, s.status"
    ),
}


# Damaged cells (reports/damage.py) are facts of their day too: cell code -> 1.
DAMAGED = "damaged"
_KINDS = (*_QUERIES, DAMAGED)


def empty_facts() -> Facts:
    return {kind: Counter() for kind in _KINDS}


def compute_days(conn: sqlite3.Connection, first: str, end: str) -> dict[str, Facts]:
    """Facts per day for days in [first, end)."""
    per_day: dict[str, Facts] = {}
    for kind, sql in _QUERIES.items():
        for day, code, count in conn.execute(sql, (first, end)):
            facts = per_day.setdefault(day, empty_facts())
            facts[kind][code] += count
    rows = conn.execute(damage_sql.DAMAGED_IN_DAYS, (first, end))
    for day, code in damage_sql.damaged_cells(rows):
        per_day.setdefault(day, empty_facts())[DAMAGED][code] += 1
    return per_day


def _write(path: Path, rows: list[tuple[str, str, str]]) -> None:
    try:
        conn = sqlite3.connect(path, timeout=2.0, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(
                "INSERT OR REPLACE INTO report_day_cache (day, signature, facts) VALUES (?,?,?)",
                rows,
            )
            conn.execute("COMMIT")
        finally:
            conn.close()
    except sqlite3.Error as exc:
        log.warning("Report cache not updated (%s); reports stay correct, only slower", exc)


def cached_facts(
    conn: sqlite3.Connection,
    signatures: dict[str, str],
    cache_path: Path | None,
) -> Facts:
    """Summed facts of the days in ``signatures`` (day -> signature of its finished records),
    read over ``conn``; recomputed days are written to the cache in ``cache_path``'s file."""
    total = empty_facts()
    if not signatures:
        return total
    first, last = min(signatures), max(signatures)
    cached: dict[str, Any] = {}
    for day, signature, facts in conn.execute(
        "SELECT day, signature, facts FROM report_day_cache WHERE day >= ? AND day <= ?",
        (first, last),
    ):
        if signatures.get(day) == signature:
            loaded = json.loads(facts)
            if DAMAGED in loaded:  # cached before damaged cells were counted: recompute
                cached[day] = loaded
    stale = [day for day in signatures if day not in cached]
    fresh_rows: list[tuple[str, str, str]] = []
    runs = day_runs(stale)
    for start, end in runs:
        computed = compute_days(conn, start, end)
        for day in (d for d in stale if start <= d < end):
            facts = computed.get(day, empty_facts())
            cached[day] = facts
            fresh_rows.append((day, signatures[day], json.dumps(facts)))
    for day in stale:
        if day not in cached:  # no date (a damaged start): computed alone, never cached
            cached[day] = compute_days(conn, day, day + "~").get(day, empty_facts())
    if fresh_rows and cache_path is not None:
        _write(cache_path, fresh_rows)
    for facts in cached.values():
        for kind, counts in facts.items():
            total[kind].update(counts)
    return total
