"""The supervisor's reports window: filters, KPI figures, charts with drill-down, exports."""

from __future__ import annotations

import logging
import time
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.reports.aggregate import Report, report_for
from hearing_helper.reports.drill import Drill
from hearing_helper.reports.labels import (
    CONTEXT,
    WEEKDAY_LABELS,
)
from hearing_helper.reports.report_text import kpi_rows
from hearing_helper.services import AppServices
from hearing_helper.store.errors import StoreError
from hearing_helper.ui.background import Task, start_task
from hearing_helper.ui.pdf.summary import failure_items, funnel_items
from hearing_helper.ui.reports.drilldown import DrillDownDialog
from hearing_helper.ui.reports.export_flow import ExportController
from hearing_helper.ui.reports.filter_bar import FilterBar
from hearing_helper.ui.reports.kpi import KpiTile, load_filter_options
from hearing_helper.ui.reports.supervisor import change_password, require_supervisor
from hearing_helper.ui.reports.text import platform_names, tr_reports
from hearing_helper.ui.sync.court_scope import ScopeCombo
from hearing_helper.ui.visits.report_panel import VisitFiguresPanel
from hearing_helper.ui.widgets.charts import HBarChart, HeatmapChart, VBarChart
from hearing_helper.ui.widgets.fit import fit_to_screen

log = logging.getLogger(__name__)


class ReportsWindow(QDialog):
    """Non-modal window; every database read runs in its own thread pool."""

    report_shown = Signal(object)  # the Report now on screen (tests and screenshots wait on it)

    def __init__(
        self, services: AppServices, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.closed = False  # closed: late results of abandoned tasks are dropped
        self.report: Report | None = None
        self.unlocked = False  # a supervisor entered the password in this window
        self._tasks: set[Task] = set()
        self._generation = 0
        self._options_period: tuple[str, ...] | None = None
        self.setWindowTitle(self.tr("Reports"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        fit_to_screen(self, 1180, 860)

        self.filter_bar = FilterBar(today or date.today(), self)
        self.filter_bar.changed.connect(self.refresh)
        # This desk or the whole court (central database); hidden on a desk working alone.
        self.scope = ScopeCombo(services, self)
        self.scope.scope_changed.connect(lambda _scope: self.refresh())
        self.scope_note = QLabel("", self)  # why the court's figures are not shown
        self.scope_note.setWordWrap(True)
        self.scope_note.hide()  # empty, it left a blank band above the filters
        self.status = QLabel("", self)
        self.status.setAccessibleName(self.tr("Report status"))

        self.tiles = {key: KpiTile(text, self) for key, text in self._kpi_captions().items()}
        tiles = QGridLayout()
        for index, tile in enumerate(self.tiles.values()):
            tiles.addWidget(tile, 0, index)

        self.granularity = QComboBox(self)
        self.granularity.setAccessibleName(self.tr("Group by"))
        for text, value in (
            (self.tr("Per day"), "day"),
            (self.tr("Per week"), "week"),
            (self.tr("Per month"), "month"),
        ):
            self.granularity.addItem(text, value)
        self.granularity.currentIndexChanged.connect(self._show_time_series)
        self.time_chart = VBarChart(self.tr("Assisted on hearing day"), self)
        self.pareto_chart = HBarChart(
            self.tr("What went wrong most (count · cumulative share)"), self
        )
        self.funnel_chart = HBarChart(self.tr("Steps: reached and failed"), self)
        self.load_chart = HeatmapChart(self.tr("Busy hours (weekday × hour)"), self)
        self.time_chart.activated.connect(self._drill_period)
        self.pareto_chart.activated.connect(self._drill_reason)
        self.funnel_chart.activated.connect(self._drill_step)
        self.load_chart.activated.connect(self._drill_load)

        hint = QLabel(self.tr("Click a bar or a cell to see the records behind it."), self)
        charts = QGridLayout()
        time_box = QVBoxLayout()
        time_head = QHBoxLayout()
        time_head.addWidget(hint)
        time_head.addStretch(1)
        time_head.addWidget(QLabel(self.tr("Group by:"), self))
        time_head.addWidget(self.granularity)
        time_box.addLayout(time_head)
        time_box.addWidget(self.time_chart, 1)
        charts.addLayout(time_box, 0, 0)
        charts.addWidget(self.pareto_chart, 0, 1)
        charts.addWidget(self.funnel_chart, 1, 0)
        charts.addWidget(self.load_chart, 1, 1)
        for chart in (self.time_chart, self.pareto_chart, self.funnel_chart, self.load_chart):
            chart.setMinimumHeight(280)

        self.exports = ExportController(self)
        buttons = QHBoxLayout()
        self.export_buttons: dict[str, QPushButton] = {}
        for fmt, text in (
            ("csv", self.tr("Export &CSV…")),
            ("xlsx", self.tr("Export &Excel…")),
            ("pdf", self.tr("Monthly summary &PDF…")),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _=False, f=fmt: self.exports.start(f))
            buttons.addWidget(button)
            self.export_buttons[fmt] = button
        buttons.addStretch(1)
        self.password_button = QPushButton(self.tr("Change supervisor pass&word…"), self)
        self.password_button.clicked.connect(lambda: change_password(self, self.services))
        buttons.addWidget(self.password_button)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.close)
        buttons.addWidget(close)

        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.scope)
        scope_row.addWidget(self.scope_note, 1)
        body_layout.addLayout(scope_row)
        body_layout.addWidget(self.filter_bar)
        body_layout.addLayout(tiles)
        body_layout.addLayout(charts, 1)
        self.visits_panel = VisitFiguresPanel(self)
        self.visits_panel.drill_requested.connect(self.open_drill)
        body_layout.addWidget(self.visits_panel)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.refresh()

    def _kpi_captions(self) -> dict[str, str]:
        rows = kpi_rows(Report(filters=ReportFilters(date.today(), date.today())), tr_reports)
        keys = (
            "assisted",
            "joined",
            "joined_rate",
            "preparation",
            "median",
            "p90",
            "satisfaction",
            "responses",
        )
        return {key: caption for key, (caption, _) in zip(keys, rows, strict=True)}

    # --- background work -------------------------------------------------------------------

    def run_task(self, task: Task) -> Task:
        self._tasks.add(task)
        for signal in (task.signals.finished, task.signals.failed, task.signals.cancelled):
            signal.connect(lambda *_args, t=task: self._tasks.discard(t))
        return start_task(task, pool="reports", owner=self)

    def refresh(self) -> None:
        filters = self.filter_bar.filters()
        if filters is None:
            self.status.setText(self.tr("The end date is before the start date."))
            return
        self._generation += 1
        generation = self._generation
        self.status.setText(self.tr("Counting…"))
        started = time.perf_counter()
        scope = self.scope.current()
        if scope == "court":
            self.scope_note.setText("")
            self.scope_note.hide()
        period = (filters.start_key, filters.end_key, scope)
        want_options = period != self._options_period
        names = platform_names(self.services) if want_options else {}

        def work(_task: Task) -> tuple[Report, dict[str, Any] | None]:
            source = self.scope.reports_for(scope)
            report = report_for(source, filters)
            options = None
            if want_options:
                options = load_filter_options(source, filters, names)
            return report, options

        task = Task(work, expected_errors=(StoreError,))
        task.signals.finished.connect(
            lambda result: self._show(generation, result, time.perf_counter() - started, period)
        )
        task.signals.failed.connect(lambda message: self._report_failed(generation, message, scope))
        self.run_task(task)

    def _report_failed(self, generation: int, message: str, scope: str = "desk") -> None:
        if generation != self._generation or self.closed:
            return
        if scope == "court":
            # Never a partial or stale total under the court's name: back to this desk's.
            self.scope_note.setText(
                self.tr(
                    "The court's figures are not available (%1). This desk's are shown."
                ).replace("%1", message)
            )
            self.scope_note.show()
            self.scope.fall_back_to_desk()
            return
        self.status.setText(self.tr("The report failed: %1").replace("%1", message))

    def _show(
        self,
        generation: int,
        result: tuple[Report, Any],
        seconds: float,
        period: tuple[str, ...],
    ) -> None:
        if generation != self._generation or self.closed:
            return  # an older request (a newer one is on its way), or the window was closed
        report, options = result
        if options is not None:
            self._options_period = period
            for key, values in options.items():
                self.filter_bar.set_options(key, values)
        self.report = report
        for tile, (_caption, value) in zip(
            self.tiles.values(), kpi_rows(report, tr_reports), strict=True
        ):
            tile.set_value(value)
        self._show_time_series()
        self.visits_panel.show_figures(report.visits)
        self.pareto_chart.set_items(failure_items(report, tr_reports, limit=12))
        self.funnel_chart.set_items(funnel_items(report, tr_reports))
        weekdays = [tr_reports(CONTEXT, text) for text in WEEKDAY_LABELS]
        self.load_chart.set_data(
            report.load, weekdays, [f"{h:02d}" for h in range(24)], visible_cols=(6, 21)
        )
        self.status.setText(
            self.tr("%1 records, counted in %2 s.")
            .replace("%1", f"{report.visit_count:,}")
            .replace("%2", f"{seconds:.2f}")
        )
        self.report_shown.emit(report)

    def _series(self) -> list[Any]:
        if self.report is None:
            return []
        kind = self.granularity.currentData()
        return {
            "day": self.report.by_day,
            "week": self.report.by_week,
            "month": self.report.by_month,
        }[kind]

    def _show_time_series(self) -> None:
        series = self._series()
        kind = self.granularity.currentData()
        labels = [p.period[5:] if kind == "day" else p.period for p in series]
        tips = [
            self.tr("%1: %2 assisted on hearing day, %3 joined; %4 preparation visits")
            .replace("%1", p.period)
            .replace("%2", str(p.assisted))
            .replace("%3", str(p.joined))
            .replace("%4", str(p.preparation))
            for p in series
        ]
        self.time_chart.set_data(
            labels,
            [p.assisted for p in series],
            overlay=[p.joined for p in series],
            legend=[self.tr("Assisted"), self.tr("Joined")],
            tips=tips,
        )

    # --- drill-down ------------------------------------------------------------------------

    def open_drill(self, drill: Drill, title: str) -> DrillDownDialog | None:
        if self.report is None:
            return None
        dialog = DrillDownDialog(self, self.report.filters, drill, title)
        dialog.show()
        return dialog

    def _drill_period(self, index: int) -> None:
        series = self._series()
        if 0 <= index < len(series):
            self.open_drill(Drill("period", (series[index].period,)), series[index].period)

    def _drill_reason(self, index: int) -> None:
        if self.report and 0 <= index < len(self.report.failure_reasons):
            reason = self.report.failure_reasons[index]
            title = failure_items(self.report, tr_reports, limit=index + 1)[index].label
            self.open_drill(Drill("reason", (reason.kind, reason.code)), title)

    def _drill_step(self, index: int) -> None:
        if self.report and 0 <= index < len(self.report.funnel):
            step = self.report.funnel[index]
            title = funnel_items(self.report, tr_reports)[index].label
            self.open_drill(Drill("step", (step.step, "failed")), title)

    def _drill_load(self, index: int) -> None:
        weekday, hour = divmod(index, 24)
        title = f"{tr_reports(CONTEXT, WEEKDAY_LABELS[weekday])} {hour:02d}:00"
        self.open_drill(Drill("load", (weekday, hour)), title)

    # --- supervisor ------------------------------------------------------------------------

    def unlock(self, purpose: str) -> bool:
        """Ask for the supervisor password once per window."""
        if not self.unlocked:
            self.unlocked = require_supervisor(self, self.services, purpose)
        return self.unlocked

    def showEvent(self, event: QShowEvent) -> None:
        if self.closed:  # shown again after a close: count afresh
            self.closed = False
            self.refresh()
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._shut_down()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        # Esc and the Close button end here without a closeEvent: shut down the same way.
        self._shut_down()
        super().done(result)

    def _shut_down(self) -> None:
        """Close at once: running work is cancelled (an export stops at its next batch and
        leaves no file) or abandoned (a report ends in the background, its result dropped);
        the GUI thread never waits for it. Its drill-down windows close with it."""
        self.closed = True
        self._generation += 1
        for task in list(self._tasks):
            task.cancel()
        for drill in self.findChildren(DrillDownDialog):
            drill.close()
        self.scope.close_sources()  # idle connections to the central database
