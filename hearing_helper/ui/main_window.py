"""The clerk's main window: profile, "New assistance", history, and the wizard when one is open."""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QMoveEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from hearing_helper import __version__
from hearing_helper.config import SettingsFileError
from hearing_helper.domain.record import AssistRecord, ClerkProfile
from hearing_helper.services import AppServices
from hearing_helper.store import StoreError
from hearing_helper.store.repository import AssistSummary
from hearing_helper.ui.app import apply_font_scale, current_language
from hearing_helper.ui.background import run_in_background
from hearing_helper.ui.catalog_cache import (
    cached_catalog,
    catalog_for,
    load_catalog_from,
    remember_catalog,
)
from hearing_helper.ui.shell.home_view import HomeView
from hearing_helper.ui.shell.main_actions import MainActions
from hearing_helper.ui.sync import install_sync
from hearing_helper.ui.wizard.base import LitigantContent

if TYPE_CHECKING:
    # Imported when first used: the wizard, the QR code library and the catalog parser are not
    # needed to show the window, and loading them later keeps the cold start fast.
    from hearing_helper.catalog import CatalogLoad
    from hearing_helper.ui.litigant_view import LitigantWindow
    from hearing_helper.ui.shell.drafts_dialog import DraftsDialog
    from hearing_helper.ui.shell.profile_dialog import ProfileDialog
    from hearing_helper.ui.speech import ReadAloud
    from hearing_helper.ui.wizard.wizard import AssistanceWizard

log = logging.getLogger(__name__)

PREFERRED_SIZE = (1200, 800)


class MainWindow(QMainWindow):
    # The language to use; also emitted to rebuild the window after a text-size change.
    language_change_requested = Signal(str)

    def __init__(
        self,
        services: AppServices,
        profile: ClerkProfile | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.profile = profile
        self.language = current_language(services)
        self.wizard: AssistanceWizard | None = None
        self.litigant_window: LitigantWindow | None = None
        self._was_maximized = False  # before sharing the screen with the litigant window
        self._closing = False
        self.drafts_dialog: DraftsDialog | None = None
        self.profile_dialog: ProfileDialog | None = None
        self.setWindowTitle(self.tr("Hearing Helper"))
        self._fit_to_screen()
        self.reader: ReadAloud | None = None
        self._build_home()
        self._build_actions()
        self._show_profile()
        # The court's central database: status line, Sync now, sync page (ui/sync).
        self.sync = install_sync(self, services, self.actor)
        desk_name = lambda: str(services.settings.get("desk_name") or "")  # noqa: E731
        sync_now = self.sync.controller.sync_now_forced
        self.home.follow_ups.join_court(services.court_channel, desk_name, sync_now)

    # --- layout ------------------------------------------------------------------------------

    def show_initial(self) -> None:
        """Show the window as the clerk starts the app: maximised, on any screen size."""
        self.showMaximized()

    def _fit_to_screen(self) -> None:
        """The size when not maximised: 1200 x 800, or less on a small screen (1366 x 768)."""
        screen = self.screen()
        available = screen.availableGeometry() if screen else None
        width, height = PREFERRED_SIZE
        if available is not None and available.width() > 0:
            width = min(width, int(available.width() * 0.96))
            height = min(height, int(available.height() * 0.92))
        self.resize(width, height)

    def _build_home(self) -> None:
        self.home = HomeView(self.services.repo, self.language)
        self.home.new_requested.connect(self.new_assistance)
        self.home.change_clerk_requested.connect(self.choose_profile)
        self.home.history.open_record.connect(self.open_history_row)
        # Short names used throughout (and by tests and screenshots).
        self.history = self.home.history
        self.new_button = self.home.new_button
        self.profile_label = self.home.profile_label
        self.pages = QStackedWidget()
        self.pages.addWidget(self.home)
        self.setCentralWidget(self.pages)

    def _build_actions(self) -> None:
        actions = MainActions(self, self.language)
        self.main_actions = actions
        self.new_action = actions.new
        self.litigant_action = actions.litigant
        self.settings_action = actions.settings
        self.reports_action = actions.reports
        self.language_actions = actions.languages
        actions.new.triggered.connect(self.new_assistance)
        actions.drafts.triggered.connect(lambda: self.offer_drafts(always=True))
        actions.profile.triggered.connect(self.choose_profile)
        actions.quit.triggered.connect(self.close)
        actions.litigant.toggled.connect(self.set_litigant_screen)
        actions.settings.triggered.connect(self.open_settings)
        actions.reports.triggered.connect(self.open_reports)
        actions.about.triggered.connect(self.show_about)
        actions.keyboard.triggered.connect(self.show_keyboard)
        actions.read_aloud.triggered.connect(self.read_aloud)
        actions.full_screen.triggered.connect(self._toggle_litigant_full_screen)
        for code, action in actions.languages.items():
            action.triggered.connect(lambda _checked=False, c=code: self.request_language(c))
        actions.install(self)

    @property
    def catalog(self) -> CatalogLoad:
        """The platform catalog, loaded now if the background load has not finished."""
        loaded_before = cached_catalog(self.services) is not None
        catalog = catalog_for(self.services)
        if not loaded_before:
            self.history.model.set_catalog(catalog)
        return catalog

    def _load_catalog_in_background(self) -> None:
        """Parse the catalog in the thread pool; the history shows platform names when done."""
        cached = cached_catalog(self.services)
        if cached is None:
            work = partial(load_catalog_from, self.services.data_dir)
            run_in_background(self, work, self._catalog_loaded)
        else:  # a window rebuilt (language switch): the session has it already
            self.history.model.set_catalog(cached)

    def _catalog_loaded(self, catalog: CatalogLoad) -> None:
        self.history.model.set_catalog(remember_catalog(self.services, catalog))

    # --- start: profile, then drafts ---------------------------------------------------------

    def start(self, resume_record_id: str | None = None, offer_drafts: bool = True) -> None:
        """Called once the window is shown: pick the profile, then offer unfinished drafts."""
        self._resume_id = resume_record_id
        self._offer_drafts_after_profile = offer_drafts
        self.history.refresh()
        self.home.follow_ups.refresh()
        self._load_catalog_in_background()
        if self.profile is None:
            last = self.services.settings.get("last_staff_id")
            self.profile = next(
                (p for p in self.services.repo.list_staff() if p.staff_id == last), None
            )
            self._show_profile()
        if self.profile is None:
            self.choose_profile()
        else:
            self._after_profile()

    def choose_profile(self) -> None:
        from hearing_helper.ui.shell.profile_dialog import ProfileDialog

        dialog = ProfileDialog(
            self.services.repo.list_staff(),
            self.profile,
            self.services.settings.get("court_name"),
            self,
        )
        dialog.accepted.connect(lambda: self._profile_chosen(dialog.profile()))
        dialog.rejected.connect(self._profile_dialog_closed)
        self.profile_dialog = dialog
        dialog.open()

    def _profile_chosen(self, profile: ClerkProfile) -> None:
        try:
            self.services.repo.save_staff(profile)
            self.services.settings.set("last_staff_id", profile.staff_id)
        except (StoreError, OSError) as exc:
            log.exception("Saving the clerk profile failed")
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
        self.profile = profile
        self._show_profile()
        self._after_profile()

    def _profile_dialog_closed(self) -> None:
        self._show_profile()

    def _after_profile(self) -> None:
        resume_id = getattr(self, "_resume_id", None)
        self._resume_id = None
        if resume_id:
            try:
                self.open_wizard(self.services.repo.get(resume_id))
            except StoreError:
                log.exception("Could not reopen draft %s", resume_id)
            return
        if getattr(self, "_offer_drafts_after_profile", False):
            self._offer_drafts_after_profile = False
            self.offer_drafts()

    def _show_profile(self) -> None:
        self.home.show_profile(self.profile)
        self.statusBar().showMessage(
            "" if self.profile else self.tr("Choose the clerk profile to start.")
        )

    # --- drafts ------------------------------------------------------------------------------

    def offer_drafts(self, always: bool = False) -> None:
        """Offer to resume unfinished drafts (crash recovery); never drops one silently."""
        try:
            drafts = self.services.repo.list_drafts()
        except StoreError:
            log.exception("Listing drafts failed")
            return
        if self.wizard is not None:
            drafts = [d for d in drafts if d.id != self.wizard.record.id]
        drafts = self._without_blank_drafts(drafts)
        if not drafts and not always:
            return
        if not drafts:
            QMessageBox.information(
                self,
                self.tr("Unfinished assistances"),
                self.tr("There are no unfinished assistances."),
            )
            return
        from hearing_helper.ui.shell.drafts_dialog import DraftsDialog

        dialog = DraftsDialog(drafts, self)
        dialog.resume_requested.connect(self.open_wizard)
        dialog.discard_requested.connect(self.discard_draft)
        self.drafts_dialog = dialog
        dialog.open()

    def _without_blank_drafts(self, drafts: list[AssistRecord]) -> list[AssistRecord]:
        """Drop drafts in which nothing was entered (left by a crash right after "New"):
        offering them as lost work would only alarm the clerk."""
        if not drafts:
            return drafts  # the usual start: the wizard module is not needed yet
        from hearing_helper.ui.wizard.wizard import nothing_entered

        kept = []
        for draft in drafts:
            if nothing_entered(draft):
                try:
                    self.services.repo.discard_draft(draft.id, self.actor())
                except StoreError:
                    log.exception("Discarding the blank draft %s failed", draft.id)
                    kept.append(draft)
            else:
                kept.append(draft)
        if len(kept) != len(drafts):
            self.history.refresh()
        return kept

    def discard_draft(self, record: AssistRecord) -> None:
        try:
            self.services.repo.discard_draft(record.id, self.actor())
        except StoreError as exc:
            log.exception("Discarding draft %s failed", record.id)
            QMessageBox.warning(self, self.tr("Not discarded"), str(exc))
        self.history.refresh()

    # --- the wizard --------------------------------------------------------------------------

    def actor(self) -> str:
        return self.profile.staff_id if self.profile else "unknown"

    def new_assistance(self) -> None:
        if self.wizard is not None:
            self.pages.setCurrentWidget(self.wizard)
            self.statusBar().showMessage(
                self.tr("Finish or close the open assistance before starting a new one."), 5000
            )
            return
        if self.profile is None:
            self.choose_profile()
            return
        record = AssistRecord(clerk=self.profile)
        record.intake.court = self.profile.court or self.services.settings.get("court_name")
        self.open_wizard(record)

    def open_wizard(self, record: AssistRecord) -> None:
        if self.wizard is not None:
            if self.wizard.record.id == record.id:
                self.pages.setCurrentWidget(self.wizard)
                return
            self.wizard.close_wizard()
        from hearing_helper.ui.wizard.wizard import AssistanceWizard

        wizard = AssistanceWizard(self.services, record, self.actor())
        wizard.record_finished.connect(self._on_record_finished)
        wizard.closed.connect(self._close_wizard)
        wizard.litigant_content_changed.connect(self.update_litigant_screen)
        self.wizard = wizard
        self.pages.addWidget(wizard)
        self.pages.setCurrentWidget(wizard)
        self.new_action.setEnabled(False)
        self.update_litigant_screen()
        wizard.focus_current_page()

    def _on_record_finished(self, record: AssistRecord) -> None:
        self.sync.controller.sync_now()  # in a worker; returns at once
        self.statusBar().showMessage(
            self.tr("Saved: %1").replace("%1", record.intake.case_number or record.id), 8000
        )
        self._close_wizard()

    def _close_wizard(self) -> None:
        wizard = self.wizard
        self.wizard = None
        if wizard is not None:
            self.pages.removeWidget(wizard)
            wizard.deleteLater()
        self.pages.setCurrentWidget(self.home)
        self.new_action.setEnabled(True)
        self.update_litigant_screen()
        self.history.refresh()
        self.home.follow_ups.refresh()
        self.new_button.setFocus()

    # --- history -----------------------------------------------------------------------------

    def open_history_row(self, row: AssistSummary) -> None:
        if row.status == "draft":
            self._offer_resume_of(row)
            return
        from hearing_helper.ui.shell.record_detail import RecordDetailDialog

        try:
            dialog = RecordDetailDialog(self.services, row.id, self.actor(), self.catalog, self)
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("Cannot open the record"), str(exc))
            return
        dialog.finished.connect(lambda _code: self.history.refresh())
        self.detail_dialog = dialog
        dialog.open()

    def _offer_resume_of(self, row: AssistSummary) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Unfinished assistance"),
            self.tr("This assistance is not finished yet. Resume it now?"),
        )
        if answer == QMessageBox.StandardButton.Yes:
            try:
                self.open_wizard(self.services.repo.get(row.id))
            except StoreError as exc:
                QMessageBox.warning(self, self.tr("Cannot open the record"), str(exc))

    # --- litigant screen ---------------------------------------------------------------------

    def set_litigant_screen(self, visible: bool) -> None:
        if visible:
            if self.litigant_window is None:
                from hearing_helper.ui.litigant_view import LitigantWindow

                self.litigant_window = LitigantWindow(self)
                self.litigant_window.installEventFilter(self)
                self.litigant_window.read_aloud_requested.connect(self.speak)
                self.litigant_window.rated.connect(self._on_litigant_rated)
            if not self.litigant_window.isVisible() and not self.litigant_window.isFullScreen():
                # The two windows share the screen (or it goes to the second monitor).
                self._was_maximized = self.isMaximized() or self._was_maximized
                self.litigant_window.place_beside(self)
            self.update_litigant_screen()
            self.litigant_window.show()  # without activation: the keyboard stays here
            # Some platforms (and window managers) activate new windows whatever the flags
            # say; hand the keyboard straight back to the clerk.
            self.activateWindow()
        elif self.litigant_window is not None:
            self.litigant_window.hide()
        if self.litigant_action.isChecked() != visible:
            self.litigant_action.setChecked(visible)

    def eventFilter(self, watched: QObject, event: object) -> bool:
        from PySide6.QtCore import QEvent

        if (
            watched is self.litigant_window
            and getattr(event, "type", lambda: None)() == QEvent.Type.Hide
        ):
            self.litigant_action.setChecked(False)
            self._take_back_the_screen()
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def _take_back_the_screen(self) -> None:
        """The litigant window is gone: the clerk's window takes the whole screen again
        (it was left at 60 % with the right of the screen empty)."""
        if (
            self._was_maximized
            and not self.isMaximized()
            and self.isVisible()
            and not self._closing
        ):
            self.showMaximized()
        self._was_maximized = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_litigant_window()

    def moveEvent(self, event: QMoveEvent) -> None:
        super().moveEvent(event)
        self._fit_litigant_window()

    def _fit_litigant_window(self) -> None:
        if self.litigant_window is not None and self.litigant_window.isVisible():
            # A wider page made this window grow, or the window manager framed it: the
            # litigant window takes what is left of the screen.
            QTimer.singleShot(0, self.litigant_window.fit_beside)

    def litigant_content(self) -> LitigantContent:
        if self.wizard is not None:
            return self.wizard.litigant_content()
        return LitigantContent(
            title=self.tr("Welcome to the help desk"),
            lines=[self.tr("The clerk will help you join your online hearing.")],
        )

    def _on_litigant_rated(self, value: int) -> None:
        if self.wizard is not None:
            self.wizard.record_litigant_rating(value)

    def update_litigant_screen(self) -> None:
        if self.litigant_window is not None:
            self.litigant_window.show_content(self.litigant_content())
            self._fit_litigant_window()  # another page may need more of the screen

    def _toggle_litigant_full_screen(self) -> None:
        if self.litigant_window is None or not self.litigant_window.isVisible():
            self.set_litigant_screen(True)
        assert self.litigant_window is not None
        self.litigant_window.toggle_full_screen()

    # --- read aloud --------------------------------------------------------------------------

    def read_aloud(self) -> None:
        """Ctrl+R: read what the litigant screen shows (whether or not it is open)."""
        if self.litigant_window is not None:
            self.litigant_window.read_aloud()
            return
        from hearing_helper.ui.litigant_view import spoken_text

        self.speak(spoken_text(self.litigant_content()))

    def speak(self, text: str) -> None:
        self.read_aloud_engine().speak(text)

    def read_aloud_engine(self) -> ReadAloud:
        if self.reader is None:
            from hearing_helper.ui.speech import ReadAloud

            self.reader = ReadAloud(self)
            self.reader.problem.connect(self._speech_problem)
            self.statusBar().messageChanged.connect(self._status_message_changed)
        return self.reader

    def _speech_problem(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)  # the reason, for the clerk, in one line
        status = self.statusBar()
        status.setToolTip(self.reader.detail if self.reader else "")  # what to do about it
        if self.litigant_window is not None:
            self.litigant_window.show_notice(
                self.tr("Reading aloud is not available right now; the clerk will read it to you.")
            )

    def _status_message_changed(self, shown: str) -> None:
        if not shown:  # the reason has gone: so has its advice
            self.statusBar().setToolTip("")

    # --- settings, reports, language ---------------------------------------------------------

    def open_settings(self) -> None:
        from hearing_helper.ui.reports.supervisor import require_supervisor
        from hearing_helper.ui.shell.settings_dialog import SettingsDialog

        if not require_supervisor(self, self.services, self.tr("change the desk settings")):
            return
        dialog = SettingsDialog(self.services.settings, self)
        self.settings_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            changed = dialog.apply(
                lambda changes, write: self.services.repo.append_audit(
                    self.actor(), "settings.changed", changes, before_commit=write
                )
            )
        except (StoreError, SettingsFileError) as exc:
            self._settings_not_saved(exc)
            return
        if "font_scale" in changed:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_font_scale(app, dialog.chosen_font_scale())
        if "language" in changed or "font_scale" in changed:
            # Rebuilding the window applies the language and the text size everywhere at once
            # (headings with their own enlarged fonts included); open work is kept.
            self.language_change_requested.emit(dialog.chosen_language())

    def open_reports(self) -> None:
        from hearing_helper.ui.reports import open_reports

        open_reports(self, self.services)

    def request_language(self, code: str) -> None:
        """The Language menu: a clerk's preference, so no supervisor password (README, design
        notes); the change is recorded in the audit log like any settings change."""
        if code == self.language:
            return
        try:
            self.services.repo.append_audit(
                self.actor(),
                "settings.changed",
                {"language": code},
                before_commit=lambda: self.services.settings.set("language", code),
            )
        except (StoreError, SettingsFileError) as exc:
            self._settings_not_saved(exc)
            return
        self.language_change_requested.emit(code)

    def _settings_not_saved(self, exc: Exception) -> None:
        QMessageBox.warning(
            self,
            self.tr("Settings not saved"),
            self.tr("The settings were not changed: %1").replace("%1", str(exc)),
        )

    def show_keyboard(self) -> None:
        from hearing_helper.ui.shell.keyboard_help import KeyboardDialog

        dialog = KeyboardDialog(self)
        self.keyboard_dialog = dialog
        dialog.open()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Hearing Helper"),
            self.tr("Hearing Helper %1\nData folder: %2\nLog file: %3")
            .replace("%1", __version__)
            .replace("%2", str(self.services.data_dir))
            .replace("%3", str(self.services.data_dir / "logs" / "hearing-helper.log")),
        )

    # --- shutdown ----------------------------------------------------------------------------

    def save_open_work(self, keep_blank: bool = False) -> str | None:
        """Save the open assistance (if any) and return its id.

        One in which nothing was entered is discarded at quit (it is not lost work), but kept
        when the window is only rebuilt (``keep_blank``, a language switch).
        """
        if self.wizard is None:
            return None
        if not keep_blank and self.wizard.discard_if_blank():
            return None
        self.wizard.save_now()
        return self.wizard.record.id

    def closeEvent(self, event: QCloseEvent) -> None:
        # The open draft stays a draft: it is offered again at the next start.
        self.save_open_work()
        self._closing = True  # hiding the litigant window now must not maximise this one
        if self.litigant_window is not None:
            self.litigant_window.hide()
        self.history.wait_idle()
        self.sync.controller.stop()
        super().closeEvent(event)
