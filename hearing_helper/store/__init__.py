"""Persistence of assisted-hearing records. Pure Python: no Qt.

Callers use the :class:`~hearing_helper.store.repository.AssistRepository` protocol and
:func:`open_repository`; the SQLite implementation is the embedded default.
"""

from hearing_helper.store.errors import (
    CorruptDatabaseError,
    NewerDatabaseError,
    RecordFinishedError,
    RecordNotFoundError,
    StoreError,
)
from hearing_helper.store.repository import AssistRepository, AssistSummary, HistoryQuery
from hearing_helper.store.sqlite import SqliteRepository, open_repository

__all__ = [
    "AssistRepository",
    "AssistSummary",
    "CorruptDatabaseError",
    "HistoryQuery",
    "NewerDatabaseError",
    "RecordFinishedError",
    "RecordNotFoundError",
    "SqliteRepository",
    "StoreError",
    "open_repository",
]
