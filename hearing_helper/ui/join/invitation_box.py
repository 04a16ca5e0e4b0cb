"""Reading the meeting details out of an invitation's text (WeChat, a text message): the text
box, its buttons and what was found. The Join page fills its fields from :attr:`found`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from hearing_helper.catalog import Platform, extract_invitation

ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"
PASTE_LIMIT = 20_000  # characters taken from the clipboard


class InvitationBox(QWidget):
    found = Signal(str, str, str)  # link, meeting ID, passcode ("" where none was found)

    def __init__(
        self, platform: Callable[[], Platform | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._platform = platform
        self.invitation = QPlainTextEdit()
        self.invitation.setPlaceholderText(
            self.tr("Paste the invitation text from WeChat or the text message here")
        )
        self.invitation.setAccessibleName(self.tr("Invitation text"))
        self.invitation.setFixedHeight(90)
        self.read_button = QPushButton(self.tr("&Read invitation"))
        self.read_button.clicked.connect(self.read_invitation)
        self.paste_button = QPushButton(self.tr("Paste from clipboar&d"))
        self.paste_button.clicked.connect(self.paste_invitation)
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.paste_button)
        buttons.addWidget(self.read_button)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Or read the details from an invitation:")))
        layout.addWidget(self.invitation)
        layout.addLayout(buttons)

    def read_invitation(self) -> None:
        found = extract_invitation(self.invitation.toPlainText(), self._platform())
        self.found.emit(found.link, found.meeting_id, found.passcode)
        parts = [
            label
            for label, value in (
                (self.tr("link"), found.link),
                (self.tr("meeting ID"), found.meeting_id),
                (self.tr("passcode"), found.passcode),
            )
            if value
        ]
        if parts:
            self.status.setStyleSheet(OK_STYLE)
            self.status.setText(self.tr("Found: %1").replace("%1", ", ".join(parts)))
        else:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(
                self.tr("No meeting link or ID found in this text; type them in instead.")
            )

    def paste_invitation(self) -> None:
        self.invitation.setPlainText(QGuiApplication.clipboard().text()[:PASTE_LIMIT])
        self.read_invitation()
