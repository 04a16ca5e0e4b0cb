"""How a record maps onto the tables, the same for both storage adapters.

One row mapper: the values of a record's ``assists`` row, its steps, problems, check results and
versions, and of an audit entry, in the column orders below. An adapter that stores more (the
PostgreSQL one adds the desk id) adds its columns around these; the SQL's parameter mark is the
adapter's own (``?`` or ``%s``).

The rule "a finished record's payload lives only in ``record_versions``" is coded here once: the
``assists`` row of a finished record holds no payload (:func:`payload_column`), and reading a
record takes the row's payload or else its newest version's (:func:`current_payload_sql`).
"""

from __future__ import annotations

import json
from typing import Any

from hearing_helper.domain.record import AssistRecord
from hearing_helper.store.audit import canonical_json
from hearing_helper.store.errors import UnreadableAuditEntryError
from hearing_helper.store.repository import AuditEntry
from hearing_helper.store.visit_rows import VISIT_COLUMNS, visit_columns

ASSIST_COLUMNS: tuple[str, ...] = (
    "id",
    "version",
    "status",
    "staff_id",
    "clerk_name",
    "desk",
    "court",
    "case_number",
    "litigant_name",
    "phone",
    "role",
    "platform_id",
    "device",
    "hearing_at",
    "started_at",
    "ended_at",
    "duration_s",
    "outcome",
    "outcome_reason",
    "satisfaction",
    "current_step",
    "updated_at",
    "payload",
    *(name.strip() for name in VISIT_COLUMNS.split(",")),
)
STEP_COLUMNS = ("assist_id", "step", "status")
PROBLEM_COLUMNS = ("assist_id", "seq", "step", "code", "note")
CHECK_COLUMNS = (
    "assist_id",
    "check_id",
    "status",
    "code",
    "remedy_code",
    "metrics",
    "started_at",
    "ended_at",
)
VERSION_COLUMNS = ("assist_id", "version", "created_at", "created_by", "reason", "payload")
AUDIT_COLUMNS = ("seq", "at", "actor", "action", "details", "prev_hash", "hash")
AUDIT_SELECT = ", ".join(AUDIT_COLUMNS)
CHILD_TABLES = ("assist_steps", "assist_problems", "check_results")


def marks(mark: str, count: int) -> str:
    return ",".join([mark] * count)


def insert_sql(table: str, columns: tuple[str, ...], mark: str) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks(mark, len(columns))})"


def upsert_sql(
    table: str,
    columns: tuple[str, ...],
    key: tuple[str, ...],
    mark: str,
    *,
    kept: tuple[str, ...] = (),
) -> str:
    """INSERT that updates the columns, but ``key`` and ``kept``, of a row already stored."""
    updated = ", ".join(
        f"{name}=excluded.{name}" for name in columns if name not in key and name not in kept
    )
    conflict = f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updated}"
    return insert_sql(table, columns, mark) + conflict


def payload_column(record: AssistRecord, payload: str) -> str | None:
    """The ``assists`` row's payload: a draft's own, none for a finished record (its payload
    is its newest row of ``record_versions``; the row keeps only what searches read)."""
    return None if record.is_finished else payload


# The stored record's payload: its row's (a draft) or its newest version's (finished).
CURRENT_PAYLOAD = (
    "COALESCE(a.payload, (SELECT v.payload FROM record_versions v "
    "WHERE v.assist_id=a.id ORDER BY v.version DESC LIMIT 1))"
)


def current_payload_sql(mark: str) -> str:
    return f"SELECT {CURRENT_PAYLOAD} AS payload FROM assists a WHERE a.id={mark}"


def versions_sql(mark: str) -> str:
    return (
        "SELECT version, created_at, created_by, reason, payload FROM record_versions "
        f"WHERE assist_id={mark} ORDER BY version"
    )


def assist_values(record: AssistRecord, payload: str) -> tuple[Any, ...]:
    """The ``assists`` row of ``record``, in ASSIST_COLUMNS order."""
    intake = record.intake
    return (
        record.id,
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
        payload_column(record, payload),
        *visit_columns(record),
    )


def step_values(record: AssistRecord) -> list[tuple[Any, ...]]:
    return [(record.id, str(step), str(state.status)) for step, state in record.steps.items()]


def problem_values(record: AssistRecord) -> list[tuple[Any, ...]]:
    return [
        (record.id, index, str(problem.step), problem.code, problem.note)
        for index, problem in enumerate(record.problems)
    ]


def check_values(record: AssistRecord) -> list[tuple[Any, ...]]:
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


def version_values(record: AssistRecord, actor: str, reason: str, payload: str) -> tuple[Any, ...]:
    return (record.id, record.version, record.updated_at.isoformat(), actor, reason, payload)


def audit_values(
    entry: AuditEntry, actor: str, action: str, details: dict[str, Any]
) -> tuple[Any, ...]:
    """An entry about to be appended, in AUDIT_COLUMNS order."""
    return (
        entry.seq,
        entry.at,
        actor,
        action,
        canonical_json(details),
        entry.prev_hash,
        entry.hash,
    )


def audit_entry(row: Any) -> AuditEntry:
    """A stored audit_log row (AUDIT_COLUMNS) as an entry; unreadable details are named."""
    seq, at, actor, action, details, prev_hash, digest = tuple(row)
    try:
        parsed = json.loads(details)
    except (TypeError, ValueError):
        raise UnreadableAuditEntryError(int(seq)) from None
    return AuditEntry(int(seq), at, actor, action, parsed, prev_hash, digest)
