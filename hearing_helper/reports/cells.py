"""Making exported text cells safe: formula injection, control characters, Excel's size limit.

OWASP ASVS 5.0.1 (1.2.10, "CSV and formula injection"): a text cell whose first character is
``=``, ``+``, ``-``, ``@``, tab or carriage return is prefixed with a single quote so that
Excel, LibreOffice and Google Sheets show it as text instead of evaluating it -- also when the
trigger hides behind leading whitespace, a line feed, a BOM or a zero-width character, or comes
in a full-width, small, superscript or subscript form (＝ ＋ ﹣ ⁺ ₌ ...), which some readers fold or
skip (issue 18).
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import datetime

FORMULA_TRIGGERS = frozenset("=+-@\t\r")
# Characters a reader may skip or fold before it looks for a formula (issue 18): whitespace
# (line feed, no-break and ideographic spaces included), a byte-order mark, zero-width
# characters, and every character NFKC folds to = + - @ or to text starting with one: the
# full-width, small, superscript and subscript forms, the Hebrew alternative plus, and ⩵ ⩶
# ("==", "==="); tests/test_trust_cells.py recomputes them from Unicode. A cell whose first
# such-skipped character, folded, starts with a trigger gets the quote too.
_SKIPPED = "\ufeff\u200b\u200c\u200d\u2060"
NFKC_TRIGGERS = "＝＋－＠﹦﹢﹣﹫⁺⁼₊₌﬩⩵⩶"
SUSPECT_FIRST = frozenset(FORMULA_TRIGGERS | set(_SKIPPED) | set(NFKC_TRIGGERS) | {"−"})
# Excel refuses more than 32,767 characters in a cell; we cut there, with a visible mark.
MAX_CELL_CHARS = 32_767
TRUNCATION_MARK = "…"
# C0 control characters other than tab, LF and CR: invalid in XLSX's XML and unsafe in CSV
# (NUL truncates strings in many readers). Removed.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def safe_text(value: str) -> str:
    """``value`` made inert for a spreadsheet cell (see the module docstring)."""
    if not value:
        return value
    if _CONTROL.search(value):
        value = _CONTROL.sub("", value)
        if not value:
            return value
    if value[0] in FORMULA_TRIGGERS or _hidden_trigger(value):
        value = "'" + value
    if len(value) > MAX_CELL_CHARS:
        value = value[: MAX_CELL_CHARS - len(TRUNCATION_MARK)] + TRUNCATION_MARK
    return value


def _hidden_trigger(value: str) -> bool:
    """Whether a trigger follows leading whitespace or invisible characters, or comes as a
    full-width or small form (＝, ﹦, －, ...)."""
    start = 0
    while start < len(value) and (value[start].isspace() or value[start] in _SKIPPED):
        start += 1
    if start >= len(value):
        return False
    first = value[start]
    return first in FORMULA_TRIGGERS or unicodedata.normalize("NFKC", first)[:1] in FORMULA_TRIGGERS


def _as_text(value: object) -> str:
    return safe_text(value if isinstance(value, str) else str(value))


def export_cell(kind: str, value: object) -> object:
    """The one gate every export cell passes: ``value`` checked against its column ``kind``
    ('text', 'int', 'number', 'datetime'). A value of the right type passes as it is (a text
    neutralised); anything else -- a formula edited into a date or number column, say -- is
    written as neutralised text, so no writer ever receives a value it would crash on or a
    spreadsheet would evaluate. None stays None (an empty cell)."""
    if value is None:
        return None
    if type(value) is int and kind != "text":  # the usual number cell, fast
        return value
    if kind == "text":
        return _as_text(value)
    if kind == "datetime":
        return value if isinstance(value, datetime) else _as_text(value)
    if isinstance(value, bool):
        return _as_text(value)
    if kind == "int" and isinstance(value, int):
        return value
    if kind == "number" and isinstance(value, int | float) and math.isfinite(value):
        return value
    return _as_text(value)
