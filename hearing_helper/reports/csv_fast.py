"""The CSV export, tuned: the same bytes as ``csv.writer`` over :func:`rows.iter_rows`, faster.

One straight-line function per row masks, labels and formats dates; most free-text cells pass a
quick test (first character not a formula trigger, printable, within Excel's cell limit) without
any further work. Anything else goes through :func:`~hearing_helper.reports.cells.safe_text`.
``tests/test_reports_export.py`` checks the bytes are identical to the reference path for
ordinary and hostile data.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hearing_helper.domain.masking import mask_name, mask_phone
from hearing_helper.reports.cells import FORMULA_TRIGGERS, MAX_CELL_CHARS, safe_text
from hearing_helper.reports.filters import ReportFilters
from hearing_helper.reports.labels import CONTEXT, Translate, english
from hearing_helper.reports.rows import COLUMNS, header

BATCH = 5000


def csv_sql(filters: ReportFilters) -> tuple[str, list[Any]]:
    """The export SELECT with numbers already as text (SQLite prints 20.1 and 5 as Python's
    ``str()`` does), so the csv writer has nothing to convert."""
    fields = [
        f"CAST({column.sql} AS TEXT)" if column.kind in ("int", "number") else column.sql
        for column in COLUMNS
    ]
    where, params = filters.where("a")
    # Unary + keeps SQLite off the status index: walking started_at gives the export order.
    where = where.replace("a.status = 'finished'", "+a.status = 'finished'")
    return f"SELECT {', '.join(fields)} FROM assists a{where} ORDER BY a.started_at, a.id", params


def _row_converter(
    unmask: bool, translate: Translate
) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    """A function turning one fetched row into safe CSV cells (masking, labels, dates).

    Built as straight-line code from COLUMNS (as ``collections.namedtuple`` builds its class):
    per-cell loops cost more than the work they do at a million rows. Each text cell ``v``:
    ``if v and (v[0] in TRIGGERS or len(v) > LIMIT or not v.isprintable()): v = safe_text(v)``
    -- cells passing the quick test are exactly those ``safe_text`` would leave unchanged.
    """
    names = [f"v{index}" for index in range(len(COLUMNS))]
    namespace: dict[str, Any] = {
        "TRIGGERS": FORMULA_TRIGGERS,
        "LIMIT": MAX_CELL_CHARS,
        "safe_text": safe_text,
        "mask_name": mask_name,
        "mask_phone": mask_phone,
    }
    lines = [f"def convert(raw):\n    ({', '.join(names)},) = raw"]
    for index, column in enumerate(COLUMNS):
        cell = names[index]
        if column.kind == "datetime":
            lines.append(f"    if {cell}: {cell} = {cell}[:10] + ' ' + {cell}[11:19]")
            continue
        if column.kind != "text":
            continue
        if column.labels:
            table = f"LABELS{index}"
            namespace[table] = {code: tr for code, tr in _labels(column.labels, translate)}
            lines.append(f"    if {cell} in {table}: {cell} = {table}[{cell}]")
            lines.append(
                f"    elif {cell} and ({_RISKY.format(v=cell)}): {cell} = safe_text({cell})"
            )
            continue
        if column.personal and not unmask:
            lines.append(f"    if {cell}: {cell} = mask_{column.personal}({cell})")
        lines.append(f"    if {cell} and ({_RISKY.format(v=cell)}): {cell} = safe_text({cell})")
    lines.append(f"    return ({', '.join(names)},)")
    exec("\n".join(lines), namespace)  # noqa: S102 - code made above from COLUMNS only
    return namespace["convert"]  # type: ignore[no-any-return]


_RISKY = "{v}[0] in TRIGGERS or len({v}) > LIMIT or not {v}.isprintable()"


def _labels(labels: dict[str, str], translate: Translate) -> list[tuple[str, str]]:
    """(code, translated label) pairs; an empty translation falls back to the code's path."""
    return [(code, text) for code, source in labels.items() if (text := translate(CONTEXT, source))]


def write_csv_fast(
    conn: sqlite3.Connection,
    path: Path,
    filters: ReportFilters,
    tick: Callable[[int], None],
    *,
    unmask: bool = False,
    translate: Translate = english,
) -> int:
    """Write the CSV export (UTF-8 with BOM, RFC 4180, CRLF); return the number of data rows."""
    convert = _row_converter(unmask, translate)
    sql, params = csv_sql(filters)
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        # Rows go to a string buffer and the file gets one write per batch: far fewer calls
        # into the encoding file object than one per row.
        buffer = io.StringIO()
        writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n")
        writer.writerow(header(translate))
        handle.write(buffer.getvalue())
        buffer.seek(0)
        buffer.truncate()
        cursor = conn.execute(sql, params)
        while True:
            batch = cursor.fetchmany(BATCH)
            if not batch:
                break
            rows = [convert(raw) for raw in batch]
            writer.writerows(rows)
            handle.write(buffer.getvalue())
            buffer.seek(0)
            buffer.truncate()
            count += len(rows)
            tick(count)
    return count
