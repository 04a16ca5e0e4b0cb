"""Work the GUI thread no longer does between two heartbeats (issue 24, finding 10: largest
stall <= 50 ms). Structure is asserted (who filters events, what is built when), never
wall-clock time; the figures are in benchmarks/bench_gui_stall.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from hearing_helper.services import AppServices
from hearing_helper.ui.wizard.finish_page import FinishPage
from tests.test_startup_imports import desk_with_history, start_window
from tests.ui_fixtures import OFFSCREEN_NOISE, services  # noqa: F401 - fixtures

pytestmark = OFFSCREEN_NOISE


def test_a_hidden_finish_page_filters_no_application_events(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its keypad filter watches the whole application: a Python call for every event of the
    app, so only while the page shows."""
    seen: list[int] = []
    original = FinishPage.eventFilter

    def counting(self: FinishPage, watched: QObject, event: QEvent) -> bool:
        seen.append(1)
        return original(self, watched, event)

    monkeypatch.setattr(FinishPage, "eventFilter", counting)  # stub: a spy; Qt lists no filters
    page = FinishPage(services)
    qtbot.addWidget(page)
    field = QLineEdit()
    qtbot.addWidget(field)
    press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    QApplication.sendEvent(field, press)
    assert seen == []  # built but not shown (a wizard on another step, a correction dialog)
    page.show()
    qtbot.waitExposed(page)
    QApplication.sendEvent(field, press)
    assert seen  # showing: the litigant's keypad is heard application-wide
    page.hide()
    seen.clear()
    QApplication.sendEvent(field, press)
    assert seen == []


@pytest.mark.timeout(180)
def test_telling_blank_drafts_at_start_does_not_import_the_intake_page(
    data_dir: Path,
) -> None:
    """Offering the drafts at start sorts out blank ones; that rule needs the proposed hearing
    time only, not the intake page's widgets (importing them took 15-25 ms of the GUI thread in
    the start step)."""
    desk_with_history(data_dir, drafts=1)
    found = start_window(data_dir)
    assert "hearing_helper.ui.main_window" in found["STARTED"]  # the check can fail
    assert "hearing_helper.ui.wizard.intake_page" not in found["STARTED"]
    assert "hearing_helper.ui.wizard.intake_page" not in found["MODULES"]
