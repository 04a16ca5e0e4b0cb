"""The History list on a shared 1366 x 768 desk screen (the clerk's window beside the litigant's,
888 px wide): every column is on screen without scrolling sideways, and a value too long for its
column is elided with the whole value as its tooltip.

The offscreen screen is 1366 x 768 with window frames (tests/data/offscreen_1366x768.json).
"""

from __future__ import annotations

from datetime import timedelta
from typing import cast

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hearing_helper.demo import generate_records
from hearing_helper.domain.enums import Outcome
from hearing_helper.domain.record import ClerkProfile, now_local
from hearing_helper.domain.visit import (
    AnotherVisitReason,
    PreparationOutcome,
    PreparationResult,
    VisitKind,
)
from hearing_helper.services import AppServices
from hearing_helper.ui.main_window import MainWindow
from hearing_helper.ui.shell.history_view import HistoryView
from tests.ui_fixtures import CLERK, OFFSCREEN_NOISE, finished_record, services  # noqa: F401
from tests.ui_windows import language

pytestmark = OFFSCREEN_NOISE
LANGUAGES = ["zh_CN", "en"]
LONG_CLERK = ClerkProfile(
    staff_id="A042", name="欧阳司马慕容诸葛上官皇甫端木", desk="12号窗口", court="测试县人民法院"
)
LONG_CASE = "（2026）京0105民初88123号之一（反诉）并案（2026）京0105民初88124号"


def settle(qtbot: QtBot) -> None:
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(20)


def fill(services: AppServices) -> None:  # noqa: F811
    """Demo visits of both kinds, plus the longest values a desk meets in each column."""
    end = now_local().replace(microsecond=0)
    services.repo.import_finished(list(generate_records(30, seed=5, end=end, days=10)), "demo")
    long_one = finished_record(LONG_CASE, "司马慕容上官", Outcome.NOT_JOINED, clerk=LONG_CLERK)
    prepared = finished_record("（2026）冀1126民初8812号", "陈桂兰", clerk=LONG_CLERK)
    prepared.kind = VisitKind.PREPARATION
    prepared.outcome = None
    prepared.preparation = PreparationResult(
        PreparationOutcome.ANOTHER_VISIT,
        AnotherVisitReason.BRING_DEVICE,
        next_visit_on=end.date() + timedelta(days=2),
    )
    prepared.started_at = end + timedelta(minutes=-1)
    services.repo.import_finished([long_one, prepared], "test")


def desk_history(qtbot: QtBot, services: AppServices) -> HistoryView:  # noqa: F811
    services.repo.save_staff(CLERK)
    window = MainWindow(services, CLERK)
    qtbot.addWidget(window)
    window.show_initial()
    qtbot.waitExposed(window)
    window.litigant_screen.set_visible(True)
    history = window.home.history
    with qtbot.waitSignal(history.results_shown, timeout=10000):
        window.start(offer_drafts=False)
    window._catalog_loaded(window.catalog)
    settle(qtbot)
    assert window.frameGeometry().width() <= 888, window.frameGeometry()
    return history


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_column_fits_beside_the_litigant_window(
    qtbot: QtBot,
    qapp: QApplication,
    services: AppServices,  # noqa: F811
    lang: str,
) -> None:
    fill(services)
    with language(qapp, lang):
        history = desk_history(qtbot, services)
        table = history.table
        header = table.horizontalHeader()
        room = table.viewport().width()
        assert table.horizontalScrollBar().maximum() == 0, (header.length(), room)
        assert header.length() <= room, (header.length(), room)
        for column in range(header.count()):
            left = header.sectionViewportPosition(column)
            assert left >= 0 and left + header.sectionSize(column) <= room, column
            # At least the column's title is readable.
            title = str(history.model.headerData(column, header.orientation()))
            assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(title)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_long_value_is_elided_with_a_tooltip(
    qtbot: QtBot,
    qapp: QApplication,
    services: AppServices,  # noqa: F811
    lang: str,
) -> None:
    fill(services)
    with language(qapp, lang):
        history = desk_history(qtbot, services)
        model = history.model
        row = next(i for i, found in enumerate(model.rows) if found.case_number == LONG_CASE)
        long_cell = model.index(row, 1)
        shown = model.data(long_cell)
        assert history.cell_tooltip(long_cell) == shown, "no tooltip on an elided value"
        duration = model.index(row, 6)  # short: fits, needs no tooltip
        assert history.cell_tooltip(duration) == ""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_times_durations_and_usual_case_numbers_are_never_cut(
    qtbot: QtBot,
    qapp: QApplication,
    services: AppServices,  # noqa: F811
    lang: str,
) -> None:
    """Platform, clerk and outcome give way first: the start time, role, duration and status
    are always whole, and in Chinese so is a case number of the usual length (English titles
    and roles are wider: beside a 40-character case number, 194 px are left for the column,
    a few short of "（2026）冀1126民初17589号", which then shows as a tooltip)."""
    fill(services)
    with language(qapp, lang):
        history = desk_history(qtbot, services)
        model = history.model
        cut = []
        for row, found in enumerate(model.rows):
            usual_case = lang == "zh_CN" and found.case_number != LONG_CASE
            columns = [0, 3, 6, 8] + ([1] if usual_case else [])
            for column in columns:
                if history.cell_tooltip(model.index(row, column)):
                    cut.append(model.data(model.index(row, column)))
        assert not cut, cut


LONG_LINE = (
    "12-06 09:00 · ⚠ 回访已逾期 · （2026）京0105民初7001号 · 赵*梅 139****1111 · 在法院用窗口电脑"
    " · 由 3号窗口 准备"
)


@pytest.mark.parametrize("which", ["due", "coming", "earlier"])
def test_the_home_and_intake_lists_never_scroll_sideways(qtbot: QtBot, which: str) -> None:
    """The follow-up lists on the start screen and the earlier visits on the intake page: a
    line too long for the list is elided, whole in its tooltip; no sideways scroll bar."""
    from PySide6.QtWidgets import QListWidget

    from hearing_helper.store.repository import AssistRepository
    from hearing_helper.ui.visits.earlier_visits import EarlierVisitsPanel
    from hearing_helper.ui.visits.follow_ups import FollowUpsPanel
    from hearing_helper.ui.widgets.table_columns import item_tooltip

    parent: QWidget
    view: QListWidget
    if which == "earlier":
        earlier = EarlierVisitsPanel(cast(AssistRepository, None))
        parent, view = earlier, earlier.list
    else:
        panel = FollowUpsPanel(cast(AssistRepository, None))
        parent, view = panel, panel.due_list if which == "due" else panel.coming_list
    qtbot.addWidget(parent)
    parent.resize(420, 200)
    parent.show()
    view.addItem(LONG_LINE)
    view.addItem("12-06 09:00")
    settle(qtbot)
    assert view.horizontalScrollBar().maximum() == 0
    assert view.visualRect(view.model().index(0, 0)).right() <= view.viewport().width()
    assert item_tooltip(view, view.model().index(0, 0)) == LONG_LINE
    assert item_tooltip(view, view.model().index(1, 0)) == ""
