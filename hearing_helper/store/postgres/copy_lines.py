"""CSV lines out of ``COPY (SELECT line ...) TO STDOUT`` (text format), as the file wants them.

COPY's text format ends each row with LF and writes a backslash, and the control characters a
CSV line can hold (a line break inside a quoted cell, a tab), as backslash escapes: an unescaped
LF is always a row's end. Blocks of whole rows are turned into the file's CRLF lines; a row that
is the marker (store/csv_sql.py) is replaced by the caller's Python line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from hearing_helper.store.csv_sql import MARKER

_ESCAPE = re.compile(rb"\\([\\bfnrtv])")
_UNESCAPED = {b"\\": b"\\", b"b": b"\b", b"f": b"\f", b"n": b"\n", b"r": b"\r", b"t": b"\t"}
_UNESCAPED[b"v"] = b"\v"
_MARKER = MARKER.encode()
MIN_BLOCK = 256 * 1024  # bytes handed on at once (progress and cancel points)


def _unescape(row: bytes) -> bytes:
    return _ESCAPE.sub(lambda match: _UNESCAPED[match.group(1)], row) if b"\\" in row else row


def _lines(rows: bytes, python_line: Callable[[], str]) -> bytes:
    """Whole COPY rows (each ending in LF) as CSV lines ending in CRLF."""
    if b"\\" not in rows and _MARKER not in rows:
        return rows.replace(b"\n", b"\r\n")  # the usual block: nothing to undo or fill in
    out = []
    for row in rows[:-1].split(b"\n"):
        out.append(python_line().encode() if row == _MARKER else _unescape(row))
    out.append(b"")
    return b"\r\n".join(out)


def copied_lines(
    blocks: Iterable[bytes | bytearray | memoryview], python_line: Callable[[], str]
) -> Iterator[tuple[bytes, int]]:
    """(CSV bytes, rows in them) for COPY's output ``blocks``, which may cut rows anywhere."""
    pending = bytearray()
    for block in blocks:
        pending += block
        if len(pending) < MIN_BLOCK:
            continue
        cut = pending.rfind(b"\n") + 1
        if cut:
            rows = bytes(pending[:cut])
            del pending[:cut]
            yield _lines(rows, python_line), rows.count(b"\n")
    if pending:
        rows = bytes(pending)
        if not rows.endswith(b"\n"):
            raise ValueError("COPY output ended inside a row")
        yield _lines(rows, python_line), rows.count(b"\n")
