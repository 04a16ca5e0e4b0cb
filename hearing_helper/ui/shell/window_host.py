"""Owns the main window and rebuilds it when the language changes (applied at once)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from hearing_helper.domain.record import ClerkProfile
from hearing_helper.services import AppServices
from hearing_helper.ui.app import install_translators
from hearing_helper.ui.main_window import MainWindow
from hearing_helper.ui.shell.first_paint import after_first_paint


class MainWindowHost(QObject):
    """Owns the main window; rebuilds it in the new language, keeping an open assistance."""

    window_replaced = Signal(object)

    def __init__(self, services: AppServices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.window: MainWindow | None = None

    def _make(self, profile: ClerkProfile | None = None) -> MainWindow:
        window = MainWindow(self.services, profile)
        window.language_change_requested.connect(self.switch_language)
        return window

    def show_initial(self, *after_shown: Callable[[], object]) -> MainWindow:
        """Show the window; once it has painted, start it (profile, history, drafts), then run
        ``after_shown`` (work the first frame need not wait for)."""
        self.window = self._make()
        self.window.show_initial()
        after_first_paint(self.window, self.window.start, *after_shown)
        return self.window

    def switch_language(self, lang: str) -> None:
        """Install the translators and rebuild the window; the language is applied at once."""
        old = self.window
        app = QApplication.instance()
        if old is None or not isinstance(app, QApplication):
            return
        resume_id = old.save_open_work(keep_blank=True)
        litigant_visible = old.main_actions.litigant.isChecked()
        install_translators(app, lang)
        new = self._make(old.profile)
        self.window = new
        if old.isMaximized():
            new.showMaximized()
        else:
            new.setGeometry(old.geometry())
            new.show()
        new.start(resume_record_id=resume_id, offer_drafts=False)
        if litigant_visible:
            new.litigant_screen.set_visible(True)
        old.wizard = None  # already saved; keep its close from saving a stale copy
        old.close()
        old.deleteLater()
        self.window_replaced.emit(new)
