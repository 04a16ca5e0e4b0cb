"""The CSV export: lines built by the database where the rules cannot change a cell, the rest
by the one Python converter and ``csv`` writer (issue 23).

:func:`csv_plan` describes every column's rule, and the label texts, to the store, which turns
the plan into SQL for its dialect (store/csv_sql.py); the rows SQL cannot vouch for come back to
:func:`write_csv_export` as raw rows and are converted by ``row_converter`` and written by
``csv.writer`` -- the code that wrote every row before. The file is the same byte for byte
(tests/test_export_csv_sql.py): UTF-8 with BOM, RFC 4180 quoting, CRLF line ends.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from contextlib import closing
from pathlib import Path
from typing import Any

from hearing_helper.domain.masking import MIN_MASKED_DIGITS
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.reports.cells import MAX_CELL_CHARS, SUSPECT_FIRST
from hearing_helper.reports.labels import Translate, english
from hearing_helper.reports.rows import COLUMNS, Column, header, label_table, row_converter
from hearing_helper.store.csv_flag import postgres_migration, sqlite_migration
from hearing_helper.store.csv_sql import CsvCell, CsvPlan, csv_field
from hearing_helper.store.report_source import EXPORT_FIELDS, ReportSource

Tick = Callable[[int], None]
BOM = "\ufeff".encode()
# The free-text masking's runs (domain/masking.py): ASCII and full-width digits, an ID's final
# X, and the joiners allowed between digits.
MASKED_RUN = "0123456789０１２３４５６７８９xXｘＸ -‐－　"


# Every character NFKC folds to a formula trigger (⁺, ₌, ﹦, ＝ ...): the neutralising rule
# quotes a cell starting with one (reports/cells.py, _hidden_trigger). And every character
# ``str.isspace`` and ``str.strip`` know. Both as this Python's Unicode tables have them; the
# test recomputes them.
FOLDED_TRIGGERS = "\t\r+-=@⁺⁼₊₌﬩﹢﹣﹦﹫＋－＝＠"
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def _rule(column: Column, unmask: bool) -> str:
    if column.kind == "datetime":
        return "datetime"
    if column.kind == "int":
        return "int"
    if column.kind == "number":
        return "decimal1"
    if column.personal and not unmask:
        return column.personal  # 'name' or 'phone'
    if column.free_text and not unmask:
        return "free_text"
    return "text"


def csv_plan(
    *,
    unmask: bool = False,
    translate: Translate = english,
    platform_names: Mapping[str, str] | None = None,
) -> CsvPlan:
    """Every column's rule and label texts, as the store needs them to build the lines."""
    cells = []
    for column in COLUMNS:
        labels = label_table(column, translate, platform_names or {})
        if labels is not None:
            # A code with an empty text is shown as the code itself (rows.py, labelled).
            shown = tuple((code, csv_field(text)) for code, text in labels.items() if text)
            cells.append(CsvCell(column.field, "text", shown))
        else:
            cells.append(CsvCell(column.field, _rule(column, unmask)))
    return CsvPlan(
        cells=tuple(cells),
        first_suspect="".join(sorted(SUSPECT_FIRST | set(FOLDED_TRIGGERS) | set(WHITESPACE))),
        whitespace=WHITESPACE,
        masked_run=MASKED_RUN,
        run_length=MIN_MASKED_DIGITS,
        max_chars=MAX_CELL_CHARS,
        unmask=unmask,
    )


def flag_migrations() -> dict[str, str]:
    """Migration 011's text for each database (store/csv_flag.py): the flag of the rules of
    today's plans. The checks do not depend on labels or translations, only on the rules."""
    masked, unmasked = csv_plan(unmask=False), csv_plan(unmask=True)
    return {
        "sqlite": sqlite_migration(masked, unmasked, EXPORT_FIELDS),
        "postgres": postgres_migration(masked, unmasked, EXPORT_FIELDS),
    }


def write_csv_export(
    path: Path,
    source: ReportSource,
    filters: ReportFilters,
    *,
    tick: Tick,
    unmask: bool = False,
    translate: Translate = english,
    platform_names: Mapping[str, str] | None = None,
) -> int:
    """Write the period's export to ``path``; returns the rows written. ``tick`` is called with
    the rows written so far and may raise to cancel."""
    plan = csv_plan(unmask=unmask, translate=translate, platform_names=platform_names)
    convert = row_converter(unmask=unmask, translate=translate, platform_names=platform_names)
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n")

    def python_line(raw: tuple[Any, ...]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(convert(raw))
        return buffer.getvalue()[:-2]

    writer.writerow(header(translate))
    head = buffer.getvalue()
    count = 0
    with (
        path.open("wb") as handle,
        closing(source.export_csv(filters, plan, python_line)) as blocks,
    ):
        handle.write(BOM + head.encode())
        for block, rows in blocks:
            handle.write(block)
            count += rows
            tick(count)
    tick(count)
    return count
