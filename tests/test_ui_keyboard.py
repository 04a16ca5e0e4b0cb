"""Keyboard alone: focus where the clerk types next, Alt+letter never chooses an answer, and the
keyboard map (Help > Keyboard) matches the README."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hearing_helper.checks.fake_devices import FakeDeviceProvider
from hearing_helper.domain.enums import DeviceKind, StepId
from hearing_helper.services import AppServices
from hearing_helper.ui.checks.checks_page import ChecksPage
from hearing_helper.ui.checks.fakes import FakeLiveDevices
from hearing_helper.ui.install.install_page import InstallPage
from hearing_helper.ui.join.join_page import JoinPage
from hearing_helper.ui.main_window import MainWindow
from hearing_helper.ui.shell.keyboard_help import KEYBOARD_MAP, KeyboardDialog
from hearing_helper.ui.wizard.base import StepPage
from hearing_helper.ui.wizard.finish_page import FinishPage
from hearing_helper.ui.wizard.intake_page import IntakePage
from tests.ui_fixtures import (  # noqa: F401 - fixtures
    CLERK,
    OFFSCREEN_NOISE,
    english,
    page_now,
    services,
    wizard_of,
)

pytestmark = OFFSCREEN_NOISE
README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.fixture
def window(qtbot: QtBot, services: AppServices, english: None) -> MainWindow:  # noqa: F811
    services.session.device_provider = FakeLiveDevices(FakeDeviceProvider())
    services.repo.save_staff(CLERK)
    shown = MainWindow(services, CLERK)
    qtbot.addWidget(shown)
    shown.show_initial()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow, timeout=2000)
    return shown


def test_new_assistance_puts_the_cursor_in_the_case_number(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClick(window.home.new_button, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    wizard = window.wizard
    assert wizard is not None
    intake = page_now(wizard, IntakePage)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.case_number, timeout=2000)
    qtbot.keyClicks(QApplication.focusWidget(), "2026")
    assert intake.case_number.text() == "2026"  # typing straight away is not lost


def test_every_step_focuses_where_the_clerk_works_next(qtbot: QtBot, window: MainWindow) -> None:
    window.new_assistance()
    wizard = wizard_of(window)
    wizard.record.intake.platform_id = "tencent_meeting"
    wizard.record.intake.device = DeviceKind.OWN_ANDROID

    def expected(page: StepPage) -> QWidget | None:
        if isinstance(page, ChecksPage):
            return page.run_button
        if isinstance(page, InstallPage):
            return page.done_button
        if isinstance(page, JoinPage):
            return page.editors["link"]
        assert page.step_id is StepId.FINISH
        return page.initial_focus()

    for index, page in enumerate(wizard.pages[1:], start=1):
        wizard.go_to(index)
        target = expected(page)

        def focused(target: QWidget | None = target) -> bool:
            return QApplication.focusWidget() is target

        qtbot.waitUntil(focused, timeout=2000)


def test_alt_letter_reaches_outcome_and_satisfaction_without_choosing(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.new_assistance()
    wizard = wizard_of(window)
    wizard.go_to(4)
    finish = page_now(wizard, FinishPage)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.wait(300)  # a clicked button would fire ~100 ms later (animateClick)
    assert QApplication.focusWidget() is finish.satisfaction_buttons[1]
    assert finish.satisfaction_group.checkedButton() is None
    assert wizard.record.satisfaction is None
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    qtbot.wait(300)
    assert finish.outcome_group.checkedButton() is None
    assert wizard.record.outcome is None
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # Space chooses
    assert finish.outcome_group.checkedButton() is not None


def test_keyboard_window_lists_the_map_and_the_readme_has_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    readme = README.read_text(encoding="utf-8")
    missing = [keys for keys, _text in KEYBOARD_MAP if f"| {keys} |" not in readme]
    assert not missing, f"README keyboard map lacks: {missing}"
    window.main_actions.keyboard.trigger()
    dialog = window.desk_settings.keyboard_dialog
    assert isinstance(dialog, KeyboardDialog) and dialog.isVisible()
    assert dialog.table.rowCount() == len(KEYBOARD_MAP)
    assert window.main_actions.keyboard.shortcut().toString() == "F1"
