"""The litigant's screen beside the clerk's window: shown and hidden, placed, filled with the
current step's content, and read aloud."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from hearing_helper.ui.wizard.base import LitigantContent

if TYPE_CHECKING:
    from hearing_helper.ui.litigant_view import LitigantWindow
    from hearing_helper.ui.speech import ReadAloud
    from hearing_helper.ui.wizard.wizard import AssistanceWizard


class _WithWizard(Protocol):
    wizard: AssistanceWizard | None  # the main window's open assistance


class LitigantScreen(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.action: QAction | None = None  # the window's "Litigant screen" toggle
        self.window: LitigantWindow | None = None
        self.reader: ReadAloud | None = None
        self.was_maximized = False  # before sharing the screen with the litigant window
        self.closing = False  # the clerk's window is closing: it must not maximise again

    @property
    def main(self) -> QMainWindow:
        # The parent, not an attribute: a Python reference back to it would make a cycle that
        # keeps a deleted window's wrapper alive until the garbage collector runs.
        return cast("QMainWindow", self.parent())

    def set_visible(self, visible: bool) -> None:
        main = self.main
        if visible:
            if self.window is None:
                from hearing_helper.ui.litigant_view import LitigantWindow

                self.window = LitigantWindow(main)
                self.window.installEventFilter(self)
                self.window.read_aloud_requested.connect(self.speak)
                self.window.rated.connect(self._on_rated)
            if not self.window.isVisible() and not self.window.isFullScreen():
                # The two windows share the screen (or it goes to the second monitor).
                self.was_maximized = main.isMaximized() or self.was_maximized
                self.window.place_beside(main)
            self.update()
            self.window.show()  # without activation: the keyboard stays here
            # Some platforms (and window managers) activate new windows whatever the flags
            # say; hand the keyboard straight back to the clerk.
            main.activateWindow()
        elif self.window is not None:
            self.window.hide()
        if self.action is not None and self.action.isChecked() != visible:
            self.action.setChecked(visible)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Hide:
            if self.action is not None:
                self.action.setChecked(False)
            self._take_back_the_screen()
        return super().eventFilter(watched, event)

    def _take_back_the_screen(self) -> None:
        """The litigant window is gone: the clerk's window takes the whole screen again
        (it was left at 60 % with the right of the screen empty)."""
        main = self.main
        if self.was_maximized and not main.isMaximized() and main.isVisible() and not self.closing:
            main.showMaximized()
        self.was_maximized = False

    def fit(self) -> None:
        if self.window is not None and self.window.isVisible():
            # A wider page made the clerk's window grow, or the window manager framed it: the
            # litigant window takes what is left of the screen.
            QTimer.singleShot(0, self.window.fit_beside)

    def content(self) -> LitigantContent:
        wizard = cast(_WithWizard, self.parent()).wizard
        if wizard is not None:
            return wizard.litigant_content()
        return LitigantContent(
            title=self.tr("Welcome to the help desk"),
            lines=[self.tr("The clerk will help you join your online hearing.")],
        )

    def _on_rated(self, value: int) -> None:
        wizard = cast(_WithWizard, self.parent()).wizard
        if wizard is not None:
            wizard.record_litigant_rating(value)

    def update(self) -> None:
        if self.window is not None:
            self.window.show_content(self.content())
            self.fit()  # another page may need more of the screen

    def toggle_full_screen(self) -> None:
        if self.window is None or not self.window.isVisible():
            self.set_visible(True)
        assert self.window is not None
        self.window.toggle_full_screen()

    # --- read aloud --------------------------------------------------------------------------

    def read_aloud(self) -> None:
        """Ctrl+R: read what the litigant screen shows (whether or not it is open)."""
        if self.window is not None:
            self.window.read_aloud()
            return
        from hearing_helper.ui.litigant_view import spoken_text

        self.speak(spoken_text(self.content()))

    def speak(self, text: str) -> None:
        self.read_aloud_engine().speak(text)

    def read_aloud_engine(self) -> ReadAloud:
        if self.reader is None:
            from hearing_helper.ui.speech import ReadAloud

            self.reader = ReadAloud(self.main)
            self.reader.problem.connect(self._speech_problem)
            self.main.statusBar().messageChanged.connect(self._status_message_changed)
        return self.reader

    def _speech_problem(self, message: str) -> None:
        status = self.main.statusBar()
        status.showMessage(message, 15000)  # the reason, for the clerk, in one line
        status.setToolTip(self.reader.detail if self.reader else "")  # what to do about it
        if self.window is not None:
            self.window.show_notice(
                self.tr("Reading aloud is not available right now; the clerk will read it to you.")
            )

    def _status_message_changed(self, shown: str) -> None:
        if not shown:  # the reason has gone: so has its advice
            self.main.statusBar().setToolTip("")
