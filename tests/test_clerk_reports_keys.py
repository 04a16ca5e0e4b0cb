"""History and Reports by keyboard, the export file dialog and F1 (issue 17, items 11 and 12):
Enter in the search box opens the record, the visit figures and their drill-down links are
reached by keys, From/To have Alt letters, F1 names keys in Chinese, and the export dialog opens
in a remembered folder with ISO dates."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from hearing_helper.services import AppServices
from hearing_helper.ui.reports.drilldown import DrillDownDialog
from hearing_helper.ui.reports.view import ReportsWindow
from hearing_helper.ui.shell.keyboard_help import KeyboardDialog
from tests.clerk_fixtures import open_main_window, press
from tests.ui_fixtures import OFFSCREEN_NOISE, cell_text, english, finished_record, services  # noqa: F401
from tests.ui_windows import language
from tests.visits_scenario import scenario_records

pytestmark = OFFSCREEN_NOISE
MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def test_enter_in_the_history_search_opens_the_record(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    services.repo.import_finished([finished_record("（2026）冀1126民初77号", "李四")], "test")
    window = open_main_window(qtbot, services)
    history = window.home.history
    press(qtbot, "Alt+S")
    assert QApplication.focusWidget() is history.search
    qtbot.keyClicks(history.search, "77")
    qtbot.keyClick(history.search, Qt.Key.Key_Return)  # before the search has even run
    qtbot.waitUntil(lambda: getattr(window, "detail_dialog", None) is not None, timeout=5000)
    assert window.detail_dialog is not None and window.detail_dialog.isVisible()
    window.detail_dialog.close()


@pytest.fixture
def reports(qtbot: QtBot, services: AppServices) -> ReportsWindow:  # noqa: F811
    services.repo.import_finished(scenario_records(), "test")
    window = ReportsWindow(services, today=date(2026, 11, 30))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.report is not None, timeout=10_000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return window


def _in_sight(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            top = widget.mapTo(parent.viewport(), QPoint(0, 0))
            if not parent.viewport().rect().contains(top):
                return False
        parent = parent.parentWidget()
    return True


def test_the_visit_figures_and_their_links_are_reached_by_keys(
    qtbot: QtBot,
    reports: ReportsWindow,
    english: None,  # noqa: F811
) -> None:
    panel = reports.visits_panel
    letter = MNEMONIC.findall(panel.title())
    assert letter, "the visit figures have no Alt letter"
    press(qtbot, f"Alt+{letter[0].upper()}")
    assert QApplication.focusWidget() is panel.summary
    assert panel.summary is not None and _in_sight(panel.summary), (
        "the figures are still below the fold"
    )
    with qtbot.waitSignal(panel.drill_requested, timeout=3000):
        press(qtbot, "Tab")  # to the first underlined figure
        press(qtbot, "Return")
    qtbot.waitUntil(lambda: bool(reports.findChildren(DrillDownDialog)), timeout=3000)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_from_to_and_the_export_buttons_have_alt_letters(
    qtbot: QtBot, qapp: QApplication, reports: ReportsWindow, lang: str
) -> None:
    with language(qapp, lang):
        window = ReportsWindow(reports.services, today=date(2026, 11, 30))
        qtbot.addWidget(window)
        bar = window.filter_bar
        captions = {
            label.buddy(): label.text()
            for label in bar.findChildren(QLabel)
            if label.buddy() is not None
        }
        for editor in (bar.date_from, bar.date_to):
            assert editor in captions and MNEMONIC.search(captions[editor]), captions.get(editor)
        for button in window.export_buttons.values():
            assert MNEMONIC.search(button.text()), button.text()
        window.close()


ALLOWED_KEY_WORDS = {"Ctrl", "Alt", "Shift", "PgUp", "PgDown", "Tab", "Esc", "Enter", "Return"}


def test_f1_names_the_keys_in_chinese(qtbot: QtBot, qapp: QApplication) -> None:
    with language(qapp, "zh_CN"):
        dialog = KeyboardDialog()
        qtbot.addWidget(dialog)
        keys = [cell_text(dialog.table, row, 0) for row in range(dialog.table.rowCount())]
    english_words = {
        word for cell in keys for word in re.findall(r"[A-Za-z]{2,}", cell)
    } - ALLOWED_KEY_WORDS
    assert not english_words, (english_words, keys)


# --- item 12: the export file dialog ------------------------------------------------------------


def test_the_export_dialog_opens_in_the_remembered_folder_with_iso_dates(
    qtbot: QtBot,
    reports: ReportsWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialog, QFileDialog, QTreeView

    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "earlier.csv").write_text("x", encoding="utf-8")
    reports.services.settings.set("export_folder", str(folder))
    seen: dict[str, object] = {}

    def fake_exec(dialog: QFileDialog) -> int:
        seen["folder"] = dialog.directory().absolutePath()
        view = dialog.findChild(QTreeView, "treeView")
        assert view is not None
        model = view.model()
        qtbot.waitUntil(lambda: model.rowCount(view.rootIndex()) > 0, timeout=5000)
        seen["dates"] = [
            model.index(row, 3, view.rootIndex()).data()
            for row in range(model.rowCount(view.rootIndex()))
        ]
        seen["name"] = dialog.selectedFiles()[0]
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(QFileDialog, "exec", fake_exec)

    def close_stray_dialog() -> None:  # the old code's static dialog cannot be patched
        modal = QApplication.activeModalWidget()
        if modal is not None:
            modal.close()

    QTimer.singleShot(3000, close_stray_dialog)
    assert reports.exports.choose_path("csv", "hearing-help-2026-11-01-2026-11-30.csv") is None
    assert seen.get("folder") == str(folder)
    dates = seen["dates"]
    assert isinstance(dates, list) and dates
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", str(text)) for text in dates), dates
    assert str(seen["name"]).endswith("hearing-help-2026-11-01-2026-11-30.csv")


def test_the_export_folder_is_remembered(
    reports: ReportsWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialog, QFileDialog

    chosen = tmp_path / "elsewhere" / "report.xlsx"
    chosen.parent.mkdir()

    def fake_exec(dialog: QFileDialog) -> int:
        dialog.selectFile(str(chosen))
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(QFileDialog, "exec", fake_exec)
    monkeypatch.setattr(QFileDialog, "selectedFiles", lambda _dialog: [str(chosen)])
    assert reports.exports.choose_path("xlsx", "x.xlsx") == chosen
    assert reports.services.settings.get("export_folder") == str(chosen.parent)
