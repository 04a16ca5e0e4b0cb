"""How a record maps onto the SQLite tables: the statements and the row tuples they take."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from hearing_helper.domain.record import AssistRecord


def payload_json(record: AssistRecord) -> str:
    return json.dumps(record.to_dict(), ensure_ascii=False, separators=(",", ":"))


def record_audit(record: AssistRecord, payload: str) -> dict[str, Any]:
    return {
        "record_id": record.id,
        "version": record.version,
        "payload_sha256": hashlib.sha256(payload.encode("utf-8")).hexdigest(),
    }


UPSERT_ASSIST = (
    "INSERT INTO assists (id, version, status, staff_id, clerk_name, desk, court, case_number, "
    "litigant_name, phone, role, platform_id, device, hearing_at, started_at, ended_at, "
    "duration_s, outcome, outcome_reason, satisfaction, current_step, updated_at, payload) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
    "ON CONFLICT (id) DO UPDATE SET version=excluded.version, status=excluded.status, "
    "staff_id=excluded.staff_id, clerk_name=excluded.clerk_name, desk=excluded.desk, "
    "court=excluded.court, case_number=excluded.case_number, "
    "litigant_name=excluded.litigant_name, phone=excluded.phone, role=excluded.role, "
    "platform_id=excluded.platform_id, device=excluded.device, hearing_at=excluded.hearing_at, "
    "started_at=excluded.started_at, ended_at=excluded.ended_at, "
    "duration_s=excluded.duration_s, outcome=excluded.outcome, "
    "outcome_reason=excluded.outcome_reason, satisfaction=excluded.satisfaction, "
    "current_step=excluded.current_step, updated_at=excluded.updated_at, payload=excluded.payload"
)
SELECT_PAYLOAD = (
    "SELECT COALESCE(a.payload, (SELECT v.payload FROM record_versions v WHERE v.assist_id=a.id "
    "ORDER BY v.version DESC LIMIT 1)) AS payload FROM assists a WHERE a.id=?"
)
INSERT_STEP = "INSERT INTO assist_steps (assist_id, step, status) VALUES (?,?,?)"
INSERT_PROBLEM = "INSERT INTO assist_problems (assist_id, seq, step, code, note) VALUES (?,?,?,?,?)"
INSERT_CHECK = (
    "INSERT OR REPLACE INTO check_results (assist_id, check_id, status, code, remedy_code, "
    "metrics, started_at, ended_at) VALUES (?,?,?,?,?,?,?,?)"
)
INSERT_VERSION = (
    "INSERT INTO record_versions (assist_id, version, created_at, created_by, reason, payload) "
    "VALUES (?,?,?,?,?,?)"
)


def assist_row(record: AssistRecord, payload: str) -> tuple[Any, ...]:
    intake = record.intake
    court = intake.court or record.clerk.court
    return (
        record.id,
        record.version,
        str(record.status),
        record.clerk.staff_id,
        record.clerk.name,
        record.clerk.desk,
        court,
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
        None if record.is_finished else payload,  # finished: the payload is in record_versions
    )


def step_rows(record: AssistRecord) -> list[tuple[str, str, str]]:
    return [(record.id, str(step), str(state.status)) for step, state in record.steps.items()]


def problem_rows(record: AssistRecord) -> list[tuple[Any, ...]]:
    return [
        (record.id, index, str(problem.step), problem.code, problem.note)
        for index, problem in enumerate(record.problems)
    ]


def check_rows(record: AssistRecord) -> list[tuple[Any, ...]]:
    return [
        (
            record.id,
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
