"""Storage-neutral helpers the adapters share for splitting work into pieces."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from itertools import islice
from typing import TypeVar

T = TypeVar("T")

CHUNK_DAYS = 31  # one query of the day caches covers at most this many days


def in_batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` as lists of at most ``size`` (one transaction each, for bulk imports)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def day_runs(days: Iterable[str], chunk_days: int = CHUNK_DAYS) -> list[tuple[str, str]]:
    """Sorted day keys (YYYY-MM-DD) grouped into [first, day-after-last) ranges of at most
    ``chunk_days``; a gap of more than a week starts a new range."""
    runs: list[tuple[str, str]] = []
    start: date | None = None
    previous: date | None = None
    for key in sorted(days):
        try:
            day = date.fromisoformat(key)
        except ValueError:  # a damaged start (2026-03-45): no day to cache; reports name it
            continue
        if start is None or previous is None:
            start = day
        elif day - previous > timedelta(days=7) or day - start >= timedelta(days=chunk_days):
            runs.append((start.isoformat(), (previous + timedelta(days=1)).isoformat()))
            start = day
        previous = day
    if start is not None and previous is not None:
        runs.append((start.isoformat(), (previous + timedelta(days=1)).isoformat()))
    return runs
