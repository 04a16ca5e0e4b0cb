"""Shared set-up of the clerk-flow tests (issue 17): the real main window with the real pages,
and a preparation visit whose intake is complete."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hearing_helper.checks.fake_devices import FakeDeviceProvider
from hearing_helper.domain.enums import DeviceKind, Role
from hearing_helper.domain.record import AssistRecord, now_local
from hearing_helper.domain.visit import VisitKind
from hearing_helper.services import AppServices
from hearing_helper.ui.checks.fakes import FakeLiveDevices
from hearing_helper.ui.main_window import MainWindow
from tests.ui_fixtures import CLERK


def intake_done(kind: VisitKind = VisitKind.PREPARATION, days_ahead: int = 3) -> AssistRecord:
    """A record whose intake is complete; only the Finish step is left to fill in."""
    record = AssistRecord(clerk=CLERK)
    intake = record.intake
    intake.case_number = "（2026）冀1126民初88号"
    intake.hearing_at = (now_local() + timedelta(days=days_ahead)).replace(
        hour=9, minute=30, second=0, microsecond=0
    )
    intake.court = CLERK.court
    intake.platform_id = "tencent_meeting"
    intake.litigant_name = "王建国"
    intake.role = Role.DEFENDANT
    intake.phone = "13812345678"
    intake.device = DeviceKind.OWN_ANDROID
    intake.consent = True
    record.kind = kind
    return record


def open_main_window(qtbot: QtBot, services: AppServices) -> MainWindow:
    services.session.device_provider = FakeLiveDevices(FakeDeviceProvider())
    services.repo.save_staff(CLERK)
    services.settings.set("last_staff_id", CLERK.staff_id)
    window = MainWindow(services, CLERK)
    qtbot.addWidget(window)
    window.show_initial()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return window


def press(qtbot: QtBot, keys: str) -> None:
    """Press ``keys`` ("Alt+U", "Space", "Return") on the widget that has the keyboard."""
    from PySide6.QtGui import QKeySequence

    combo = QKeySequence(keys)[0]  # type: ignore[index]  # PySide6 declares no __getitem__
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert isinstance(target, QWidget), "nothing has the keyboard"
    qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())
    qtbot.wait(250)  # an Alt+letter click fires ~100 ms later (animateClick)
