"""The start screen: who is at the desk, the big "New assistance" button, and the history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hearing_helper.domain.record import ClerkProfile
from hearing_helper.ui.shell.history_view import HistoryView
from hearing_helper.ui.visits.follow_ups import FollowUpsPanel

if TYPE_CHECKING:
    from hearing_helper.config import SetAside
    from hearing_helper.store.repository import AssistRepository

NOTICE_STYLE = (
    "QLabel { background: #fff4ce; color: #3d2c00; border: 1px solid #c9a400; padding: 6px; }"
)
NEW_BUTTON_STYLE = (
    "QPushButton { background: #1f5fbf; color: white; border-radius: 8px; padding: 8px 24px; }"
    " QPushButton:focus { border: 3px solid #ffb000; }"
    " QPushButton:disabled { background: #8aa4cc; }"
)


class HomeView(QWidget):
    new_requested = Signal()
    change_clerk_requested = Signal()

    def __init__(
        self,
        repo: AssistRepository,
        language: str,
        set_aside: SetAside | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings_notice = QLabel()
        self.settings_notice.setWordWrap(True)  # one sentence, wrapped on a narrow window
        self.settings_notice.setStyleSheet(NOTICE_STYLE)
        self.settings_notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.settings_notice.setAccessibleName(self.tr("Settings notice"))
        self.settings_notice.setVisible(set_aside is not None)
        if set_aside is not None:
            self.settings_notice.setText(self._set_aside_text(set_aside))
        self.profile_label = QLabel()
        self.profile_label.setAccessibleName(self.tr("Clerk at the desk"))
        change = QPushButton(self.tr("Change &clerk\u2026"))
        change.clicked.connect(self.change_clerk_requested)
        self.new_button = QPushButton(self.tr("&New assistance"))
        self.new_button.setAccessibleName(self.tr("New assistance"))
        font = self.new_button.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.new_button.setFont(font)
        metrics = self.new_button.fontMetrics()
        self.new_button.setMinimumHeight(metrics.height() * 3)
        self.new_button.setMinimumWidth(metrics.horizontalAdvance("M") * 12)
        self.new_button.setStyleSheet(NEW_BUTTON_STYLE)
        self.new_button.clicked.connect(self.new_requested)
        top = QHBoxLayout()
        top.addWidget(self.profile_label, 1)
        top.addWidget(change)
        top.addSpacing(16)
        top.addWidget(self.new_button)
        self.follow_ups = FollowUpsPanel(repo)
        self.history = HistoryView(repo, None, language)
        self.follow_ups.follow_up_recorded.connect(self.history.refresh)
        title = QLabel(self.tr("History"))
        title_font = title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        title_font.setBold(True)
        title.setFont(title_font)
        layout = QVBoxLayout(self)
        layout.addWidget(self.settings_notice)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addWidget(self.follow_ups)
        layout.addWidget(title)
        layout.addWidget(self.history, 1)

    def show_profile(self, profile: ClerkProfile | None, looking_up: bool = False) -> None:
        """The clerk at the desk; ``looking_up``: the last clerk is still being read."""
        if profile is None and looking_up:
            self.profile_label.setText(self.tr("Looking up the clerk at this desk\u2026"))
            return
        if profile is None:
            self.profile_label.setText(
                self.tr("No clerk chosen yet \u2014 press \u201cChange clerk\u201d.")
            )
            return
        text = self.tr("Clerk: %1 (%2) \u00b7 Desk: %3 \u00b7 %4")
        values = (profile.name, profile.staff_id, profile.desk or "\u2014", profile.court)
        for number, value in enumerate(values, start=1):
            text = text.replace(f"%{number}", value)
        self.profile_label.setText(text)

    def _set_aside_text(self, set_aside: SetAside) -> str:
        """What happened to the settings file at start, in one sentence."""
        why = {
            "no_access": self.tr("no permission to read it"),
            "not_a_file": self.tr("a folder is in its place"),
            "damaged": self.tr("its content is damaged"),
        }.get(set_aside.kind, self.tr("it cannot be read"))
        if set_aside.kept_as is not None:
            text = self.tr(
                "The settings file could not be read (%1), so Hearing Helper started with"
                " default settings; the file was kept unchanged as %2 for court IT."
            )
            return text.replace("%1", why).replace("%2", str(set_aside.kept_as))
        text = self.tr(
            "The settings file %2 could not be read (%1), so Hearing Helper started with"
            " default settings; changes cannot be saved until court IT repairs it."
        )
        return text.replace("%1", why).replace("%2", str(set_aside.path))
