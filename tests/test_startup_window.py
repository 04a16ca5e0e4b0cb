"""The window's first screen stays cheap with a full history (issue 23, start-up).

The history table sized its columns to the contents of every row of its 500-row page, asking
the model for each cell's text several times: 0.4-1.8 s of the GUI thread when the first page
arrived, and again when the catalog's platform names followed. The columns are now sized from
the rows on screen. A count of cells asked for, not a timing.
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from hearing_helper.catalog import load_catalog
from hearing_helper.demo import generate_records
from hearing_helper.services import AppServices
from hearing_helper.store.repository import AssistSummary
from hearing_helper.ui.shell.history_model import COLUMNS, HistoryModel
from hearing_helper.ui.shell.history_view import PAGE_SIZE, HistoryView
from tests.ui_fixtures import OFFSCREEN_NOISE, english, services  # noqa: F401 - fixtures

pytestmark = OFFSCREEN_NOISE


def test_first_page_asks_for_the_cells_on_screen_not_the_whole_page(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services.repo.import_finished(generate_records(PAGE_SIZE + 50, seed=5), "test")
    asked: list[int] = []
    original = HistoryModel.text

    def counting(self: HistoryModel, row: AssistSummary, column: int) -> str:
        asked.append(column)
        return original(self, row, column)

    # stub: a spy around the real method: counts the cells asked for at start-up
    monkeypatch.setattr(HistoryModel, "text", counting)
    view = HistoryView(services.repo, None, "en")
    qtbot.addWidget(view)
    view.resize(1100, 600)
    view.show()
    with qtbot.waitSignal(view.results_shown, timeout=10000):
        view.refresh()
    view.model.set_catalog(load_catalog(services.data_dir))  # as when the catalog arrives
    view.repaint()
    qtbot.wait(50)
    assert view.model.rowCount() == PAGE_SIZE
    every_cell = PAGE_SIZE * len(COLUMNS)
    assert 0 < len(asked) < every_cell // 4, f"{len(asked)} cells asked; the page has {every_cell}"
    # The columns still fit what is on screen: the first rows' case numbers are not cut.
    table = view.table
    first = view.model.rows[0]
    width = table.fontMetrics().horizontalAdvance(first.case_number)
    assert table.columnWidth(1) >= width
