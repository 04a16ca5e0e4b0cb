"""The SQLite side of verify-log's record checks (store/content_check.py): stored versions'
content hashes, and finished records whose records-table row disagrees with their newest
stored version. Read through a separate read-only connection, streamed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from hearing_helper.domain.record import AssistRecord
from hearing_helper.store.shared_rows import ASSIST_COLUMNS, assist_values
from hearing_helper.store.sqlite.connection import connect_readonly, translated

# Written per save, not part of a finished record's content.
_NOT_COMPARED = frozenset({"updated_at", "payload"})


def iter_version_hashes(path: Path) -> Iterator[tuple[str, int, str]]:
    """(record id, version, SHA-256 hex of the stored payload) of every stored version."""
    conn = connect_readonly(path)
    try:
        with translated(path):
            cursor = conn.execute(
                "SELECT assist_id, version, payload FROM record_versions "
                "ORDER BY assist_id, version"
            )
            for record_id, version, payload in cursor:
                text = payload if isinstance(payload, str) else str(payload)
                digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
                yield str(record_id), int(version), digest
    finally:
        conn.close()


def iter_row_disagreements(path: Path, counter: list[int]) -> Iterator[tuple[str, int, list[str]]]:
    """(record id, newest version, differing columns) of every finished record whose row is
    not what its newest stored version makes; ``counter[0]`` counts the rows checked."""
    columns = ", ".join(f"a.{name}" for name in ASSIST_COLUMNS)
    conn = connect_readonly(path)
    try:
        with translated(path):
            cursor = conn.execute(
                f"SELECT {columns}, v.version, v.payload FROM assists a "
                "LEFT JOIN record_versions v ON v.assist_id = a.id AND v.version = "
                "(SELECT max(version) FROM record_versions WHERE assist_id = a.id) "
                "WHERE a.status = 'finished' ORDER BY a.id"
            )
            for row in cursor:
                counter[0] += 1
                stored, version, payload = row[: len(ASSIST_COLUMNS)], row[-2], row[-1]
                differing = _differing_columns(stored, payload)
                if differing:
                    yield str(stored[0]), int(version or 0), differing
    finally:
        conn.close()


def _differing_columns(stored: tuple[object, ...], payload: str | None) -> list[str]:
    if payload is None:
        return ["(no stored version)"]
    try:
        record = AssistRecord.from_dict(json.loads(payload))
        expected = assist_values(record, payload)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return ["(stored version unreadable)"]
    return [
        name
        for name, have, want in zip(ASSIST_COLUMNS, stored, expected, strict=False)
        if name not in _NOT_COMPARED and have != want
    ]
