#!/usr/bin/env python3
"""Issue 23's table in one run: every row as a ratio or figure beside its baseline.

App and baseline are measured alternately and each ratio is taken pair by pair, so load from
other work on the machine falls on both sides of a ratio alike; the load average is printed
with the table. Rows: cold start vs a bare PySide6 window; CSV export vs ``sqlite3 -csv``; the
one-year report with vs without its visit figures, warm and first after an import; the court
(PostgreSQL) report the same way and its CSV export vs ``psql \\copy`` (a year and 2 months);
``demo-data``; pushing a desk's backlog. Not a timed test: it prints figures.

  .venv/bin/python benchmarks/bench_table.py            # sizes that finish in ~15 min here
  .venv/bin/python benchmarks/bench_table.py --full     # the issue's sizes (1M / 2M records)
  .venv/bin/python benchmarks/bench_table.py --quick    # small sizes, a check that it runs

Sizes: --records (SQLite report/export database, reused from a temp folder once generated),
--court-records, --backlog, --demo-count, --start-records; --pairs (pairs per ratio),
--start-pairs, --skip-central (no PostgreSQL rows).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_reports  # noqa: E402
import bench_startup  # noqa: E402

from hearing_helper.domain.report_filters import ReportFilters  # noqa: E402

YEAR = bench_reports.YEAR
TWO_MONTHS = ReportFilters(date(2026, 9, 28), date(2026, 11, 27))
SIZES = {  # records, court records, backlog, demo-data count, start pairs, pairs
    "quick": (20_000, 40_000, 2_000, 5_000, 3, 2),
    "default": (300_000, 600_000, 20_000, 100_000, 7, 3),
    "full": (1_000_000, 2_000_000, 20_000, 100_000, 7, 3),
}


@dataclass
class Row:
    metric: str
    baseline: str
    app: str
    figure: str
    target: str


def median(values: list[float]) -> float:
    return statistics.median(values)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def rate(rows: float, seconds: float) -> str:
    return f"{rows / seconds / 1000:,.1f}k rows/s"


# --- start-up ----------------------------------------------------------------------------------


def startup_row(records: int, pairs: int) -> Row:
    bench_startup.compile_bytecode()
    data_dir = bench_startup.prepare_data_dir(records)
    results = bench_startup.measure_pairs(data_dir, pairs)
    mid = bench_startup.summary(results)
    ratios = sorted(r["ratio"] for r in results)
    return Row(
        f"cold start to window shown (offscreen, {records:,} records, cached bytecode)",
        f"bare PySide6 window {ms(mid['bare'])}",
        f"{ms(mid['app'])} (history's first page {ms(mid['filled'])})",
        f"**{mid['ratio']:.2f}×** (pairs {ratios[0]:.2f}–{ratios[-1]:.2f}; CPU time "
        f"{mid['cpu_ratio']:.2f}×)",
        "≤ 2.0× (stretch 1.5×)",
    )


# --- demo-data ---------------------------------------------------------------------------------


def demo_row(count: int) -> Row:
    """Wall time of ``demo-data --count N`` into an empty folder, with the CPU time of its
    processes (the writer and the child generating the records) and the load average around
    it: with no baseline to alternate with, the CPU time and load say how busy the machine was."""
    import resource

    def cpu() -> float:
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        return used.ru_utime + used.ru_stime

    with tempfile.TemporaryDirectory(prefix="hh-bench-demo-") as tmp:
        load_before, cpu_before = os.getloadavg()[0], cpu()
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "hearing_helper", "--data-dir", tmp, "demo-data"]
            + ["--count", str(count)],
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        seconds = time.perf_counter() - started
        used, load_after = cpu() - cpu_before, os.getloadavg()[0]
    return Row(
        f"`demo-data --count {count}`",
        "—",
        f"{seconds:.1f} s (CPU {used:.1f} s, load {load_before:.1f}–{load_after:.1f})",
        f"{seconds:.1f} s",
        "≤ 20 s",
    )


# --- SQLite: export and report -----------------------------------------------------------------


def export_rows(data_dir: Path, records: int, pairs: int) -> Row:
    ours, theirs = [], []
    with tempfile.TemporaryDirectory(prefix="hh-bench-out-") as tmp:
        out = Path(tmp)
        for index in range(pairs):
            steps = ["cli", "app"] if index % 2 == 0 else ["app", "cli"]
            for step in steps:
                if step == "cli":
                    cli = bench_reports.bench_sqlite_cli(data_dir, out / "cli.csv")
                    if cli is None:
                        return Row("CSV export", "sqlite3 missing", "", "", "≥ 0.5×")
                    theirs.append(cli)
                else:
                    done = bench_reports.run_child("csv", YEAR, out / "app.csv", data_dir)
                    ours.append((int(done["rows"]), float(done["seconds"])))
                (out / f"{step}.csv").unlink(missing_ok=True)
    ratios = [(o[0] / o[1]) / (t[0] / t[1]) for o, t in zip(ours, theirs, strict=True)]
    rows = ours[0][0]
    return Row(
        f"CSV export of {rows:,} rows (one year)",
        f"`sqlite3 -csv` {rate(rows, median([t[1] for t in theirs]))}",
        rate(rows, median([o[1] for o in ours])),
        f"**{median(ratios):.2f}×**",
        "≥ 0.5×",
    )


class WithoutVisits:
    """A report source whose visit figures cost nothing: the baseline of the report rows."""

    def __init__(self, source: Any) -> None:
        self._source = source

    def __getattr__(self, name: str) -> Any:
        return getattr(self._source, name)

    def visit_counts(self, filters: Any, now: Any) -> Any:
        from hearing_helper.store.report_source import VisitCounts

        return VisitCounts()

    def day_facts_with_visits(self, filters: Any, signatures: Any, now: Any) -> Any:
        """The day facts alone (a source that keeps visit figures per day reads them here)."""
        from dataclasses import replace

        from hearing_helper.store.report_source import VisitCounts

        return replace(self._source.day_facts(signatures), visits=VisitCounts())


def time_reports(source: Any, pairs: int) -> dict[str, list[float]]:
    """Warm reports of the year, with and without visit figures, alternating."""
    from hearing_helper.reports.aggregate import report_for

    times: dict[str, list[float]] = {"with": [], "without": []}
    baseline = WithoutVisits(source)
    for index in range(pairs * 2):
        for kind in ("with", "without") if index % 2 == 0 else ("without", "with"):
            started = time.perf_counter()
            report_for(source if kind == "with" else baseline, YEAR)
            times[kind].append(time.perf_counter() - started)
    return times


def child_reports(data_dir: str, pairs: int) -> None:
    """In a fresh process: import 1,000 new records (as any import would), time the first
    report after it, then warm reports with and without visit figures; prints JSON."""
    from hearing_helper.demo import generate_records
    from hearing_helper.reports.aggregate import report_for
    from hearing_helper.services import AppServices

    services = AppServices.open(Path(data_dir))
    try:
        report_for(services.reports, YEAR)  # whatever was pending before this run
        seed = int(time.time())  # new records every run
        started = time.perf_counter()
        services.repo.import_finished(generate_records(1000, seed, visits=True), "benchmark")
        imported = time.perf_counter() - started  # the cache kept by the import is in it
        started = time.perf_counter()
        report = report_for(services.reports, YEAR)
        first = time.perf_counter() - started
        times = time_reports(services.reports, pairs)
    finally:
        services.close()
    print(json.dumps({"assisted": report.assisted, "first": first, "import": imported, **times}))


def report_rows(data_dir: Path, pairs: int) -> list[Row]:
    done = subprocess.run(
        [sys.executable, __file__, "--child-reports", str(data_dir), "--pairs", str(pairs)],
        check=True,
        capture_output=True,
        text=True,
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    warm, without = median(figures["with"]), median(figures["without"])
    ratios = [a / b for a, b in zip(figures["with"], figures["without"], strict=True)]
    assisted = figures["assisted"]
    return [
        Row(
            f"one-year report, {assisted:,} records, warm",
            f"same report without visit figures {without:.2f} s",
            f"{warm:.2f} s",
            f"{median(ratios):.2f}× the time without visit figures",
            "≤ 0.6 s",
        ),
        Row(
            f"one-year report, {assisted:,} records, first after an import (1,000 records)",
            f"warm {warm:.2f} s",
            f"{figures['first']:.2f} s",
            f"{figures['first'] / warm:.1f}× the warm figure (the import itself "
            f"{figures.get('import', float('nan')):.2f} s)",
            "≤ 2× the warm figure",
        ),
    ]


# --- the court's central database --------------------------------------------------------------


def central_rows(court_records: int, backlog: int, pairs: int) -> list[Row]:
    import bench_central

    from hearing_helper.reports.aggregate import report_for
    from hearing_helper.store.postgres.connection import ServerAddress
    from hearing_helper.store.postgres.court import CourtReportSource
    from hearing_helper.store.postgres.roles import init_server_at
    from tests.pg_cluster import running_cluster

    rows: list[Row] = []
    with running_cluster() as cluster, tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        url = cluster.url(cluster.new_database())
        init_server_at(ServerAddress.from_url(url))
        push_rate = bench_central.push_backlog(url, backlog, work)
        bench_central.build_court(url, court_records, backlog)
        source = CourtReportSource(ServerAddress.from_url(url))
        try:
            started = time.perf_counter()
            report = report_for(source, YEAR)
            first = time.perf_counter() - started
            times = time_reports(source, pairs)
        finally:
            source.close()
        warm, without = median(times["with"]), median(times["without"])
        rows.append(
            Row(
                f"court report, {report.assisted:,} records from 21 desks, warm / first after "
                "the bulk load",
                f"without visit figures {without:.3f} s",
                f"{warm:.3f} s / {first:.1f} s",
                f"{warm / without:.1f}× slower with visits",
                "≤ 0.3 s / ≤ 5 s",
            )
        )
        for name, filters in (("one year", YEAR), ("2 months", TWO_MONTHS)):
            ratios, ours, theirs, count = [], [], [], 0
            for _ in range(pairs):
                count, app_s, psql_s, _size = bench_central.time_court_export(
                    cluster, url, work, filters
                )
                ours.append(app_s)
                theirs.append(psql_s)
                ratios.append(psql_s / app_s)
            rows.append(
                Row(
                    f"court CSV export, {name}, {count:,} rows",
                    f"`psql \\copy` {rate(count, median(theirs))}",
                    rate(count, median(ours)),
                    f"**{median(ratios):.2f}×**",
                    "≥ 0.5×",
                )
            )
    rows.append(
        Row(
            f"push of a {backlog:,}-record backlog",
            "—",
            f"{push_rate:,.0f} records/s",
            f"{push_rate:,.0f} records/s",
            "keep ≥ 1,000/s",
        )
    )
    return rows


# --- the table ---------------------------------------------------------------------------------


def print_table(rows: list[Row], note: str) -> None:
    print()
    print("| metric | baseline | app | ratio or figure | target |")
    print("|---|---|---|---|---|")
    for row in rows:
        print(f"| {row.metric} | {row.baseline} | {row.app} | {row.figure} | {row.target} |")
    print()
    print(note)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="small sizes (a check run)")
    size.add_argument("--full", action="store_true", help="the issue's sizes (1M / 2M)")
    parser.add_argument("--records", type=int)
    parser.add_argument("--court-records", type=int)
    parser.add_argument("--backlog", type=int)
    parser.add_argument("--demo-count", type=int)
    parser.add_argument("--start-records", type=int, default=2000)
    parser.add_argument("--start-pairs", type=int)
    parser.add_argument("--pairs", type=int)
    parser.add_argument("--data-dir", type=Path, help="SQLite report database (reused)")
    parser.add_argument("--skip-central", action="store_true", help="no PostgreSQL rows")
    parser.add_argument("--child-reports", help=argparse.SUPPRESS)
    args = parser.parse_args()
    records, court, backlog, demo, start_pairs, pairs = SIZES[
        "quick" if args.quick else "full" if args.full else "default"
    ]
    records = args.records or records
    court = args.court_records or court
    backlog = args.backlog or backlog
    demo = args.demo_count or demo
    start_pairs = args.start_pairs or start_pairs
    pairs = args.pairs or pairs
    if args.child_reports:
        child_reports(args.child_reports, pairs)
        return 0

    began = time.perf_counter()
    loads = [os.getloadavg()[0]]
    rows = [startup_row(args.start_records, start_pairs)]
    print(f"start-up measured ({time.perf_counter() - began:.0f} s)", flush=True)
    loads.append(os.getloadavg()[0])
    rows.append(demo_row(demo))
    print(f"demo-data measured ({time.perf_counter() - began:.0f} s)", flush=True)
    data_dir = args.data_dir or Path(tempfile.gettempdir()) / f"hh-bench-reports-{records}"
    bench_reports.ensure_data(data_dir, records)
    loads.append(os.getloadavg()[0])
    rows.append(export_rows(data_dir, records, pairs))
    rows += report_rows(data_dir, pairs)
    print(f"SQLite rows measured ({time.perf_counter() - began:.0f} s)", flush=True)
    loads.append(os.getloadavg()[0])
    if not args.skip_central:
        rows += central_rows(court, backlog, pairs)
        loads.append(os.getloadavg()[0])
    print_table(
        rows,
        f"Measured in one run of {time.perf_counter() - began:.0f} s on {os.cpu_count()} cores; "
        f"load average (1 min) during the run {min(loads):.1f}–{max(loads):.1f}; ratios are "
        f"medians of {pairs} pairs (start-up: {start_pairs}), app and baseline alternating.",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
