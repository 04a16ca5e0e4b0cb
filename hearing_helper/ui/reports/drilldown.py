"""The records behind a clicked bar or cell: a read-only table, masked unless unlocked."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from hearing_helper.domain.local_time import local_text
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.reports.drill import Drill, DrillRow, drill_rows
from hearing_helper.reports.labels import OUTCOME_LABELS, REASON_LABELS, label
from hearing_helper.ui.background import Task
from hearing_helper.ui.reports.supervisor import ui_actor
from hearing_helper.ui.reports.text import platform_names, tr_reports
from hearing_helper.ui.store_calls import calls_for
from hearing_helper.ui.widgets.fit import fit_to_screen
from hearing_helper.ui.widgets.table_columns import FittedColumns


class DrillDownDialog(QDialog):
    loaded = Signal(int)  # total number of matching records

    def __init__(self, window: Any, filters: ReportFilters, drill: Drill, title: str) -> None:
        super().__init__(window)
        self.window_ = window
        self.platform_names = platform_names(window.services)
        self.filters = filters
        self.drill = drill
        self.total = 0
        self.rows: list[DrillRow] = []
        self.setWindowTitle(self.tr("Records: %1").replace("%1", title))
        fit_to_screen(self, 980, 560)
        self.summary = QLabel(self.tr("Loading…"), self)
        self.table = QTableWidget(0, 8, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Started"),
                self.tr("Case number"),
                self.tr("Litigant"),
                self.tr("Phone"),
                self.tr("Clerk"),
                self.tr("Platform"),
                self.tr("Outcome"),
                self.tr("Minutes"),
            ]
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        # Every column within the dialog: platform, outcome and clerk give way first (elided,
        # whole in their tooltips), then case number and name; never the time or phone.
        widest = {0: lambda: [local_text("2026-12-28T20:58:00+08:00")]}
        self.columns = FittedColumns(self.table, ((5, 6, 4), (1, 2)), widest)
        self.table.horizontalHeader().setResizeContentsPrecision(0)  # the rows on screen
        self.table.verticalHeader().setVisible(False)
        self.unmask_button = QPushButton(self.tr("&Show full names and phone numbers…"), self)
        self.unmask_button.clicked.connect(self._unmask)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unmask_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.load()

    def load(self) -> None:
        scope_box = self.window_.scope
        scope = scope_box.current()
        unmask = bool(self.window_.unlocked)
        self.unmask_button.setVisible(not unmask)
        filters, drill = self.filters, self.drill

        def work(_task: Task) -> tuple[int, list[DrillRow]]:
            return drill_rows(scope_box.reports_for(scope), filters, drill, unmask=unmask)

        task = Task(work)
        task.signals.finished.connect(self._show)
        task.signals.failed.connect(self.summary.setText)
        self.window_.run_task(task)

    def _show(self, result: tuple[int, list[DrillRow]]) -> None:
        self.total, self.rows = result
        if self.total > len(self.rows):
            text = self.tr("%1 records; the first %2 are shown.")
            text = text.replace("%1", f"{self.total:,}").replace("%2", f"{len(self.rows):,}")
        else:
            text = self.tr("%1 records.").replace("%1", f"{self.total:,}")
        self.summary.setText(text)
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            outcome = label(OUTCOME_LABELS, row.outcome, tr_reports)
            if row.outcome_reason:
                outcome += " – " + label(REASON_LABELS, row.outcome_reason, tr_reports)
            minutes = "" if row.duration_s is None else f"{row.duration_s / 60:.0f}"
            values = [
                local_text(row.started_at),
                row.case_number,
                row.litigant_name,
                row.phone,
                row.clerk_name,
                self.platform_names.get(row.platform_id or "", row.platform_id or ""),
                outcome,
                minutes,
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 7:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(index, column, item)
        self.loaded.emit(self.total)

    def _unmask(self) -> None:
        if self.window_.unlock(self.tr("see litigants' full names and phone numbers")):
            services = self.window_.services
            actor = ui_actor(services)
            details = {
                "filters": self.filters.to_dict(),
                "drill": [self.drill.kind, *self.drill.key],
            }
            # Audited first, shown after (off the GUI thread when the database is a server).
            calls_for(services).run(
                lambda repo: repo.append_audit(actor, "report.personal_data_shown", details),
                lambda _entry: self.load(),
                self._not_audited,
                owner=self,
            )

    def _not_audited(self, exc: Exception) -> None:
        QMessageBox.warning(self, self.tr("Not shown"), str(exc))
