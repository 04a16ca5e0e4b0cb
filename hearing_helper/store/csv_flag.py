"""The CSV export's per-row flag ``csv_plain``: computed by the database when a row is written.

Checking every cell of every row at export cost about four times the export's own SELECT (type,
shape and label checks, row-wide regular expressions; issue 23). Those checks now run once, when
a row is written, and their answer is stored in the row (migration 011): on PostgreSQL as a
stored generated column, on SQLite as a virtual generated column kept in an index in the
export's order -- so a row written by any program, the app's delivery function or an
administrator's UPDATE alike, carries the flag of what it holds, and the migration computes it
for the rows already there (PostgreSQL's ALTER, SQLite's CREATE INDEX).
The export then only compares the flag (store/csv_sql.py); a row whose flag is 0 or NULL is
written by the Python converter, which is always right.

The checks are generated here, from the plans of a masked and an unmasked export
(reports/csv_export.py, ``csv_plan``), for both databases: per cell, the right type (SQLite keeps
whatever it is given), no NUL or other control character, nothing the csv module quotes, no
first character a formula trigger or one a reader may skip or fold into one, no last character
whitespace, a length within Excel's cell limit; a phone stored as a mobile (masked), no run of
``run_length`` digits, ID letters or joiners in masked free text, a stored timestamp of a real
day and time, an integer, a duration above zero. The migration files hold this module's output,
and tests/test_export_csv_flag.py fails when the rules change and the files do not: a change of
the rules is a new migration that redefines the flag and refills it.
"""

from __future__ import annotations

from collections.abc import Mapping

from hearing_helper.store.csv_sql import (
    FLAG_COLUMN,
    PLAIN_MASKED,
    PLAIN_UNMASKED,
    POSTGRES_CSV,
    QUOTED,
    SQLITE_CSV,
    CsvCell,
    CsvDialect,
    CsvPlan,
)

_LONG_MONTHS = "('01', '03', '05', '07', '08', '10', '12')"


def _real_day(x: str) -> str:
    """Whether a value of the timestamp shape names a real day (year 0001-9999); 29 February
    goes to Python, which knows leap years. Never an error on odd text."""
    month, day = f"substr({x}, 6, 2)", f"substr({x}, 9, 2)"
    return (
        f"(substr({x}, 1, 4) <> '0000' AND {month} BETWEEN '01' AND '12' "
        f"AND {day} BETWEEN '01' AND '31' AND ({day} <= '28' "
        f"OR ({day} <= '30' AND {month} <> '02') OR {month} IN {_LONG_MONTHS}))"
    )


def cell_check(d: CsvDialect, plan: CsvPlan, cell: CsvCell, x: str) -> str:
    """The condition under which the line's field of ``cell`` (csv_sql._field) is what the
    Python converter and csv writer make of ``x``."""
    if cell.rule == "int":
        return f"({x} IS NULL OR {d.is_int(x)})"
    if cell.rule == "decimal1":
        return d.decimal1_plain(x)
    if cell.rule == "datetime":
        return f"({x} IS NULL OR ({d.is_text(x)} AND {d.timestamp_shape(x)} AND {_real_day(x)}))"
    if cell.rule == "phone":
        return f"({x} IS NULL OR {x} = '' OR ({d.is_text(x)} AND {d.is_mobile(x)}))"
    checks = [
        d.is_text(x),
        d.no_nul(x),
        f"NOT {d.has_any(x, d.controls + QUOTED)}",
        f"NOT {d.starts_with_any(x, plan.first_suspect)}",
        f"NOT {d.ends_with_any(x, plan.whitespace)}",
        f"{d.length(x)} <= {plan.max_chars}",
    ]
    if cell.rule == "free_text":
        checks.append(f"NOT {d.has_run(x, plan.masked_run, plan.run_length)}")
    return f"({x} IS NULL OR ({' AND '.join(checks)}))"


def _all(checks: list[str], d: CsvDialect) -> str:
    return f"coalesce({' AND '.join(checks) or d.true}, {d.false})"


def flag_expression(
    d: CsvDialect, masked: CsvPlan, unmasked: CsvPlan, expressions: Mapping[str, str]
) -> str:
    """The flag of a row over ``expressions`` (export field -> SQL over the row's columns)."""
    both = [
        [cell_check(d, plan, cell, expressions[cell.field]) for cell in plan.cells]
        for plan in (masked, unmasked)
    ]
    common = [check for check in both[0] if check in both[1]]
    masked_only = [check for check in both[0] if check not in common]
    unmasked_only = [check for check in both[1] if check not in common]
    flag = (
        f"CASE WHEN NOT {_all(common, d)} THEN 0 "
        f"WHEN {_all(masked_only + unmasked_only, d)} THEN {PLAIN_MASKED} "
        f"WHEN {_all(unmasked_only, d)} THEN {PLAIN_UNMASKED} ELSE 0 END"
    )
    if "%" in flag:
        raise ValueError("the flag's SQL must not hold a % (psycopg's parameter mark)")
    return flag


def _columns(fields: tuple[str, ...]) -> dict[str, str]:
    """Export field -> the expression over the assists row's own columns (both databases)."""
    return {
        name: "round(duration_s / 60.0, 1)" if name == "duration_min" else name for name in fields
    }


_HEADER = """-- Hearing Helper schema, version 11: the CSV export's per-row flag (issue 23).
-- csv_plain: 2 = every exported cell plain under the masked and the unmasked export's rules,
-- 1 = under the unmasked rules only, 0 = the export writes the row through Python. GENERATED by
-- store/csv_flag.py (tools/csv_flag_migrations.py writes this file; a test compares it).
"""


def sqlite_migration(masked: CsvPlan, unmasked: CsvPlan, fields: tuple[str, ...]) -> str:
    """Migration 011 for SQLite: a virtual generated column, kept in an index in the export's
    order, so its value is computed once when a row is written (statement constants once per
    statement, not per row as in a trigger) and the export reads it, in order, from the index."""
    flag = flag_expression(SQLITE_CSV, masked, unmasked, _columns(fields))
    return (
        f"{_HEADER}ALTER TABLE assists ADD COLUMN {FLAG_COLUMN} INTEGER\n"
        f"    GENERATED ALWAYS AS ({flag}) VIRTUAL;\n"
        f"CREATE INDEX assists_{FLAG_COLUMN} ON assists (started_at, id, {FLAG_COLUMN});\n"
    )


def postgres_migration(masked: CsvPlan, unmasked: CsvPlan, fields: tuple[str, ...]) -> str:
    """Migration 011 for PostgreSQL: a stored generated column (filled by the ALTER itself)."""
    flag = flag_expression(POSTGRES_CSV, masked, unmasked, _columns(fields))
    return (
        f"{_HEADER}ALTER TABLE assists ADD COLUMN {FLAG_COLUMN} integer\n"
        f"    GENERATED ALWAYS AS ({flag}) STORED;\n"
    )
