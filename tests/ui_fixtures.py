"""Shared helpers of the UI tests (tests/test_ui_*.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QTableWidget

from hearing_helper.domain.enums import DeviceKind, NotJoinedReason, Outcome, RecordStatus, Role
from hearing_helper.domain.record import AssistRecord, ClerkProfile, now_local
from hearing_helper.services import AppServices

if TYPE_CHECKING:
    from hearing_helper.domain.enums import StepId
    from hearing_helper.ui.main_window import MainWindow
    from hearing_helper.ui.shell.window_host import MainWindowHost
    from hearing_helper.ui.wizard.base import StepPage
    from hearing_helper.ui.wizard.wizard import AssistanceWizard

    PageT = TypeVar("PageT", bound=StepPage)

# The offscreen platform cannot resize native windows and says so whenever a window's size
# limits change; that is a property of the test platform, not of the app.
OFFSCREEN_NOISE = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CLERK = ClerkProfile(staff_id="A001", name="张三", desk="3号窗口", court="测试县人民法院")


@pytest.fixture
def services(data_dir: Path) -> Iterator[AppServices]:
    opened = AppServices.open(data_dir)
    yield opened
    opened.close()


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """Run with English (no translators) and leave it so."""
    from hearing_helper.ui.app import install_translators

    install_translators(qapp, "en")
    yield
    install_translators(qapp, "en")


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    """The text of a table cell that must be there."""
    item = table.item(row, column)
    assert item is not None, (row, column)
    return item.text()


def window_of(host: MainWindowHost) -> MainWindow:
    """The host's main window (it has shown one)."""
    assert host.window is not None, "no main window is shown"
    return host.window


def wizard_of(window: MainWindow) -> AssistanceWizard:
    """The window's open wizard (the test opened one)."""
    assert window.wizard is not None, "no assistance is open"
    return window.wizard


def page_now(wizard: AssistanceWizard, kind: type[PageT]) -> PageT:
    """The wizard's current page, which must be a ``kind``."""
    page = wizard.current_page()
    assert isinstance(page, kind), page
    return page


def stand_in_page_class() -> Callable[[AppServices, StepId], StepPage]:
    """A minimal page for the device/install/join steps, so wizard tests do not depend on the
    pages other features plug in. Leaving it records the step as skipped, never as done."""
    from PySide6.QtWidgets import QLabel, QVBoxLayout

    from hearing_helper.domain.enums import StepStatus
    from hearing_helper.ui.labels import step_label
    from hearing_helper.ui.wizard.base import StepPage

    class _StandIn(StepPage):
        def __init__(self, services: AppServices, step_id: StepId) -> None:
            super().__init__(services)
            self.step_id = step_id
            QVBoxLayout(self).addWidget(QLabel(f"stand-in for {step_id}"))

        def title(self) -> str:
            return step_label(self.step_id)

        def is_complete(self) -> bool:
            return False

        def leave(self) -> None:
            state = self.record.step(self.step_id) if self.record else None
            if state is not None and state.status is StepStatus.IN_PROGRESS:
                state.status = StepStatus.SKIPPED
                state.skip_reason = "stand-in page"

    return _StandIn


def core_pages(services: AppServices) -> list[StepPage]:
    """The wizard pages of the foundation (intake, stand-ins, finish): tests of the wizard
    shell stay independent of the device/install/join pages other features plug in."""
    from hearing_helper.domain.enums import StepId
    from hearing_helper.ui.wizard.finish_page import FinishPage
    from hearing_helper.ui.wizard.intake_page import IntakePage

    stand_in = stand_in_page_class()
    return [
        IntakePage(services),
        stand_in(services, StepId.CHECKS),
        stand_in(services, StepId.INSTALL),
        stand_in(services, StepId.JOIN),
        FinishPage(services),
    ]


def type_text(widget: QObject, text: str) -> None:
    """Type ``text`` into ``widget`` key by key, as a keyboard or input method would.

    QTest's keyClicks only knows ASCII (it asserts on Chinese), so every character is sent as
    a key event carrying that text.
    """
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def finished_record(
    case_number: str,
    name: str,
    outcome: Outcome = Outcome.JOINED,
    days_ago: int = 0,
    clerk: ClerkProfile = CLERK,
) -> AssistRecord:
    started = now_local() - timedelta(days=days_ago, minutes=30)
    record = AssistRecord(clerk=clerk, started_at=started)
    intake = record.intake
    intake.case_number = case_number
    intake.litigant_name = name
    intake.phone = "13812345678"
    intake.hearing_at = started + timedelta(hours=1)
    intake.platform_id = "tencent_meeting"
    intake.role = Role.PLAINTIFF
    intake.device = DeviceKind.OWN_ANDROID
    record.outcome = outcome
    if outcome is Outcome.NOT_JOINED:
        record.outcome_reason = NotJoinedReason.NETWORK
    record.satisfaction = 5
    record.ended_at = started + timedelta(minutes=12)
    record.status = RecordStatus.FINISHED
    return record
