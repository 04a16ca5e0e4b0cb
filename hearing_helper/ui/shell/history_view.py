"""The assistance history: search, filter, sort; opens a record's detail view."""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hearing_helper.domain.enums import Outcome, RecordStatus
from hearing_helper.store.errors import StoreError
from hearing_helper.store.repository import AssistRepository, AssistSummary, HistoryQuery
from hearing_helper.ui.background import Task, start_task, wait_for_pool
from hearing_helper.ui.labels import outcome_label, record_status_label
from hearing_helper.ui.shell.history_model import COLUMNS, HistoryModel, widest_values
from hearing_helper.ui.visits.kind_choice import visit_kind_filter
from hearing_helper.ui.widgets.table_columns import FittedColumns

if TYPE_CHECKING:
    from hearing_helper.catalog import CatalogLoad

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 250
PAGE_SIZE = 500


def _as_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class HistoryView(QWidget):
    """Filters on top, results table below (or a clear empty-state text)."""

    open_record = Signal(object)  # AssistSummary
    results_shown = Signal(int)  # number of rows shown

    def __init__(
        self,
        repo: AssistRepository,
        catalog: CatalogLoad | None,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.repo = repo
        self._generation = 0
        self._tasks: dict[int, Task] = {}
        self._sort_by = "started_at"
        self._descending = True
        self._open_when_shown = False  # Enter in the search box before its results came
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh)
        self.model = HistoryModel(catalog, language, self)
        self._build()

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search case number, litigant name or phone"))
        self.search.setAccessibleName(self.tr("Search"))
        self.search.setClearButtonEnabled(True)
        search_label = QLabel(self.tr("&Search:"))
        search_label.setBuddy(self.search)

        self.use_dates = QCheckBox(self.tr("Date fro&m"))
        self.use_dates.setAccessibleName(self.tr("Filter by date"))
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-30))
        self.date_to = QDateEdit(today)
        for editor, name in (
            (self.date_from, self.tr("From date")),
            (self.date_to, self.tr("To date")),
        ):
            editor.setCalendarPopup(True)
            editor.setDisplayFormat("yyyy-MM-dd")
            editor.setEnabled(False)
            editor.setAccessibleName(name)
        to_label = QLabel(self.tr("to"))

        self.outcome = QComboBox()
        self.outcome.addItem(self.tr("All outcomes"), "")
        for outcome in Outcome:
            self.outcome.addItem(outcome_label(outcome), str(outcome))
        self.outcome.setAccessibleName(self.tr("Outcome filter"))
        self.status = QComboBox()
        self.status.addItem(self.tr("Finished and unfinished"), "")
        for status in RecordStatus:
            self.status.addItem(record_status_label(status), str(status))
        self.status.setAccessibleName(self.tr("Status filter"))
        self.kind = visit_kind_filter()

        # Two rows, so the clerk's window can share a 1366-pixel screen with the litigant's.
        filters = QVBoxLayout()
        first_row, second_row = QHBoxLayout(), QHBoxLayout()
        first_row.addWidget(search_label)
        first_row.addWidget(self.search, 2)
        first_row.addSpacing(8)
        first_row.addWidget(self.outcome)
        first_row.addWidget(self.status)
        second_row.addWidget(self.use_dates)
        second_row.addWidget(self.date_from)
        second_row.addWidget(to_label)
        second_row.addWidget(self.date_to)
        second_row.addSpacing(8)
        second_row.addWidget(self.kind)
        second_row.addStretch(1)
        filters.addLayout(first_row)
        filters.addLayout(second_row)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Assistance history"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        # Every column within the window (888 px beside the litigant's), long values elided:
        # platform, clerk and outcome first, then case number and name; never time or duration.
        self.columns = FittedColumns(self.table, ((4, 5, 7), (1, 2)), widest_values(self.model))
        # Size the columns from the rows on screen, not all 500 of a page: measuring every cell
        # took 0.4-1.8 s of the GUI thread at start (and again when the catalog arrived).
        header.setResizeContentsPrecision(0)
        header.sectionClicked.connect(self._on_header_clicked)
        self.table.activated.connect(self._on_activated)
        self.table.doubleClicked.connect(self._on_activated)

        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.results = QStackedWidget()
        self.results.addWidget(self.table)
        self.results.addWidget(self.empty_label)
        # Until the first query answers (the window paints before it is sent) the history says
        # it is being read, not that there is nothing.
        self.summary = QLabel(self.tr("Searching\u2026"))
        self.summary.setAccessibleName(self.tr("Result count"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.summary)

        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self.open_from_search)
        self.use_dates.toggled.connect(self._on_dates_toggled)
        self.date_from.dateChanged.connect(lambda _d: self._debounce.start())
        self.date_to.dateChanged.connect(lambda _d: self._debounce.start())
        self.outcome.currentIndexChanged.connect(lambda _i: self.refresh())
        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh())

    # --- querying ----------------------------------------------------------------------------

    def query(self) -> HistoryQuery:
        use_dates = self.use_dates.isChecked()
        date_from = _as_date(self.date_from.date()) if use_dates else None
        date_to = _as_date(self.date_to.date()) if use_dates else None
        return HistoryQuery(
            text=self.search.text().strip(),
            date_from=date_from,
            date_to=date_to,
            outcome=self.outcome.currentData() or None,
            status=self.status.currentData() or None,
            kind=self.kind.currentData() or None,
            sort_by=self._sort_by,
            descending=self._descending,
            limit=PAGE_SIZE,
        )

    def refresh(self) -> None:
        """Run the current query in the worker; the newest request wins."""
        self._debounce.stop()
        self._generation += 1
        generation, repo, query = self._generation, self.repo, self.query()

        def search(_task: Task) -> tuple[list[AssistSummary], int]:
            return repo.search(query), repo.count(query)

        task = Task(search, expected_errors=(StoreError,))
        task.signals.finished.connect(lambda found: self._on_done(generation, *found))
        task.signals.failed.connect(lambda message: self._on_failed(generation, message))
        self._tasks[generation] = task
        self.summary.setText(self.tr("Searching\u2026"))
        start_task(task, pool="search", owner=self)  # one thread: the newest query waits least

    def _on_done(self, generation: int, rows: list[AssistSummary], total: int) -> None:
        self._tasks.pop(generation, None)
        if generation != self._generation:
            return
        self.model.set_rows(rows)
        if rows:
            self.results.setCurrentWidget(self.table)
            if total > len(rows):
                text = self.tr("Showing the first %1 of %2 records; narrow the search to see more.")
                self.summary.setText(text.replace("%1", str(len(rows))).replace("%2", str(total)))
            else:
                self.summary.setText(self.tr("Records: %1").replace("%1", str(total)))
        else:
            filtered = self.query() != HistoryQuery(
                sort_by=self._sort_by, descending=self._descending, limit=PAGE_SIZE
            )
            self.empty_label.setText(
                self.tr("Nothing matches this search. Try fewer words or another date range.")
                if filtered
                else self.tr(
                    "No assistance records yet.\nPress \u201cNew assistance\u201d to help the"
                    " first litigant."
                )
            )
            self.results.setCurrentWidget(self.empty_label)
            self.summary.setText("")
        self.results_shown.emit(len(rows))
        if self._open_when_shown:
            self._open_when_shown = False
            self._open_selected_or_first()

    def open_from_search(self) -> None:
        """Enter in the search box: open the selected record (the first when none is), once
        the results for what was typed are in."""
        if self._debounce.isActive() or self._tasks:
            self._open_when_shown = True
            if self._debounce.isActive():
                self.refresh()
            return
        self._open_selected_or_first()

    def _open_selected_or_first(self) -> None:
        if not self.model.rows:
            return
        current = self.table.currentIndex()
        row = current.row() if current.isValid() else 0
        self.table.selectRow(row)
        self.open_record.emit(self.model.rows[row])

    def _on_failed(self, generation: int, message: str) -> None:
        self._tasks.pop(generation, None)
        if generation == self._generation:
            self._open_when_shown = False
            self.summary.setText(self.tr("The search failed: %1").replace("%1", message))
            self.results_shown.emit(-1)

    def _on_dates_toggled(self, checked: bool) -> None:
        self.date_from.setEnabled(checked)
        self.date_to.setEnabled(checked)
        self.refresh()

    def _on_header_clicked(self, section: int) -> None:
        column = COLUMNS[section][1]
        if not column:
            header = self.table.horizontalHeader()
            current = COLUMNS.index(next(c for c in COLUMNS if c[1] == self._sort_by))
            header.setSortIndicator(
                current,
                Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder,
            )
            return
        self.sort_by(column, not self._descending if column == self._sort_by else False)

    def sort_by(self, column: str, descending: bool) -> None:
        self._sort_by, self._descending = column, descending
        section = next(i for i, c in enumerate(COLUMNS) if c[1] == column)
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(section, order)
        self.refresh()

    def cell_tooltip(self, index: QModelIndex) -> str:
        """The whole value of a cell shown elided (its tooltip), "" when it fits."""
        return self.columns.delegate.tooltip(self.table, index)

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_record.emit(self.model.rows[index.row()])

    def wait_idle(self, msecs: int = 5000) -> bool:
        """Wait for running searches (used on shutdown)."""
        return wait_for_pool("search", msecs)
