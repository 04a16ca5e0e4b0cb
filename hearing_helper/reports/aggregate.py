"""KPIs of a period: one SQL pass per fact family, run concurrently on read-only connections.

SQLite does the scanning and grouping (it releases the GIL while it works, so the passes overlap
on a multi-core PC); Python only folds the small grouped results into days, weeks, months and the
hour x weekday grid. Percentiles use the nearest-rank method: the p-th percentile is the smallest
duration whose cumulative count reaches ceil(p * n).
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hearing_helper.domain.enums import STEP_ORDER, Outcome
from hearing_helper.reports.day_cache import cached_facts
from hearing_helper.reports.filters import ReportFilters

JOINED = (str(Outcome.JOINED), str(Outcome.JOINED_AFTER_HELP))
FAILING_CHECK_STATUSES = ("fail", "error")

Connect = Callable[[], sqlite3.Connection]


@dataclass(frozen=True)
class PeriodCount:
    period: str  # '2026-03-04', '2026-W10' or '2026-03'
    assisted: int
    joined: int


@dataclass(frozen=True)
class FailureReason:
    kind: str  # 'not_joined' (outcome reason), 'problem' (problem code), 'check' (check code)
    code: str  # for checks: 'check_id:code'
    count: int
    cumulative_share: float  # Pareto: share of all reasons up to and including this one


@dataclass(frozen=True)
class FunnelStep:
    step: str
    reached: int  # records where the step was started (any status but not_started)
    done: int
    failed: int
    skipped: int


@dataclass
class Report:
    filters: ReportFilters
    assisted: int = 0
    joined: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    median_duration_s: int | None = None
    p90_duration_s: int | None = None
    rated: int = 0
    satisfaction_sum: int = 0
    failure_reasons: list[FailureReason] = field(default_factory=list)
    funnel: list[FunnelStep] = field(default_factory=list)
    by_day: list[PeriodCount] = field(default_factory=list)
    by_week: list[PeriodCount] = field(default_factory=list)
    by_month: list[PeriodCount] = field(default_factory=list)
    load: list[list[int]] = field(default_factory=lambda: [[0] * 24 for _ in range(7)])

    @property
    def joined_rate(self) -> float | None:
        return self.joined / self.assisted if self.assisted else None

    @property
    def satisfaction_average(self) -> float | None:
        return self.satisfaction_sum / self.rated if self.rated else None

    @property
    def satisfaction_response_rate(self) -> float | None:
        return self.rated / self.assisted if self.assisted else None

    def to_json(self) -> dict[str, Any]:
        def rounded(value: float | None, digits: int = 4) -> float | None:
            return None if value is None else round(value, digits)

        return {
            "period": {"from": self.filters.start_key, "to": self.filters.date_to.isoformat()},
            "filters": {
                k: v for k, v in self.filters.to_dict().items() if k not in ("date_from", "date_to")
            },
            "assisted": self.assisted,
            "joined": self.joined,
            "joined_rate": rounded(self.joined_rate),
            "outcomes": self.outcomes,
            "duration_s": {"median": self.median_duration_s, "p90": self.p90_duration_s},
            "satisfaction": {
                "average": rounded(self.satisfaction_average, 2),
                "responses": self.rated,
                "response_rate": rounded(self.satisfaction_response_rate),
            },
            "failure_reasons": [asdict(r) for r in self.failure_reasons],
            "funnel": [asdict(s) for s in self.funnel],
            "by_day": [asdict(p) for p in self.by_day],
            "by_week": [asdict(p) for p in self.by_week],
            "by_month": [asdict(p) for p in self.by_month],
            "load_weekday_hour": self.load,
        }


def percentile(histogram: list[tuple[int, int]], share: float) -> int | None:
    """Nearest-rank percentile of a sorted ``[(value, count)]`` histogram."""
    total = sum(count for _, count in histogram)
    if total == 0:
        return None
    rank = max(1, math.ceil(share * total))
    running = 0
    for value, count in histogram:
        running += count
        if running >= rank:
            return int(value)
    return int(histogram[-1][0])


# --- the SQL passes --------------------------------------------------------------------------


def _hourly(conn: sqlite3.Connection, filters: ReportFilters) -> list[sqlite3.Row]:
    where, params = filters.where("a", hour_key=True)
    sql = (
        "SELECT substr(a.started_at, 1, 13) AS hour_key, a.outcome AS outcome, "
        "a.outcome_reason AS reason, count(*) AS n, count(a.satisfaction) AS rated, "
        "coalesce(sum(a.satisfaction), 0) AS sat_sum, max(a.updated_at) AS last_update, "
        "sum(a.version) AS versions "
        f"FROM assists a{where} GROUP BY hour_key, a.outcome, a.outcome_reason"
    )
    return conn.execute(sql, params).fetchall()


def _durations(conn: sqlite3.Connection, filters: ReportFilters) -> list[tuple[int, int]]:
    # SQLite walks assists_duration in duration order (no sort of a year of rows) and checks
    # the period per entry, which is cheaper than sorting.
    where, params = filters.where("a")
    sql = (
        f"SELECT a.duration_s, count(*) FROM assists a{where} AND a.duration_s IS NOT NULL "
        "GROUP BY a.duration_s ORDER BY a.duration_s"
    )
    return [(int(v), int(n)) for v, n in conn.execute(sql, params)]


def _problem_codes(conn: sqlite3.Connection, filters: ReportFilters) -> list[tuple[str, int]]:
    where, params = filters.where("a", hour_key=True)
    sql = (
        "SELECT p.code, count(*) FROM assist_problems p JOIN assists a ON a.id = p.assist_id"
        f"{where} GROUP BY p.code"
    )
    return [(str(c), int(n)) for c, n in conn.execute(sql, params)]


def _check_codes(conn: sqlite3.Connection, filters: ReportFilters) -> list[tuple[str, int]]:
    where, params = filters.where("a", hour_key=True)
    marks = ",".join("?" for _ in FAILING_CHECK_STATUSES)
    sql = (
        "SELECT c.check_id || ':' || c.code, count(*) FROM check_results c "
        f"JOIN assists a ON a.id = c.assist_id{where} AND c.status IN ({marks}) "
        "GROUP BY c.check_id, c.code"
    )
    return [(str(c), int(n)) for c, n in conn.execute(sql, [*params, *FAILING_CHECK_STATUSES])]


def _steps(conn: sqlite3.Connection, filters: ReportFilters) -> list[tuple[str, str, int]]:
    where, params = filters.where("a", hour_key=True)
    sql = (
        "SELECT s.step, s.status, count(*) FROM assist_steps s "
        f"JOIN assists a ON a.id = s.assist_id{where} GROUP BY s.step, s.status"
    )
    return [(str(s), str(st), int(n)) for s, st, n in conn.execute(sql, params)]


# --- folding ---------------------------------------------------------------------------------


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def day_signatures(rows: list[sqlite3.Row]) -> dict[str, str]:
    """Per day: count, latest update and sum of versions of its finished records."""
    parts: dict[str, list[Any]] = {}
    for row in rows:
        day = row["hour_key"][:10]
        entry = parts.setdefault(day, [0, "", 0])
        entry[0] += int(row["n"])
        entry[1] = max(entry[1], row["last_update"] or "")
        entry[2] += int(row["versions"] or 0)
    return {day: f"{n}|{last}|{versions}" for day, (n, last, versions) in parts.items()}


def _fold_hourly(report: Report, rows: list[sqlite3.Row]) -> Counter[str]:
    filters = report.filters
    by_day: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    reasons: Counter[str] = Counter()
    for row in rows:
        n = int(row["n"])
        outcome = row["outcome"] or ""
        joined = n if outcome in JOINED else 0
        report.assisted += n
        report.joined += joined
        report.outcomes[outcome] = report.outcomes.get(outcome, 0) + n
        report.rated += int(row["rated"])
        report.satisfaction_sum += int(row["sat_sum"])
        if outcome == Outcome.NOT_JOINED and row["reason"]:
            reasons[str(row["reason"])] += n
        hour_key: str = row["hour_key"]
        day_key = hour_key[:10]
        cell = by_day[day_key]
        cell[0] += n
        cell[1] += joined
        weekday = date.fromisoformat(day_key).weekday()
        report.load[weekday][int(hour_key[11:13])] += n
    # Every day of the period, zeros included, so charts keep a true time axis.
    weeks: dict[str, list[int]] = {}
    months: dict[str, list[int]] = {}
    day = filters.date_from
    while day <= filters.date_to:
        key = day.isoformat()
        assisted, joined = by_day.get(key, (0, 0))
        report.by_day.append(PeriodCount(key, assisted, joined))
        for bucket, bucket_key in ((weeks, _iso_week(day)), (months, key[:7])):
            totals = bucket.setdefault(bucket_key, [0, 0])
            totals[0] += assisted
            totals[1] += joined
        day += timedelta(days=1)
    report.by_week = [PeriodCount(k, a, j) for k, (a, j) in weeks.items()]
    report.by_month = [PeriodCount(k, a, j) for k, (a, j) in months.items()]
    report.outcomes = dict(sorted(report.outcomes.items(), key=lambda kv: -kv[1]))
    return reasons


def _pareto(
    reasons: Counter[str], problems: list[tuple[str, int]], checks: list[tuple[str, int]]
) -> list[FailureReason]:
    items = [("not_joined", code, n) for code, n in reasons.items()]
    items += [("problem", code, n) for code, n in problems]
    items += [("check", code, n) for code, n in checks]
    items.sort(key=lambda item: (-item[2], item[0], item[1]))
    total = sum(n for _, _, n in items)
    out: list[FailureReason] = []
    running = 0
    for kind, code, n in items:
        running += n
        out.append(FailureReason(kind, code, n, round(running / total, 4) if total else 0.0))
    return out


def _funnel(rows: list[tuple[str, str, int]]) -> list[FunnelStep]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for step, status, n in rows:
        counts[step][status] += n
    funnel = []
    for step in STEP_ORDER:
        c = counts.get(str(step), Counter())
        reached = sum(n for status, n in c.items() if status != "not_started")
        funnel.append(FunnelStep(str(step), reached, c["done"], c["failed"], c["skipped"]))
    return funnel


def _split(filters: ReportFilters) -> list[ReportFilters]:
    """The period in two halves (by day) when it is long enough to be worth it."""
    days = (filters.date_to - filters.date_from).days
    if days < 60:
        return [filters]
    middle = filters.date_from + timedelta(days=days // 2)
    return [
        replace(filters, date_to=middle),
        replace(filters, date_from=middle + timedelta(days=1)),
    ]


def build_report(
    connect: Connect,
    filters: ReportFilters,
    *,
    parallel: bool = True,
    cache_path: Path | None = None,
) -> Report:
    """All KPIs for ``filters``; ``connect`` opens a read-only connection (one per pass).

    Without dimension filters the problem, check and step facts come from the per-day cache
    (:mod:`hearing_helper.reports.day_cache`, written to ``cache_path`` when given); with
    filters they are joined live, which costs time in proportion to the matching records.
    """
    use_cache = not filters.has_dimensions
    # The main pass is the longest: over a long period it runs as two halves in parallel.
    halves = _split(filters) if parallel else [filters]
    passes: dict[str, tuple[Callable[[sqlite3.Connection, ReportFilters], Any], ReportFilters]]
    passes = {f"hourly{i}": (_hourly, part) for i, part in enumerate(halves)}
    passes["durations"] = (_durations, filters)
    if not use_cache:
        passes |= {
            "steps": (_steps, filters),
            "problems": (_problem_codes, filters),
            "checks": (_check_codes, filters),
        }

    def run(name: str) -> Any:
        function, part = passes[name]
        conn = connect()
        try:
            conn.row_factory = sqlite3.Row
            return function(conn, part)
        finally:
            conn.close()

    if parallel:
        with ThreadPoolExecutor(max_workers=3, thread_name_prefix="report") as pool:
            futures = {name: pool.submit(run, name) for name in passes}
            results = {name: future.result() for name, future in futures.items()}
    else:
        results = {name: run(name) for name in passes}
    results["hourly"] = [row for i in range(len(halves)) for row in results[f"hourly{i}"]]
    if use_cache:
        facts = cached_facts(connect, day_signatures(results["hourly"]), cache_path)
        results["problems"] = list(facts["problem"].items())
        results["checks"] = list(facts["check"].items())
        results["steps"] = [(*key.split(":", 1), n) for key, n in facts["step"].items()]
    report = Report(filters=filters)
    reasons = _fold_hourly(report, results["hourly"])
    report.median_duration_s = percentile(results["durations"], 0.5)
    report.p90_duration_s = percentile(results["durations"], 0.9)
    report.failure_reasons = _pareto(reasons, results["problems"], results["checks"])
    report.funnel = _funnel(results["steps"])
    return report


def report_for(repo: Any, filters: ReportFilters) -> Report:
    """A report from a repository (``connect_readonly``; its file holds the day cache)."""
    return build_report(repo.connect_readonly, filters, cache_path=getattr(repo, "path", None))
