"""The Reports window's scope: this desk's records, or the court's from the central database.

The court's report source is opened in a worker on first use (it connects to the server). A
failure is reported by the task like any other; the window then says so and returns to this
desk's records, so a partial total is never shown as the court's.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from hearing_helper.services import AppServices
from hearing_helper.store.backend import Store
from hearing_helper.store.report_source import ClosableReportSource, ReportSource

DESK, COURT = "desk", "court"


class ScopeCombo(QComboBox):
    """'This desk' / 'The court (all desks)'; hidden on a desk not joined to a court."""

    scope_changed = Signal(str)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.addItem(QCoreApplication.translate("sync", "This desk"), DESK)
        self.addItem(QCoreApplication.translate("sync", "The court (all desks)"), COURT)
        self.setAccessibleName(QCoreApplication.translate("sync", "Scope"))
        self.setVisible(bool(services.central_url()))
        self.currentIndexChanged.connect(lambda _i: self.scope_changed.emit(self.current()))
        self._court: ClosableReportSource | None = None
        self._lock = threading.Lock()

    def current(self) -> str:
        return str(self.currentData())

    def fall_back_to_desk(self) -> None:
        self.setCurrentIndex(0)

    def reports_for(self, scope: str) -> ReportSource:
        """The report source of ``scope``; call it in a worker (the court's connects)."""
        if scope != COURT:
            return self.services.reports
        with self._lock:
            if self._court is None:
                self._court = self.services.open_court_reports()
            return self._court

    def store_for(self, scope: str) -> Store:
        """Rows from ``scope``; exports are audited on this desk (and reach the court through
        the outbox)."""
        if scope != COURT:
            return self.services.store
        return Store(repository=self.services.repo, reports=self.reports_for(scope))

    def close_sources(self) -> None:
        with self._lock:
            court, self._court = self._court, None
        if court is not None:
            court.close()
