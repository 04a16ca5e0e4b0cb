"""Supervisor reports window: filters, KPI figures, charts with drill-down, exports.

Entry points for the main window: :func:`open_reports` and
:func:`hearing_helper.ui.reports.supervisor.require_supervisor`.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget


def open_reports(parent: QWidget | None, services: Any) -> QWidget | None:
    """Open (or raise) the reports window once a supervisor has entered the password; returns
    it, or None when the password was not given.

    The reports need the password (README, design notes): their drill-down lists individual
    assists -- case number, masked name, outcome, reason -- which together identify a litigant,
    and the per-clerk figures are staff data; neither is for whoever sits at the desk."""
    from hearing_helper.ui.reports import supervisor
    from hearing_helper.ui.reports.view import ReportsWindow

    existing = services.reports_window
    # A window rebuilt for a language switch deletes its reports window with it.
    if isinstance(existing, ReportsWindow) and shiboken6.isValid(existing) and existing.isVisible():
        existing.raise_()
        existing.activateWindow()
        return existing
    purpose = QCoreApplication.translate("reports", "open the reports")
    if not supervisor.require_supervisor(parent, services, purpose):
        return None
    window = ReportsWindow(services, parent)
    window.unlocked = True
    services.reports_window = window
    window.destroyed.connect(lambda *_args: _forget(services, window))
    window.show()
    return window


def _forget(services: Any, window: object) -> None:
    if services.reports_window is window:
        services.reports_window = None
