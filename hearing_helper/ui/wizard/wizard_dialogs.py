"""Small dialogs of the wizard: skip a step with a reason, end the assistance early."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from hearing_helper.domain.enums import NotJoinedReason, Outcome
from hearing_helper.ui.labels import choice_combo, not_joined_reason_label, outcome_label

NOTE_MAX = 500


class SkipStepDialog(QDialog):
    """Asks why a step is skipped; the reason is required and stored with the step."""

    def __init__(self, step_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Skip step"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Why is the step \u201c%1\u201d skipped?").replace("%1", step_title))
        intro.setWordWrap(True)
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItems(
            [
                "",
                self.tr("The litigant already has the app"),
                self.tr("Not needed for this device"),
                self.tr("The litigant declined"),
                self.tr("No time before the hearing"),
            ]
        )
        self.reason.setAccessibleName(self.tr("Reason for skipping"))
        editor = self.reason.lineEdit()
        if editor is not None:
            editor.setPlaceholderText(self.tr("Choose or type a reason"))
        intro.setBuddy(self.reason)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Skip step"))
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(intro)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.reason.setFocus()

    def reason_text(self) -> str:
        return self.reason.currentText().strip()

    def _accept_if_valid(self) -> None:
        if not self.reason_text():
            self.error.setText(self.tr("Please give a reason."))
            self.reason.setFocus()
            return
        self.accept()


class EndEarlyDialog(QDialog):
    """Ends the assistance from any step: choose the outcome (and why not joined)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("End assistance early"))
        form = QFormLayout()
        intro = QLabel(
            self.tr(
                "The remaining steps are left as they are. On the last page you can still"
                " ask for satisfaction and add notes before saving."
            )
        )
        intro.setWordWrap(True)
        self.outcome = QComboBox()
        for outcome in (
            Outcome.NOT_JOINED,
            Outcome.RESCHEDULED,
            Outcome.LEFT,
            Outcome.JOINED,
            Outcome.JOINED_AFTER_HELP,
        ):
            self.outcome.addItem(outcome_label(outcome), str(outcome))
        self.outcome.setAccessibleName(self.tr("Outcome"))
        self.reason = choice_combo((not_joined_reason_label(r), str(r)) for r in NotJoinedReason)
        self.reason.setAccessibleName(self.tr("Reason not joined"))
        self.note = QPlainTextEdit()
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        form.addRow(self.tr("&Outcome:"), self.outcome)
        form.addRow(self.tr("&Reason:"), self.reason)
        form.addRow(self.tr("No&te:"), self.note)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&End and go to Finish"))
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.outcome.currentIndexChanged.connect(self._sync_reason)
        self._sync_reason()

    def chosen_outcome(self) -> Outcome:
        return Outcome(self.outcome.currentData())

    def chosen_reason(self) -> NotJoinedReason | None:
        data = self.reason.currentData()
        return NotJoinedReason(data) if data and self.reason.isEnabled() else None

    def note_text(self) -> str:
        return self.note.toPlainText().strip()[:NOTE_MAX]

    def _sync_reason(self) -> None:
        self.reason.setEnabled(self.chosen_outcome() is Outcome.NOT_JOINED)

    def _accept_if_valid(self) -> None:
        if self.chosen_outcome() is Outcome.NOT_JOINED and self.chosen_reason() is None:
            self.error.setText(self.tr("Choose why the litigant did not join."))
            self.reason.setFocus()
            return
        self.accept()
