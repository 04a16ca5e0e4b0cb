"""The PostgreSQL statements of the records' tables and their rows: the one row mapper's values
(store/shared_rows.py) with the desk id after each row's first column, as this schema has it.

The upsert of ``assists`` only ever moves a record forward for deliveries: a version delivered
again, or an older one arriving late, leaves a newer stored version alone.
"""

from __future__ import annotations

import hashlib
from typing import Any

from hearing_helper.domain.record import AssistRecord
from hearing_helper.store import shared_rows
from hearing_helper.store.shared_rows import CHILD_TABLES, insert_sql, upsert_sql


def _with_desk(columns: tuple[str, ...]) -> tuple[str, ...]:
    return (columns[0], "desk_id", *columns[1:])


def _desk_row(values: tuple[Any, ...], desk_id: str) -> tuple[Any, ...]:
    return (values[0], desk_id, *values[1:])


_ASSIST = _with_desk(shared_rows.ASSIST_COLUMNS)
ASSIST_COLUMNS = ", ".join(_ASSIST)
UPSERT_ASSIST = upsert_sql("assists", _ASSIST, ("id",), "%s")
# For deliveries: a stored finished record is replaced only by a higher version.
UPSERT_ASSIST_FORWARD = (
    UPSERT_ASSIST + " WHERE assists.status = 'draft' OR assists.version < excluded.version"
)
DELETE_CHILDREN = tuple(f"DELETE FROM {table} WHERE assist_id = ANY(%s)" for table in CHILD_TABLES)
INSERT_STEP = insert_sql("assist_steps", _with_desk(shared_rows.STEP_COLUMNS), "%s")
INSERT_PROBLEM = insert_sql("assist_problems", _with_desk(shared_rows.PROBLEM_COLUMNS), "%s")
INSERT_CHECK = upsert_sql(
    "check_results",
    _with_desk(shared_rows.CHECK_COLUMNS),
    ("assist_id", "check_id"),
    "%s",
    kept=("desk_id",),
)
INSERT_VERSION = insert_sql(
    "record_versions", (*_with_desk(shared_rows.VERSION_COLUMNS), "payload_sha256"), "%s"
)
INSERT_AUDIT = insert_sql("audit_log", ("desk_id", *shared_rows.AUDIT_COLUMNS), "%s")


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def assist_row(record: AssistRecord, desk_id: str, payload: str) -> tuple[Any, ...]:
    return _desk_row(shared_rows.assist_values(record, payload), desk_id)


def step_rows(record: AssistRecord, desk_id: str) -> list[tuple[Any, ...]]:
    return [_desk_row(values, desk_id) for values in shared_rows.step_values(record)]


def problem_rows(record: AssistRecord, desk_id: str) -> list[tuple[Any, ...]]:
    return [_desk_row(values, desk_id) for values in shared_rows.problem_values(record)]


def check_rows(record: AssistRecord, desk_id: str) -> list[tuple[Any, ...]]:
    return [_desk_row(values, desk_id) for values in shared_rows.check_values(record)]


def version_row(
    record: AssistRecord, desk_id: str, actor: str, reason: str, payload: str
) -> tuple[Any, ...]:
    values = shared_rows.version_values(record, actor, reason, payload)
    return (*_desk_row(values, desk_id), sha256_text(payload))
