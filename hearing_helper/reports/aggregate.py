"""KPIs of a period: one report-source query per fact family, run concurrently.

Who is counted where: the join rate, the outcome breakdown, the not-joined reasons and the
assisted-per-period bars are over *hearing-day* assistance only; a preparation visit (the hearing
is later) did not try to join, so it is counted in its own figures (``preparation_visits`` and
the visit figures, reports/visits.py), never as an assistance that did not join. Desk-wide
figures -- the busy-hours grid, assistance time, problems and failed checks, the step funnel and
the satisfaction rating -- cover every visit. A finished record has a hearing-day outcome exactly
when it is a hearing-day assistance (the finish rules, domain/record.py), so the hourly counts,
read from the report index alone, tell the two kinds apart by their outcome.

The storage adapter does the scanning and grouping where the data lives (SQLite releases the GIL
while it works, so the queries overlap on a multi-core PC); Python only folds the small grouped
results into days, weeks, months and the hour x weekday grid. Percentiles use the nearest-rank
method: the p-th percentile is the smallest duration whose cumulative count reaches ceil(p * n).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from hearing_helper.background_core import run_parallel
from hearing_helper.domain.damage import DamageSummary, summary_of
from hearing_helper.domain.enums import STEP_ORDER, Outcome
from hearing_helper.domain.record import now_local
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.reports.visits import visit_figures
from hearing_helper.store.report_source import (
    FAILING_CHECK_STATUSES,
    ChildFacts,
    DayVisitSource,
    HourlyCount,
    ReportSource,
    VisitCounts,
    day_signatures,
)

JOINED = (str(Outcome.JOINED), str(Outcome.JOINED_AFTER_HELP))
__all__ = ["FAILING_CHECK_STATUSES", "Report", "build_report", "day_signatures", "report_for"]


@dataclass(frozen=True)
class PeriodCount:
    period: str  # '2026-03-04', '2026-W10' or '2026-03'
    assisted: int  # hearing-day assistance
    joined: int
    preparation: int = 0  # preparation visits


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
    assisted: int = 0  # hearing-day assistance (what the join rate is over)
    joined: int = 0
    preparation_visits: int = 0  # visits before the hearing: no join, no hearing-day outcome
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
    visits: dict[str, Any] = field(default_factory=dict)  # reports/visits.py
    damaged: DamageSummary = field(default_factory=DamageSummary)  # reports/damage.py

    @property
    def joined_rate(self) -> float | None:
        return self.joined / self.assisted if self.assisted else None

    @property
    def visit_count(self) -> int:
        """Every finished visit of the period: hearing-day assistance and preparation visits."""
        return self.assisted + self.preparation_visits

    @property
    def satisfaction_average(self) -> float | None:
        return self.satisfaction_sum / self.rated if self.rated else None

    @property
    def satisfaction_response_rate(self) -> float | None:
        # Either kind of visit may be rated, so the rate is over every visit.
        return self.rated / self.visit_count if self.visit_count else None

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
            "preparation_visits": self.preparation_visits,
            "visit_count": self.visit_count,
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
            "visits": self.visits,
            "damaged": self.damaged.as_json(),
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


# --- folding ---------------------------------------------------------------------------------


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _weekday_hour(hour_key: str) -> tuple[int, int] | None:
    """(weekday, hour) of a ``YYYY-MM-DDTHH`` key; None for a damaged one."""
    try:
        weekday = date.fromisoformat(hour_key[:10]).weekday()
        hour = int(hour_key[11:13])
    except ValueError:
        return None
    return (weekday, hour) if 0 <= hour < 24 else None


def _fold_hourly(report: Report, rows: list[HourlyCount]) -> Counter[str]:
    filters = report.filters
    by_day: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # assisted, joined, prepared
    reasons: Counter[str] = Counter()
    for row in rows:
        n = row.count
        outcome = row.outcome
        hour_key = row.hour_key
        day_key = hour_key[:10]
        cell = by_day[day_key]
        if outcome:  # a hearing-day assistance
            joined = n if outcome in JOINED else 0
            report.assisted += n
            report.joined += joined
            report.outcomes[outcome] = report.outcomes.get(outcome, 0) + n
            if outcome == Outcome.NOT_JOINED and row.reason:
                reasons[row.reason] += n
            cell[0] += n
            cell[1] += joined
        else:  # a preparation visit
            report.preparation_visits += n
            cell[2] += n
        report.rated += row.rated
        report.satisfaction_sum += row.satisfaction_sum
        slot = _weekday_hour(hour_key)
        if slot is not None:  # a damaged start has none; reports/damage.py names it
            report.load[slot[0]][slot[1]] += n
    # Every day of the period, zeros included, so charts keep a true time axis.
    weeks: dict[str, list[int]] = {}
    months: dict[str, list[int]] = {}
    day = filters.date_from
    while day <= filters.date_to:
        key = day.isoformat()
        counts = by_day.get(key, (0, 0, 0))
        report.by_day.append(PeriodCount(key, *counts))
        for bucket, bucket_key in ((weeks, _iso_week(day)), (months, key[:7])):
            totals = bucket.setdefault(bucket_key, [0, 0, 0])
            for index, count in enumerate(counts):
                totals[index] += count
        day += timedelta(days=1)
    report.by_week = [PeriodCount(k, *counts) for k, counts in weeks.items()]
    report.by_month = [PeriodCount(k, *counts) for k, counts in months.items()]
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
    source: ReportSource,
    filters: ReportFilters,
    *,
    parallel: bool = True,
    now: datetime | None = None,
) -> Report:
    """All KPIs for ``filters`` from ``source``.

    Without dimension filters the problem, check and step facts come per day
    (:meth:`ReportSource.day_facts`, which an adapter may cache); with filters they are counted
    live, which costs time in proportion to the matching records.
    """
    use_day_facts = not filters.has_dimensions
    # A source keeping the visit figures per day reads them with the day facts.
    day_visits = source if use_day_facts and isinstance(source, DayVisitSource) else None
    moment = now or now_local()
    # The main pass is the longest: over a long period it runs as two halves in parallel.
    halves = _split(filters) if parallel else [filters]
    passes: dict[str, Callable[[], Any]] = {
        f"hourly{i}": partial(source.hourly_counts, part) for i, part in enumerate(halves)
    }
    passes["durations"] = partial(source.duration_histogram, filters)
    if day_visits is None:
        passes["visits"] = partial(source.visit_counts, filters, moment)
    if not use_day_facts:
        passes["facts"] = partial(source.child_facts, filters)

    if parallel:
        results = run_parallel(passes, max_workers=3, name="report")
    else:
        results = {name: run() for name, run in passes.items()}
    hourly: list[HourlyCount] = [row for i in range(len(halves)) for row in results[f"hourly{i}"]]
    facts: ChildFacts
    if day_visits is not None:
        facts = day_visits.day_facts_with_visits(filters, day_signatures(hourly), moment)
    elif use_day_facts:
        facts = source.day_facts(day_signatures(hourly))
    else:
        facts = results["facts"]
    visits: VisitCounts = facts.visits if facts.visits is not None else results["visits"]
    report = Report(filters=filters)
    reasons = _fold_hourly(report, hourly)
    report.median_duration_s = percentile(results["durations"], 0.5)
    report.p90_duration_s = percentile(results["durations"], 0.9)
    report.failure_reasons = _pareto(reasons, facts.problems, facts.checks)
    report.funnel = _funnel(facts.steps)
    report.visits = visit_figures(visits, report.outcomes, report.visit_count)
    report.damaged = summary_of(facts.damaged)
    return report


def report_for(source: ReportSource, filters: ReportFilters) -> Report:
    """A report from a store's report source."""
    return build_report(source, filters)
