"""Exact repeat-visit figures (litigants by phone) of any period, from a small per-day table.

Counting distinct phones over a year sorted a year of records by phone (a temporary B-tree)
on every report. Instead each finished record with a phone knows the day of the same phone's
previous finished visit and of the one before that (visits of a phone ordered by start, then
id), and ``report_day_phones`` (migration 010) counts the day's records per such pair. For a
period [a, b] (issue 13's figures, unchanged):

- visits: every record of the period;
- litigants: records whose previous visit is before ``a`` (or none): each phone's first visit
  in the period;
- returning litigants (two visits or more): records whose previous visit is in the period but
  the one before that is not: each such phone's second visit in the period.

A day's rows depend on its own records and on earlier visits of the same phones, so a write
refreshes the days of every visit of the phones it touches (:func:`refill_phone_days`).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta

# Days to refresh: (day, lower bound, upper bound) of its records' started_at text.
CREATE_DAYS = (
    "CREATE TEMP TABLE IF NOT EXISTS report_refill_days "
    "(day TEXT PRIMARY KEY, low TEXT NOT NULL, high TEXT NOT NULL) WITHOUT ROWID"
)
_DAY_OF = "substr(a.started_at, 1, 10)"
_IN_DAY = (
    "a.status = 'finished' AND a.started_at >= d.low AND a.started_at < d.high "
    f"AND {_DAY_OF} = d.day"
)
_CHAIN = (
    f"SELECT {_DAY_OF} AS day, lag({_DAY_OF}, 1, '') OVER w AS previous_day, "
    f"lag({_DAY_OF}, 2, '') OVER w AS before_previous_day FROM assists a "
    "WHERE a.status = 'finished' AND a.phone != '' {phones} "
    "WINDOW w AS (PARTITION BY a.phone ORDER BY a.started_at, a.id)"
)
_INSERT = (
    "INSERT INTO report_day_phones (day, previous_day, before_previous_day, visits) "
    "SELECT day, previous_day, before_previous_day, count(*) FROM ({chain}) "
    "WHERE day IN (SELECT day FROM temp.report_refill_days) GROUP BY 1, 2, 3"
)
# The phones with a visit on a day to refresh: all their visits are needed for the chain.
# (CROSS JOIN: day by day, each a range of the period index, not a scan of every record.)
_PHONES_ON_DAYS = (
    "AND a.phone IN (SELECT a.phone FROM temp.report_refill_days d "
    f"CROSS JOIN assists a ON {_IN_DAY} WHERE a.phone != '')"
)
CREATE_PHONES = (
    "CREATE TEMP TABLE IF NOT EXISTS report_phones (phone TEXT PRIMARY KEY) WITHOUT ROWID"
)
_GROUPED = "SELECT day, previous_day, before_previous_day, count(*) FROM ({chain}) GROUP BY 1, 2, 3"
_OF_PHONES = "AND a.phone IN (SELECT phone FROM temp.report_phones) {exclude}"
_NOT_WRITTEN = "AND a.id NOT IN (SELECT id FROM temp.report_ids)"
Chain = Counter[tuple[str, str, str]]
PERIOD_FIGURES = (
    "SELECT coalesce(sum(visits) FILTER (WHERE previous_day < ?1), 0), "
    "coalesce(sum(visits), 0), "
    "coalesce(sum(visits) FILTER (WHERE previous_day >= ?1 AND before_previous_day < ?1), 0) "
    "FROM report_day_phones WHERE day >= ?1 AND day < ?2"
)


def day_bounds(day: str) -> tuple[str, str]:
    """[low, high) of the started_at text of the records of ``day`` (the day after it; for a
    damaged day key, everything that starts with it)."""
    try:
        return day, (date.fromisoformat(day) + timedelta(days=1)).isoformat()
    except ValueError:
        return day, day + chr(0x10FFFF)


def mark_days(db: sqlite3.Connection, days: Iterable[str]) -> None:
    """Fill the temporary table of days to refresh (emptied first)."""
    db.execute(CREATE_DAYS)
    db.execute("DELETE FROM temp.report_refill_days")
    db.executemany(
        "INSERT OR IGNORE INTO temp.report_refill_days VALUES (?, ?, ?)",
        ((day, *day_bounds(day)) for day in days),
    )


def phone_days(db: sqlite3.Connection, phones: Iterable[str]) -> set[str]:
    """The days of every finished visit of ``phones``."""
    found: set[str] = set()
    for phone in {p for p in phones if p}:
        found.update(
            str(row[0])
            for row in db.execute(
                f"SELECT DISTINCT {_DAY_OF} FROM assists a "
                "WHERE a.phone = ? AND a.status = 'finished'",
                (phone,),
            )
        )
    return found


def days_sharing_phones(db: sqlite3.Connection, days: Iterable[str]) -> set[str]:
    """The days of every finished visit of the phones with a visit on ``days``."""
    mark_days(db, days)
    found = db.execute(
        f"SELECT DISTINCT {_DAY_OF} FROM assists a WHERE a.status = 'finished' {_PHONES_ON_DAYS}"
    )
    return {str(row[0]) for row in found}


def refill_phone_days(db: sqlite3.Connection, *, every_phone: bool = False) -> None:
    """Rewrite the rows of the days in ``temp.report_refill_days`` (see :func:`mark_days`).
    ``every_phone``: chain every finished record (a whole-store refill) instead of looking up
    the phones of those days first."""
    db.execute(
        "DELETE FROM report_day_phones WHERE day IN (SELECT day FROM temp.report_refill_days)"
    )
    chain = _CHAIN.format(phones="" if every_phone else _PHONES_ON_DAYS)
    db.execute(_INSERT.format(chain=chain))


def chain_rows(db: sqlite3.Connection, phones: Iterable[str], *, unwritten: bool = False) -> Chain:
    """The rows ``phones`` give report_day_phones, as their visits stand; ``unwritten``: as
    they stood before the records of ``temp.report_ids`` were written (none of them was one
    of these phones' visits before)."""
    db.execute(CREATE_PHONES)
    db.execute("DELETE FROM temp.report_phones")
    db.executemany(
        "INSERT OR IGNORE INTO temp.report_phones VALUES (?)", ((p,) for p in phones if p)
    )
    scope = _OF_PHONES.format(exclude=_NOT_WRITTEN if unwritten else "")
    found = db.execute(_GROUPED.format(chain=_CHAIN.format(phones=scope)))
    return Counter({(str(d), str(p), str(b)): int(n) for d, p, b, n in found})


def apply_delta(db: sqlite3.Connection, before: Chain, after: Chain) -> None:
    """Move report_day_phones from ``before`` to ``after`` (the rows of the phones a write
    touched); the other phones' rows stay as they are."""
    delta = Counter(after)
    delta.subtract(before)
    for (day, previous, before_previous), change in delta.items():
        if not change:
            continue
        key = (day, previous, before_previous)
        db.execute(
            "INSERT INTO report_day_phones (day, previous_day, before_previous_day, visits) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (day, previous_day, before_previous_day) "
            "DO UPDATE SET visits = visits + excluded.visits",
            (*key, change),
        )
        db.execute(
            "DELETE FROM report_day_phones WHERE day = ? AND previous_day = ? "
            "AND before_previous_day = ? AND visits <= 0",
            key,
        )


def period_figures(conn: sqlite3.Connection, start_key: str, end_key: str) -> tuple[int, int, int]:
    """(litigants, their visits, litigants with more than one visit) of [start_key, end_key)."""
    litigants, visits, returning = conn.execute(PERIOD_FIGURES, (start_key, end_key)).fetchone()
    return int(litigants), int(visits), int(returning)
