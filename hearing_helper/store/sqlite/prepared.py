"""Records made ready to import: their stored payload and every row they become, as plain
values (issue 23).

Turning a record into its payload and rows is pure work on the record alone, about half of what
an import of generated records costs in Python. Doing it here, apart from the writing, lets a
bulk import run it wherever it likes (demo-data runs it in the process that generates the
records, beside the one that writes them) while the rows written stay the ones the one row
mapper (store/shared_rows.py) makes. The values pickle cheaply: strings, numbers and tuples.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, NamedTuple

from hearing_helper.domain.record import AssistRecord
from hearing_helper.store import lifecycle
from hearing_helper.store.shared_rows import (
    ASSIST_COLUMNS,
    check_values,
    problem_values,
    step_values,
    version_values,
)
from hearing_helper.store.sqlite import rows

Row = tuple[Any, ...]
_STARTED_AT = ASSIST_COLUMNS.index("started_at")


class PreparedRecord(NamedTuple):
    """One finished record as an import writes it."""

    id: str
    version: int
    payload: str
    assist: Row
    steps: list[Row]
    problems: list[Row]
    checks: list[Row]
    version_row: Row

    @property
    def day(self) -> str:
        """The local day it started (YYYY-MM-DD), as the per-day report cache keys it."""
        return str(self.assist[_STARTED_AT])[:10]

    def record(self) -> AssistRecord:
        """The record again, from its payload (to compare it with a stored copy)."""
        return AssistRecord.from_dict(json.loads(self.payload))


def prepare(record: AssistRecord, actor: str) -> PreparedRecord:
    payload = lifecycle.payload_json(record)
    return PreparedRecord(
        record.id,
        record.version,
        payload,
        rows.assist_row(record, payload),
        step_values(record),
        problem_values(record),
        check_values(record),
        version_values(record, actor, "", payload),
    )


def prepare_batch(batch: Iterable[AssistRecord], actor: str) -> list[PreparedRecord]:
    return [prepare(record, actor) for record in batch]


def unique_in_batch(batch: list[PreparedRecord]) -> list[PreparedRecord]:
    """:func:`lifecycle.unique_in_batch` on prepared records: each id once (its first copy);
    RecordConflictError when one id comes with different content (write time aside)."""
    unique: dict[str, PreparedRecord] = {}
    for item in batch:
        seen = unique.setdefault(item.id, item)
        if seen is not item and seen.payload != item.payload:
            lifecycle.unique_in_batch([seen.record(), item.record()])  # raises on a conflict
    return list(unique.values())
