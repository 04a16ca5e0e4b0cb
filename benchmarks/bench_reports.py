#!/usr/bin/env python3
"""Reports and exports on a large demo database (default: 1,000,000 records over one year).

Prints: one-year report time (cold, i.e. first after the import, and warm), CSV export rows/s
beside the sqlite3 command-line tool's ``-csv`` output of the same SELECT, XLSX rows/s, and the
peak memory (RSS) of export processes over growing periods (should stay flat).

  .venv/bin/python benchmarks/bench_reports.py [--count N] [--data-dir DIR] [--skip-xlsx]
      [--report-only] [--compare-with OTHER_CHECKOUT]

``--compare-with /work/main`` times the report with that checkout's code too, back to back on the
same database (each from a cold per-day cache), so a before/after pair comes from one run.

The data dir is generated once with ``hearing-helper demo-data`` and reused when it exists.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A child timing another checkout (--compare-with) imports that checkout's hearing_helper.
CODE = Path(sys.argv[sys.argv.index("--code") + 1]) if "--code" in sys.argv else ROOT
sys.path.insert(0, str(CODE))

from hearing_helper.domain.report_filters import ReportFilters  # noqa: E402

YEAR = ReportFilters(date(2025, 11, 28), date(2026, 11, 27))  # demo-data's default year
PERIODS = {
    "1 month": ReportFilters(date(2026, 10, 28), date(2026, 11, 27)),
    "6 months": ReportFilters(date(2026, 5, 28), date(2026, 11, 27)),
    "12 months": YEAR,
}


def child_export(fmt: str, first: str, last: str, out: str, data_dir: str) -> None:
    """Run one export in this (child) process and print rows, seconds and peak RSS as JSON."""
    from hearing_helper.reports.export import export_log
    from hearing_helper.store import open_store

    store = open_store(Path(data_dir))
    filters = ReportFilters(date.fromisoformat(first), date.fromisoformat(last))
    started = time.perf_counter()
    write_pdf = None
    if fmt == "pdf":
        from hearing_helper.ui.pdf.summary import write_summary_pdf as write_pdf
    result = export_log(store, filters, fmt, Path(out), actor="benchmark", write_pdf=write_pdf)
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"rows": result.row_count, "seconds": seconds, "peak_mib": peak_kib / 1024}))


def run_child(fmt: str, filters: ReportFilters, out: Path, data_dir: Path) -> dict[str, float]:
    args = [fmt, filters.start_key, filters.date_to.isoformat(), str(out), str(data_dir)]
    done = subprocess.run(
        [sys.executable, __file__, "--child-export", *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def ensure_data(data_dir: Path, count: int) -> None:
    db = data_dir / "hearing_helper.sqlite3"
    if db.exists():
        print(f"reusing {db} ({db.stat().st_size / 1e9:.2f} GB)")
        return
    print(f"generating {count:,} demo records into {data_dir} ...", flush=True)
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "hearing_helper",
            "--data-dir",
            str(data_dir),
            "demo-data",
            "--count",
            str(count),
            "--seed",
            "1",
        ],
        check=True,
        cwd=ROOT,
    )
    print(f"  generated in {time.perf_counter() - started:.1f} s")


def child_report(data_dir: str) -> None:
    """Time the one-year report with the code of the checkout this process imports (its own or
    ``--compare-with``'s) and print the figures as JSON."""
    import sqlite3

    import hearing_helper.store as store_package
    from hearing_helper.reports.aggregate import report_for

    started = time.perf_counter()
    if hasattr(store_package, "open_store"):  # the storage boundary: reports read a ReportSource
        store = store_package.open_store(Path(data_dir))
        source, close = store.reports, store.close
    else:  # before it: reports read the repository's raw connections
        repo = store_package.open_repository(Path(data_dir))
        source, close = repo, repo.close
    opened = time.perf_counter() - started
    with sqlite3.connect(Path(data_dir) / "hearing_helper.sqlite3") as conn:
        conn.execute("DELETE FROM report_day_cache")  # start cold, as right after a bulk import
    started = time.perf_counter()
    report = report_for(source, YEAR)
    cold = time.perf_counter() - started
    warm = []
    for _ in range(7):
        started = time.perf_counter()
        report_for(source, YEAR)
        warm.append(time.perf_counter() - started)
    filtered = ReportFilters(YEAR.date_from, YEAR.date_to, clerk="S1003")
    started = time.perf_counter()
    small = report_for(source, filtered)
    filtered_s = time.perf_counter() - started
    close()
    figures = {
        "code": str(Path(store_package.__file__).parent.parent.parent),
        "open": opened,
        "assisted": report.assisted,
        "cold": cold,
        "warm_median": statistics.median(warm),
        "warm_best": min(warm),
        "filtered_assisted": small.assisted,
        "filtered": filtered_s,
        "json": json.dumps(report.to_json(), sort_keys=True),
    }
    print(json.dumps(figures))


def run_report(data_dir: Path, checkout: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, __file__, "--child-report", str(data_dir), "--code", str(checkout)],
        check=True,
        capture_output=True,
        text=True,
        cwd=checkout,
        # Leave the other checkout untouched: no bytecode files written into it.
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_report(data_dir: Path, compare_with: Path | None) -> None:
    checkouts = ([compare_with] if compare_with else []) + [ROOT]
    results = [run_report(data_dir, checkout) for checkout in checkouts]
    for figures in results:
        print(f"one-year report with {figures['code']}, {figures['assisted']:,} records:")
        print(f"  open (and migrate) database: {figures['open']:.2f} s")
        print(f"  cold, as after a bulk import (fills the per-day cache): {figures['cold']:.3f} s")
        print(
            f"  warm: median {figures['warm_median']:.3f} s, best {figures['warm_best']:.3f} s "
            "(target < 0.5 s)"
        )
        print(
            f"  filtered by one clerk ({figures['filtered_assisted']:,} records, live joins): "
            f"{figures['filtered']:.3f} s"
        )
    if len(results) == 2:
        same = results[0]["json"] == results[1]["json"]
        print(f"  both checkouts give identical report JSON: {same}")


def bench_sqlite_cli(data_dir: Path, out: Path) -> tuple[int, float] | None:
    from hearing_helper.store.sqlite.report_sql import export_select

    if shutil.which("sqlite3") is None:
        print("sqlite3 command-line tool missing (apt-get install sqlite3); skipped")
        return None
    sql, params = export_select(YEAR)
    for value in params:  # dates only: safe to inline for the CLI
        sql = sql.replace("?", f"'{value}'", 1)
    uri = f"file:{data_dir / 'hearing_helper.sqlite3'}?mode=ro"
    started = time.perf_counter()
    with out.open("wb") as handle:
        subprocess.run(["sqlite3", "-csv", "-header", uri, sql], check=True, stdout=handle)
    seconds = time.perf_counter() - started
    rows = sum(1 for _ in out.open("rb")) - 1
    return rows, seconds


def bench_python_fetch(data_dir: Path) -> float:
    """Rows/s of merely fetching the export SELECT through Python's sqlite3 (no writing)."""
    import sqlite3

    from hearing_helper.store.sqlite.report_sql import export_select

    sql, params = export_select(YEAR)
    uri = f"file:{data_dir / 'hearing_helper.sqlite3'}?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    started = time.perf_counter()
    cursor = conn.execute(sql, params)
    rows = 0
    while batch := cursor.fetchmany(5000):
        rows += len(batch)
    conn.close()
    return rows / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--skip-xlsx", action="store_true")
    parser.add_argument("--report-only", action="store_true", help="skip the exports")
    parser.add_argument(
        "--compare-with", type=Path, default=None, help="another checkout to time the report of"
    )
    parser.add_argument("--child-export", nargs=5, help=argparse.SUPPRESS)
    parser.add_argument("--child-report", help=argparse.SUPPRESS)
    parser.add_argument("--code", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_export:
        child_export(*args.child_export)
        return 0
    if args.child_report:
        child_report(args.child_report)
        return 0
    data_dir = args.data_dir or Path(tempfile.gettempdir()) / f"hh-bench-reports-{args.count}"
    ensure_data(data_dir, args.count)
    bench_report(data_dir, args.compare_with)
    if args.report_only:
        return 0

    with tempfile.TemporaryDirectory(prefix="hh-bench-out-") as tmp:
        out_dir = Path(tmp)
        cli = bench_sqlite_cli(data_dir, out_dir / "sqlite3.csv")
        floor = bench_python_fetch(data_dir)
        print("CSV export, one year:")
        ours = run_child("csv", YEAR, out_dir / "year.csv", data_dir)
        rate = ours["rows"] / ours["seconds"]
        print(
            f"  hearing-helper: {ours['rows']:,} rows in {ours['seconds']:.2f} s = "
            f"{rate:,.0f} rows/s (masking + formula-injection checks + labels + BOM)"
        )
        if cli:
            cli_rate = cli[0] / cli[1]
            print(f"  sqlite3 -csv:   {cli[0]:,} rows in {cli[1]:.2f} s = {cli_rate:,.0f} rows/s")
            print(f"  ratio: {rate / cli_rate:.2f} of the sqlite3 CLI (target >= 0.5)")
        print(
            f"  for scale: Python's sqlite3 module only fetching the same SELECT: "
            f"{floor:,.0f} rows/s"
        )
        print("peak memory (RSS of the export process) as the period grows:")
        formats = ["csv"] if args.skip_xlsx else ["csv", "xlsx"]
        for fmt in formats:
            for name, filters in PERIODS.items():
                result = run_child(fmt, filters, out_dir / f"m.{fmt}", data_dir)
                print(
                    f"  {fmt:4} {name:9}: {result['rows']:>9,} rows, {result['seconds']:6.2f} s, "
                    f"{result['rows'] / result['seconds']:>9,.0f} rows/s, "
                    f"peak {result['peak_mib']:.0f} MiB"
                )
                (out_dir / f"m.{fmt}").unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
