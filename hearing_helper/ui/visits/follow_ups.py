"""The home screen's "待回访" (to follow up) list of prepared hearings whose outcome is still
unknown, the reminder of today's and tomorrow's prepared hearings, and the dialog that records
what happened at a hearing. Database work runs in the background.

On a desk joined to a court the list is the court's (issue 21, ui/visits/court_follow_ups.py):
each line names the desk that prepared the litigant and who is calling them; opening one claims
it first, so two clerks do not call the same litigant.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
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
from hearing_helper.store.court_channel import Claim, CourtFollowUp, FollowUpClosedError
from hearing_helper.store.repository import AssistRepository, PreparedHearing
from hearing_helper.ui.background import Task, start_task
from hearing_helper.ui.labels import choice_combo
from hearing_helper.ui.visits.cause_combo import cause_combo
from hearing_helper.ui.visits.court_follow_ups import (
    CourtActions,
    CourtFactory,
    Loaded,
    claim_failure_text,
    claim_text,
    court_marks,
    court_source_text,
    load_follow_ups,
)
from hearing_helper.ui.visits.texts import (
    follow_up_result_label,
    follow_up_source_label,
    follow_up_state_label,
    join_mode_label,
)
from hearing_helper.ui.widgets.table_columns import elide_long_lines
from hearing_helper.ui.wizard.field_row import FieldRow

log = logging.getLogger(__name__)
OVERDUE_MARK = "\u26a0 "  # not colour alone
COURT_REFRESH_MS = 60_000  # other desks' follow-ups and claims change without this desk


def _no_court() -> None:
    return None


def desk_actor(widget: QWidget | None) -> str:
    """The clerk at the desk: the main window (an ancestor) knows who that is."""
    owner = widget
    while owner is not None and not callable(getattr(owner, "actor", None)):
        owner = owner.parentWidget()
    # owner has a callable actor (the loop above found it); QWidget does not declare it.
    return str(owner.actor()) if owner is not None else "unknown"  # type: ignore[attr-defined]


def _when(row: PreparedHearing) -> datetime:
    return datetime.fromisoformat(row.hearing_at).astimezone()


def hearing_line(
    row: PreparedHearing, state: FollowUpState | None = None, *, masked: bool = False
) -> str:
    """One hearing in one line; ``masked``: name and phone came masked (the court's list)."""
    parts = [_when(row).strftime("%m-%d %H:%M")]
    if state is not None:
        mark = OVERDUE_MARK if state is FollowUpState.OVERDUE else ""
        parts.append(mark + follow_up_state_label(state))
    person = row.litigant_name if masked else mask_name(row.litigant_name)
    if state is not None:  # the follow-up list: the phone to call
        person = f"{person} {row.phone if masked else mask_phone(row.phone)}".strip()
    parts += [mask_free_text(row.case_number), person, join_mode_label(row.chosen_mode) or "\u2014"]
    return " \u00b7 ".join(part for part in parts if part)


class FollowUpsPanel(QWidget):
    """Two lists side by side; ``follow_up_recorded`` after a result is saved."""

    follow_up_recorded = Signal()

    def __init__(
        self,
        repo: AssistRepository,
        court: CourtFactory = _no_court,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.repo = repo
        self.court = court
        self.desk_name: Callable[[], str] = lambda: ""
        self._tasks: list[Task] = []
        self.due: list[CourtFollowUp] = []
        self.coming: list[PreparedHearing] = []
        self.loaded: Loaded | None = None
        self.court_actions = CourtActions(repo, court, self)
        self.court_actions.claimed.connect(self._on_claimed)
        self.court_actions.claim_failed.connect(self._on_claim_failed)
        self.court_actions.saved.connect(self._saved)
        self.court_actions.save_failed.connect(self._failed)
        self._timer = QTimer(self)
        self._timer.setInterval(COURT_REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.source_label = QLabel()  # the court cannot be reached: this desk's own list
        self.source_label.setWordWrap(True)
        self.source_label.hide()
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
            elide_long_lines(widget)  # never scrolled sideways beside the litigant window
        for title in (self.due_title, self.coming_title):
            title.setStyleSheet("font-weight: bold;")
        due_head = QHBoxLayout()
        due_head.addWidget(self.due_title, 1)
        due_head.addWidget(self.record_button)
        due_box = QVBoxLayout()
        due_box.addLayout(due_head)
        due_box.addWidget(self.source_label)
        due_box.addWidget(self.due_list)
        coming_box = QVBoxLayout()
        coming_box.addWidget(self.coming_title)
        coming_box.addWidget(self.coming_list)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(due_box, 3)
        layout.addLayout(coming_box, 2)
        self._show_titles()

    def join_court(
        self, court: CourtFactory, desk_name: Callable[[], str], request_sync: Callable[[], None]
    ) -> None:
        """Show the court's list on a joined desk: ``court()`` gives this desk's view of the
        court (None when working alone), ``request_sync`` hands answers over at once."""
        self.court = court
        self.desk_name = desk_name
        self.court_actions.make_court = court
        self.court_actions.request_sync = request_sync

    def _show_titles(self) -> None:
        self.due_title.setText(self.tr("To follow up (%1)").replace("%1", str(len(self.due))))
        self.coming_title.setText(
            self.tr("Prepared hearings today and tomorrow (%1)").replace(
                "%1", str(len(self.coming))
            )
        )
        self.record_button.setEnabled(bool(self.due))

    def refresh(self) -> None:
        """Look both lists up again, in the background (the court's on a joined desk)."""
        now = now_local()
        repo, court, desk_name = self.repo, self.court, self.desk_name()

        def load(_task: Task) -> Loaded:
            return load_follow_ups(repo, court, now, desk_name)

        task = Task(load, expected_errors=(StoreError,))
        task.signals.finished.connect(lambda loaded: self._show(now, loaded))
        task.signals.failed.connect(lambda message: log.warning("Follow-ups: %s", message))
        self._tasks = [start_task(task)]

    def _show(self, now: datetime, loaded: Loaded) -> None:
        self.loaded = loaded
        self.due, self.coming = loaded.found.items, loaded.coming
        if loaded.joined and not self._timer.isActive():
            self._timer.start()
        cut_off = bool(loaded.found.court_error)
        self.source_label.setText(court_source_text(loaded.found.court_error) if cut_off else "")
        self.source_label.setVisible(cut_off)
        self.due_list.clear()
        for found in self.due:
            row = found.hearing
            state = follow_up_state(
                kind=VisitKind.PREPARATION,
                finished=True,
                hearing_at=_when(row),
                follow_up=None,
                now=now,
            )
            line = hearing_line(row, state, masked=found.masked)
            marks = court_marks(found, loaded.own_desk_id)
            item = QListWidgetItem(f"{line} \u00b7 {marks}" if marks else line)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.due_list.addItem(item)
        if self.due:
            self.due_list.setCurrentRow(0)
        self.coming_list.clear()
        for row in self.coming:
            self.coming_list.addItem(hearing_line(row))
        self._show_titles()

    def record_selected(self) -> None:
        index = self.due_list.currentRow()
        if not 0 <= index < len(self.due):
            return
        item = self.due[index]
        if self.loaded is not None and self.loaded.joined:
            # Claimed first (in a worker): two clerks never call the same litigant.
            self.record_button.setEnabled(False)
            self.court_actions.claim(item, desk_actor(self))
            return
        self._open_dialog(item, None)

    def _own(self, item: CourtFollowUp) -> bool:
        own_id = self.loaded.own_desk_id if self.loaded else ""
        return not item.desk_id or item.desk_id == own_id

    def _on_claimed(self, item: CourtFollowUp, claim: Claim) -> None:
        self._show_titles()
        if claim.granted:
            self._open_dialog(item, claim)
            return
        QMessageBox.information(self, self.tr("Someone is calling already"), claim_text(claim))
        self.refresh()

    def _on_claim_failed(self, item: CourtFollowUp, message: str) -> None:
        self._show_titles()
        if FollowUpClosedError.MARK in message:  # answered meanwhile, at another desk
            QMessageBox.information(
                self,
                self.tr("Already followed up"),
                self.tr(
                    "This follow-up was recorded at another desk; it arrives here with the "
                    "next sync."
                ),  # fmt: skip
            )
            self.court_actions.request_sync()
            self.refresh()
        elif self._own(item):  # the court cannot be reached: this desk's record, recorded here
            self._open_dialog(item, None)
        else:
            title = self.tr("The follow-up cannot be claimed")
            QMessageBox.warning(self, title, claim_failure_text(message))

    def _open_dialog(self, item: CourtFollowUp, claim: Claim | None) -> None:
        extra: list[tuple[str, str]] = []
        if claim is not None and claim.phone:
            extra.append((self.tr("Phone to call:"), claim.phone))
        if not self._own(item):
            extra.append((self.tr("Prepared at:"), item.desk_name or item.desk_id[:8]))
        dialog = FollowUpDialog(item.hearing, self, extra=extra, masked=item.masked)
        dialog.accepted.connect(lambda: self._save(item, dialog.follow_up(), dialog.actor))
        if claim is not None and claim.granted:  # closed without a result: let the claim go
            dialog.rejected.connect(lambda: self.court_actions.release(item))
        dialog.open()
        self._dialog = dialog

    def _save(self, item: CourtFollowUp, follow_up: FollowUp, actor: str) -> None:
        own_id = self.loaded.own_desk_id if self.loaded else ""
        self.court_actions.save(item, own_id, follow_up, actor)

    def _saved(self) -> None:
        self.follow_up_recorded.emit()
        self.refresh()

    def _failed(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("The follow-up was not saved"), message)


class FollowUpDialog(QDialog):
    """What happened at a prepared litigant's hearing."""

    def __init__(
        self,
        row: PreparedHearing,
        parent: QWidget | None = None,
        *,
        extra: list[tuple[str, str]] | None = None,
        masked: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Follow-up after the hearing"))
        self.row = row
        self.actor = desk_actor(parent)
        form = QFormLayout()
        form.addRow(self.tr("Hearing:"), QLabel(hearing_line(row, masked=masked)))
        for label_text, value in extra or ():  # the phone to call, the preparing desk
            shown = QLabel(value)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label_text, shown)
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
