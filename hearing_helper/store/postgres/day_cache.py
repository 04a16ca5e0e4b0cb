"""Per-day child facts of court-wide reports (problem codes, failing check codes, step statuses),
read from the per-day cache (``day_summary``, migration 010).

The report's main pass gives each day's signature (``day_signatures`` of the hourly counts it
read); the cached facts of a day are used only when the hourly counts stored beside them have
that same signature, so facts and counts always describe the same records. A day that differs
(changed since, or changed by hand) is computed again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import psycopg

from hearing_helper.store.postgres.day_summary import (
    DaysComputed,
    facts_from,
    hourly_of,
    period_days,
    recomputed,
)
from hearing_helper.store.report_source import ChildFacts, day_signatures


def cached_day_facts(
    conn: psycopg.Connection[Any],
    signatures: Mapping[str, str],
    computed: DaysComputed | None = None,
) -> ChildFacts:
    """Summed facts of the days in ``signatures`` (day -> signature of its records)."""
    if not signatures:
        return ChildFacts()
    period = period_days(
        conn, min(signatures), max(signatures) + "~", ("hourly", "facts"), computed
    )
    days = {day: sums for day, sums in period.days.items() if day in signatures}
    differing = [
        day
        for day, signature in signatures.items()
        if day not in days or day_signatures(hourly_of(days[day])).get(day) != signature
    ]
    days.update(recomputed(conn, differing, computed))
    return facts_from(days[day] for day in signatures if day in days)
