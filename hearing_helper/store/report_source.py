"""The report source every storage backend implements: the queries reports, drill-down, filter
options and exports need, answered with small grouped results or streamed tuples.

The adapter does the scanning and grouping where the data lives (fast aggregation in SQL);
:mod:`hearing_helper.reports` folds what it returns into days, weeks, months, percentiles and
the Pareto list. Every method considers finished records only, started within the filters'
period (local start dates, both inclusive) and matching their exact-match dimensions. Methods may
be called from several worker threads at once.
"""

from __future__ import annotations

import zlib
from collections.abc import Generator, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, runtime_checkable

if TYPE_CHECKING:  # types only: opening a store for the window imports no report code
    from hearing_helper.domain.report_filters import Drill, ReportFilters
    from hearing_helper.store.csv_sql import CsvPlan, FallbackLine

FAILING_CHECK_STATUSES = ("fail", "error")
DRILL_LIMIT = 500

# The values of one export row, in this order. ``duration_min`` is the duration in minutes
# rounded to one decimal; date-times are local ISO 8601 text; absent values are None.
EXPORT_FIELDS: tuple[str, ...] = (
    "id",
    "case_number",
    "court",
    "desk",
    "staff_id",
    "clerk_name",
    "litigant_name",
    "phone",
    "role",
    "platform_id",
    "device",
    "hearing_at",
    "started_at",
    "ended_at",
    "duration_min",
    "outcome",
    "outcome_reason",
    "satisfaction",
    "version",
    # visits (issue 13)
    "kind",
    "prep_outcome",
    "chosen_mode",
    "follow_up_result",
    "rating_source",
    # issue 17: the hearing-day failure's cause (a code of visits.causes) and the earlier visit
    # a record links to (a hearing-day visit's preparation visit); last, so the columns a court's
    # spreadsheets already use keep their places
    "failure_cause",
    "previous_id",
)

# The values of one drill-down row, in this order (unmasked; absent values are None).
DRILL_FIELDS: tuple[str, ...] = (
    "id",
    "started_at",
    "case_number",
    "litigant_name",
    "phone",
    "clerk_name",
    "desk",
    "platform_id",
    "outcome",
    "outcome_reason",
    "duration_s",
)


class HourlyCount(NamedTuple):
    """Finished records of one start hour with one outcome and reason. A named tuple: a year
    holds tens of thousands of these, and a tuple is made several times faster than a frozen
    dataclass (adapters can build it straight from a database row with ``_make``)."""

    hour_key: str  # 'YYYY-MM-DDTHH' (local start hour)
    outcome: str  # '' when none
    reason: str  # outcome reason, '' when none
    count: int  # type: ignore[assignment]  # shadows tuple.count, which nobody needs here
    rated: int  # records with a satisfaction rating
    satisfaction_sum: int
    last_update: str  # newest updated_at among them
    versions: int  # sum of their version numbers


@dataclass(frozen=True)
class ChildFacts:
    """Counts from a record's problems, failing checks and steps."""

    problems: list[tuple[str, int]] = field(default_factory=list)  # problem code, count
    checks: list[tuple[str, int]] = field(default_factory=list)  # 'check_id:code', count
    steps: list[tuple[str, str, int]] = field(default_factory=list)  # step, status, count
    # Damaged cells of the records counted (reports/damage.py cell codes); None: this source
    # does not check for them.
    damaged: list[str] | None = None
    # The visit figures, when the source keeps them per day too (DayVisitSource).
    visits: VisitCounts | None = None


@dataclass(frozen=True)
class FilterOptions:
    """What the filter boxes can offer for a period."""

    # distinct (court, desk, staff_id, platform_id) of the period's finished records
    combinations: list[tuple[str, str, str, str]]
    clerk_names: dict[str, str]  # staff_id -> name (profile, else the name on a record)


@dataclass(frozen=True)
class VisitCounts:
    """What the visit figures (issue 13) are folded from, for a period and filters (with the
    report's outcome counts, which already hold every hearing-day outcome).

    ``preparation``: (prep_outcome, chosen_mode, follow_up_result, count) of preparation visits
    ('' for none). ``prepared_outcomes``: (outcome, count) of hearing-day assistance linked to
    an earlier preparation visit. ``phones``: (distinct litigants by phone, their visits,
    litigants with more than one visit). ``follow_ups``: (due, overdue) at the given time, of
    unsuperseded preparation visits without a follow-up. ``ratings``: (rating_source, count,
    sum of ratings) of rated records."""

    preparation: list[tuple[str, str, str, int]] = field(default_factory=list)
    prepared_outcomes: list[tuple[str, int]] = field(default_factory=list)
    phones: tuple[int, int, int] = (0, 0, 0)
    follow_ups: tuple[int, int] = (0, 0)
    ratings: list[tuple[str, int, int]] = field(default_factory=list)


def day_signatures(hourly: list[HourlyCount]) -> dict[str, str]:
    """Per day: count, latest update and sum of versions of its finished records, and a
    checksum of their hours, outcomes, reasons and ratings. A new, corrected or moved record
    changes its day's signature, and so does an outcome or rating edited straight into the
    database (whose damaged cells the recomputed day then names), so a cache keyed by it is
    never stale for them."""
    parts: dict[str, list[Any]] = {}
    for row in hourly:
        entry = parts.setdefault(row.hour_key[:10], [0, "", 0, 0])
        entry[0] += row.count
        entry[1] = max(entry[1], row.last_update or "")
        entry[2] += row.versions if type(row.versions) is int else 0
        content = f"{row.hour_key}|{row.outcome}|{row.reason}|{row.count}|{row.rated}|"
        entry[3] = (entry[3] + zlib.crc32(f"{content}{row.satisfaction_sum!r}".encode())) % 2**32
    return {
        day: f"{n}|{last}|{versions}|{checksum:08x}"
        for day, (n, last, versions, checksum) in parts.items()
    }


class ReportSource(Protocol):
    """Read-only queries behind reports and exports."""

    def hourly_counts(self, filters: ReportFilters) -> list[HourlyCount]:
        """Counts grouped by start hour, outcome and outcome reason."""

    def duration_histogram(self, filters: ReportFilters) -> list[tuple[int, int]]:
        """[(duration_s, count)] sorted by duration, records with a duration only."""

    def child_facts(self, filters: ReportFilters) -> ChildFacts:
        """Problem codes, failing check codes (status in FAILING_CHECK_STATUSES) and step
        statuses of the matching records, counted live."""

    def day_facts(self, signatures: Mapping[str, str]) -> ChildFacts:
        """The same facts summed over whole days (no dimension filters): ``signatures`` maps
        each day 'YYYY-MM-DD' to :func:`day_signatures` of its records, so an adapter may cache
        facts per day and reuse them while the signature is unchanged."""

    def drill(
        self, filters: ReportFilters, drill: Drill, limit: int = DRILL_LIMIT
    ) -> tuple[int, list[tuple[Any, ...]]]:
        """(total, first ``limit`` rows in start order, DRILL_FIELDS) behind a chart click."""

    def filter_options(self, filters: ReportFilters) -> FilterOptions: ...

    def visit_counts(self, filters: ReportFilters, now: datetime) -> VisitCounts:
        """The counts behind the visit figures; follow-ups due or overdue at ``now``."""

    def export_count(self, filters: ReportFilters) -> int: ...

    def export_rows(self, filters: ReportFilters) -> Iterator[tuple[Any, ...]]:
        """EXPORT_FIELDS rows in start order (then id), streamed with constant memory. Close
        the iterator (or exhaust it) to release the database cursor."""

    def export_csv(
        self, filters: ReportFilters, plan: CsvPlan, python_line: FallbackLine
    ) -> Generator[tuple[bytes, int], None, None]:
        """The export's CSV lines (UTF-8, CRLF), built in SQL from ``plan`` (store/csv_sql.py)
        where it can, by ``python_line`` from the raw row (EXPORT_FIELDS) where not; yields
        (bytes, rows in them) in start order. Close the iterator to release the database."""


@runtime_checkable
class DayVisitSource(Protocol):
    """A report source that keeps the visit figures in its per-day cache too (issue 23): a
    report without dimension filters then reads them with the day facts instead of counting
    them over the period."""

    def day_facts_with_visits(
        self, filters: ReportFilters, signatures: Mapping[str, str], now: datetime
    ) -> ChildFacts:
        """:meth:`ReportSource.day_facts` with ``visits`` set (follow-ups due at ``now``)."""


class ClosableReportSource(ReportSource, Protocol):
    """A report source that holds its own connections (the court's): who opens it closes it."""

    def close(self) -> None: ...
