"""How a record maps onto the PostgreSQL tables: the statements and the row tuples they take.

Every row carries the desk id. The upsert of ``assists`` only ever moves a record forward: a
version delivered again, or an older one arriving late, leaves a newer stored version alone.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from hearing_helper.domain.record import AssistRecord
from hearing_helper.store.visit_rows import VISIT_COLUMNS, visit_columns

ASSIST_COLUMNS = (
    "id, desk_id, version, status, staff_id, clerk_name, desk, court, case_number, "
    "litigant_name, phone, role, platform_id, device, hearing_at, started_at, ended_at, "
    "duration_s, outcome, outcome_reason, satisfaction, current_step, updated_at, payload, "
    + VISIT_COLUMNS
)
_UPDATED = [name.strip() for name in ASSIST_COLUMNS.split(",")][1:]  # all but the id
_MARKS = ",".join(["%s"] * len(ASSIST_COLUMNS.split(",")))
UPSERT_ASSIST = (
    f"INSERT INTO assists ({ASSIST_COLUMNS}) VALUES ({_MARKS}) ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{name}=excluded.{name}" for name in _UPDATED)
)
# For deliveries: a stored finished record is replaced only by a higher version.
UPSERT_ASSIST_FORWARD = (
    UPSERT_ASSIST + " WHERE assists.status = 'draft' OR assists.version < excluded.version"
)
SELECT_PAYLOAD = (
    "SELECT COALESCE(a.payload, (SELECT v.payload FROM record_versions v WHERE v.assist_id=a.id "
    "ORDER BY v.version DESC LIMIT 1)) FROM assists a WHERE a.id=%s"
)
DELETE_CHILDREN = tuple(
    f"DELETE FROM {table} WHERE assist_id = ANY(%s)"
    for table in ("assist_steps", "assist_problems", "check_results")
)
INSERT_STEP = "INSERT INTO assist_steps (assist_id, desk_id, step, status) VALUES (%s,%s,%s,%s)"
INSERT_PROBLEM = (
    "INSERT INTO assist_problems (assist_id, desk_id, seq, step, code, note) "
    "VALUES (%s,%s,%s,%s,%s,%s)"
)
INSERT_CHECK = (
    "INSERT INTO check_results (assist_id, desk_id, check_id, status, code, remedy_code, "
    "metrics, started_at, ended_at) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s) "
    "ON CONFLICT (assist_id, check_id) DO UPDATE SET status=excluded.status, "
    "code=excluded.code, remedy_code=excluded.remedy_code, metrics=excluded.metrics, "
    "started_at=excluded.started_at, ended_at=excluded.ended_at"
)
INSERT_VERSION = (
    "INSERT INTO record_versions (assist_id, desk_id, version, created_at, created_by, reason, "
    "payload, payload_sha256) VALUES (%s,%s,%s,%s,%s,%s,%s,%s)"
)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def assist_row(record: AssistRecord, desk_id: str, payload: str) -> tuple[Any, ...]:
    intake = record.intake
    return (
        record.id,
        desk_id,
        record.version,
        str(record.status),
        record.clerk.staff_id,
        record.clerk.name,
        record.clerk.desk,
        intake.court or record.clerk.court,
        intake.case_number,
        intake.litigant_name,
        intake.phone,
        str(intake.role) if intake.role else None,
        intake.platform_id or None,
        str(intake.device) if intake.device else None,
        intake.hearing_at.isoformat() if intake.hearing_at else None,
        record.started_at.isoformat(),
        record.ended_at.isoformat() if record.ended_at else None,
        record.duration_seconds,
        str(record.outcome) if record.outcome else None,
        str(record.outcome_reason) if record.outcome_reason else None,
        record.satisfaction,
        str(record.current_step),
        record.updated_at.isoformat(),
        None if record.is_finished else payload,
        *visit_columns(record),
    )


def step_rows(record: AssistRecord, desk_id: str) -> list[tuple[Any, ...]]:
    return [
        (record.id, desk_id, str(step), str(state.status)) for step, state in record.steps.items()
    ]


def problem_rows(record: AssistRecord, desk_id: str) -> list[tuple[Any, ...]]:
    return [
        (record.id, desk_id, index, str(problem.step), problem.code, problem.note)
        for index, problem in enumerate(record.problems)
    ]


def check_rows(record: AssistRecord, desk_id: str) -> list[tuple[Any, ...]]:
    return [
        (
            record.id,
            desk_id,
            check.check_id,
            check.status,
            check.code,
            check.remedy_code,
            json.dumps(check.metrics, ensure_ascii=False),
            check.started_at.isoformat() if check.started_at else None,
            check.ended_at.isoformat() if check.ended_at else None,
        )
        for check in record.checks
    ]


def version_row(
    record: AssistRecord, desk_id: str, actor: str, reason: str, payload: str
) -> tuple[Any, ...]:
    return (
        record.id,
        desk_id,
        record.version,
        record.updated_at.isoformat(),
        actor,
        reason,
        payload,
        sha256_text(payload),
    )
