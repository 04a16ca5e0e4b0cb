"""Keeping the per-day report cache (day_cache.py) at write time, in the write's transaction.

A write of some records (a draft saved, a record finished, corrected, discarded, or a batch
imported) changes the cached facts of their own days by exactly what those records contribute
before and after the write, and the phone rows by what their phones' chains give before and
after it. So a write costs what its own records cost, not what their days hold:

- :func:`before_write` notes, before the records change, their facts per day, their phones'
  chain rows, whether each of their days' cached rows is fresh, and the days linked to them;
- :func:`after_write` applies the difference to fresh days and refills (whole) the days that
  were not fresh, and the days of linked visits (a preparation visit superseded by a later
  one, a hearing day prepared by a visit that was written): their figures depend on another
  record than their own.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from hearing_helper.store.sqlite import day_cache, day_phones
from hearing_helper.store.sqlite.day_facts_sql import (
    Facts,
    combined,
    compute_records,
    empty_facts,
    loaded_facts,
    mark_ids,
)

# The days of finished records found by id or previous_id (the unary + keeps SQLite on those
# indexes, not walking every finished record by the status index).
_FINISHED_DAYS = "SELECT DISTINCT substr(started_at, 1, 10) FROM assists WHERE +status = 'finished'"


@dataclass
class PendingWrite:
    ids: list[str]
    days: set[str]  # the days the records are on before, and will be on after, the write
    phones: set[str]  # their phones before the write
    facts: dict[str, Facts]  # what they add to their days before the write
    chain: day_phones.Chain  # their phones' rows before the write
    fresh: dict[str, Facts] = field(default_factory=dict)  # the days cached and fresh
    linked: set[str] = field(default_factory=set)


def _own(db: sqlite3.Connection, ids: list[str]) -> tuple[set[str], set[str], set[str]]:
    """(days, phones) of the finished records among ``ids``, and the days of the other
    finished records whose figures depend on them: the visit one links back to (superseded
    by a later preparation visit) and the visits linking to one (prepared by it). Links
    between the written records themselves are counted by their own difference."""
    days: set[str] = set()
    phones: set[str] = set()
    linked: set[str] = set()
    written = set(ids)
    others = " AND id NOT IN (SELECT id FROM temp.report_ids)"
    mark_ids(db, ids)
    for record_id in ids:
        row = db.execute(
            "SELECT status, substr(started_at, 1, 10), phone, previous_id FROM assists "
            "WHERE id = ?",
            (record_id,),
        ).fetchone()
        if row is not None:
            status, day, phone, previous_id = tuple(row)
            if status == "finished":
                days.add(str(day))
                phones.add(str(phone))
            if previous_id is not None and previous_id not in written:
                found = db.execute(f"{_FINISHED_DAYS} AND id = ?", (previous_id,))
                linked.update(str(r[0]) for r in found)
        found = db.execute(f"{_FINISHED_DAYS} AND previous_id = ?{others}", (record_id,))
        linked.update(str(r[0]) for r in found)
    return days, phones, linked


def _cached_fresh(db: sqlite3.Connection, days: set[str]) -> dict[str, Facts]:
    """The cached facts of those ``days`` whose row matches their records now (a day without
    finished records and without a row is fresh and empty)."""
    if not days:
        return {}
    signatures: dict[str, str] = {}
    for first, end in day_cache.runs(days):
        signatures.update(day_cache.signatures_of(db, first, end))
    marks = ",".join("?" * len(days))
    rows = {
        str(day): (str(signature), str(text))
        for day, signature, text in db.execute(
            f"SELECT day, signature, facts FROM report_day_cache WHERE day IN ({marks})",
            sorted(days),
        )
    }
    fresh: dict[str, Facts] = {}
    for day in days:
        if day not in rows:
            if day not in signatures:
                fresh[day] = empty_facts()
            continue
        signature, text = rows[day]
        facts = loaded_facts(text) if signatures.get(day) == signature else None
        if facts is not None:
            fresh[day] = facts
    return fresh


def before_write(db: sqlite3.Connection, ids: list[str], days_after: Iterable[str]) -> PendingWrite:
    """``days_after``: the days the written records will be on as finished records
    (started_at's first ten characters); none for drafts."""
    own_days, phones, linked = _own(db, ids)
    days = own_days | set(days_after)
    pending = PendingWrite(
        ids, days, phones, compute_records(db), day_phones.chain_rows(db, phones)
    )
    pending.fresh = _cached_fresh(db, days)
    pending.linked = linked
    return pending


def after_write(db: sqlite3.Connection, pending: PendingWrite) -> None:
    own_days, phones, linked = _own(db, pending.ids)
    after = compute_records(db)
    new_phones = phones - pending.phones
    chain_before = pending.chain + day_phones.chain_rows(db, new_phones, unwritten=True)
    chain_after = day_phones.chain_rows(db, pending.phones | phones)
    day_phones.apply_delta(db, chain_before, chain_after)

    refill = pending.linked | linked | (own_days - pending.days)
    changed = (pending.days | own_days) - refill
    refill |= {day for day in changed if day not in pending.fresh}
    changed -= refill
    signatures: dict[str, str] = {}
    for first, end in day_cache.runs(changed):
        signatures.update(day_cache.signatures_of(db, first, end))
    for day in changed:
        if day not in signatures:
            db.execute("DELETE FROM report_day_cache WHERE day = ?", (day,))
            continue
        facts = combined(pending.fresh[day], pending.facts.get(day), after.get(day))
        db.execute(
            "INSERT OR REPLACE INTO report_day_cache (day, signature, facts) VALUES (?, ?, ?)",
            (day, signatures[day], json.dumps(facts, ensure_ascii=False)),
        )
    day_cache.refill_days(db, refill, phones=False)
