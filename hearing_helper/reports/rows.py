"""The rows of the assistance-log export: columns, masking, labels and safe text.

Rows are streamed from the store's report source, so memory stays flat however many records the
period holds. Every writer (CSV, XLSX) gets the same, already safe, typed values.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from hearing_helper.domain.masking import mask_free_text, mask_personal
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP
from hearing_helper.reports.cells import (
    MAX_CELL_CHARS,
    SUSPECT_FIRST,
    export_cell,
    safe_text,
)
from hearing_helper.reports.labels import (
    CONTEXT,
    DEVICE_LABELS,
    LABELS_CONTEXT,
    OUTCOME_LABELS,
    REASON_LABELS,
    ROLE_LABELS,
    Translate,
    english,
)
from hearing_helper.store.report_source import EXPORT_FIELDS, ReportSource
from hearing_helper.visits.causes import causes
from hearing_helper.visits.labels import CONTEXT as VISITS_CONTEXT
from hearing_helper.visits.labels import (
    FOLLOW_UP_RESULT_LABELS,
    JOIN_MODE_LABELS,
    PREPARATION_OUTCOME_LABELS,
    RATING_SOURCE_LABELS,
    VISIT_KIND_LABELS,
)


@dataclass(frozen=True)
class Column:
    field: str  # one of the report source's EXPORT_FIELDS
    title: str  # English source, context "reports"
    kind: str  # 'text', 'int', 'number', 'datetime'
    labels: dict[str, str] | None = None  # code -> English label (context "labels")
    personal: str = ""  # 'name' or 'phone': masked unless the export is unmasked
    # Typed by the clerk as free text: phone- and ID-like runs in it are masked unless the
    # export is unmasked (domain/masking.py, mask_free_text). Declare it on every new column
    # whose text is typed rather than chosen.
    free_text: bool = False
    platform: bool = False  # a platform id, shown by its catalog name when one is known
    width: int = 14  # XLSX column width (characters)
    labels_context: str = LABELS_CONTEXT  # translation context of ``labels``
    # Labels translated by a function of their own (codes whose texts have several contexts).
    labels_for: Callable[[Translate], dict[str, str]] | None = None


def cause_labels(translate: Translate) -> dict[str, str]:
    """Failure cause code -> its text, each in the translation context of the module that owns
    the code (checks, catalog or visits)."""
    return {found.code: translate(found.context, found.text) for found in causes()}


COLUMNS: tuple[Column, ...] = (
    Column("id", QT_TRANSLATE_NOOP("reports", "Record ID"), "text", width=38),
    Column(
        "case_number",
        QT_TRANSLATE_NOOP("reports", "Case number"),
        "text",
        width=26,
        free_text=True,
    ),
    Column("court", QT_TRANSLATE_NOOP("reports", "Court"), "text", width=24, free_text=True),
    Column("desk", QT_TRANSLATE_NOOP("reports", "Desk"), "text", free_text=True),
    Column("staff_id", QT_TRANSLATE_NOOP("reports", "Staff ID"), "text", width=10),
    Column("clerk_name", QT_TRANSLATE_NOOP("reports", "Clerk"), "text", width=10, free_text=True),
    Column("litigant_name", QT_TRANSLATE_NOOP("reports", "Litigant"), "text", personal="name"),
    Column("phone", QT_TRANSLATE_NOOP("reports", "Phone"), "text", personal="phone"),
    Column("role", QT_TRANSLATE_NOOP("reports", "Role"), "text", ROLE_LABELS, width=10),
    Column(
        "platform_id", QT_TRANSLATE_NOOP("reports", "Platform"), "text", width=20, platform=True
    ),
    Column("device", QT_TRANSLATE_NOOP("reports", "Device"), "text", DEVICE_LABELS),
    Column("hearing_at", QT_TRANSLATE_NOOP("reports", "Hearing time"), "datetime", width=19),
    Column("started_at", QT_TRANSLATE_NOOP("reports", "Started"), "datetime", width=19),
    Column("ended_at", QT_TRANSLATE_NOOP("reports", "Ended"), "datetime", width=19),
    Column(
        "duration_min",
        QT_TRANSLATE_NOOP("reports", "Assistance time (min)"),
        "number",
        width=12,
    ),
    Column("outcome", QT_TRANSLATE_NOOP("reports", "Outcome"), "text", OUTCOME_LABELS),
    Column(
        "outcome_reason",
        QT_TRANSLATE_NOOP("reports", "Reason not joined"),
        "text",
        REASON_LABELS,
        width=20,
    ),
    Column("satisfaction", QT_TRANSLATE_NOOP("reports", "Satisfaction"), "int", width=10),
    Column("version", QT_TRANSLATE_NOOP("reports", "Version"), "int", width=8),
    Column(
        "kind",
        QT_TRANSLATE_NOOP("reports", "Visit"),
        "text",
        VISIT_KIND_LABELS,
        labels_context=VISITS_CONTEXT,
        width=16,
    ),
    Column(
        "prep_outcome",
        QT_TRANSLATE_NOOP("reports", "Preparation outcome"),
        "text",
        PREPARATION_OUTCOME_LABELS,
        labels_context=VISITS_CONTEXT,
        width=18,
    ),
    Column(
        "chosen_mode",
        QT_TRANSLATE_NOOP("reports", "Way to join"),
        "text",
        JOIN_MODE_LABELS,
        labels_context=VISITS_CONTEXT,
        width=18,
    ),
    Column(
        "follow_up_result",
        QT_TRANSLATE_NOOP("reports", "After the hearing"),
        "text",
        FOLLOW_UP_RESULT_LABELS,
        labels_context=VISITS_CONTEXT,
        width=20,
    ),
    Column(
        "rating_source",
        QT_TRANSLATE_NOOP("reports", "Rating given by"),
        "text",
        RATING_SOURCE_LABELS,
        labels_context=VISITS_CONTEXT,
        width=14,
    ),
    Column(
        "failure_cause",
        QT_TRANSLATE_NOOP("reports", "Hearing-day failure cause"),
        "text",
        labels_for=cause_labels,
        width=30,
    ),
    Column(
        "previous_id",
        QT_TRANSLATE_NOOP("reports", "Linked earlier visit (record ID)"),
        "text",
        width=38,
    ),
)


# The report source hands rows in EXPORT_FIELDS order; the columns must follow it.
if tuple(column.field for column in COLUMNS) != EXPORT_FIELDS:
    raise RuntimeError("reports.rows.COLUMNS no longer follow the report source's EXPORT_FIELDS")


def header(translate: Translate = english) -> list[str]:
    return [safe_text(translate(CONTEXT, column.title)) for column in COLUMNS]


_BIG = float("inf")  # finite numbers only: inf fails "< _BIG", NaN fails "value == value"
# A stored time's shape with a real clock time; the day is checked by _real_day (cached: an
# export holds few distinct days), so '2026-02-30T10:00:00' never passes as a time.
_STORED_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d")


@functools.lru_cache(maxsize=4096)
def _real_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def naive_datetime(value: Any) -> datetime | str | None:
    """Local wall time without the offset (spreadsheets have no time zones); a stored value that
    is not a timestamp (edited into the database) comes back as neutralised text."""
    if value is None or value == "":
        return None
    try:
        return datetime.fromisoformat(value).replace(tzinfo=None)
    except (TypeError, ValueError):
        return safe_text(str(value))


def text_datetime(value: Any) -> str | None:
    """'2026-03-04T09:12:33+08:00' -> '2026-03-04 09:12:33' (local wall time, as Excel likes)."""
    if type(value) is str and _STORED_TIMESTAMP.match(value) and _real_day(value[:10]):
        # The usual case, fast.
        return value[:10] + " " + value[11:19]
    parsed = naive_datetime(value)
    if isinstance(parsed, datetime):
        return parsed.isoformat(sep=" ", timespec="seconds")
    return parsed


def _converter(
    column: Column,
    *,
    unmask: bool,
    translate: Translate,
    datetimes: str,
    platform_names: Mapping[str, str],
) -> Callable[[Any], Any] | None:
    if column.kind == "datetime":
        return naive_datetime if datetimes == "datetime" else text_datetime
    if column.kind != "text":
        kind = column.kind
        fine = (int, float) if kind == "number" else (int,)

        def checked(value: Any) -> Any:
            # The usual stored number passes at once; anything else goes through the gate.
            if value is None or (type(value) in fine and value == value and abs(value) < _BIG):
                return value
            return export_cell(kind, value)

        return checked
    if column.labels or column.labels_for or (column.platform and platform_names):
        translated: dict[str, str | None]
        if column.labels_for is not None:
            translated = {
                code: safe_cell(text) for code, text in column.labels_for(translate).items()
            }
        elif column.labels:
            translated = {
                code: translate(column.labels_context, text) for code, text in column.labels.items()
            }
        else:
            translated = {code: safe_cell(name) for code, name in platform_names.items()}

        def labelled(value: Any) -> str | None:
            if value is None:
                return None
            return translated.get(value) or safe_cell(value)

        return labelled
    if column.personal and not unmask:
        personal = column.personal

        def masked(value: Any) -> str | None:
            return safe_cell(mask_personal(personal, str(value))) if value else value

        return masked
    if column.free_text and not unmask:

        def scanned(value: Any) -> str | None:
            return (
                safe_cell(mask_free_text(value if type(value) is str else str(value)))
                if (value is not None)
                else None
            )

        return scanned
    return safe_cell


def safe_cell(value: Any) -> str | None:
    """safe_text() for a text cell, sparing its regular expression for the usual plain cell: one
    that is printable, within the limit and starts with no trigger is left alone by it too. A
    value that is not text (edited into the database) becomes neutralised text."""
    if type(value) is not str:
        return None if value is None else safe_text(str(value))
    if not value or (
        value[0] not in SUSPECT_FIRST
        and not value[0].isspace()
        and value.isprintable()
        and len(value) <= MAX_CELL_CHARS
    ):
        return value
    return safe_text(value)


def row_converter(
    *,
    unmask: bool = False,
    translate: Translate = english,
    datetimes: str = "text",
    platform_names: Mapping[str, str] | None = None,
    columns: Sequence[Column] | None = None,
) -> Callable[[Any], list[Any]]:
    """A function turning one raw SELECT row into export values (masked, labelled, safe).

    ``platform_names`` maps platform ids to display names (from the catalog); ids without a
    name are exported as they are. ``columns`` are the export's (COLUMNS unless given)."""
    converters = [
        _converter(
            column,
            unmask=unmask,
            translate=translate,
            datetimes=datetimes,
            platform_names=platform_names or {},
        )
        for column in (COLUMNS if columns is None else columns)
    ]
    active = [(index, fn) for index, fn in enumerate(converters) if fn is not None]

    def convert(raw: Any) -> list[Any]:
        row = list(raw)
        for index, function in active:
            row[index] = function(row[index])
        return row

    return convert


def iter_rows(
    source: ReportSource,
    filters: ReportFilters,
    *,
    unmask: bool = False,
    translate: Translate = english,
    datetimes: str = "text",
    platform_names: Mapping[str, str] | None = None,
) -> Iterator[list[Any]]:
    """Export rows in start-time order. ``datetimes``: 'text' (CSV) or 'datetime' (XLSX)."""
    convert = row_converter(
        unmask=unmask, translate=translate, datetimes=datetimes, platform_names=platform_names
    )
    raw_rows = source.export_rows(filters)
    try:
        for raw in raw_rows:
            yield convert(raw)
    finally:
        close = getattr(raw_rows, "close", None)
        if close is not None:
            close()
