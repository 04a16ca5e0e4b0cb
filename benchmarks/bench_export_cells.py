#!/usr/bin/env python3
"""What the export's per-cell work costs, column by column (prints, asserts nothing).

Reads the export rows of a demo data folder into memory once, then times each column's
converter (masking, labels, the safe-text and number/date gate of reports/cells.py) over that
column alone, and the whole-row conversion, best of N runs so that a busy machine's noise
shrinks. ``--code OTHER_CHECKOUT`` runs the same with another checkout's code (its own data
folder), to compare a commit before the export-cell gate with one after it:

  .venv/bin/python benchmarks/bench_export_cells.py --data-dir DIR [--code CHECKOUT] [--rows N]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _convert_all(convert: Callable[[Any], Any], values: list[Any]) -> list[Any]:
    return [convert(value) for value in values]


def best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True, type=Path, help="a demo-data folder")
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose code to time")
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.code))

    from hearing_helper.domain.report_filters import ReportFilters
    from hearing_helper.reports import rows as export_rows
    from hearing_helper.store import open_store

    store = open_store(args.data_dir)
    everything = ReportFilters(date(1970, 1, 1), date(2999, 12, 31))
    raw: list[Any] = []
    for row in store.reports.export_rows(everything):
        raw.append(row)
        if len(raw) >= args.rows:
            break
    store.close()
    if not raw:
        print("No records in that data folder.")
        return 1

    print(f"code {args.code}, {len(raw):,} rows, best of {args.runs}")
    total = 0.0
    for index, column in enumerate(export_rows.COLUMNS):
        convert = export_rows._converter(
            column,
            unmask=False,
            translate=export_rows.english,
            datetimes="text",
            platform_names={},
        )
        if convert is None:
            continue
        values = [row[index] for row in raw]
        seconds = best_of(args.runs, partial(_convert_all, convert, values))
        total += seconds
        per_cell_us = seconds / len(values) * 1e6
        print(f"  {column.field:15} {column.kind:8} {seconds * 1000:8.1f} ms  {per_cell_us:.2f} µs")
    print(f"  sum of columns            {total * 1000:8.1f} ms")
    convert_row = export_rows.row_converter()
    seconds = best_of(args.runs, lambda: [convert_row(row) for row in raw])
    print(
        f"  whole rows                {seconds * 1000:8.1f} ms  ({len(raw) / seconds:,.0f} rows/s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
