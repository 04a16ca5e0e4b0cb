"""The litigant window beside the clerk's on one 1366 x 768 screen, through a whole assistance:
it never leaves the screen or grows past its share, its QR code is never painted over and
decodes, its instructions are never cut, and the two windows share the screen sensibly whether
the litigant window is open or not (issue 17 items 1, 2 and 4).

The offscreen screen is 1366 x 768 with window frames (tests/data/offscreen_1366x768.json).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from hearing_helper.checks.fake_devices import FakeDeviceProvider
from hearing_helper.domain.enums import DeviceKind, Role
from hearing_helper.services import AppServices
from hearing_helper.ui.join.join_page import JoinPage
from hearing_helper.ui.litigant_view import LitigantWindow, scroll_shortfall
from hearing_helper.ui.main_window import MainWindow
from hearing_helper.ui.wizard.intake_page import IntakePage
from tests.ui_fixtures import (  # noqa: F401 - fixtures
    CLERK,
    OFFSCREEN_NOISE,
    english,
    page_now,
    services,
    wizard_of,
)
from tests.ui_windows import language

pytestmark = OFFSCREEN_NOISE
LANGUAGES = ["zh_CN", "en"]
JOIN_LINK = "https://meeting.tencent.com/dm/AbCdEf123"


def settle(qtbot: QtBot) -> None:
    """Let queued layout passes and the text fitting (singleShot(0)) run."""
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(20)


def outside(window: QWidget) -> list[str]:
    """What of ``window`` (its frame, its buttons) lies outside the available screen."""
    area = window.screen().availableGeometry()
    problems = []
    if not area.contains(window.frameGeometry()):
        problems.append(f"frame {window.frameGeometry().getRect()} outside {area.getRect()}")
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window) and not inside_scroll_area(button):
            rect = QRect(button.mapToGlobal(button.rect().topLeft()), button.size())
            if not area.contains(rect):
                problems.append(f"button {button.text()!r} at {rect.getRect()}")
    return problems


def inside_scroll_area(widget: QWidget) -> bool:
    """A button in a scroll area is reached by scrolling (or Tab), so it may lie further."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def drawn_qr_rect(litigant: LitigantWindow) -> QRect:
    """The square the QR code is painted in, in window coordinates."""
    qr = litigant.qr
    side = min(qr.width(), qr.height())
    top_left = qr.mapTo(litigant, qr.rect().topLeft())
    return QRect(
        top_left.x() + (qr.width() - side) // 2,
        top_left.y() + (qr.height() - side) // 2,
        side,
        side,
    )


def decoded(widget: QWidget, tmp_path: Path) -> list[str]:
    path = tmp_path / "litigant.png"
    widget.grab().save(str(path))
    done = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(path)], capture_output=True, text=True, timeout=30
    )
    return done.stdout.split()


def cut_texts(litigant: LitigantWindow) -> list[str]:
    """Labels whose wrapped text is taller than the room they got (a line cut through)."""
    cut = []
    for label in (litigant.title_label, litigant.lines_label, litigant.qr_caption, litigant.notice):
        if label.isVisibleTo(litigant) and label.text():
            needed = label.heightForWidth(label.width())
            if needed > label.height() + 1:
                cut.append(f"{label.text()[:40]!r}: needs {needed}, has {label.height()}")
    return cut


def desk(qtbot: QtBot, services: AppServices) -> MainWindow:  # noqa: F811
    from hearing_helper.ui.checks.fakes import FakeLiveDevices

    services.repo.save_staff(CLERK)
    services.session.device_provider = FakeLiveDevices(FakeDeviceProvider())
    window = MainWindow(services, CLERK)
    qtbot.addWidget(window)
    window.show_initial()
    qtbot.waitExposed(window)
    window.litigant_screen.set_visible(True)
    settle(qtbot)
    return window


def walk(qtbot: QtBot, window: MainWindow) -> Iterator[str]:
    """Every step of an assistance with a phone and a platform (so install and join show QR
    codes), ending with the litigant's rating; yields the step's name with it shown."""
    window.new_assistance()
    wizard = window.wizard
    assert wizard is not None
    intake = page_now(wizard, IntakePage)
    intake.case_number.setText("（2026）京0105民初8812号")
    intake.litigant_name.setText("陈桂兰")
    intake.role.setCurrentIndex(intake.role.findData(str(Role.PLAINTIFF)))
    intake.device.setCurrentIndex(intake.device.findData(str(DeviceKind.OWN_ANDROID)))
    intake.platform.setCurrentIndex(intake.platform.findData("tencent_meeting"))
    settle(qtbot)
    yield "intake"
    for index, name in ((1, "checks"), (2, "install"), (3, "join")):
        wizard.go_to(index)
        if name == "join":
            join = page_now(wizard, JoinPage)
            join.editors["link"].setText(JOIN_LINK)
            join._on_edited("link")
        settle(qtbot)
        yield name
    wizard.go_to(4)
    settle(qtbot)
    yield "finish"
    assert window.litigant_screen.window is not None
    window.litigant_screen.window.rating_panel.choose(5)
    settle(qtbot)
    yield "finish, rated"
    wizard.go_to(3)
    settle(qtbot)
    yield "join again"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_step_fits_beside_the_clerk(
    qtbot: QtBot,
    qapp: QApplication,
    services: AppServices,  # noqa: F811
    lang: str,
) -> None:
    failures: dict[str, list[str]] = {}
    with language(qapp, lang):
        window = desk(qtbot, services)
        litigant = window.litigant_screen.window
        assert litigant is not None
        share = litigant.frameGeometry().width()
        for step in walk(qtbot, window):
            problems = outside(litigant) + outside(window) + cut_texts(litigant)
            if litigant.frameGeometry().width() > share:
                problems.append(f"grew from {share} to {litigant.frameGeometry().width()} px")
            shortfall = scroll_shortfall(window)
            if shortfall > 0:
                problems.append(f"the clerk's page scrolls sideways ({shortfall} px short)")
            if litigant.frameGeometry().intersects(window.frameGeometry()):
                problems.append(
                    f"overlap: {litigant.frameGeometry().getRect()}"
                    f" and {window.frameGeometry().getRect()}"
                )
            if problems:
                failures[step] = problems
        wizard_of(window).close_wizard()
    assert not failures, "\n".join(f"{k}: {v}" for k, v in failures.items())


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbar-tools is not installed")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_qr_codes_are_never_painted_over(
    qtbot: QtBot,
    qapp: QApplication,
    services: AppServices,  # noqa: F811
    lang: str,
    tmp_path: Path,
) -> None:
    failures: dict[str, list[str]] = {}
    with language(qapp, lang):
        window = desk(qtbot, services)
        litigant = window.litigant_screen.window
        assert litigant is not None
        shown = 0
        for step in walk(qtbot, window):
            if not litigant.qr.isVisibleTo(litigant) or not litigant.qr.payload():
                continue
            shown += 1
            problems = []
            qr = drawn_qr_rect(litigant)
            for other in (litigant.qr_caption, litigant.lines_label, litigant.read_button):
                rect = QRect(other.mapTo(litigant, other.rect().topLeft()), other.size())
                if other.isVisibleTo(litigant) and rect.intersects(qr):
                    problems.append(f"{type(other).__name__} {rect.getRect()} over {qr.getRect()}")
            if qr.height() < 120 or not litigant.rect().contains(qr):
                problems.append(f"QR square {qr.getRect()} too small or outside the window")
            if litigant.qr.payload() not in decoded(litigant, tmp_path):
                problems.append("zbarimg cannot decode it")
            if problems:
                failures[step] = problems
        wizard_of(window).close_wizard()
    assert shown >= 2, "install and join should both show a QR code"
    assert not failures, "\n".join(f"{k}: {v}" for k, v in failures.items())


def test_hiding_it_gives_the_clerk_the_whole_screen_again(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    window = desk(qtbot, services)
    litigant = window.litigant_screen.window
    assert litigant is not None
    area = window.screen().availableGeometry()
    assert not window.isMaximized()
    window.new_assistance()  # wider pages: the clerk's window grows, the litigant's makes room
    settle(qtbot)
    assert not litigant.frameGeometry().intersects(window.frameGeometry())
    assert area.contains(litigant.frameGeometry()) and area.contains(window.frameGeometry())
    assert litigant.frameGeometry().right() == area.right()  # no empty strip on the right
    window.litigant_screen.set_visible(False)
    settle(qtbot)
    assert window.isMaximized(), window.frameGeometry()
    window.litigant_screen.set_visible(True)  # shown again: the two share the screen again
    settle(qtbot)
    assert litigant.isVisible() and not window.isMaximized()
    assert not litigant.frameGeometry().intersects(window.frameGeometry())
    assert window.frameGeometry().left() == area.left()
    assert litigant.frameGeometry().right() == area.right()
    wizard_of(window).close_wizard()


def test_it_never_stays_off_the_screen(qtbot: QtBot) -> None:
    """A window manager keeps a grown window's left edge (x = 921, 714 px wide ran off)."""
    litigant = LitigantWindow()
    qtbot.addWidget(litigant)
    litigant.show()
    qtbot.waitExposed(litigant)
    litigant.setGeometry(921, 20, 714, 700)
    settle(qtbot)
    area = litigant.screen().availableGeometry()
    assert area.contains(litigant.frameGeometry()), litigant.frameGeometry()
