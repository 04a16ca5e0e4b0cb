"""The SQLite adapter: the embedded default, one file in the data directory.

``repository`` (records, audit), ``report_source`` and ``report_sql`` (reports and exports),
``schema`` with numbered ``migrations/``, ``day_cache`` (per-day report facts) and
``connection`` (opening connections; sqlite3 errors as StoreErrors).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from hearing_helper.store.backend import Store
from hearing_helper.store.deferred_reports import deferred_reports
from hearing_helper.store.sqlite.repository import DB_FILENAME, SqliteRepository, open_repository
from hearing_helper.store.sqlite.schema import SCHEMA_VERSION

if TYPE_CHECKING:  # at run time through __getattr__: the report SQL is imported when first used
    from hearing_helper.store.sqlite.report_source import SqliteReportSource

__all__ = [
    "DB_FILENAME",
    "SCHEMA_VERSION",
    "SqliteReportSource",
    "SqliteRepository",
    "open_repository",
    "open_store",
]


def open_store(url: str, data_dir: Path) -> Store:
    """The database file in ``data_dir`` (``url`` is empty or ``sqlite:``)."""
    repository = open_repository(data_dir)
    path = repository.path
    return Store(repository=repository, reports=deferred_reports(lambda: _report_source(path)))


def _report_source(path: Path) -> SqliteReportSource:
    from hearing_helper.store.sqlite.report_source import SqliteReportSource

    return SqliteReportSource(path)


def __getattr__(name: str) -> type[SqliteReportSource]:
    if name == "SqliteReportSource":
        from hearing_helper.store.sqlite.report_source import SqliteReportSource

        return SqliteReportSource
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
