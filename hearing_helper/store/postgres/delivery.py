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
Everything is staged with COPY into temporary tables and merged with a few set-based
statements, so a batch of thousands of records costs a handful of round trips.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import psycopg
from psycopg import sql

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
CREATE TEMP TABLE applied (id hh_text PRIMARY KEY) ON COMMIT DROP
"""

_ASSIST_UPDATE = ", ".join(
    f"{name}=excluded.{name}" for name in rows.ASSIST_COLUMNS.replace(" ", "").split(",")[1:]
)

_MERGE = (
    # The current row of each record moves forward only.
    "WITH moved AS (INSERT INTO assists SELECT * FROM in_assists ON CONFLICT (id) DO UPDATE "
    f"SET {_ASSIST_UPDATE} WHERE assists.status = 'draft' OR assists.version < excluded.version "
    "RETURNING id) INSERT INTO applied SELECT id FROM moved",
    "DELETE FROM assist_steps WHERE assist_id IN (SELECT id FROM applied)",
    "DELETE FROM assist_problems WHERE assist_id IN (SELECT id FROM applied)",
    "DELETE FROM check_results WHERE assist_id IN (SELECT id FROM applied)",
    "INSERT INTO assist_steps SELECT * FROM in_steps WHERE assist_id IN (SELECT id FROM applied)",
    "INSERT INTO assist_problems SELECT * FROM in_problems "
    "WHERE assist_id IN (SELECT id FROM applied)",
    "INSERT INTO check_results SELECT * FROM in_checks WHERE assist_id IN (SELECT id FROM applied)",
    "INSERT INTO record_versions SELECT * FROM in_versions ON CONFLICT DO NOTHING",
    "INSERT INTO audit_log SELECT * FROM in_audit ON CONFLICT DO NOTHING",
    "INSERT INTO exports SELECT * FROM in_exports ON CONFLICT DO NOTHING",
    # Conflicts last, after this batch's own inserts: a copy another transaction committed
    # while this one waited on its key is seen here (READ COMMITTED: each statement reads
    # what is committed when it starts), so two different copies delivered at the same moment
    # keep one and record the other; checking before the insert let the second one vanish.
    "INSERT INTO conflicts (desk_id, kind, item_key, stored_hash, incoming_hash, incoming) "
    "SELECT i.desk_id, 'version', 'record ' || i.assist_id || ' v' || i.version, "
    "v.payload_sha256, i.payload_sha256, i.payload FROM in_versions i "
    "JOIN record_versions v USING (assist_id, version) "
    "WHERE v.payload_sha256 <> i.payload_sha256 ON CONFLICT DO NOTHING",
    "INSERT INTO conflicts (desk_id, kind, item_key, stored_hash, incoming_hash, incoming) "
    "SELECT i.desk_id, 'audit', 'seq ' || i.seq, s.hash, i.hash, "
    "json_build_object('seq', i.seq, 'at', i.at, 'actor', i.actor, 'action', i.action, "
    "'details', i.details, 'prev_hash', i.prev_hash, 'hash', i.hash)::text "
    "FROM in_audit i JOIN audit_log s USING (desk_id, seq) "
    "WHERE s.hash <> i.hash ON CONFLICT DO NOTHING",
    "INSERT INTO conflicts (desk_id, kind, item_key, stored_hash, incoming_hash, incoming) "
    "SELECT i.desk_id, 'export', 'audit seq ' || i.audit_seq, s.sha256, i.sha256, "
    "row_to_json(i)::text FROM in_exports i JOIN exports s USING (desk_id, audit_seq) "
    "WHERE s.sha256 <> i.sha256 OR s.at <> i.at ON CONFLICT DO NOTHING",
)


def _copy(cursor: psycopg.Cursor[Any], table: str, data: Sequence[Sequence[Any]]) -> None:
    if not data:
        return
    with cursor.copy(f"COPY {table} FROM STDIN") as copy:
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
    # Round trips are what a slow court network costs, so the statements are few: the desk row
    # (which also reads the server's clock), the staging tables, one COPY per kind of row, and
    # the whole merge as one multi-statement query.
    with conn.transaction(), conn.cursor() as cursor:
        server_row = cursor.execute(
            "INSERT INTO desks (desk_id, name, last_seen, last_skew_s) "
            "VALUES (%s, %s, now(), extract(epoch FROM %s::timestamptz - now())) "
            "ON CONFLICT (desk_id) DO UPDATE SET name=excluded.name, last_seen=now(), "
            "last_skew_s=excluded.last_skew_s RETURNING now(), last_skew_s",
            (desk, batch.desk_name, desk_clock),
        ).fetchone()
        assert server_row is not None
        server_at: datetime = server_row[0]
        skew_s = float(server_row[1])
        cursor.execute(_STAGING)
        _copy(cursor, "in_assists", staged.assists)
        _copy(cursor, "in_steps", staged.steps)
        _copy(cursor, "in_problems", staged.problems)
        _copy(cursor, "in_checks", staged.checks)
        _copy(
            cursor,
            "in_versions",
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
            [
                (desk, a.seq, a.at, a.actor, a.action, a.details, a.prev_hash, a.hash)
                for a in batch.audits
            ],
        )
        _copy(
            cursor,
            "in_exports",
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
        desk_literal = sql.Literal(desk)
        conflicts_now = sql.SQL("SELECT count(*) FROM conflicts WHERE desk_id = {}").format(
            desk_literal
        )
        script = sql.SQL("; ").join(
            [
                conflicts_now,
                *(sql.SQL(statement) for statement in _MERGE),  # type: ignore[arg-type]
                sql.SQL(
                    "INSERT INTO deliveries (desk_id, desk_at, skew_s, items) "
                    "VALUES ({}, {}, {}, {})"
                ).format(
                    desk_literal,
                    sql.Literal(desk_clock),
                    sql.Literal(skew_s),
                    sql.Literal(len(batch)),
                ),
                sql.SQL("SELECT ({}), (SELECT count(*) FROM applied)").format(conflicts_now),
            ]
        )
        cursor.execute(script)  # a simple query: one round trip, a result per statement
        before = cursor.fetchone()
        while cursor.nextset():
            pass
        after = cursor.fetchone()
        assert before is not None and after is not None
    return DeliveryResult(
        server_at=server_at,
        skew_s=skew_s,
        new_conflicts=int(after[0]) - int(before[0]),
        applied_records=int(after[1]),
    )


def conflict_count(conn: psycopg.Connection[Any], desk_id: str) -> int:
    row = conn.execute("SELECT count(*) FROM conflicts WHERE desk_id = %s", (desk_id,)).fetchone()
    return int(row[0]) if row else 0
