"""Making exported text cells safe: formula injection, control characters, Excel's size limit.

OWASP ASVS 5.0.1 (1.2.10, "CSV and formula injection"): a text cell whose first character is
``=``, ``+``, ``-``, ``@``, tab or carriage return is prefixed with a single quote so that
Excel, LibreOffice and Google Sheets show it as text instead of evaluating it.
"""

from __future__ import annotations

import re

FORMULA_TRIGGERS = frozenset("=+-@\t\r")
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
    if value[0] in FORMULA_TRIGGERS:
        value = "'" + value
    if len(value) > MAX_CELL_CHARS:
        value = value[: MAX_CELL_CHARS - len(TRUNCATION_MARK)] + TRUNCATION_MARK
    return value
