"""A form field with its validation message right below it (shared by intake and finish)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from hearing_helper.domain.validation import FieldError

ERROR_STYLE = "color: #b00020;"


class FieldRow(QWidget):
    """``editor`` plus an error label that is empty (hidden) while the value is fine."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.error_label)

    def set_error(self, problem: FieldError | None) -> None:
        if problem is None:
            self.error_label.clear()
            self.error_label.setVisible(False)
            self.editor.setAccessibleDescription("")
            return
        text = problem.format(QCoreApplication.translate("validation", problem.message))
        self.error_label.setText(text)
        self.error_label.setVisible(True)
        # Screen readers announce the problem with the field.
        self.editor.setAccessibleDescription(text)

    def error_text(self) -> str:
        return self.error_label.text()
