"""Unfinished assistances found at start (crash or power-cut recovery): resume, keep or discard."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hearing_helper.domain.local_time import local_text
from hearing_helper.domain.masking import mask_free_text, mask_name
from hearing_helper.domain.record import AssistRecord
from hearing_helper.ui.labels import step_label


def _masked_title(record: AssistRecord) -> str:
    """The draft as the clerk knows it, personal data masked (case number or name)."""
    intake = record.intake
    return mask_free_text(intake.case_number) or mask_name(intake.litigant_name) or "\u2014"


class DraftsDialog(QDialog):
    """Lists drafts; ``resume_requested(record)`` / ``discard_requested(record)`` act on one."""

    resume_requested = Signal(object)
    discard_requested = Signal(object)

    def __init__(self, drafts: list[AssistRecord], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unfinished assistances"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 50)
        self.setMinimumHeight(self.fontMetrics().height() * 18)
        intro = QLabel(
            self.tr(
                "These assistances were not finished (for example the PC was switched off)."
                " Everything typed was saved. Resume one now, or keep them for later."
            )
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Unfinished assistances"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.itemActivated.connect(lambda _item: self._resume())
        self.resume_button = QPushButton(self.tr("&Resume"))
        self.resume_button.setDefault(True)
        self.resume_button.clicked.connect(self._resume)
        self.discard_button = QPushButton(self.tr("&Discard\u2026"))
        self.discard_button.clicked.connect(self._discard)
        self.later_button = QPushButton(self.tr("&Keep for later"))
        self.later_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        buttons.addWidget(self.later_button)
        buttons.addWidget(self.resume_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.set_drafts(drafts)

    def set_drafts(self, drafts: list[AssistRecord]) -> None:
        self.drafts = list(drafts)
        self.list.clear()
        for record in self.drafts:
            intake = record.intake
            text = self.tr("%1 \u00b7 %2 \u00b7 %3\nstarted %4 by %5 \u00b7 at step: %6")
            values = (
                mask_free_text(intake.case_number) or self.tr("(no case number)"),
                mask_name(intake.litigant_name) or self.tr("(no name)"),
                intake.phone and self.tr("phone entered") or self.tr("no phone"),
                local_text(record.started_at),
                record.clerk.name,
                step_label(record.current_step),
            )
            for number, value in enumerate(values, start=1):
                text = text.replace(f"%{number}", value)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            self.list.addItem(item)
        if self.drafts:
            self.list.setCurrentRow(0)
        has = bool(self.drafts)
        self.resume_button.setEnabled(has)
        self.discard_button.setEnabled(has)

    def selected(self) -> AssistRecord | None:
        row = self.list.currentRow()
        return self.drafts[row] if 0 <= row < len(self.drafts) else None

    def _resume(self) -> None:
        record = self.selected()
        if record is not None:
            self.resume_requested.emit(record)
            self.accept()

    def _discard(self) -> None:
        record = self.selected()
        if record is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Discard unfinished assistance?"),
            self.tr(
                "Discard the assistance for %1? What was typed is deleted; the discarding is"
                " recorded in the audit log. This cannot be undone."
            ).replace("%1", _masked_title(record)),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Discard:
            return
        self.discard_requested.emit(record)
        self.set_drafts([d for d in self.drafts if d.id != record.id])
        if not self.drafts:
            self.reject()
