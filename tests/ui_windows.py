"""Every top-level window and dialog of the app, built with realistic content, for the tests
that walk them all (screen fit, mnemonics, visible text)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hearing_helper.checks.base import CheckResult, CheckStatus
from hearing_helper.domain.enums import DeviceKind, Outcome, StepId
from hearing_helper.domain.record import Problem
from hearing_helper.domain.visit import VisitKind
from hearing_helper.reports.drill import Drill
from hearing_helper.services import AppServices
from hearing_helper.store.repository import PreparedHearing
from hearing_helper.ui.app import apply_font_scale, install_translators
from tests.ui_fixtures import CLERK, finished_record

if TYPE_CHECKING:  # imported where the windows are made
    from hearing_helper.ui.reports.view import ReportsWindow


def _settle(qtbot: QtBot, window: QWidget) -> None:
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()


@contextmanager
def language(qapp: QApplication, lang: str) -> Iterator[None]:
    """Run in ``lang`` with the app's real font (as the GUI sets it), then restore both."""
    font = qapp.font()
    apply_font_scale(qapp, 1.0)
    install_translators(qapp, lang)
    try:
        yield
    finally:
        install_translators(qapp, "en")
        qapp.setFont(font)


def seed(services: AppServices) -> str:
    """A clerk, a finished record with check results and a draft; returns the record's id."""
    services.repo.save_staff(CLERK)
    services.settings.set("last_staff_id", CLERK.staff_id)
    record = finished_record("（2026）冀1126民初1234号", "王建国", Outcome.JOINED_AFTER_HELP)
    record.checks = [
        CheckResult("camera", CheckStatus.PASS, "camera.ok", {"fps": 25.0}).to_record(),
        CheckResult("microphone", CheckStatus.FAIL, "microphone.silent", {}).to_record(),
        CheckResult("network", CheckStatus.SKIPPED, "network.no_endpoints", {}).to_record(),
    ]
    # As the install page records a problem: "<guide step id>: <note>".
    record.problems = [Problem(StepId.INSTALL, "no_storage", "find_hearing: 手机内存不足")]
    services.repo.import_finished([record], "test")
    return record.id


def all_windows(qtbot: QtBot, services: AppServices) -> Iterator[tuple[str, QWidget]]:
    """Yield (name, shown window) one at a time; each is closed after the caller's check."""
    from hearing_helper.checks.fake_devices import FakeDeviceProvider
    from hearing_helper.ui.catalog_cache import catalog_for
    from hearing_helper.ui.checks.fakes import FakeLiveDevices
    from hearing_helper.ui.litigant_view import LitigantWindow
    from hearing_helper.ui.main_window import MainWindow
    from hearing_helper.ui.reports.drilldown import DrillDownDialog
    from hearing_helper.ui.reports.supervisor import (
        NoPasswordDialog,
        PasswordDialog,
        SetPasswordDialog,
    )
    from hearing_helper.ui.reports.view import ReportsWindow
    from hearing_helper.ui.shell.correction_dialog import CorrectionDialog
    from hearing_helper.ui.shell.drafts_dialog import DraftsDialog
    from hearing_helper.ui.shell.keyboard_help import KeyboardDialog
    from hearing_helper.ui.shell.profile_dialog import ProfileDialog
    from hearing_helper.ui.shell.record_detail import RecordDetailDialog
    from hearing_helper.ui.shell.settings_dialog import SettingsDialog
    from hearing_helper.ui.sync.sync_dialog import SyncDialog
    from hearing_helper.ui.visits.follow_ups import FollowUpDialog
    from hearing_helper.ui.wizard.rating_prompt import RatingPromptBox
    from hearing_helper.ui.wizard.wizard_dialogs import EndEarlyDialog, SkipStepDialog

    services.session.device_provider = FakeLiveDevices(FakeDeviceProvider())
    record_id = seed(services)
    window = MainWindow(services, CLERK)
    qtbot.addWidget(window)
    window.show_initial()
    qtbot.waitExposed(window)
    window.home.history.refresh()
    qtbot.waitUntil(lambda: window.home.history.model.rowCount() > 0, timeout=5000)
    yield "main window: history", window

    window.new_assistance()
    wizard = window.wizard
    assert wizard is not None
    # A platform and a phone, so the install guide and the join page show all their controls.
    wizard.record.intake.platform_id = "tencent_meeting"
    wizard.record.intake.device = DeviceKind.OWN_ANDROID
    for index, page in enumerate(wizard.pages):
        wizard.go_to(index)
        QApplication.processEvents()
        yield f"main window: wizard step {index + 1} ({page.step_id})", window
    # A preparation visit ends with its own outcome and the recommended way to join.
    wizard.record.kind = VisitKind.PREPARATION
    wizard.go_to(0)
    wizard.go_to(len(wizard.pages) - 1)
    QApplication.processEvents()
    yield "main window: finish of a preparation visit", window

    def dialogs() -> Iterator[tuple[str, QWidget]]:
        catalog = catalog_for(services)
        record = services.repo.get(record_id)
        yield "profile", ProfileDialog(services.repo.list_staff(), CLERK, "测试县人民法院", window)
        yield "profile (first run)", ProfileDialog([], None, "", window)
        yield "unfinished assistances", DraftsDialog([wizard.record], window)
        yield "settings", SettingsDialog(services.settings, window)
        yield "record detail", RecordDetailDialog(services, record_id, "A001", catalog, window)
        yield "correction", CorrectionDialog(services, record, window)
        yield "skip step", SkipStepDialog(wizard.current_page().title(), window)
        yield "end early", EndEarlyDialog(window)
        yield "keyboard", KeyboardDialog(window)
        yield "supervisor password", PasswordDialog(services, "see the reports", window)
        yield "no supervisor password", NoPasswordDialog("change the desk settings", window)
        yield "set supervisor password", SetPasswordDialog(services, window)
        reports = ReportsWindow(services, window)
        yield "reports", reports
        if reports.report is not None:
            yield (
                "drill-down",
                DrillDownDialog(
                    reports,
                    reports.report.filters,
                    Drill("step", (str(StepId.CHECKS), "failed")),
                    "x",
                ),
            )
        hearing = PreparedHearing(
            record_id, "（2026）冀1126民初88号", "王建国", "13812345678",
            "2026-11-30T09:00:00+08:00", "tencent_meeting", "ready", "desk_pc", "张三",
            "2026-11-27T10:00:00+08:00",
        )  # fmt: skip
        yield "follow-up", FollowUpDialog(hearing, window)
        yield "no rating yet", RatingPromptBox(window)
        yield "central database", SyncDialog(services, window.sync.controller, "A001", window)
        litigant = LitigantWindow(window)
        litigant.show_content(wizard.litigant_content())
        yield "litigant window", litigant

    for name, dialog in dialogs():
        _settle(qtbot, dialog)
        if isinstance(dialog, ReportsWindow):
            qtbot.waitUntil(partial(_report_shown, dialog), timeout=10000)
        yield name, dialog
        dialog.close()
        dialog.deleteLater()
    wizard.close_wizard()
    window.close()


def _report_shown(window: ReportsWindow) -> bool:
    return window.report is not None
