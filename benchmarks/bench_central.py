#!/usr/bin/env python3
"""The court's central database (issue 12), on a private PostgreSQL this script starts.

Prints:
1. a desk's backlog of N finished records (default 20,000) pushed from its outbox: records/s;
2. a court-scope one-year report over M records from 20 desks (default 2,000,000): the first
   after the bulk load (which ends with the per-day cache's one set-based pass, as every
   delivery does) and warm (targets <= 5 s and <= 0.3 s);
3. court-scope CSV export throughput beside ``psql -c "\\copy (...) to stdout csv"`` of the same
   rows, in the same run (target: at least half of psql's rate);
4. the largest GUI event-loop stall while the proxy delays every packet by 300 ms and the
   window's sync runs (tests/tcp_proxy.py; target <= 50 ms);
5. a desk's court-wide earlier-visits look-up (issue 21: the narrow server function, one case
   number or one phone, as a desk login) over the M records: median and slowest of 100, each
   with its own connection as intake makes it (target <= 300 ms);
6. from Finish on desk A to the visit found by desk B's look-up, both online, A's sender on the
   window's push interval (target <= 30 s, set by that interval);
7. restore (issue 21): a desk holding all R records of a court (default 200,000) pulled into an
   empty folder by ``restore``'s code (pages of 2,000 rows, each with its cursor), verified and
   made the desk's database: the first pull's time and records/s.

The court data beyond the first desk's backlog is replicated on the server with SQL (new ids,
20 desk ids, the same days), so building 2,000,000 records takes minutes, not hours.

  .venv/bin/python benchmarks/bench_central.py [--backlog N] [--court-records M] [--skip-gui]
      [--skip-reports]   (only 1, the court data, 5 and 6)
      [--restore-records R] [--only-restore]   (only 7)
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

from hearing_helper.domain.record import now_local  # noqa: E402
from hearing_helper.domain.report_filters import ReportFilters  # noqa: E402
from hearing_helper.reports.aggregate import report_for  # noqa: E402
from hearing_helper.reports.export import export_log  # noqa: E402
from hearing_helper.store.backend import Store  # noqa: E402
from hearing_helper.store.postgres.connection import ServerAddress  # noqa: E402
from hearing_helper.store.postgres.court import CourtReportSource  # noqa: E402
from hearing_helper.store.postgres.court_desk import CourtDesk  # noqa: E402
from hearing_helper.store.postgres.report_sql import export_sql  # noqa: E402
from hearing_helper.store.postgres.roles import init_server_at  # noqa: E402
from tests.court_fixtures import CLERK_A as CLERK  # noqa: E402
from tests.court_fixtures import prepared_record  # noqa: E402
from tests.pg_cluster import PgCluster, running_cluster  # noqa: E402
from tests.sync_fixtures import open_desk  # noqa: E402

POLL_S = 15.0  # the window's push interval (hearing_helper/ui/sync/controller.py POLL_S)

YEAR = ReportFilters(date(2025, 11, 28), date(2026, 11, 27))  # demo-data's default year
DESKS = 20

# Copies of every delivered record (and its children) under new ids and desk ids.
REPLICATE = """
INSERT INTO desks (desk_id, name)
    SELECT 'bench-desk-' || d, 'Desk ' || d FROM generate_series(1, {desks}) d
    ON CONFLICT DO NOTHING;
CREATE TEMP TABLE copies AS
    SELECT a.id AS src, a.id || '-c' || g AS id, 'bench-desk-' || (1 + g % {desks}) AS desk_id
    FROM assists a, generate_series(1, {copies}) g;
INSERT INTO assists SELECT c.id, c.desk_id, a.version, a.status, a.staff_id, a.clerk_name, a.desk,
    a.court, a.case_number, a.litigant_name, a.phone, a.role, a.platform_id, a.device,
    a.hearing_at, a.started_at, a.ended_at, a.duration_s, a.outcome, a.outcome_reason,
    a.satisfaction, a.current_step, a.updated_at, a.payload
    FROM copies c JOIN assists a ON a.id = c.src;
INSERT INTO assist_steps SELECT c.id, c.desk_id, s.step, s.status
    FROM copies c JOIN assist_steps s ON s.assist_id = c.src;
INSERT INTO assist_problems SELECT c.id, c.desk_id, p.seq, p.step, p.code, p.note
    FROM copies c JOIN assist_problems p ON p.assist_id = c.src;
INSERT INTO check_results SELECT c.id, c.desk_id, k.check_id, k.status, k.code, k.remedy_code,
    k.metrics, k.started_at, k.ended_at FROM copies c JOIN check_results k ON k.assist_id = c.src;
"""


def push_backlog(url: str, count: int, work: Path) -> float:
    """Push a desk's backlog of ``count`` records; prints and returns records/s."""
    desk = open_desk(work / "desk")
    started = time.perf_counter()
    desk.demo(count, seed=3)
    made = time.perf_counter() - started
    waiting = desk.outbox.waiting()
    sender = desk.sender(url, batch_items=2000)
    started = time.perf_counter()
    result = sender.push()
    elapsed = time.perf_counter() - started
    assert result.ok, result.status.last_error
    print(
        f"1. backlog push: {count:,} records ({waiting:,} outbox items, made locally in "
        f"{made:.1f} s) pushed in {elapsed:.1f} s = {count / elapsed:,.0f} records/s "
        f"({result.batches} batches)",
        flush=True,
    )
    desk.close()
    return count / elapsed


def build_court(url: str, total: int, have: int) -> float:
    copies = max(0, total // have - 1)
    started = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in REPLICATE.format(desks=DESKS, copies=copies).split(";"):
            if statement.strip():
                conn.execute(statement)  # type: ignore[call-overload]
        conn.execute("VACUUM ANALYZE")
        built = time.perf_counter() - started
        # A bulk load made with SQL ends as every delivery does: the days it changed stored in
        # the per-day report cache, in one set-based pass (PostgreSQL migration 010).
        started = time.perf_counter()
        days = conn.execute("SELECT hh_refresh_stale_report_days()").fetchone()
        one_pass = time.perf_counter() - started
        rows = conn.execute("SELECT count(*) FROM assists").fetchone()
    assert rows is not None and days is not None
    print(
        f"   court data: {rows[0]:,} records from {DESKS + 1} desks built in {built:.0f} s, "
        f"then {days[0]:,} days stored in the report cache in one pass of {one_pass:.1f} s",
        flush=True,
    )
    return one_pass


def court_report(url: str) -> None:
    source = CourtReportSource(ServerAddress.from_url(url))
    try:
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            report = report_for(source, YEAR)
            timings.append(time.perf_counter() - started)
    finally:
        source.close()
    print(
        f"2. court report, one year, {report.visit_count:,} records: first after the bulk load "
        f"{timings[0]:.2f} s, warm {min(timings[1:]):.2f} s (targets <= 5 s, <= 0.3 s)"
    )


def time_court_export(
    cluster: PgCluster, url: str, work: Path, filters: ReportFilters = YEAR
) -> tuple[int, float, float, int]:
    """One court-scope CSV export with the app, then ``psql \\copy`` of the same SELECT:
    (rows, app seconds, psql seconds, psql output bytes)."""
    source = CourtReportSource(ServerAddress.from_url(url))
    desk = open_desk(work / "supervisor")
    out = work / "court.csv"
    try:
        started = time.perf_counter()
        done = export_log(Store(desk.repo, source), filters, "csv", out, actor="bench")
        ours = time.perf_counter() - started
    finally:
        source.close()
        desk.close()
        out.unlink(missing_ok=True)
    sql, params = export_sql(filters)
    with psycopg.connect(url) as conn:
        literal = psycopg.ClientCursor(conn).mogrify(sql, params)
    started = time.perf_counter()
    psql = subprocess.run(
        [
            str(cluster.bindir / "psql"),
            "-X",
            "-q",
            "-d",
            url,
            "-c",
            f"\\copy ({literal}) to stdout csv",
        ],
        stdout=subprocess.PIPE,
        check=True,
    )
    theirs = time.perf_counter() - started
    return done.row_count, ours, theirs, len(psql.stdout)


def court_export(cluster: PgCluster, dbname: str, url: str, work: Path) -> None:
    rows, ours, theirs, size = time_court_export(cluster, url, work)
    print(
        f"3. court CSV export, {rows:,} rows: ours {rows / ours:,.0f} rows/s "
        f"({ours:.1f} s, masked, neutralised, audited) vs psql \\copy "
        f"{rows / theirs:,.0f} rows/s ({theirs:.1f} s, {size >> 20} MiB): "
        f"{theirs / ours:.0%} of psql's rate (target >= 50%)"
    )


def gui_stall(url_port: int, dbname: str) -> None:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "gui_sync_stall.py"), str(url_port), dbname],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    print(result.stdout.strip() or result.stderr[-2000:])


def restore_rate(url: str, count: int, work: Path) -> None:
    """A desk of ``count`` records delivered, then restored into an empty folder."""
    from hearing_helper.store.sync.restore import DeskRestore

    desk = open_desk(work / "restore-desk")
    started = time.perf_counter()
    desk.demo(count, seed=5)
    assert desk.sender(url, batch_items=5000).push().ok
    desk_id = desk.desk_id
    desk.close()
    built = time.perf_counter() - started
    page_ends: list[float] = []  # when each page was applied: the slowest page's time
    restore = DeskRestore(
        work / "replacement",
        ServerAddress.from_url(url),
        desk_id,
        on_progress=lambda _progress: page_ends.append(time.perf_counter()),
    )
    started = time.perf_counter()
    try:
        restore.open()
        for stream in ("audit", "versions", "exports"):
            restore.pull(stream)
        pulled = time.perf_counter() - started
        result = restore.finish(None)
        page_ends.insert(0, started)
        slowest = max(b - a for a, b in zip(page_ends, page_ends[1:], strict=False))
    finally:
        restore.close()
    elapsed = time.perf_counter() - started
    print(
        f"7. restore: a desk of {result.records:,} records ({result.versions:,} versions, "
        f"{result.audit_entries:,} audit entries; made and delivered in {built:.0f} s) pulled in "
        f"{pulled:.1f} s over {len(page_ends) - 1} pages (slowest page {slowest:.1f} s, fetched "
        f"and applied), verified and in place after {elapsed:.1f} s = "
        f"{result.records / elapsed:,.0f} records/s",
        flush=True,
    )


def _desk_login(cluster: PgCluster, name: str) -> None:
    cluster.psql(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') THEN "
        f"CREATE ROLE {name} LOGIN IN ROLE hh_desk; END IF; END $$"
    )


def court_lookup(cluster: PgCluster, dbname: str, url: str) -> None:
    _desk_login(cluster, "bench_desk_lookup")
    court = CourtDesk(ServerAddress.from_url(cluster.url(dbname, "bench_desk_lookup")), "bench-l")
    with psycopg.connect(url) as conn:
        total = conn.execute("SELECT count(*) FROM assists").fetchone()[0]  # type: ignore[index]
        phones = [r[0] for r in conn.execute(
            "SELECT DISTINCT phone FROM assists TABLESAMPLE SYSTEM (1) WHERE phone <> '' LIMIT 50"
        )]  # fmt: skip
        cases = [r[0] for r in conn.execute(
            "SELECT DISTINCT case_number FROM assists TABLESAMPLE SYSTEM (1) "
            "WHERE case_number <> '' LIMIT 50"
        )]  # fmt: skip
    timings, found = [], 0
    for case, phone in [(c, "") for c in cases] + [("", p) for p in phones]:
        started = time.perf_counter()
        found += len(court.earlier_visits(case, phone))
        timings.append(time.perf_counter() - started)
    timings.sort()
    print(
        f"5. court look-up of earlier visits over {total:,} records ({len(timings)} look-ups by "
        f"case number or phone, {found / len(timings):.1f} visits each, connect included): "
        f"median {statistics.median(timings) * 1000:.0f} ms, slowest "
        f"{timings[-1] * 1000:.0f} ms (target <= 300 ms)",
        flush=True,
    )


def finish_to_visible(cluster: PgCluster, dbname: str, work: Path, rounds: int = 3) -> None:
    """A's sender pushes every POLL_S seconds (the window's timer); B looks up every 0.5 s."""
    for name in ("bench_desk_a", "bench_desk_b"):
        _desk_login(cluster, name)
    a = open_desk(work / "visible-a")
    b_court = CourtDesk(ServerAddress.from_url(cluster.url(dbname, "bench_desk_b")), "bench-b")
    sender = a.sender(cluster.url(dbname, "bench_desk_a"))
    stop = threading.Event()

    def push_on_the_timer() -> None:
        while not stop.wait(POLL_S):
            sender.push()

    sender.push(force=True)
    pusher = threading.Thread(target=push_on_the_timer, daemon=True)
    pusher.start()
    waits = []
    try:
        for number in range(rounds):
            time.sleep(random.uniform(0, POLL_S))  # Finish falls anywhere in the interval
            case = f"（2026）冀1126民初{90000 + number}号"
            record = prepared_record(CLERK, hearing_at=now_local() + timedelta(days=3),
                                     case_number=case)  # fmt: skip
            a.repo.finish(record, CLERK.staff_id)
            started = time.perf_counter()
            while not b_court.earlier_visits(case, ""):
                time.sleep(0.5)
            waits.append(time.perf_counter() - started)
    finally:
        stop.set()
        pusher.join()
        a.close()
    print(
        f"6. Finish on desk A to found at desk B, both online, push every {POLL_S:.0f} s: "
        + ", ".join(f"{w:.1f} s" for w in waits)
        + f" (slowest {max(waits):.1f} s; target <= 30 s)",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backlog", type=int, default=20_000)
    parser.add_argument("--court-records", type=int, default=2_000_000)
    parser.add_argument("--skip-gui", action="store_true")
    parser.add_argument("--skip-reports", action="store_true", help="only 1, 5 and 6")
    parser.add_argument("--restore-records", type=int, default=200_000)
    parser.add_argument("--only-restore", action="store_true")
    args = parser.parse_args()
    with running_cluster() as cluster, tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        restore_url = cluster.url(cluster.new_database())
        init_server_at(ServerAddress.from_url(restore_url))
        restore_rate(restore_url, args.restore_records, work)
        if args.only_restore:
            return 0
        dbname = cluster.new_database()
        url = cluster.url(dbname)
        init_server_at(ServerAddress.from_url(url))
        push_backlog(url, args.backlog, work)
        build_court(url, args.court_records, args.backlog)
        if not args.skip_reports:
            court_report(url)
            court_export(cluster, dbname, url, work)
            if not args.skip_gui:
                gui_stall(cluster.port, cluster.new_database())
        court_lookup(cluster, dbname, url)
        finish_to_visible(cluster, dbname, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
