"""The clerk's main window: profile, "New assistance", history, and the wizard when one is open.

Repository calls go through ``ui/store_calls.py`` (reads) and ``ui/pending_writes.py`` (record
writes): with a database server none waits on the GUI thread, and nothing typed is lost."""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent, QMoveEvent, QResizeEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QStackedWidget, QWidget

from hearing_helper.domain.record import AssistRecord, ClerkProfile
from hearing_helper.services import AppServices
from hearing_helper.store.repository import AssistRepository, AssistSummary
from hearing_helper.ui.app import current_language
from hearing_helper.ui.background import run_in_background
from hearing_helper.ui.catalog_cache import (
    cached_catalog,
    catalog_for,
    load_catalog_from,
    remember_catalog,
)
from hearing_helper.ui.pending_writes import pending_for
from hearing_helper.ui.shell.desk_settings import DeskSettings
from hearing_helper.ui.shell.home_view import HomeView
from hearing_helper.ui.shell.litigant_screen import LitigantScreen
from hearing_helper.ui.shell.main_actions import MainActions
from hearing_helper.ui.shell.pending_status import PendingStatusLabel
from hearing_helper.ui.store_calls import calls_for
from hearing_helper.ui.sync import install_sync

if TYPE_CHECKING:
    # Imported when first used: not needed to show the window (a faster cold start).
    from hearing_helper.catalog import CatalogLoad
    from hearing_helper.ui.shell.drafts_dialog import DraftsDialog
    from hearing_helper.ui.shell.profile_dialog import ProfileDialog
    from hearing_helper.ui.shell.record_detail import RecordDetailDialog
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
        self.calls = calls_for(services)
        self.pending = pending_for(services)
        self.wizard: AssistanceWizard | None = None
        self.drafts_dialog: DraftsDialog | None = None
        self.profile_dialog: ProfileDialog | None = None
        self.detail_dialog: RecordDetailDialog | None = None
        self._resume_id: str | None = None
        self._offer_drafts_after_profile = False
        self._looking_up_profile = profile is None  # until start() reads the last clerk
        self.setWindowTitle(self.tr("Hearing Helper"))
        self._fit_to_screen()
        self.litigant_screen = LitigantScreen(self)
        self.desk_settings = DeskSettings(self, services, self.language)
        self.desk_settings.language_change_requested.connect(self.language_change_requested)
        self._build_home()
        self._build_actions()
        self._show_profile()
        self.sync = install_sync(self, services, self.actor)  # the court's database (ui/sync)
        self.pending_label = PendingStatusLabel(self.pending, self)
        self.statusBar().addPermanentWidget(self.pending_label)
        desk_name = lambda: str(services.settings.get("desk_name") or "")  # noqa: E731
        sync_now = self.sync.controller.sync_now_forced
        self.home.follow_ups.join_court(services.court_channel, desk_name, sync_now)

    def show_initial(self) -> None:
        """Maximised, on any screen size; the keyboard on "New assistance" from the start."""
        self.home.new_button.setFocus()
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
        self.home = HomeView(self.services.repo, self.language, self.services.settings_set_aside)
        self.home.new_requested.connect(self.new_assistance)
        self.home.change_clerk_requested.connect(self.choose_profile)
        self.home.history.open_record.connect(self.open_history_row)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.home)
        self.setCentralWidget(self.pages)

    def _build_actions(self) -> None:
        actions = MainActions(self, self.language)
        self.main_actions = actions
        screen, settings = self.litigant_screen, self.desk_settings
        actions.new.triggered.connect(self.new_assistance)
        actions.drafts.triggered.connect(lambda: self.offer_drafts(always=True))
        actions.profile.triggered.connect(self.choose_profile)
        actions.quit.triggered.connect(self.close)
        screen.action = actions.litigant
        actions.litigant.toggled.connect(screen.set_visible)
        actions.settings.triggered.connect(settings.open_settings)
        actions.reports.triggered.connect(settings.open_reports)
        actions.about.triggered.connect(settings.show_about)
        actions.keyboard.triggered.connect(settings.show_keyboard)
        actions.read_aloud.triggered.connect(screen.read_aloud)
        actions.full_screen.triggered.connect(screen.toggle_full_screen)
        for code, action in actions.languages.items():
            action.triggered.connect(lambda _c=False, c=code: settings.request_language(c))
        actions.install(self)

    @property
    def catalog(self) -> CatalogLoad:
        """The platform catalog, loaded now if the background load has not finished."""
        loaded_before = cached_catalog(self.services) is not None
        catalog = catalog_for(self.services)
        if not loaded_before:
            self.home.history.model.set_catalog(catalog)
        return catalog

    def _load_catalog_in_background(self) -> None:
        """Parse the catalog in the thread pool; the history shows platform names when done."""
        cached = cached_catalog(self.services)
        if cached is None:
            work = partial(load_catalog_from, self.services.data_dir)
            run_in_background(self, work, self._catalog_loaded)
        else:  # a window rebuilt (language switch): the session has it already
            self.home.history.model.set_catalog(cached)

    def _catalog_loaded(self, catalog: CatalogLoad) -> None:
        self.home.history.model.set_catalog(remember_catalog(self.services, catalog))

    # --- start: profile, then drafts ---------------------------------------------------------

    def start(self, resume_record_id: str | None = None, offer_drafts: bool = True) -> None:
        """Called once the window is shown: pick the profile, then offer unfinished drafts."""
        self._resume_id = resume_record_id
        self._offer_drafts_after_profile = offer_drafts
        self.home.history.refresh()
        self.home.follow_ups.refresh()
        self._load_catalog_in_background()
        if self.profile is not None:
            self._after_profile()
            return
        last = self.services.settings.get("last_staff_id")
        self.calls.run(
            lambda repo: repo.list_staff(),
            lambda staff: self._last_profile_found(
                next((p for p in staff if p.staff_id == last), None)
            ),
            lambda _exc: self._last_profile_found(None),
            owner=self,
        )

    def _last_profile_found(self, profile: ClerkProfile | None) -> None:
        self.profile, self._looking_up_profile = profile, False
        self._show_profile()
        if self.profile is None:
            self.choose_profile()
        else:
            self._after_profile()

    def choose_profile(self) -> None:
        self.calls.run(
            lambda repo: repo.list_staff(),
            self._open_profile_dialog,
            lambda _exc: self._open_profile_dialog([]),
            owner=self,
        )

    def _open_profile_dialog(self, staff: list[ClerkProfile]) -> None:
        from hearing_helper.ui.shell.profile_dialog import ProfileDialog

        court = self.services.settings.get("court_name")
        dialog = ProfileDialog(staff, self.profile, court, self)
        dialog.accepted.connect(lambda: self._profile_chosen(dialog.profile()))
        dialog.rejected.connect(self._show_profile)
        self.profile_dialog = dialog
        dialog.open()

    def _profile_chosen(self, profile: ClerkProfile) -> None:
        settings = self.services.settings

        def save(repo: AssistRepository) -> None:
            repo.save_staff(profile)
            settings.set("last_staff_id", profile.staff_id)

        self.calls.run(save, lambda _none: None, self._profile_not_saved, owner=self)
        self.profile = profile
        self._show_profile()
        self._after_profile()

    def _profile_not_saved(self, exc: Exception) -> None:
        log.error("Saving the clerk profile failed: %s", exc)
        QMessageBox.warning(self, self.tr("Not saved"), str(exc))

    def _after_profile(self) -> None:
        resume_id, self._resume_id = self._resume_id, None
        if resume_id:
            self._resume(resume_id)
            return
        if self._offer_drafts_after_profile:
            self._offer_drafts_after_profile = False
            self.offer_drafts()

    def _show_profile(self) -> None:
        looking_up = self._looking_up_profile and self.profile is None
        self.home.show_profile(self.profile, looking_up)
        self.statusBar().showMessage(
            "" if self.profile or looking_up else self.tr("Choose the clerk profile to start.")
        )

    # --- drafts ------------------------------------------------------------------------------

    def offer_drafts(self, always: bool = False) -> None:
        """Offer unfinished drafts, those kept on this PC too (crash recovery); never drops one."""
        from hearing_helper.ui.wizard.intake_values import nothing_entered

        kept = self.pending.kept_drafts()

        def offer(drafts: list[AssistRecord], away: Exception | None = None) -> None:
            if away is not None:  # the server's list is out of reach: said once, calmly
                text = self.tr("The database cannot be reached; drafts kept on this PC are shown.")
                self.statusBar().showMessage(text, 15000)
            newest = {d.id: d for d in drafts} | {d.id: d for d in kept}
            open_id = self.wizard.record.id if self.wizard is not None else None
            shown = [d for d in newest.values() if d.id != open_id]
            for blank in [d for d in shown if nothing_entered(d)]:
                # Left by a crash right after "New": offering it as lost work would only alarm.
                self.pending.discard(blank.id, self.actor())
            self._show_drafts([d for d in shown if not nothing_entered(d)], always)

        self.calls.run(lambda repo: repo.list_drafts(), offer, lambda e: offer([], e), owner=self)

    def _show_drafts(self, drafts: list[AssistRecord], always: bool) -> None:
        if not drafts:
            if always:
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

    def discard_draft(self, record: AssistRecord) -> None:
        self.pending.discard(record.id, self.actor())
        self.home.history.refresh()

    def _resume(self, record_id: str) -> None:
        """Open the draft ``record_id``: this PC's copy when the server has not had it yet."""
        kept = self.pending.kept_record(record_id)
        if kept is not None:
            self.open_wizard(kept)
            return
        self.calls.run(
            lambda repo: repo.get(record_id), self.open_wizard, self._cannot_open, owner=self
        )

    def _cannot_open(self, exc: Exception) -> None:
        QMessageBox.warning(self, self.tr("Cannot open the record"), str(exc))

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
        wizard.litigant_content_changed.connect(self.litigant_screen.update)
        self.wizard = wizard
        self.pages.addWidget(wizard)
        self.pages.setCurrentWidget(wizard)
        self.main_actions.new.setEnabled(False)
        self.litigant_screen.update()
        wizard.focus_current_page()

    def _on_record_finished(self, record: AssistRecord) -> None:
        self.sync.controller.sync_now()  # in a worker; returns at once
        case = record.intake.case_number or record.id
        if self.pending.kept_record(record.id) is None and self.pending.count() == 0:
            text = self.tr("Saved: %1")
        else:
            text = self.tr("Finished: %1; kept on this PC until the server takes it")
        self.statusBar().showMessage(text.replace("%1", case), 8000)
        self._close_wizard()

    def _close_wizard(self) -> None:
        wizard = self.wizard
        self.wizard = None
        if wizard is not None:
            self.pages.removeWidget(wizard)
            wizard.deleteLater()
        self.pages.setCurrentWidget(self.home)
        self.main_actions.new.setEnabled(True)
        self.litigant_screen.update()
        self.home.history.refresh()
        self.home.follow_ups.refresh()
        self.home.new_button.setFocus()

    def open_history_row(self, row: AssistSummary) -> None:
        if row.status == "draft":
            self._offer_resume_of(row)
            return
        from hearing_helper.ui.shell.record_detail import RecordDetailDialog

        dialog = RecordDetailDialog(self.services, row.id, self.actor(), self.catalog, self)
        dialog.finished.connect(lambda _code: self.home.history.refresh())
        dialog.load_failed.connect(lambda message: self._cannot_open(Exception(message)))
        self.detail_dialog = dialog
        dialog.open()

    def _offer_resume_of(self, row: AssistSummary) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Unfinished assistance"),
            self.tr("This assistance is not finished yet. Resume it now?"),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._resume(row.id)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.litigant_screen.fit()

    def moveEvent(self, event: QMoveEvent) -> None:
        super().moveEvent(event)
        self.litigant_screen.fit()

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
        self.litigant_screen.closing = True  # hiding it now must not maximise this window
        if self.litigant_screen.window is not None:
            self.litigant_screen.window.hide()
        self.home.history.wait_idle()
        self.pending.wait_idle(5000)  # this PC's copies are complete before the app ends
        self.sync.controller.stop()
        super().closeEvent(event)
