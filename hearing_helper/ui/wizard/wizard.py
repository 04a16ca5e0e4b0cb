"""The assistance wizard: step navigator, page stack, skip / end early.

The wizard owns the :class:`AssistRecord` being edited. Pages edit it in place and emit
``changed``; saving the draft is :mod:`~hearing_helper.ui.wizard.draft_saving`'s, finishing
:mod:`~hearing_helper.ui.wizard.finish_flow`'s.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hearing_helper.checks.registry import available_ids
from hearing_helper.domain.enums import STEP_ORDER, StepId, StepStatus
from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.step_marks import (
    MARK_SYMBOLS,
    step_mark,
    sync_step_statuses,
)
from hearing_helper.services import AppServices
from hearing_helper.ui.labels import step_mark_text
from hearing_helper.ui.wizard.base import LitigantContent, StepPage
from hearing_helper.ui.wizard.draft_saving import DraftSaving
from hearing_helper.ui.wizard.finish_flow import FinishFlow
from hearing_helper.ui.wizard.wizard_dialogs import EndEarlyDialog, SkipStepDialog

log = logging.getLogger(__name__)


class AssistanceWizard(QWidget):
    """One assisted hearing from intake to finish."""

    record_finished = Signal(object)  # the stored AssistRecord
    closed = Signal()  # the clerk left the wizard; the draft is kept
    step_changed = Signal(object)  # StepId
    litigant_content_changed = Signal()
    saved = Signal()

    def __init__(
        self,
        services: AppServices,
        record: AssistRecord,
        actor: str,
        parent: QWidget | None = None,
        pages: list[StepPage] | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.record = record
        self.actor = actor
        if pages is None:
            from hearing_helper.ui.wizard.pages import make_pages  # the features' pages

            pages = make_pages(services)
        self.pages = pages
        self._index = -1
        self.saving = DraftSaving(self, services)
        self.saving.saved.connect(self.saved)
        self.finish_flow = FinishFlow(self, self.saving)
        self.finish_flow.record_finished.connect(self.record_finished)
        self._build()
        for page in self.pages:
            page.changed.connect(self._on_page_changed)
            page.litigant_content_changed.connect(self._on_page_litigant_changed)
        start = STEP_ORDER.index(record.current_step) if record.current_step in STEP_ORDER else 0
        self.go_to(start)

    # --- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.navigator = QListWidget()
        self.navigator.setAccessibleName(self.tr("Steps"))
        self.navigator.setFixedWidth(self.fontMetrics().horizontalAdvance("M") * 16)
        self.navigator.setSpacing(2)
        for number, page in enumerate(self.pages, start=1):
            item = QListWidgetItem(f"{number}. {page.title()}")
            self.navigator.addItem(item)
        self.navigator.currentRowChanged.connect(self._on_navigator_row)

        self.heading = QLabel()
        heading_font = self.heading.font()
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.5)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.stack = QStackedWidget()
        for page in self.pages:
            scroller = QScrollArea()
            scroller.setWidgetResizable(True)
            scroller.setFrameShape(QFrame.Shape.NoFrame)
            scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes straight to the fields
            scroller.setWidget(page)
            self.stack.addWidget(scroller)

        self.skip_button = QPushButton(self.tr("S&kip step\u2026"))
        self.skip_button.clicked.connect(self.skip_current)
        self.end_button = QPushButton(self.tr("&End early\u2026"))
        self.end_button.clicked.connect(self.end_early)
        self.close_button = QPushButton(self.tr("Save and c&lose"))
        self.close_button.setToolTip(self.tr("Keep this assistance as unfinished and go back"))
        self.close_button.clicked.connect(self.close_wizard)
        self.save_status = QLabel()
        self.save_status.setAccessibleName(self.tr("Save status"))
        self.back_button = QPushButton(self.tr("&Back"))
        self.back_button.clicked.connect(self.go_back)
        self.next_button = QPushButton()
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.go_next)

        buttons = QHBoxLayout()
        for button in (self.skip_button, self.end_button, self.close_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_status)
        buttons.addSpacing(12)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)

        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(self.stack, 1)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.navigator)
        layout.addLayout(right, 1)

        shortcuts: list[tuple[str, Callable[[], object]]] = [
            (f"Alt+{n}", partial(self.go_to, n - 1)) for n in range(1, 6)
        ]
        shortcuts += [
            ("Ctrl+PgDown", self.go_next_without_finishing),
            ("Ctrl+PgUp", self.go_back),
            ("Ctrl+Return", self.go_next),
            ("Ctrl+S", self.save_now),
        ]
        for keys, slot in shortcuts:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # --- navigation --------------------------------------------------------------------------

    @property
    def current_index(self) -> int:
        return self._index

    def current_page(self) -> StepPage:
        return self.pages[self._index]

    def page_for(self, step: StepId) -> StepPage:
        return next(page for page in self.pages if page.step_id == step)

    def go_to(self, index: int) -> None:
        """Show step ``index`` (any step, in any order)."""
        if not 0 <= index < len(self.pages) or index == self._index:
            return
        if self._index >= 0:
            page = self.current_page()
            page.flush()
            page.leave()
        self._index = index
        page = self.current_page()
        step = page.step_id
        self.record.current_step = step
        state = self.record.step(step)
        if state.status is StepStatus.NOT_STARTED:
            state.status = StepStatus.IN_PROGRESS
        page.load(self.record)
        self.stack.setCurrentIndex(index)
        self.heading.setText(page.title())
        self.focus_current_page()
        self._refresh_navigator()
        self._refresh_buttons()
        self.save_now()
        self.step_changed.emit(step)
        self.litigant_content_changed.emit()

    def focus_current_page(self) -> None:
        """Put the keyboard where the clerk works next on this page (typing is never lost)."""
        target = self.current_page().initial_focus()
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def go_next(self) -> None:
        """Next step; on the last step, finish the record."""
        if self._index == len(self.pages) - 1:
            self.finish()
            return
        self._complete_current()
        self.go_to(self._index + 1)

    def go_next_without_finishing(self) -> None:
        if self._index < len(self.pages) - 1:
            self.go_next()

    def go_back(self) -> None:
        self.go_to(self._index - 1)

    def _on_navigator_row(self, row: int) -> None:
        if row != self._index:
            self.go_to(row)

    def _complete_current(self) -> None:
        """Mark the current step done when the clerk moves on, unless the page says otherwise."""
        page = self.current_page()
        page.flush()
        state = self.record.step(page.step_id)
        is_complete = getattr(page, "is_complete", None)  # optional page hook
        if state.status is StepStatus.IN_PROGRESS and (is_complete is None or is_complete()):
            state.status = StepStatus.DONE
        sync_step_statuses(self.record)  # a step whose results failed is not "done"

    def _refresh_navigator(self) -> None:
        self.navigator.blockSignals(True)
        for row, page in enumerate(self.pages):
            mark = step_mark(self.record, page.step_id, available_ids())
            item = self.navigator.item(row)
            item.setText(f"{MARK_SYMBOLS[mark]} {row + 1}. {page.title()}")
            label = self.tr("Step %1: %2, %3").replace("%1", str(row + 1))
            label = label.replace("%2", page.title()).replace("%3", step_mark_text(mark))
            item.setToolTip(label)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, label)
            font = item.font()
            font.setBold(row == self._index)
            item.setFont(font)
        self.navigator.setCurrentRow(self._index)
        self.navigator.blockSignals(False)

    def set_buttons_enabled(self, enabled: bool) -> None:
        """While a finish is on its way to a server: no second Finish, no step change (only
        the buttons: disabling the whole page tree restyles every widget, ~100 ms and more)."""
        for button in (self.skip_button, self.end_button, self.close_button):
            button.setEnabled(enabled)
        self.back_button.setEnabled(enabled and self._index > 0)
        self.next_button.setEnabled(enabled)
        self.navigator.setEnabled(enabled)
        if enabled:
            self._refresh_buttons()

    def _refresh_buttons(self) -> None:
        last = self._index == len(self.pages) - 1
        self.back_button.setEnabled(self._index > 0)
        self.next_button.setText(self.tr("Fi&nish and save") if last else self.tr("&Next"))
        self.skip_button.setEnabled(not last)

    # --- saving ----------------------------------------------------------------------------

    def _on_page_changed(self) -> None:
        self.saving.changed()
        self._refresh_navigator()

    def _on_page_litigant_changed(self) -> None:
        if self.sender() is self.current_page():
            self.litigant_content_changed.emit()

    def has_unsaved_changes(self) -> bool:
        return self.saving.has_unsaved_changes()

    def save_now(self) -> bool:
        """Write the current page into the record and save the draft (draft_saving.py)."""
        return self.saving.save_now()

    def close_wizard(self) -> None:
        """Leave the wizard keeping the draft (it is offered again at the next start).

        A draft in which nothing was entered is discarded instead: it would only clutter the
        history and be offered for recovery as if work had been lost.
        """
        if self._index >= 0:
            self.current_page().leave()
        if not self.discard_if_blank():
            self.save_now()
        self.closed.emit()

    def discard_if_blank(self) -> bool:
        """Discard the draft when the clerk entered nothing; True when discarded."""
        return self.saving.discard_if_blank()

    # --- skip, end early --------------------------------------------------------------------

    def skip_current(self) -> None:
        page = self.current_page()
        dialog = SkipStepDialog(page.title(), self)
        if dialog.exec() != SkipStepDialog.DialogCode.Accepted:
            return
        self.skip_step(page.step_id, dialog.reason_text())

    def skip_step(self, step: StepId, reason: str) -> None:
        """Mark ``step`` skipped with ``reason`` and move to the step after it."""
        page = self.page_for(step)
        if page is self.current_page():
            page.flush()
        state = self.record.step(step)
        state.status = StepStatus.SKIPPED
        state.skip_reason = reason
        self._refresh_navigator()
        self.save_now()
        index = self.pages.index(page)
        if index == self._index and index < len(self.pages) - 1:
            self.go_to(index + 1)

    def end_early(self) -> None:
        dialog = EndEarlyDialog(self)
        if dialog.exec() != EndEarlyDialog.DialogCode.Accepted:
            return
        self.apply_end_early(dialog.chosen_outcome(), dialog.chosen_reason(), dialog.note_text())

    def apply_end_early(self, outcome: object, reason: object, note: str = "") -> None:
        """Set the outcome and jump to Finish; the steps not done stay as they are."""
        self.current_page().flush()
        self.record.outcome = outcome  # type: ignore[assignment]
        self.record.outcome_reason = reason  # type: ignore[assignment]
        finish_state = self.record.step(StepId.FINISH)
        finish_state.data["ended_early_at"] = str(self.record.current_step)
        if note:
            self.record.notes = (self.record.notes + "\n" + note).strip()
        self.save_now()
        self.go_to(self.pages.index(self.page_for(StepId.FINISH)))
        # The finish page was loaded by go_to unless it was already current: reload it.
        self.current_page().load(self.record)

    def finish(self) -> bool:
        """Finish and store the record (finish_flow.py); ``record_finished`` follows."""
        return self.finish_flow.finish()

    def litigant_content(self) -> LitigantContent:
        return self.current_page().litigant_content()

    def record_litigant_rating(self, value: int) -> None:
        """The litigant chose ``value`` on the litigant window (shown only on Finish)."""
        page = self.page_for(StepId.FINISH)
        if self.current_page() is page:
            page.set_litigant_rating(value)  # type: ignore[attr-defined]
