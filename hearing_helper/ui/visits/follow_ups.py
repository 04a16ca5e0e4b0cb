"""The home screen's "待回访" (to follow up) list of prepared hearings whose outcome is still
unknown, the reminder of today's and tomorrow's prepared hearings, and the dialog that records
what happened at a hearing. Database work runs in the background."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from hearing_helper.domain.masking import mask_free_text, mask_name, mask_phone
from hearing_helper.domain.record import now_local
from hearing_helper.domain.validation import FieldError, error
from hearing_helper.domain.visit import (
    FollowUp,
    FollowUpResult,
    FollowUpSource,
    FollowUpState,
    VisitKind,
    follow_up_state,
)
from hearing_helper.store import StoreError
from hearing_helper.store.repository import AssistRepository, PreparedHearing
from hearing_helper.ui.background import Task, start_task
from hearing_helper.ui.labels import choice_combo
from hearing_helper.ui.visits.cause_combo import cause_combo
from hearing_helper.ui.visits.texts import (
    follow_up_result_label,
    follow_up_source_label,
    follow_up_state_label,
    join_mode_label,
)
from hearing_helper.ui.wizard.field_row import FieldRow

log = logging.getLogger(__name__)
OVERDUE_MARK = "\u26a0 "  # not colour alone


def _when(row: PreparedHearing) -> datetime:
    return datetime.fromisoformat(row.hearing_at).astimezone()


def hearing_line(row: PreparedHearing, state: FollowUpState | None = None) -> str:
    parts = [_when(row).strftime("%m-%d %H:%M")]
    if state is not None:
        mark = OVERDUE_MARK if state is FollowUpState.OVERDUE else ""
        parts.append(mark + follow_up_state_label(state))
    person = mask_name(row.litigant_name)
    if state is not None:  # the follow-up list: the phone to call
        person = f"{person} {mask_phone(row.phone)}".strip()
    parts += [mask_free_text(row.case_number), person, join_mode_label(row.chosen_mode) or "\u2014"]
    return " \u00b7 ".join(part for part in parts if part)


class FollowUpsPanel(QWidget):
    """Two lists side by side; ``follow_up_recorded`` after a result is saved."""

    follow_up_recorded = Signal()

    def __init__(self, repo: AssistRepository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self._tasks: list[Task] = []
        self.due: list[PreparedHearing] = []
        self.coming: list[PreparedHearing] = []
        self.due_title = QLabel()
        self.due_list = QListWidget()
        self.due_list.setAccessibleName(self.tr("To follow up"))
        self.due_list.itemActivated.connect(lambda _item: self.record_selected())
        self.record_button = QPushButton(self.tr("Record &result\u2026"))
        self.record_button.clicked.connect(self.record_selected)
        self.coming_title = QLabel()
        self.coming_list = QListWidget()
        self.coming_list.setAccessibleName(self.tr("Prepared hearings today and tomorrow"))
        rows = self.fontMetrics().lineSpacing() * 4 + 8
        for widget in (self.due_list, self.coming_list):
            widget.setMaximumHeight(rows)
        for title in (self.due_title, self.coming_title):
            font = title.font()
            font.setBold(True)
            title.setFont(font)
        due_head = QHBoxLayout()
        due_head.addWidget(self.due_title, 1)
        due_head.addWidget(self.record_button)
        due_box = QVBoxLayout()
        due_box.addLayout(due_head)
        due_box.addWidget(self.due_list)
        coming_box = QVBoxLayout()
        coming_box.addWidget(self.coming_title)
        coming_box.addWidget(self.coming_list)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(due_box, 3)
        layout.addLayout(coming_box, 2)
        self._show_titles()

    def _show_titles(self) -> None:
        self.due_title.setText(self.tr("To follow up (%1)").replace("%1", str(len(self.due))))
        self.coming_title.setText(
            self.tr("Prepared hearings today and tomorrow (%1)").replace(
                "%1", str(len(self.coming))
            )
        )
        self.record_button.setEnabled(bool(self.due))

    def refresh(self) -> None:
        """Look both lists up again, in the background."""
        now = now_local()
        start = now.replace(hour=0, minute=0, second=0)
        repo = self.repo

        def load(_task: Task) -> tuple[list[PreparedHearing], list[PreparedHearing]]:
            return repo.follow_ups(now), repo.prepared_hearings(start, start + timedelta(days=2))

        task = Task(load, expected_errors=(StoreError,))
        task.signals.finished.connect(lambda result: self._show(now, *result))
        task.signals.failed.connect(lambda message: log.warning("Follow-ups: %s", message))
        self._tasks = [start_task(task)]

    def _show(
        self, now: datetime, due: list[PreparedHearing], coming: list[PreparedHearing]
    ) -> None:
        self.due, self.coming = due, coming
        self.due_list.clear()
        for row in due:
            state = follow_up_state(
                kind=VisitKind.PREPARATION,
                finished=True,
                hearing_at=_when(row),
                follow_up=None,
                now=now,
            )
            item = QListWidgetItem(hearing_line(row, state))
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.due_list.addItem(item)
        if due:
            self.due_list.setCurrentRow(0)
        self.coming_list.clear()
        for row in coming:
            self.coming_list.addItem(hearing_line(row))
        self._show_titles()

    def record_selected(self) -> None:
        index = self.due_list.currentRow()
        if not 0 <= index < len(self.due):
            return
        row = self.due[index]
        dialog = FollowUpDialog(row, self)
        dialog.accepted.connect(lambda: self._save(row, dialog.follow_up(), dialog.actor))
        dialog.open()
        self._dialog = dialog

    def _save(self, row: PreparedHearing, follow_up: FollowUp, actor: str) -> None:
        repo = self.repo
        task = Task(
            lambda _task: repo.record_follow_up(row.id, follow_up, actor),
            expected_errors=(StoreError,),
        )
        task.signals.finished.connect(lambda _record: self._saved())
        task.signals.failed.connect(self._failed)
        self._tasks.append(start_task(task))

    def _saved(self) -> None:
        self.follow_up_recorded.emit()
        self.refresh()

    def _failed(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("The follow-up was not saved"), message)


class FollowUpDialog(QDialog):
    """What happened at a prepared litigant's hearing."""

    def __init__(self, row: PreparedHearing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Follow-up after the hearing"))
        self.row = row
        # The clerk at the desk: the main window (an ancestor) knows who that is.
        owner = parent
        while owner is not None and not callable(getattr(owner, "actor", None)):
            owner = owner.parentWidget()
        self.actor = str(owner.actor()) if owner is not None else "unknown"  # type: ignore[attr-defined]
        form = QFormLayout()
        form.addRow(self.tr("Hearing:"), QLabel(hearing_line(row)))
        results = QWidget()
        results_layout = QVBoxLayout(results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.buttons: dict[FollowUpResult, QRadioButton] = {}
        for result in FollowUpResult:
            button = QRadioButton(follow_up_result_label(result))
            self.group.addButton(button)
            self.buttons[result] = button
            results_layout.addWidget(button)
        # Nothing is chosen for the clerk: Enter alone must not record an on-time hearing.
        # Alt+W goes to the answers without choosing one (a radio as buddy would be clicked).
        first = self.buttons[next(iter(FollowUpResult))]
        results.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        results.setFocusProxy(first)
        self.result_row = FieldRow(results)
        caption = QLabel(self.tr("&What happened:"))
        caption.setBuddy(results)
        form.addRow(caption, self.result_row)
        self.cause = cause_combo()
        self.cause_row = FieldRow(self.cause)
        cause_caption = QLabel(self.tr("&Because of:"))
        cause_caption.setBuddy(self.cause)
        form.addRow(cause_caption, self.cause_row)
        self.source = choice_combo((follow_up_source_label(s), str(s)) for s in FollowUpSource)
        self.source.setCurrentIndex(self.source.findData(str(FollowUpSource.LITIGANT)))
        source_caption = QLabel(self.tr("&Told by:"))
        source_caption.setBuddy(self.source)
        form.addRow(source_caption, self.source)
        self.note = QLineEdit()
        self.note.setMaxLength(500)
        self.note_row = FieldRow(self.note)
        note_caption = QLabel(self.tr("&Note:"))
        note_caption.setBuddy(self.note)
        form.addRow(note_caption, self.note_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.group.buttonToggled.connect(self._sync)
        self._sync()

    def selected(self) -> FollowUpResult | None:
        return next((r for r, b in self.buttons.items() if b.isChecked()), None)

    def _sync(self) -> None:
        result = self.selected()
        if result is not None:
            self.result_row.set_error(None)
        self.cause.setEnabled(
            result in (FollowUpResult.JOINED_LATE, FollowUpResult.ADJOURNED_TECHNICAL)
        )

    def follow_up(self) -> FollowUp:
        """What the clerk entered (call once a result is chosen)."""
        source = self.source.currentData()
        result = self.selected()
        assert result is not None, "no result chosen"
        return FollowUp(
            result=result,
            recorded_at=now_local(),
            recorded_by=self.actor,
            source=FollowUpSource(source) if source else FollowUpSource.OTHER,
            cause=(self.cause.currentData() or "") if self.cause.isEnabled() else "",
            note=self.note.text().strip(),
        )

    def _try_accept(self) -> None:
        if self.selected() is None:
            self.result_row.set_error(error("follow_up", "required"))
            self.buttons[next(iter(FollowUpResult))].setFocus()
            return
        problems = self.follow_up().problems()
        by_field: dict[str, FieldError] = {p.field: p for p in problems}
        self.cause_row.set_error(by_field.get("follow_up_cause"))
        self.note_row.set_error(by_field.get("follow_up_note"))
        if not problems:
            self.accept()
