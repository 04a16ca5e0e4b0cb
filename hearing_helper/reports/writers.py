"""Streaming CSV and XLSX writers: rows in, file out, constant memory, no row cap."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import xlsxwriter

from hearing_helper.reports.rows import COLUMNS

Tick = Callable[[int], None]  # called with the rows written so far; may raise to cancel
TICK_EVERY = 5000
# Excel's limit is 1,048,576 rows per sheet; one is the header.
XLSX_ROWS_PER_SHEET = 1_048_575


def write_csv(path: Path, header: list[str], rows: Iterable[list[Any]], tick: Tick) -> int:
    """UTF-8 with BOM (so Excel reads Chinese), RFC 4180 quoting and CRLF line ends."""
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, dialect="excel", lineterminator="\r\n")
        writer.writerow(header)
        write = writer.writerow
        for row in rows:
            write(row)
            count += 1
            if count % TICK_EVERY == 0:
                tick(count)
    tick(count)
    return count


def write_xlsx(
    path: Path,
    header: list[str],
    rows: Iterable[list[Any]],
    tick: Tick,
    *,
    sheet_title: str = "Records",
    rows_per_sheet: int = XLSX_ROWS_PER_SHEET,
) -> int:
    """Typed cells (dates as dates, numbers as numbers), frozen header and autofilter per sheet;
    a new sheet continues past ``rows_per_sheet`` data rows."""
    workbook = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,  # each row goes to disk as it is written
            "strings_to_formulas": False,  # belt and braces: text is never a formula
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    bold = workbook.add_format({"bold": True, "bg_color": "#DDE6F0", "border": 1})
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    last_col = len(COLUMNS) - 1
    count = 0
    sheet = None
    sheet_row = 0
    sheet_number = 0

    def finish_sheet() -> None:
        if sheet is not None:
            sheet.autofilter(0, 0, max(sheet_row - 1, 0), last_col)

    def new_sheet() -> Any:
        nonlocal sheet_number
        sheet_number += 1
        name = sheet_title if sheet_number == 1 else f"{sheet_title} {sheet_number}"
        created = workbook.add_worksheet(name[:31])
        for index, column in enumerate(COLUMNS):
            created.set_column(index, index, column.width)
        created.freeze_panes(1, 0)
        for index, title in enumerate(header):
            created.write_string(0, index, title, bold)
        return created

    try:
        sheet = new_sheet()
        sheet_row = 1
        for row in rows:
            if sheet_row > rows_per_sheet:
                finish_sheet()
                sheet = new_sheet()
                sheet_row = 1
            for index, value in enumerate(row):
                if value is None or value == "":
                    continue
                # By the value's own type: export_cell() (reports/cells.py) has already turned
                # anything that is not what its column promises into neutralised text.
                if isinstance(value, str):
                    sheet.write_string(sheet_row, index, value)
                elif isinstance(value, datetime):
                    sheet.write_datetime(sheet_row, index, value, date_format)
                else:
                    sheet.write_number(sheet_row, index, value)
            sheet_row += 1
            count += 1
            if count % TICK_EVERY == 0:
                tick(count)
        finish_sheet()
    finally:
        workbook.close()
    tick(count)
    return count
