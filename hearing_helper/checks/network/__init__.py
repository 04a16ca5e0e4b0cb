"""Network path checks to the hearing platform (filled in by the network feature).

Public API: ``NetworkCheck`` (id "network") and ``TEXTS`` (code -> English text, context
"checks") for the UI's remedy mapping.
"""

from __future__ import annotations

TEXTS: dict[str, str] = {}
