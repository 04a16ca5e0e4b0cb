"""Keyboard alone: focus where the clerk types next, Alt+letter never chooses an answer, and the
keyboard map (Help > Keyboard) matches the README."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_fixtures import CLERK, OFFSCREEN_NOISE, english, services  # noqa: F401

from hearing_helper.checks.fake_devices import FakeDeviceProvider
from hearing_helper.domain.enums import DeviceKind, StepId
from hearing_helper.ui.checks.fakes import FakeLiveDevices
from hearing_helper.ui.main_window import MainWindow
from hearing_helper.ui.shell.keyboard_help import KEYBOARD_MAP, KeyboardDialog

pytestmark = OFFSCREEN_NOISE
README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.fixture
def window(qtbot, services, english) -> MainWindow:  # noqa: F811
    services.device_provider = FakeLiveDevices(FakeDeviceProvider())
    services.repo.save_staff(CLERK)
    shown = MainWindow(services, CLERK)
    qtbot.addWidget(shown)
    shown.show_initial()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow, timeout=2000)
    return shown


def test_new_assistance_puts_the_cursor_in_the_case_number(qtbot, window) -> None:
    qtbot.keyClick(window.home.new_button, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    wizard = window.wizard
    assert wizard is not None
    intake = wizard.current_page()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.case_number, timeout=2000)
    qtbot.keyClicks(QApplication.focusWidget(), "2026")
    assert intake.case_number.text() == "2026"  # typing straight away is not lost


def test_every_step_focuses_where_the_clerk_works_next(qtbot, window) -> None:
    window.new_assistance()
    wizard = window.wizard
    wizard.record.intake.platform_id = "tencent_meeting"
    wizard.record.intake.device = DeviceKind.OWN_ANDROID
    expected = {
        StepId.CHECKS: lambda page: page.run_button,
        StepId.INSTALL: lambda page: page.done_button,
        StepId.JOIN: lambda page: page.editors["link"],
        StepId.FINISH: lambda page: page.initial_focus(),
    }
    for index, page in enumerate(wizard.pages[1:], start=1):
        wizard.go_to(index)
        target = expected[page.step_id](page)
        qtbot.waitUntil(lambda t=target: QApplication.focusWidget() is t, timeout=2000)


def test_alt_letter_reaches_outcome_and_satisfaction_without_choosing(qtbot, window) -> None:
    window.new_assistance()
    wizard = window.wizard
    wizard.go_to(4)
    finish = wizard.current_page()
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


def test_keyboard_window_lists_the_map_and_the_readme_has_it(qtbot, window) -> None:
    readme = README.read_text(encoding="utf-8")
    missing = [keys for keys, _text in KEYBOARD_MAP if f"| {keys} |" not in readme]
    assert not missing, f"README keyboard map lacks: {missing}"
    window.main_actions.keyboard.trigger()
    dialog = window.desk_settings.keyboard_dialog
    assert isinstance(dialog, KeyboardDialog) and dialog.isVisible()
    assert dialog.table.rowCount() == len(KEYBOARD_MAP)
    assert window.main_actions.keyboard.shortcut().toString() == "F1"
