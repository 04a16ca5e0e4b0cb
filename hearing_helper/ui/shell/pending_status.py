"""The status-bar line for records waiting for an absent database server (never a message box
per keystroke): how many wait on this PC, and any the database refused for good."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from hearing_helper.ui.pending_writes import PendingWrites


class PendingStatusLabel(QLabel):
    def __init__(self, pending: PendingWrites, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pending = pending
        self.setAccessibleName(self.tr("Records waiting for the server"))
        pending.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        pending, text = self.pending, ""
        if pending.count() and pending.waiting:
            text = self.tr("%1 waiting for the server; kept on this PC")
            text = text.replace("%1", str(pending.count()))
        if pending.refused:
            text = self.tr("%1 refused by the database; kept in %2")
            text = text.replace("%1", str(pending.refused)).replace("%2", str(pending.folder))
        self.setText(text)
        self.setToolTip(pending.waiting)  # the server's own words, for court IT
