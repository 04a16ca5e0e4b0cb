"""The sync state at a glance in the main window's status bar; a click opens the sync page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QToolButton, QWidget

from hearing_helper.ui.sync import texts

if TYPE_CHECKING:  # the sender imports the PostgreSQL driver: not at start
    from hearing_helper.store.sync.sender import SyncStatus

COLOURS = {
    "all_sent": "#1b5e20",
    "waiting": "#37474f",
    "unreachable": "#b45309",
    "conflicts": "#b00020",
}


class SyncStatusButton(QToolButton):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoRaise(True)
        self.setAccessibleName(self.tr("Central database status"))
        self.setToolTip(self.tr("Open the central database page"))
        self.show_status(None)

    def show_status(self, status: SyncStatus | None) -> None:
        self.setText(texts.summary(status))
        colour = COLOURS.get(status.state if status else "waiting", "#37474f")
        # Colour is never the only signal: the words say the state.
        self.setStyleSheet(f"QToolButton {{ color: {colour}; }}")
