"""What differs between the SQL of the two storage adapters, for the queries they share.

Each adapter has one :class:`Dialect` (``store/sqlite/dialect.py``, ``store/postgres/dialect.py``);
the shared query builders (``shared_history``, ``shared_visits``) take it as a parameter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, TypeVar


@dataclass(frozen=True)
class Dialect:
    mark: str  # the driver's parameter mark: "?" or "%s"
    like: str  # a LIKE that folds ASCII letters only ("LIKE" on SQLite, "ILIKE" under "C")
    ascending: str  # ORDER BY directions that put NULL first ascending, last descending
    descending: str
    # An ISO 8601 text time column (or a parameter mark) compared as an instant, so a record's
    # local offset and the desk's time zone need not agree.
    instant: Callable[[str], str]
    instant_param: Callable[[datetime], Any]  # a datetime as that comparison's parameter
    weekday: Callable[[str], str]  # the day of the week of an ISO date text expression
    weekday_param: Callable[[int], Any]  # Python's weekday (Monday 0) as weekday() gives it

    def marks(self, count: int) -> str:
        return ",".join([self.mark] * count)


class SqlConnection(Protocol):
    """What the shared code asks of a driver's connection (sqlite3's and psycopg's have it)."""

    def execute(self, sql: Any, params: Any = ..., /) -> Any: ...


ConnT = TypeVar("ConnT", bound=SqlConnection)
