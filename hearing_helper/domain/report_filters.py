"""The period and filters of a report or an export, and what a drill-down clicked: plain data.

Each storage adapter turns these into its own query (``store/sqlite/report_sql.py`` for SQLite).
It lives in ``domain/``, below both ``store/`` and ``reports/``, so each may import it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from datetime import date, timedelta
from typing import Any

# filter field -> the record field it matches exactly (adapters map these to their columns)
FILTER_FIELDS: dict[str, str] = {
    "court": "court",
    "desk": "desk",
    "clerk": "staff_id",
    "platform": "platform_id",
    "role": "role",
    "outcome": "outcome",
}


class FilterError(ValueError):
    """A filter value is unusable; ``field`` names it and ``str()`` says what is expected."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


@dataclass(frozen=True)
class ReportFilters:
    """A period (local start dates, both inclusive) and optional exact-match filters."""

    date_from: date
    date_to: date
    court: str = ""
    desk: str = ""
    clerk: str = ""  # staff ID
    platform: str = ""
    role: str = ""
    outcome: str = ""

    def __post_init__(self) -> None:
        if self.date_to < self.date_from:
            raise FilterError(
                "date_to",
                f"The end date {self.date_to} is before the start date {self.date_from}.",
            )

    @property
    def has_dimensions(self) -> bool:
        """True when any filter besides the period is set."""
        return any(getattr(self, name) for name in FILTER_FIELDS)

    @property
    def start_key(self) -> str:
        """Lower bound on ``started_at`` text (local ISO 8601 sorts as text)."""
        return self.date_from.isoformat()

    @property
    def end_key(self) -> str:
        """Exclusive upper bound: the day after ``date_to``."""
        return (self.date_to + timedelta(days=1)).isoformat()

    def dimensions(self) -> dict[str, str]:
        """The set exact-match filters as {record field: value}."""
        return {
            field_name: getattr(self, name)
            for name, field_name in FILTER_FIELDS.items()
            if getattr(self, name)
        }

    def to_dict(self) -> dict[str, str]:
        """JSON-able form (for the audit log and exports table); empty filters left out."""
        out: dict[str, str] = {}
        for key, value in asdict(self).items():
            if isinstance(value, date):
                out[key] = value.isoformat()
            elif value:
                out[key] = str(value)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReportFilters:
        names = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in names}
        for key in ("date_from", "date_to"):
            values[key] = parse_date(key, str(values.get(key, "")))
        return cls(**values)


@dataclass(frozen=True)
class CourtFilters(ReportFilters):
    """The court scope's filters: also whether records made by `demo-data` are counted (they
    are left out by default)."""

    include_demo: bool = False

    @classmethod
    def of(cls, filters: ReportFilters, include_demo: bool) -> CourtFilters:
        values = {f.name: getattr(filters, f.name) for f in fields(ReportFilters)}
        return cls(**values, include_demo=include_demo)

    @property
    def has_dimensions(self) -> bool:
        # The per-day sums a database keeps are of real records only.
        return self.include_demo or super().has_dimensions


EARLIEST_DATE = date(1970, 1, 1)
LATEST_DATE = date(2999, 12, 31)


def parse_date(field: str, text: str) -> date:
    """``YYYY-MM-DD`` or raise FilterError naming ``field``."""
    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        raise FilterError(
            field, f"{field}: expected a date like 2026-03-01, got {text!r}."
        ) from None
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        # Period arithmetic (the next day, week, month) must stay inside Python's dates.
        raise FilterError(
            field,
            f"{field}: expected a date from {EARLIEST_DATE} to {LATEST_DATE}, got {text!r}.",
        )
    return value


@dataclass(frozen=True)
class Drill:
    """What was clicked. ``kind``: 'period' (key 'YYYY-MM-DD', 'YYYY-Www' or 'YYYY-MM'),
    'reason' (key = reason kind, code), 'step' (key = step, status), 'load' (weekday with
    Monday = 0, hour)."""

    kind: str
    key: tuple[Any, ...]


def period_range(key: str) -> tuple[date, date]:
    """First and last day of a day, ISO week or month key."""
    if "-W" in key:
        year, week = key.split("-W")
        first = date.fromisocalendar(int(year), int(week), 1)
        return first, first + timedelta(days=6)
    if len(key) == 7:
        first = date.fromisoformat(key + "-01")
        following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
        return first, following - timedelta(days=1)
    day = date.fromisoformat(key)
    return day, day


def drill_period(filters: ReportFilters, drill: Drill) -> ReportFilters:
    """The filters narrowed to a clicked period (a week or month at the edge of the period is
    cut to the period); other clicks keep the filters."""
    if drill.kind != "period":
        return filters
    first, last = period_range(str(drill.key[0]))
    return replace(
        filters, date_from=max(first, filters.date_from), date_to=min(last, filters.date_to)
    )
