"""The period and filter controls of the reports window."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.reports.labels import OUTCOME_LABELS, ROLE_LABELS, label
from hearing_helper.ui.reports.text import tr_reports


def month_start(day: date) -> date:
    return day.replace(day=1)


def previous_month(day: date) -> tuple[date, date]:
    last = month_start(day) - timedelta(days=1)
    return last.replace(day=1), last


class FilterBar(QWidget):
    """Emits ``changed`` (debounced) whenever the period or a filter changes."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.changed)

        self.date_from = self._date_edit(self.tr("From date"))
        self.date_to = self._date_edit(self.tr("To date"))
        self.set_period(month_start(today), today)

        quick = QHBoxLayout()
        for text, period in (
            (self.tr("This month"), lambda: (month_start(self._today), self._today)),
            (self.tr("Last month"), lambda: previous_month(self._today)),
            (self.tr("Last 12 months"), lambda: (self._today - timedelta(days=364), self._today)),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _=False, p=period: self.set_period(*p()))
            quick.addWidget(button)
        quick.addStretch(1)

        self.combos: dict[str, QComboBox] = {}
        names = {
            "court": self.tr("Court"),
            "desk": self.tr("Desk"),
            "clerk": self.tr("Clerk"),
            "platform": self.tr("Platform"),
            "role": self.tr("Role"),
            "outcome": self.tr("Outcome"),
        }
        for key, name in names.items():
            combo = QComboBox(self)
            combo.setAccessibleName(name)
            combo.setMinimumContentsLength(8)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.addItem(self.tr("All"), "")
            combo.currentIndexChanged.connect(self._debounce.start)
            self.combos[key] = combo
        for code in ROLE_LABELS:
            self.combos["role"].addItem(label(ROLE_LABELS, code, tr_reports), code)
        for code in OUTCOME_LABELS:
            self.combos["outcome"].addItem(label(OUTCOME_LABELS, code, tr_reports), code)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        from_caption = QLabel(self.tr("&From:"), self)
        from_caption.setBuddy(self.date_from)
        to_caption = QLabel(self.tr("&To:"), self)
        to_caption.setBuddy(self.date_to)
        grid.addWidget(from_caption, 0, 0)
        grid.addWidget(self.date_from, 0, 1)
        grid.addWidget(to_caption, 0, 2)
        grid.addWidget(self.date_to, 0, 3)
        grid.addLayout(quick, 0, 4, 1, 4)
        for index, (key, name) in enumerate(names.items()):
            row, col = 1 + index // 3, (index % 3) * 2
            caption = QLabel(name + self.tr(":"), self)
            caption.setBuddy(self.combos[key])
            grid.addWidget(caption, row, col)
            grid.addWidget(self.combos[key], row, col + 1)
        grid.setColumnStretch(7, 1)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setAccessibleName(name)
        edit.dateChanged.connect(self._debounce.start)
        return edit

    def set_period(self, first: date, last: date) -> None:
        self.date_from.setDate(QDate(first.year, first.month, first.day))
        self.date_to.setDate(QDate(last.year, last.month, last.day))

    def set_options(self, key: str, options: list[tuple[str, str]]) -> None:
        """Replace a combo's choices with (text, value) pairs, keeping the current value."""
        combo = self.combos[key]
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("All"), "")
        for text, value in options:
            combo.addItem(text, value)
        index = combo.findData(current)
        if index < 0 and current:
            combo.addItem(str(current), current)  # keep a filter that has no records now
            index = combo.count() - 1
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def filters(self) -> ReportFilters | None:
        """The chosen filters; None (with the end date marked) when the period is reversed."""
        first, last = self.date_from.date().toPython(), self.date_to.date().toPython()
        assert isinstance(first, date) and isinstance(last, date)  # QDate.toPython's type
        if last < first:
            self.date_to.setStyleSheet("background: #FDE7E4;")
            self.date_to.setToolTip(self.tr("The end date is before the start date."))
            return None
        self.date_to.setStyleSheet("")
        self.date_to.setToolTip("")
        values = {key: combo.currentData() or "" for key, combo in self.combos.items()}
        return ReportFilters(date_from=first, date_to=last, **values)
