"""The SQLite query behind a report's damaged cells (reports/damage.py): one pass over the
period's finished records, flagging each cell that breaks its column's rule."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from hearing_helper.domain.damage import CELL_RULES, CellRule, cell_code
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.store.sqlite.report_sql import where


def _quoted(code: str) -> str:
    return "'" + code.replace("'", "''") + "'"


def _damaged(rule: CellRule) -> str:
    """A condition true when ``a.<column>`` breaks ``rule``."""
    col = f"a.{rule.column}"
    missing = f"{col} IS NULL" if rule.required else "0"
    if rule.kind == "int":
        bad = (
            f"(typeof({col}) NOT IN ('integer', 'null') OR {col} < {rule.low} "
            f"OR {col} > {rule.high})"
        )
    elif rule.kind == "timestamp":
        # julianday() normalises what it can read (2026-02-30 becomes 2026-03-02) and gives
        # NULL for what it cannot: either way the text differs from a real date and time.
        head = f"substr({col}, 1, 19)"
        bad = (
            f"({col} IS NOT NULL AND (typeof({col}) != 'text' OR length({col}) < 19 "
            f"OR strftime('%Y-%m-%dT%H:%M:%S', julianday({head})) IS NOT {head}))"
        )
    elif rule.kind == "date":
        bad = (
            f"({col} IS NOT NULL AND (typeof({col}) != 'text' "
            f"OR strftime('%Y-%m-%d', julianday({col})) IS NOT {col}))"
        )
    else:
        codes = ", ".join(_quoted(code) for code in rule.codes)
        bad = f"({col} IS NOT NULL AND (typeof({col}) != 'text' OR {col} NOT IN ({codes})))"
    return f"({missing} OR {bad})"


def _select(head: str, clause: str, source: str = "assists a") -> str:
    flags = ", ".join(f"{_damaged(rule)}, a.{rule.column}" for rule in CELL_RULES)
    any_damage = " OR ".join(_damaged(rule) for rule in CELL_RULES)
    return f"SELECT {head}, a.id, {flags} FROM {source}{clause} AND ({any_damage})"


def damaged(filters: ReportFilters) -> tuple[str, list[Any]]:
    """Rows (day, id, then a 0/1 flag and the raw value per rule) of the period's finished
    records with at least one damaged cell, live (a report with dimension filters). The period
    is the text range every report uses, so a damaged start that sorts inside it is found."""
    clause, params = where(filters, hour_key=True)
    return _select("substr(a.started_at, 1, 10)", clause), params


# The same for the per-day cache (sqlite/day_cache.py): days in [first, end).
DAMAGED_IN_DAYS = _select(
    "substr(a.started_at, 1, 10)",
    " WHERE a.status = 'finished' AND substr(a.started_at, 1, 13) >= ? "
    "AND substr(a.started_at, 1, 13) < ?",
)


# The same for the records of one write (sqlite/day_facts_sql.py, temp.report_ids).
DAMAGED_OF_IDS = _select(
    "substr(a.started_at, 1, 10)",
    " WHERE a.status = 'finished'",
    "temp.report_ids w CROSS JOIN assists a ON a.id = w.id",
)


def damaged_cells(rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[str, str]]:
    """(day, cell code) per damaged cell of query rows; the code (``id\tcolumn\tvalue``) is
    what the day cache counts and reports/damage.py turns back into a DamagedCell."""
    for row in rows:
        day, record_id = str(row[0]), str(row[1])
        for index, rule in enumerate(CELL_RULES):
            if row[2 + 2 * index]:
                yield day, cell_code(record_id, rule.column, row[3 + 2 * index])
