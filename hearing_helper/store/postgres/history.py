"""The history search on PostgreSQL: the same matches and order as the SQLite adapter's."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import psycopg

from hearing_helper.store.repository import AssistSummary, HistoryQuery

SUMMARY_COLUMNS = (
    "id, version, status, case_number, litigant_name, role, platform_id, clerk_name, desk, "
    "started_at, ended_at, duration_s, outcome, satisfaction, kind, prep_outcome"
)
_NAMES = [name.strip() for name in SUMMARY_COLUMNS.split(",")]


def where(query: HistoryQuery) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    text = query.text.strip()
    if text:
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern += "%"
        # ILIKE under the "C" collation folds ASCII letters only, as SQLite's LIKE does.
        clauses.append("(case_number ILIKE %s ESCAPE '\\' OR litigant_name ILIKE %s ESCAPE '\\')")
        params += [pattern, pattern]
    if query.date_from:
        clauses.append("started_at >= %s")
        params.append(query.date_from.isoformat())
    if query.date_to:
        clauses.append("started_at < %s")
        params.append((query.date_to + timedelta(days=1)).isoformat())
    if query.outcome:
        clauses.append("outcome = %s")
        params.append(query.outcome)
    if query.status:
        clauses.append("status = %s")
        params.append(query.status)
    if query.kind:
        clauses.append("kind = %s")
        params.append(query.kind)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def search(db: psycopg.Connection[Any], query: HistoryQuery) -> list[AssistSummary]:
    clause, params = where(query)
    column = query.sort_by if query.sort_by in HistoryQuery.SORT_COLUMNS else "started_at"
    # SQLite sorts NULL first ascending and last descending; say so, PostgreSQL differs.
    direction = "DESC NULLS LAST" if query.descending else "ASC NULLS FIRST"
    sql = (
        f"SELECT {SUMMARY_COLUMNS} FROM assists{clause} "
        f"ORDER BY {column} {direction}, id LIMIT %s OFFSET %s"
    )
    found = db.execute(sql, [*params, query.limit, query.offset]).fetchall()
    return [AssistSummary(**dict(zip(_NAMES, row, strict=True))) for row in found]


def count(db: psycopg.Connection[Any], query: HistoryQuery) -> int:
    clause, params = where(query)
    row = db.execute(f"SELECT count(*) FROM assists{clause}", params).fetchone()
    return int(row[0]) if row else 0
