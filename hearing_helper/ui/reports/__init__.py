"""Supervisor reports window: filters, KPI figures, charts with drill-down, exports.

Entry points for the main window: :func:`open_reports` and
:func:`hearing_helper.ui.reports.supervisor.require_supervisor`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget


def open_reports(parent: QWidget | None, services: Any) -> QWidget:
    """Open (or raise) the reports window; returns it."""
    from hearing_helper.ui.reports.view import ReportsWindow

    existing = services.reports_window
    if isinstance(existing, ReportsWindow) and existing.isVisible():
        existing.raise_()
        existing.activateWindow()
        return existing
    window = ReportsWindow(services, parent)
    services.reports_window = window
    window.show()
    return window
