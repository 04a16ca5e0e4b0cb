"""The speaker check's question to the clerk: did the litigant hear the test sound? Shown while
the check waits for the answer; ``answered(bool)`` carries it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from hearing_helper.ui.checks.result_row import REMEDY_STYLE


class HeardQuestion(QWidget):
    answered = Signal(bool)  # True: heard it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(REMEDY_STYLE)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.yes = QPushButton()
        self.no = QPushButton()
        self.yes.clicked.connect(lambda: self._answer(True))
        self.no.clicked.connect(lambda: self._answer(False))
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.yes)
        layout.addWidget(self.no)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(self.tr("Did the litigant hear the test sound and the voice?"))
        self.yes.setText(self.tr("Heard it"))
        self.no.setText(self.tr("Did not hear it"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def ask(self) -> None:
        self.show()
        self.yes.setFocus()

    def _answer(self, heard: bool) -> None:
        self.hide()
        self.answered.emit(heard)
