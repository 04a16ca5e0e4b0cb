"""Supervisor reports window: filters, KPI figures, charts with drill-down, exports.

Entry points for the main window: :func:`open_reports` and
:func:`hearing_helper.ui.reports.supervisor.require_supervisor`.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from hearing_helper.services import AppServices

if TYPE_CHECKING:  # the window is imported when it is first opened
    from hearing_helper.ui.reports.view import ReportsWindow

# The open reports window of each session, raised instead of opened twice. Kept here, not in
# AppServices: the services are built complete at start and name no Qt class.
_open_windows: weakref.WeakKeyDictionary[AppServices, ReportsWindow] = weakref.WeakKeyDictionary()


def open_reports_window(services: AppServices) -> ReportsWindow | None:
    """The session's reports window while it is open (a window rebuilt for a language switch
    deletes its reports window with it)."""
    window = _open_windows.get(services)
    if window is None or not shiboken6.isValid(window):
        return None
    return window


def open_reports(parent: QWidget | None, services: AppServices) -> ReportsWindow | None:
    """Open (or raise) the reports window once a supervisor has entered the password; returns
    it, or None when the password was not given.

    The reports need the password (README, design notes): their drill-down lists individual
    assists -- case number, masked name, outcome, reason -- which together identify a litigant,
    and the per-clerk figures are staff data; neither is for whoever sits at the desk."""
    from hearing_helper.ui.reports import supervisor
    from hearing_helper.ui.reports.view import ReportsWindow

    existing = open_reports_window(services)
    if existing is not None and existing.isVisible():
        existing.raise_()
        existing.activateWindow()
        return existing
    purpose = QCoreApplication.translate("reports", "open the reports")
    if not supervisor.require_supervisor(parent, services, purpose):
        return None
    window = ReportsWindow(services, parent)
    window.unlocked = True
    _open_windows[services] = window
    window.destroyed.connect(lambda *_args: _forget(services, window))
    window.show()
    return window


def _forget(services: AppServices, window: ReportsWindow) -> None:
    if _open_windows.get(services) is window:
        del _open_windows[services]
