"""Persistence of assisted-hearing records. Pure Python: no Qt.

Callers use the protocols — :class:`~hearing_helper.store.repository.AssistRepository` for
records and the audit log, :class:`~hearing_helper.store.report_source.ReportSource` for reports
and exports — through :func:`~hearing_helper.store.backend.open_store`, which picks the adapter
by database URL (the embedded SQLite file by default). The record rules every adapter shares are
in :mod:`hearing_helper.store.lifecycle`.
"""

from hearing_helper.store.backend import Store, open_store
from hearing_helper.store.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    IncompleteRecordError,
    NewerDatabaseError,
    ReadOnlyDatabaseError,
    RecordConflictError,
    RecordFinishedError,
    RecordNotFoundError,
    StoreError,
    StoreUnavailableError,
)
from hearing_helper.store.report_source import ReportSource
from hearing_helper.store.repository import AssistRepository, AssistSummary, HistoryQuery
from hearing_helper.store.sqlite import SqliteRepository, open_repository

__all__ = [
    "AssistRepository",
    "AssistSummary",
    "CorruptDatabaseError",
    "DatabaseLockedError",
    "HistoryQuery",
    "IncompleteRecordError",
    "NewerDatabaseError",
    "ReadOnlyDatabaseError",
    "RecordConflictError",
    "RecordFinishedError",
    "RecordNotFoundError",
    "ReportSource",
    "SqliteRepository",
    "Store",
    "StoreError",
    "StoreUnavailableError",
    "open_repository",
    "open_store",
]
