"""The litigant window beside the clerk's on a 1366 x 768 screen: the clerk's F11 hint is on one
line beside Read aloud, or, where it does not fit there, in the window's title bar (in English
it wrapped into three lines beside the button: "F11: / full / screen"; below the button it cut
the instructions).

The offscreen screen is 1366 x 768 with window frames (tests/data/offscreen_1366x768.json).
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hearing_helper.services import AppServices
from tests.test_ui_litigant_desk import desk, settle
from tests.ui_fixtures import OFFSCREEN_NOISE, services  # noqa: F401
from tests.ui_windows import language

pytestmark = OFFSCREEN_NOISE


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_f11_hint_is_one_line_inside_the_window(
    qtbot: QtBot,
    qapp: QApplication,
    services: AppServices,  # noqa: F811
    lang: str,
) -> None:
    with language(qapp, lang):
        window = desk(qtbot, services)
        litigant = window.litigant_screen.window
        assert litigant is not None
        settle(qtbot)
        hint = litigant.hint
        if not hint.isVisible():
            assert "F11" in litigant.windowTitle() and lang == "en"
            window.close()
            return
        assert "F11" in hint.text() and "F11" not in litigant.windowTitle()
        metrics = hint.fontMetrics()
        assert hint.height() < 2 * metrics.lineSpacing(), (hint.text(), hint.height())
        assert hint.width() >= metrics.horizontalAdvance(hint.text()), hint.width()
        assert hint.parentWidget() is litigant
        assert litigant.rect().contains(hint.geometry()), (hint.geometry(), litigant.rect())
        window.close()
