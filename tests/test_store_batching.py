"""The adapters' shared splitting helpers."""

from __future__ import annotations

from hearing_helper.store.batching import day_runs, in_batches


def test_in_batches_keeps_order_and_size() -> None:
    assert list(in_batches(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(in_batches([], 3)) == []


def test_day_runs_split_at_week_gaps_and_at_the_chunk_length() -> None:
    days = ["2026-01-03", "2026-01-01", "2026-01-02", "2026-01-20"]
    assert day_runs(days) == [("2026-01-01", "2026-01-04"), ("2026-01-20", "2026-01-21")]
    month = [f"2026-03-{d:02d}" for d in range(1, 32)]
    assert day_runs(month, chunk_days=10) == [
        ("2026-03-01", "2026-03-11"),
        ("2026-03-11", "2026-03-21"),
        ("2026-03-21", "2026-03-31"),
        ("2026-03-31", "2026-04-01"),
    ]
    assert day_runs([]) == []
