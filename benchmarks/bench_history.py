"""History search over 100,000 demo records (target: < 100 ms per search, count included).

Run: .venv/bin/python benchmarks/bench_history.py [--count N]
Prints generation time, database size and the median/max time of typical clerk searches.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from hearing_helper.demo import generate_records
from hearing_helper.store import HistoryQuery, open_repository

QUERIES = {
    "latest 500 (no filter)": HistoryQuery(),
    "case-number fragment '民初12'": HistoryQuery(text="民初12"),
    "surname '王'": HistoryQuery(text="王"),
    "full case number": HistoryQuery(text="（2026）京0105民初654号"),
    "no match": HistoryQuery(text="不存在的名字"),
    "one month": HistoryQuery(date_from=date(2026, 6, 1), date_to=date(2026, 6, 30)),
    "not joined, by duration": HistoryQuery(outcome="not_joined", sort_by="duration_s"),
    "name, oldest first": HistoryQuery(text="李", descending=False),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo = open_repository(Path(tmp))
        started = time.perf_counter()
        repo.import_finished(generate_records(args.count, seed=7), actor="bench")
        generated = time.perf_counter() - started
        size_mb = repo.path.stat().st_size / 1e6
        print(f"generated {args.count} records in {generated:.1f} s; database {size_mb:.0f} MB")
        worst = 0.0
        for label, query in QUERIES.items():
            timings = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                rows = repo.search(query)
                total = repo.count(query)
                timings.append((time.perf_counter() - t0) * 1000)
            worst = max(worst, max(timings))
            print(
                f"{label:32s} rows={len(rows):4d} total={total:6d} "
                f"median={statistics.median(timings):6.1f} ms max={max(timings):6.1f} ms"
            )
        verdict = "OK" if worst < 100 else "SLOW"
        print(f"worst search+count: {worst:.1f} ms (target < 100 ms): {verdict}")
        repo.close()


if __name__ == "__main__":
    main()
