"""How a record maps onto the SQLite tables: the statements and the row tuples they take."""

from __future__ import annotations

import json
from typing import Any

from hearing_helper.domain.record import AssistRecord
from hearing_helper.store.visit_rows import visit_columns

UPSERT_ASSIST = (
    "INSERT INTO assists (id, version, status, staff_id, clerk_name, desk, court, case_number, "
    "litigant_name, phone, role, platform_id, device, hearing_at, started_at, ended_at, "
    "duration_s, outcome, outcome_reason, satisfaction, current_step, updated_at, payload, "
    "kind, prep_outcome, next_visit_on, recommended_mode, chosen_mode, failure_cause, "
    "follow_up_result, follow_up_at, previous_id, rating_source) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
    "ON CONFLICT (id) DO UPDATE SET version=excluded.version, status=excluded.status, "
    "staff_id=excluded.staff_id, clerk_name=excluded.clerk_name, desk=excluded.desk, "
    "court=excluded.court, case_number=excluded.case_number, "
    "litigant_name=excluded.litigant_name, phone=excluded.phone, role=excluded.role, "
    "platform_id=excluded.platform_id, device=excluded.device, hearing_at=excluded.hearing_at, "
    "started_at=excluded.started_at, ended_at=excluded.ended_at, "
    "duration_s=excluded.duration_s, outcome=excluded.outcome, "
    "outcome_reason=excluded.outcome_reason, satisfaction=excluded.satisfaction, "
    "current_step=excluded.current_step, updated_at=excluded.updated_at, payload=excluded.payload, "
    "kind=excluded.kind, prep_outcome=excluded.prep_outcome, "
    "next_visit_on=excluded.next_visit_on, recommended_mode=excluded.recommended_mode, "
    "chosen_mode=excluded.chosen_mode, failure_cause=excluded.failure_cause, "
    "follow_up_result=excluded.follow_up_result, follow_up_at=excluded.follow_up_at, "
    "previous_id=excluded.previous_id, rating_source=excluded.rating_source"
)
SELECT_PAYLOAD = (
    "SELECT COALESCE(a.payload, (SELECT v.payload FROM record_versions v WHERE v.assist_id=a.id "
    "ORDER BY v.version DESC LIMIT 1)) AS payload FROM assists a WHERE a.id=?"
)
SELECT_STATUS = "SELECT status, version FROM assists WHERE id=?"
SELECT_STATUSES = "SELECT id, status FROM assists WHERE id IN ({marks})"
SELECT_DRAFTS = "SELECT payload FROM assists WHERE status='draft' ORDER BY updated_at DESC"
DELETE_ASSIST = "DELETE FROM assists WHERE id=?"
DELETE_CHILDREN = tuple(
    f"DELETE FROM {table} WHERE assist_id=?"
    for table in ("assist_steps", "assist_problems", "check_results")
)
SELECT_VERSIONS = (
    "SELECT version, created_at, created_by, reason, payload FROM record_versions "
    "WHERE assist_id=? ORDER BY version"
)
UPSERT_STAFF = (
    "INSERT INTO staff (staff_id, name, desk, court, last_used) VALUES (?,?,?,?,?) "
    "ON CONFLICT (staff_id) DO UPDATE SET name=excluded.name, desk=excluded.desk, "
    "court=excluded.court, last_used=excluded.last_used"
)
SELECT_STAFF = "SELECT staff_id, name, desk, court FROM staff ORDER BY last_used DESC, name"
TEXT_MATCH = "(case_number LIKE ? ESCAPE '\\' OR litigant_name LIKE ? ESCAPE '\\')"
SEARCH = (
    "SELECT id, version, status, case_number, litigant_name, role, platform_id, "
    "clerk_name, desk, started_at, ended_at, duration_s, outcome, satisfaction, kind, "
    "prep_outcome FROM assists{where} ORDER BY {column} {direction}, id LIMIT ? OFFSET ?"
)
COUNT = "SELECT count(*) FROM assists{where}"
INSERT_EXPORT = (
    "INSERT INTO exports (at, actor, format, filters, row_count, sha256, unmasked) "
    "VALUES (?,?,?,?,?,?,?)"
)
SELECT_AUDIT_HEAD = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
SELECT_AUDIT = "SELECT seq, at, actor, action, details, prev_hash, hash FROM audit_log ORDER BY seq"
INSERT_AUDIT = (
    "INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash) "
    "VALUES (?,?,?,?,?,?,?)"
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
        *visit_columns(record),
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
            json.dumps(check.metrics, ensure_ascii=False) if check.metrics else "{}",
            check.started_at.isoformat() if check.started_at else None,
            check.ended_at.isoformat() if check.ended_at else None,
        )
        for check in record.checks
    ]
