"""Per-day cache of a report's facts: problems, failing checks, steps, damaged cells and the
visit figures' sums (``report_day_cache``, day_facts_sql.py), and the phones behind the repeat
visits (``report_day_phones``, day_phones.py).

Joining a year of records to their problems, checks and steps costs seconds on a million
records; the per-day totals change only when a record of that day (or a record it links to)
changes. The cache is kept at write time, in the write's transaction, by what the written
records change (day_cache_writes.py); a bulk path (demo data, import, restore) refills once at
its end with :func:`refill_day_cache`, one set-based pass.

Each cached day also stores the signature of its finished records as the report's main pass
sees them (count, latest ``updated_at``, sum of versions, a checksum of hours, outcomes and
ratings: a new, corrected or moved record changes it), so a stale day is never taken for fresh
(a record written by an older copy of the app, or edited straight into the file): a report
refills such days in short transactions of a few weeks each, so a clerk's autosave is never
kept waiting long. If the cache cannot be written (read-only copy, locked database) the report
is still right; it is just not cached.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.store.report_source import HourlyCount, day_signatures
from hearing_helper.store.sqlite import day_phones, report_sql
from hearing_helper.store.sqlite.day_facts_sql import (
    Facts,
    compute_days,
    empty_facts,
    loaded_facts,
)

log = logging.getLogger(__name__)

RUN_DAYS = 31  # one refill query covers at most this many days
# The report's own hourly query (its period's bounds as the parameters): the same signature.
_HOURLY = report_sql.hourly(ReportFilters(date(2000, 1, 1), date(2000, 1, 1)))[0]
FINISHED_DAYS = "SELECT DISTINCT substr(started_at, 1, 10) FROM assists WHERE status = 'finished'"


def runs(days: Iterable[str]) -> list[tuple[str, str]]:
    """[first, end) ranges of started_at text covering ``days``: neighbouring days (a weekend
    apart at most) share one of at most RUN_DAYS days; a damaged day key gets its own."""
    runs: list[tuple[str, str]] = []
    dated: list[date] = []
    for key in sorted(set(days)):
        try:
            dated.append(date.fromisoformat(key))
        except ValueError:
            runs.append(day_phones.day_bounds(key))
    start: date | None = None
    for index, day in enumerate(dated):
        first = start or day
        following = dated[index + 1] if index + 1 < len(dated) else None
        if (
            following is None
            or following - day > timedelta(days=3)
            or following - first >= timedelta(days=RUN_DAYS)
        ):
            runs.append((first.isoformat(), (day + timedelta(days=1)).isoformat()))
            start = None
        else:
            start = first
    return runs


def signatures_of(db: sqlite3.Connection, first: str, end: str) -> dict[str, str]:
    return day_signatures([HourlyCount._make(row) for row in db.execute(_HOURLY, (first, end))])


def refill_days(
    db: sqlite3.Connection, days: Iterable[str], *, every_phone: bool = False, phones: bool = True
) -> int:
    """Recompute the cached rows of ``days`` from the records as they are now, inside the
    caller's transaction; returns how many days hold finished records. ``phones=False``: the
    facts only (a write moves the phone rows by its own difference, day_cache_writes.py)."""
    wanted = set(days)
    if not wanted:
        return 0
    day_phones.mark_days(db, wanted)
    db.execute(
        "DELETE FROM report_day_cache WHERE day IN (SELECT day FROM temp.report_refill_days)"
    )
    rows: dict[str, tuple[str, str, str]] = {}
    for first, end in runs(wanted):
        computed = compute_days(db, first, end)
        for day, signature in signatures_of(db, first, end).items():
            if day in wanted and first <= day and day_phones.day_bounds(day)[1] <= end:
                facts = json.dumps(computed.get(day, empty_facts()), ensure_ascii=False)
                rows[day] = (day, signature, facts)
    db.executemany(
        "INSERT INTO report_day_cache (day, signature, facts) VALUES (?, ?, ?)", rows.values()
    )
    if phones:
        day_phones.refill_phone_days(db, every_phone=every_phone)
    return len(rows)


def refill_day_cache(
    db: sqlite3.Connection, first_day: str | None = None, last_day: str | None = None
) -> int:
    """The one set-based pass at the end of a bulk path (demo data, import, restore): recompute
    the cached days in [first_day, last_day] ('YYYY-MM-DD', both inclusive; None: no bound),
    and the phone rows of later days that share a phone with them. Runs inside the caller's
    open transaction (never commits); returns how many days hold finished records."""
    low = first_day or ""
    high = day_phones.day_bounds(last_day)[1] if last_day else chr(0x10FFFF)
    in_range = "started_at >= ? AND started_at < ?"
    days = {str(row[0]) for row in db.execute(f"{FINISHED_DAYS} AND {in_range}", (low, high))}
    for table in ("report_day_cache", "report_day_phones"):  # days whose records are gone
        sql = f"SELECT DISTINCT day FROM {table} WHERE day >= ? AND day < ?"
        found = db.execute(sql, (low, high))
        days.update(str(row[0]) for row in found)
    everything = first_day is None and last_day is None
    if not everything:  # later visits of the same phones: their previous visit may have moved
        later = db.execute(
            f"{FINISHED_DAYS} AND started_at >= ? AND phone IN (SELECT phone FROM assists "
            f"WHERE status = 'finished' AND phone != '' AND {in_range})",
            (high, low, high),
        )
        days.update(str(row[0]) for row in later)
    return refill_days(db, days, every_phone=everything)


# --- reading --------------------------------------------------------------------------------


def _fresh_rows(conn: sqlite3.Connection, signatures: dict[str, str]) -> dict[str, Facts]:
    fresh: dict[str, Facts] = {}
    for day, signature, text in conn.execute(
        "SELECT day, signature, facts FROM report_day_cache WHERE day >= ? AND day <= ?",
        (min(signatures), max(signatures)),
    ):
        if signatures.get(day) == signature:
            facts = loaded_facts(text)
            if facts is not None:
                fresh[day] = facts
    return fresh


def _refill_file(path: Path, stale: list[str]) -> None:
    """Refill stale days over a connection of our own, a few weeks per transaction. A day
    found stale changed behind the cache's back (an older copy of the app, an edit straight
    into the file): the later visits of its phones are refilled too."""
    try:
        conn = sqlite3.connect(path, timeout=2.0, isolation_level=None)
        try:
            days = set(stale) | day_phones.days_sharing_phones(conn, stale)
            for first, end in runs(days):
                conn.execute("BEGIN IMMEDIATE")
                refill_days(conn, [day for day in days if first <= day < end])
                conn.execute("COMMIT")
        finally:
            conn.close()
    except sqlite3.Error as exc:
        log.warning("Report cache not updated (%s); reports stay correct, only slower", exc)


def cached_facts(
    conn: sqlite3.Connection, signatures: dict[str, str], cache_path: Path | None
) -> tuple[Facts, list[str], bool]:
    """Summed facts of the days in ``signatures`` (day -> signature of its finished records),
    read over ``conn``; stale days are refilled in ``cache_path``'s file (when given) or
    computed here. Also returns the days found stale, and whether every day is cached now
    (then the phone rows of the period are current too)."""
    total = empty_facts()
    if not signatures:
        return total, [], True
    days = _fresh_rows(conn, signatures)
    found_stale = stale = sorted(day for day in signatures if day not in days)
    if stale and cache_path is not None:
        _refill_file(cache_path, stale)
        days.update(_fresh_rows(conn, {day: signatures[day] for day in stale}))
        stale = [day for day in stale if day not in days]
    for first, end in runs(stale):  # not cached (read-only, or written meanwhile)
        computed = compute_days(conn, first, end)
        for day in stale:
            if first <= day and day_phones.day_bounds(day)[1] <= end:
                days.setdefault(day, computed.get(day, empty_facts()))
    for facts in days.values():
        for kind, counts in facts.items():
            total[kind].update(counts)
    return total, found_stale, not stale
