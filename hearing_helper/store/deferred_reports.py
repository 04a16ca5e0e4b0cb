"""A report source made on first use.

Opening the desk's database at start needs the repository, not the reports: the SQLite report
source's module pulls in the report, drill-down, visit-figure and CSV SQL (~30 modules'
worth of import time before the window could show; issue 23). The window gets this stand-in,
which imports and builds the real source the first time a report or export asks for it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, cast

from hearing_helper.store.report_source import ReportSource


class DeferredReportSource:
    """Forwards every attribute to the source ``make()`` returns, made once, on first use
    (from any thread)."""

    def __init__(self, make: Callable[[], ReportSource]) -> None:
        self._make: Callable[[], ReportSource] | None = make
        self._made: ReportSource | None = None
        self._lock = threading.Lock()

    def made(self) -> ReportSource:
        with self._lock:
            if self._made is None:
                assert self._make is not None, "made after close"
                self._made = self._make()
            return self._made

    def __getattr__(self, name: str) -> Any:
        return getattr(self.made(), name)

    def close(self) -> None:
        """Close the real source if one was made (and has a close); making none now."""
        with self._lock:
            made, self._made, self._make = self._made, None, None
        closer = getattr(made, "close", None)
        if closer is not None:
            closer()


def deferred_reports(make: Callable[[], ReportSource]) -> ReportSource:
    """``make``'s report source, made the first time it is used."""
    return cast(ReportSource, DeferredReportSource(make))
