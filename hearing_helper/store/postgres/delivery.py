"""Delivering a desk's outbox batch to the court's central database, in one server transaction.

Idempotent by construction, so a batch may arrive any number of times (a crash between the
server's commit and the desk's "sent" mark resends it):

- a record version is keyed by (record id, version): a copy already there with the same
  payload hash is ignored; with a different hash it goes to ``conflicts`` and the stored one is
  kept. The record's current row moves forward only (a newer version replaces an older one,
  never the reverse), and its steps, problems and checks follow that row;
- an audit entry is keyed by (desk id, seq), an export by (desk id, audit seq): same rule.

The batch carries the desk's clock; the server's clock is read in the same transaction and the
difference is stored with the delivery (``deliveries``) and the desk (``desks.last_skew_s``).
Everything is staged with COPY into temporary tables and merged by the server's delivery
function ``hh_deliver()`` (PostgreSQL migration 006: it runs as the non-login role hh_writer, binds
a desk login to its desk id, serialises one desk's deliveries, checks each record's row against
its delivered version, and detects conflicts after its inserts). A desk login may write nothing
directly (``server init``), so a batch of thousands of records costs a handful of round trips
and its content can only arrive this way.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import psycopg

from hearing_helper.domain.record import AssistRecord
from hearing_helper.store.postgres import rows
from hearing_helper.store.sync.batch import Batch, VersionItem

SKEW_WARN_S = 120.0  # hearing times and durations depend on the desk's clock


class BadItemError(ValueError):
    """An item of the batch cannot be read (a damaged payload); nothing was delivered."""


@dataclass(frozen=True)
class DeliveryResult:
    server_at: datetime
    skew_s: float  # desk clock minus server clock
    new_conflicts: int
    applied_records: int  # current rows that moved forward


_STAGING = """
CREATE TEMP TABLE in_assists (LIKE assists) ON COMMIT DROP;
CREATE TEMP TABLE in_steps (LIKE assist_steps) ON COMMIT DROP;
CREATE TEMP TABLE in_problems (LIKE assist_problems) ON COMMIT DROP;
CREATE TEMP TABLE in_checks (LIKE check_results) ON COMMIT DROP;
CREATE TEMP TABLE in_versions (LIKE record_versions) ON COMMIT DROP;
CREATE TEMP TABLE in_audit (LIKE audit_log) ON COMMIT DROP;
CREATE TEMP TABLE in_exports (LIKE exports) ON COMMIT DROP;
CREATE TEMP TABLE applied (id hh_text PRIMARY KEY) ON COMMIT DROP;
GRANT SELECT ON in_assists, in_steps, in_problems, in_checks, in_versions, in_audit, in_exports
    TO PUBLIC;
GRANT SELECT, INSERT ON applied TO PUBLIC
"""
# Temporary tables are visible to this session only; the grants let hh_deliver() (which runs as
# its owner, hh_writer) read them. Every COPY names its columns: rows are Python tuples.
STEP_COLUMNS = "assist_id, desk_id, step, status"
PROBLEM_COLUMNS = "assist_id, desk_id, seq, step, code, note"
CHECK_COLUMNS = (
    "assist_id, desk_id, check_id, status, code, remedy_code, metrics, started_at, ended_at"
)
VERSION_COLUMNS = (
    "assist_id, desk_id, version, created_at, created_by, reason, payload, payload_sha256"
)
AUDIT_COLUMNS = "desk_id, seq, at, actor, action, details, prev_hash, hash"
EXPORT_COLUMNS = "desk_id, audit_seq, at, actor, format, filters, row_count, sha256, unmasked"


def _copy(
    cursor: psycopg.Cursor[Any], table: str, columns: str, data: Sequence[Sequence[Any]]
) -> None:
    if not data:
        return
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in data:
            copy.write_row(row)


def _newest_records(batch: Batch) -> list[tuple[AssistRecord, str]]:
    """Per record id, the highest version in the batch, as a record and its payload."""
    newest: dict[str, VersionItem] = {}
    for item in batch.versions:
        seen = newest.get(item.record_id)
        if seen is None or item.version > seen.version:
            newest[item.record_id] = item
    return [
        (AssistRecord.from_dict(json.loads(item.payload)), item.payload) for item in newest.values()
    ]


@dataclass
class _Staged:
    """A batch as rows of the staging tables, built before the transaction opens."""

    assists: list[tuple[Any, ...]]
    steps: list[tuple[Any, ...]]
    problems: list[tuple[Any, ...]]
    checks: list[tuple[Any, ...]]


def _stage(batch: Batch) -> _Staged:
    staged = _Staged([], [], [], [])
    desk = batch.desk_id
    for record, payload in _newest_records(batch):
        staged.assists.append(rows.assist_row(record, desk, payload))
        staged.steps += rows.step_rows(record, desk)
        staged.problems += rows.problem_rows(record, desk)
        staged.checks += rows.check_rows(record, desk)
    return staged


def deliver(conn: psycopg.Connection[Any], batch: Batch, desk_clock: datetime) -> DeliveryResult:
    """Merge ``batch`` into the central database in one transaction (see the module)."""
    desk = batch.desk_id
    try:
        staged = _stage(batch)  # the CPU work, before the server transaction opens
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BadItemError(f"a record's stored copy cannot be read: {exc!r}") from exc
    # Round trips are what a slow court network costs, so the statements are few: the staging
    # tables, one COPY per kind of row, and the delivery function (which merges, in the
    # server's own code, what a desk login may not write directly).
    with conn.transaction(), conn.cursor() as cursor:
        cursor.execute(_STAGING)
        _copy(cursor, "in_assists", rows.ASSIST_COLUMNS, staged.assists)
        _copy(cursor, "in_steps", STEP_COLUMNS, staged.steps)
        _copy(cursor, "in_problems", PROBLEM_COLUMNS, staged.problems)
        _copy(cursor, "in_checks", CHECK_COLUMNS, staged.checks)
        _copy(
            cursor,
            "in_versions",
            VERSION_COLUMNS,
            [
                (
                    item.record_id,
                    desk,
                    item.version,
                    item.created_at,
                    item.created_by,
                    item.reason,
                    item.payload,
                    rows.sha256_text(item.payload),
                )
                for item in batch.versions
            ],
        )
        _copy(
            cursor,
            "in_audit",
            AUDIT_COLUMNS,
            [
                (desk, a.seq, a.at, a.actor, a.action, a.details, a.prev_hash, a.hash)
                for a in batch.audits
            ],
        )
        _copy(
            cursor,
            "in_exports",
            EXPORT_COLUMNS,
            [
                (
                    desk,
                    e.audit_seq,
                    e.at,
                    e.actor,
                    e.format,
                    e.filters,
                    e.row_count,
                    e.sha256,
                    e.unmasked,
                )
                for e in batch.exports
            ],
        )
        # Fresh temporary tables have no statistics; without them the delivery's joins were
        # planned as nested loops over whole batches (the push ran at a third of its speed).
        cursor.execute(
            "ANALYZE in_assists, in_steps, in_problems, in_checks, in_versions, in_audit, "
            "in_exports"
        )
        found = cursor.execute(
            "SELECT server_at, skew_s, new_conflicts, applied_records "
            "FROM hh_deliver(%s, %s, %s, %s)",
            (desk, batch.desk_name, desk_clock, len(batch)),
        ).fetchone()
    assert found is not None
    return DeliveryResult(
        server_at=found[0],
        skew_s=float(found[1]),
        new_conflicts=int(found[2]),
        applied_records=int(found[3]),
    )


def conflict_count(conn: psycopg.Connection[Any], desk_id: str) -> int:
    """This desk's conflicts not settled yet."""
    return len(open_conflict_keys(conn, desk_id))


def open_conflict_keys(conn: psycopg.Connection[Any], desk_id: str) -> list[str]:
    """This desk's conflicts not settled yet, as 'kind item' keys ('version record <id> v2')."""
    found = conn.execute(
        "SELECT kind, item_key FROM conflicts WHERE desk_id = %s AND settled_at IS NULL "
        "ORDER BY id",
        (desk_id,),
    ).fetchall()
    return [f"{kind} {key}" for kind, key in found]
