"""The history search, the same matches and order on both storage adapters (one builder, the
adapter's :class:`~hearing_helper.store.shared_dialect.Dialect` as its parameter)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from hearing_helper.store.repository import AssistSummary, HistoryQuery
from hearing_helper.store.shared_dialect import Dialect

SUMMARY_COLUMNS = (
    "id",
    "version",
    "status",
    "case_number",
    "litigant_name",
    "role",
    "platform_id",
    "clerk_name",
    "desk",
    "started_at",
    "ended_at",
    "duration_s",
    "outcome",
    "satisfaction",
    "kind",
    "prep_outcome",
)


def where(query: HistoryQuery, dialect: Dialect) -> tuple[str, list[Any]]:
    """The WHERE clause (or "") over ``assists`` for ``query``, and its parameters."""
    mark = dialect.mark
    clauses: list[str] = []
    params: list[Any] = []
    text = query.text.strip()
    if text:
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        clauses.append(
            f"(case_number {dialect.like} {mark} ESCAPE '\\' "
            f"OR litigant_name {dialect.like} {mark} ESCAPE '\\')"
        )
        params += [pattern, pattern]
    if query.date_from:
        clauses.append(f"started_at >= {mark}")
        params.append(query.date_from.isoformat())
    if query.date_to:
        clauses.append(f"started_at < {mark}")
        params.append((query.date_to + timedelta(days=1)).isoformat())
    for column, value in (
        ("outcome", query.outcome),
        ("status", query.status),
        ("kind", query.kind),
    ):
        if value:
            clauses.append(f"{column} = {mark}")
            params.append(value)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def search_sql(query: HistoryQuery, dialect: Dialect) -> tuple[str, list[Any]]:
    """One page of the history, sorted as asked (then by id), and its parameters."""
    clause, params = where(query, dialect)
    column = query.sort_by if query.sort_by in HistoryQuery.SORT_COLUMNS else "started_at"
    direction = dialect.descending if query.descending else dialect.ascending
    sql = (
        f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM assists{clause} "
        f"ORDER BY {column} {direction}, id LIMIT {dialect.mark} OFFSET {dialect.mark}"
    )
    return sql, [*params, query.limit, query.offset]


def count_sql(query: HistoryQuery, dialect: Dialect) -> tuple[str, list[Any]]:
    clause, params = where(query, dialect)
    return f"SELECT count(*) FROM assists{clause}", params


def summary(row: Any) -> AssistSummary:
    """A row of :func:`search_sql` as the history list's summary."""
    return AssistSummary(**dict(zip(SUMMARY_COLUMNS, tuple(row), strict=True)))
