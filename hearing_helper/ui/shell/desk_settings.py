"""The window's Settings, Language, Reports, Keyboard and About actions. A settings change and
its audit entry are made together (off the GUI thread when the database is a server)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from hearing_helper import __version__
from hearing_helper.services import AppServices
from hearing_helper.ui.app import apply_font_scale
from hearing_helper.ui.store_calls import calls_for

if TYPE_CHECKING:
    from hearing_helper.ui.shell.keyboard_help import KeyboardDialog
    from hearing_helper.ui.shell.settings_dialog import SettingsDialog


class _Clerk(Protocol):
    def actor(self) -> str: ...  # the clerk at the desk (the main window knows)


class DeskSettings(QObject):
    # The language to use; also emitted to rebuild the window after a text-size change.
    language_change_requested = Signal(str)

    def __init__(self, window: QWidget, services: AppServices, language: str) -> None:
        super().__init__(window)
        self.services, self.language = services, language

    def actor(self) -> str:
        return cast(_Clerk, self.parent()).actor()
        self.settings_dialog: SettingsDialog | None = None
        self.keyboard_dialog: KeyboardDialog | None = None

    @property
    def main(self) -> QWidget:
        # The parent, not an attribute: a Python reference back to it would make a cycle that
        # keeps a deleted window's wrapper alive until the garbage collector runs.
        return cast("QWidget", self.parent())

    def _audited_change(self, changes: dict[str, object], then: object) -> None:
        """Write ``changes`` to the settings inside the audit transaction, then ``then()``."""
        services, actor = self.services, self.actor()
        settings = services.settings
        calls_for(services).run(
            lambda repo: repo.append_audit(
                actor, "settings.changed", changes, before_commit=lambda: settings.update(changes)
            ),
            lambda _entry: then(),  # type: ignore[operator]
            self._not_saved,
        )

    def open_settings(self) -> None:
        from hearing_helper.ui.reports.supervisor import require_supervisor
        from hearing_helper.ui.shell.settings_dialog import SettingsDialog

        main = self.main
        if not require_supervisor(main, self.services, self.tr("change the desk settings")):
            return
        dialog = SettingsDialog(self.services.settings, main)
        self.settings_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        changed = dialog.changes()
        if changed:
            self._audited_change(changed, lambda: self._settings_applied(dialog, changed))

    def _settings_applied(self, dialog: SettingsDialog, changed: dict[str, object]) -> None:
        if "font_scale" in changed:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_font_scale(app, dialog.chosen_font_scale())
        if "language" in changed or "font_scale" in changed:
            # Rebuilding the window applies the language and the text size everywhere at once
            # (headings with their own enlarged fonts included); open work is kept.
            self.language_change_requested.emit(dialog.chosen_language())

    def request_language(self, code: str) -> None:
        """The Language menu: a clerk's preference, so no supervisor password (README, design
        notes); the change is recorded in the audit log like any settings change."""
        if code == self.language:
            return
        self._audited_change({"language": code}, lambda: self.language_change_requested.emit(code))

    def _not_saved(self, exc: Exception) -> None:
        QMessageBox.warning(
            self.main,
            self.tr("Settings not saved"),
            self.tr("The settings were not changed: %1").replace("%1", str(exc)),
        )

    def open_reports(self) -> None:
        from hearing_helper.ui.reports import open_reports

        open_reports(self.main, self.services)

    def show_keyboard(self) -> None:
        from hearing_helper.ui.shell.keyboard_help import KeyboardDialog

        dialog = KeyboardDialog(self.main)
        self.keyboard_dialog = dialog
        dialog.open()

    def show_about(self) -> None:
        data_dir = self.services.data_dir
        QMessageBox.about(
            self.main,
            self.tr("About Hearing Helper"),
            self.tr("Hearing Helper %1\nData folder: %2\nLog file: %3")
            .replace("%1", __version__)
            .replace("%2", str(data_dir))
            .replace("%3", str(data_dir / "logs" / "hearing-helper.log")),
        )
