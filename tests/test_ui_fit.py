"""Every window and dialog fits a 1366 x 768 desk screen with every button on it, menus show
their whole labels, and each window uses a mnemonic letter (Alt+letter) only once.

The offscreen screen is 1366 x 768 for the whole test run (tests/conftest.py).
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from PySide6.QtCore import QBuffer, QIODevice, QRect
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QScrollArea,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from hearing_helper.services import AppServices
from tests.ui_fixtures import services  # noqa: F401
from tests.ui_windows import all_windows, language

# The offscreen platform cannot raise, grab the keyboard for a menu or resize native windows.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
LANGUAGES = ["zh_CN", "en"]
MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def _inside_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def off_screen(window: QWidget) -> list[str]:
    """What of ``window`` lies outside the available screen (empty when it all fits)."""
    area = window.screen().availableGeometry()
    problems = []
    if not area.contains(window.frameGeometry()):
        problems.append(f"window {window.frameGeometry()} outside {area}")
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or _inside_scroll_area(button):
            continue  # a button in a scroll area is reached by scrolling (or Tab)
        top_left = button.mapToGlobal(button.rect().topLeft())
        rect = QRect(top_left, button.size())
        if not area.contains(rect):
            problems.append(f"button {button.text()!r} at {rect}")
    return problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_window_fits_1366_by_768(
    qtbot: QtBot,
    qapp: QApplication,
    services: AppServices,  # noqa: F811
    lang: str,
) -> None:
    failures = {}
    seen = []
    with language(qapp, lang):
        for name, window in all_windows(qtbot, services):
            seen.append(name)
            problems = off_screen(window)
            if problems:
                failures[name] = problems
    assert len(seen) >= 20, seen
    assert not failures, failures


def drawn_text(widget: QWidget) -> str:
    """The text ``widget`` really paints (rendered into SVG), elided parts and all."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    svg = QSvgGenerator()
    svg.setOutputDevice(buffer)
    svg.setSize(widget.size())
    svg.setResolution(widget.logicalDpiX())  # the same font metrics as on screen
    widget.render(svg)
    return "".join(re.findall(r">([^<>]+)</text>", bytes(buffer.data().data()).decode("utf-8")))


def visible_label(text: str) -> str:
    return MNEMONIC.sub(r"\1", text.split("\t")[0]).replace("&&", "&")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_menus_show_whole_labels(
    qtbot: QtBot,
    qapp: QApplication,
    services: AppServices,  # noqa: F811
    lang: str,
) -> None:
    with language(qapp, lang):
        window, menus = None, []
        for _name, shown in all_windows(qtbot, services):
            window = shown
            break
        assert isinstance(window, QMainWindow)
        for menu in window.menuBar().findChildren(QMenu):
            menu.popup(window.mapToGlobal(window.rect().topLeft()))
            qtbot.waitExposed(menu)
            painted = drawn_text(menu)
            menu.hide()
            for action in menu.actions():
                if action.text():
                    label = visible_label(action.text())
                    if label not in painted:
                        menus.append((label, painted))
        assert not menus, menus


def mnemonic_owners(window: QWidget) -> dict[str, list[str]]:
    """Letter -> the visible texts in ``window`` that claim Alt+letter."""
    owners: dict[str, list[str]] = defaultdict(list)

    def claim(text: str) -> None:
        for letter in MNEMONIC.findall(text or ""):
            owners[letter.lower()].append(text)

    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            claim(widget.text())
        elif isinstance(widget, QGroupBox):  # checkable or not, its title's letter is taken
            claim(widget.title())
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                claim(widget.tabText(index))
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            claim(action.text())
    return owners


@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_mnemonic_letter_per_window(
    qtbot: QtBot,
    qapp: QApplication,
    services: AppServices,  # noqa: F811
    lang: str,
) -> None:
    clashes = {}
    with language(qapp, lang):
        for name, window in all_windows(qtbot, services):
            double = {k: v for k, v in mnemonic_owners(window).items() if len(v) > 1}
            if double:
                clashes[name] = double
    assert not clashes, "\n".join(f"{name}: {double}" for name, double in clashes.items())
