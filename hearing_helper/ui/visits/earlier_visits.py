"""Intake's view of a returning litigant: the earlier visits with this case number or phone
(date, kind, outcome, failed checks, way to join; name and phone masked as in history), and
carrying their contact details over with a link to the earlier visit.

On a desk joined to a court the visits come from every desk of the court (masked by the court's
server, each with its desk's name; issue 21), and from this desk's own file when the court
cannot be reached, which the panel says. Only this desk's own visits can be carried over (the
court's are masked). The look-up runs in the background, a short pause after typing; the court
is asked with a timeout (store/postgres/court_desk.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hearing_helper.checks.remedies import title as check_title
from hearing_helper.domain.masking import mask_name, mask_phone
from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.returning import EarlierVisit, carry_over, lookup_keys
from hearing_helper.store import StoreError
from hearing_helper.store.court_channel import (
    SCOPE_COURT,
    CourtChannel,
    CourtLimitError,
    EarlierVisitsFound,
    find_earlier_visits,
)
from hearing_helper.store.repository import AssistRepository
from hearing_helper.ui.background import Task, start_task
from hearing_helper.ui.labels import translate
from hearing_helper.ui.visits.texts import join_mode_label, kind_label, visit_outcome_label
from hearing_helper.ui.widgets.table_columns import elide_long_lines

log = logging.getLogger(__name__)
LOOKUP_DELAY_MS = 400
PANEL_STYLE = "QWidget#earlierVisits { background: #fff8e1; border: 1px solid #e0c070; }"
WARNING_MARK = "\u26a0 "  # not colour alone
CourtFactory = Callable[[], CourtChannel | None]


def _no_court() -> CourtChannel | None:
    return None


def visit_line(visit: EarlierVisit) -> str:
    """One earlier visit in one line, personal data masked."""
    parts = [
        visit.started_at.astimezone().strftime("%Y-%m-%d"),
        kind_label(visit.kind),
        visit_outcome_label(visit) or "\u2014",
    ]
    if visit.failed_checks:
        failed = "\u3001".join(translate("checks", check_title(c)) for c in visit.failed_checks)
        parts.append(translate("visits", "Failed: %1").replace("%1", failed))
    if visit.join_mode:
        parts.append(join_mode_label(visit.join_mode))
    if visit.masked:  # the court's server masked them
        parts.append(f"{visit.litigant_name} {visit.phone}".strip())
    else:
        parts.append(f"{mask_name(visit.litigant_name)} {mask_phone(visit.phone)}".strip())
    if visit.desk_name or visit.desk_id:
        where = visit.desk_name or visit.desk_id[:8]
        parts.append(translate("EarlierVisitsPanel", "at %1").replace("%1", where))
    return " \u00b7 ".join(part for part in parts if part)


class EarlierVisitsPanel(QWidget):
    """Hidden until a look-up finds earlier visits. ``carried`` fires after a carry-over with
    the names of the intake fields it filled in."""

    carried = Signal(list)

    def __init__(
        self,
        repo: AssistRepository,
        court: CourtFactory = _no_court,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.repo = repo
        self.court = court  # this desk's view of the court, or None (called in the worker)
        self.record: AssistRecord | None = None
        self.visits: list[EarlierVisit] = []
        self.found: EarlierVisitsFound | None = None
        # The hearing time the intake proposed (not typed): a carry-over replaces it.
        self.proposed_hearing_at: Callable[[AssistRecord], datetime | None] = lambda _r: None
        self._keys: tuple[str, str] = ("", "")
        self._task: Task | None = None
        self.setObjectName("earlierVisits")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(PANEL_STYLE)
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Earlier visits"))
        self.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 8)
        elide_long_lines(self.list)  # a long line elided, whole in its tooltip
        self.carry_button = QPushButton(self.tr("Use e&xisting details and link"))
        self.carry_button.clicked.connect(self.carry_over_selected)
        self.link_label = QLabel()
        self.source_label = QLabel()  # where the visits come from when not the whole court
        self.source_label.setWordWrap(True)
        self.list.currentRowChanged.connect(lambda _row: self._enable_carry())
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.carry_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self.source_label)
        layout.addWidget(self.list)
        layout.addWidget(self.link_label)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(LOOKUP_DELAY_MS)
        self._timer.timeout.connect(self._look_up)
        self.hide()

    def load(self, record: AssistRecord) -> None:
        self.record = record
        self._keys = ("", "")
        self.visits = []
        self.schedule_look_up()

    def schedule_look_up(self) -> None:
        self._timer.start()

    def _look_up(self) -> None:
        record = self.record
        if record is None:
            return
        keys = lookup_keys(record.intake.case_number, record.intake.phone)
        if keys == self._keys:
            return
        self._keys = keys
        if not any(keys):
            self._show([])
            return
        own_id = record.id
        repo, make_court = self.repo, self.court

        def find(_task: Task) -> EarlierVisitsFound:
            try:
                court = make_court()
            except StoreError as exc:  # a central URL that cannot be used
                own = [v for v in repo.earlier_visits(*keys) if v.record_id != own_id]
                return EarlierVisitsFound(scope="desk", court_error=str(exc), visits=own)
            return find_earlier_visits(repo, court, *keys, exclude_id=own_id)

        task = Task(find, expected_errors=(StoreError,))
        task.signals.finished.connect(self._on_found)
        task.signals.failed.connect(lambda message: log.warning("Earlier visits: %s", message))
        self._task = start_task(task)

    def _on_found(self, found: EarlierVisitsFound) -> None:
        if (
            self.record is None
            or lookup_keys(self.record.intake.case_number, self.record.intake.phone) != self._keys
        ):
            return  # typed on meanwhile: a newer look-up is coming
        self.found = found
        self._show(found.visits)

    def _show(self, visits: list[EarlierVisit]) -> None:
        if not visits and not any(self._keys):
            self.found = None
        self.visits = visits
        self.list.clear()
        for visit in visits:
            item = QListWidgetItem(visit_line(visit))
            item.setData(Qt.ItemDataRole.UserRole, visit.record_id)
            self.list.addItem(item)
        if visits:
            self.list.setCurrentRow(0)
        found = self.found
        if found is not None and found.scope == SCOPE_COURT:
            title = self.tr("Seen before at this court: %1 earlier visit(s) with this case number "
                            "or phone")  # fmt: skip
        else:
            title = self.tr("Seen before: %1 earlier visit(s) with this case number or phone")
        self.title.setText(title.replace("%1", str(len(visits))))
        cut_off = found is not None and bool(found.court_error)
        why = self.tr(
            "The court's central database cannot be reached: only this desk's own visits are shown."
        )
        if found is not None and CourtLimitError.MARK in found.court_error:
            why = self.tr(
                "This desk has looked up as many litigants as the court allows in an hour: only "
                "this desk's own visits are shown until the hour is over."
            )
        self.source_label.setText(WARNING_MARK + why if cut_off else "")
        self.source_label.setVisible(cut_off)
        self.list.setVisible(bool(visits))
        self._enable_carry()
        self._show_link()
        linked = bool(self.record and self.record.previous_record_id)
        self.setVisible(bool(visits) or linked or cut_off)

    def _enable_carry(self) -> None:
        """Only this desk's own visits can be carried over: the court's come masked."""
        item = self.list.currentItem()
        visit = next(
            (v for v in self.visits if item and v.record_id == item.data(Qt.ItemDataRole.UserRole)),
            None,
        )
        self.carry_button.setEnabled(visit is not None and not visit.masked)

    def _show_link(self) -> None:
        record = self.record
        linked = record.previous_record_id if record else ""
        earlier = next((v for v in self.visits if v.record_id == linked), None)
        if not linked:
            self.link_label.clear()
        elif earlier is not None:
            self.link_label.setText(
                self.tr("Linked to the visit of %1.").replace(
                    "%1", earlier.started_at.astimezone().strftime("%Y-%m-%d")
                )
            )
        else:
            self.link_label.setText(self.tr("Linked to an earlier visit."))

    def carry_over_selected(self) -> None:
        item = self.list.currentItem()
        if item is None or self.record is None:
            return
        record_id = item.data(Qt.ItemDataRole.UserRole)
        repo = self.repo
        task = Task(lambda _task: repo.get(record_id), expected_errors=(StoreError,))
        task.signals.finished.connect(self._carry_from)
        task.signals.failed.connect(lambda message: log.warning("Carry-over: %s", message))
        self._task = start_task(task)

    def _carry_from(self, earlier: AssistRecord) -> None:
        if self.record is None:
            return
        filled = carry_over(earlier, self.record, self.proposed_hearing_at(self.record))
        self._show_link()
        self.carried.emit(filled)
