"""The reports window and supervisor dialogs, driven with pytest-qt."""

from __future__ import annotations

import csv
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot

from hearing_helper.auth import auth_for
from hearing_helper.catalog.model import PROBLEM_CODES
from hearing_helper.checks import remedies
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.reports import aggregate
from hearing_helper.reports.aggregate import Report
from hearing_helper.reports.export import ExportCancelledError
from hearing_helper.services import AppServices
from hearing_helper.store.report_source import ReportSource
from hearing_helper.ui import background
from hearing_helper.ui.reports import export_flow, view
from hearing_helper.ui.reports.drilldown import DrillDownDialog
from hearing_helper.ui.reports.supervisor import PasswordDialog, SetPasswordDialog
from hearing_helper.ui.reports.view import ReportsWindow
from tests.reports_fixtures import seeded_services
from tests.ui_fixtures import cell_text

PASSWORD = "richter-2026"
# The offscreen platform warns on every top-level show(); it says nothing about our code.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def services(data_dir: Path) -> Iterator[AppServices]:
    services = seeded_services(data_dir)
    yield services
    services.close()


@pytest.fixture
def window(qtbot: QtBot, services: AppServices) -> Iterator[ReportsWindow]:
    window = ReportsWindow(services, today=date(2026, 4, 30))
    qtbot.addWidget(window)
    with qtbot.waitSignal(
        window.report_shown, timeout=10_000, check_params_cb=lambda r: r.assisted == 5
    ):
        window.filter_bar.set_period(date(2026, 3, 1), date(2026, 4, 30))
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def test_kpis_and_charts_show_the_report(window: ReportsWindow) -> None:
    assert window.tiles["assisted"].value.text() == "5"
    assert window.tiles["joined"].value.text() == "3"
    assert window.tiles["joined_rate"].value.text() == "60.0%"
    assert window.tiles["satisfaction"].value.text() == "3.50"
    clerks = window.filter_bar.combos["clerk"]
    assert {clerks.itemData(i) for i in range(clerks.count())} == {"", "S1", "S2"}


def test_pareto_shows_words_not_codes(window: ReportsWindow) -> None:
    texts = [item.label for item in window.pareto_chart._items]
    assert any(PROBLEM_CODES["no_storage"] in text for text in texts), texts
    assert any(remedies.describe("microphone.silent").rstrip(".") in text for text in texts)
    assert not any("no_storage" in text or "microphone.silent" in text for text in texts)
    # The shares are running (Pareto) shares, and say so (issue 17, item 14).
    notes = [item.annotation for item in window.pareto_chart._items]
    assert notes[0] == "2 · cumulative 50.0%" and notes[-1].endswith("cumulative 100.0%")
    assert "cumulative" in window.pareto_chart.accessibleName()


def test_filter_change_recounts(qtbot: QtBot, window: ReportsWindow) -> None:
    combo = window.filter_bar.combos["clerk"]
    with qtbot.waitSignal(
        window.report_shown, timeout=10_000, check_params_cb=lambda r: r.assisted == 2
    ):
        combo.setCurrentIndex(combo.findData("S2"))
    assert window.tiles["joined"].value.text() == "0"


def test_click_on_a_bar_drills_down_to_masked_records(qtbot: QtBot, window: ReportsWindow) -> None:
    window.granularity.setCurrentIndex(window.granularity.findData("month"))
    chart = window.time_chart
    chart.repaint()
    bar = chart._hits[0]  # March
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=bar.center().toPoint())
    dialogs = window.findChildren(DrillDownDialog)
    assert len(dialogs) == 1
    dialog = dialogs[0]
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 4, timeout=10_000)
    assert dialog.total == 4
    names = {cell_text(dialog.table, r, 2) for r in range(dialog.table.rowCount())}
    assert names == {"王*明"}
    assert cell_text(dialog.table, 0, 3) == "138****5678"
    dialog.close()


def test_export_runs_in_a_worker_and_is_audited(
    qtbot: QtBot, window: ReportsWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "log.csv"
    window.unlocked = True  # the password dialog has its own tests
    monkeypatch.setattr(window.exports, "choose_unmask", lambda fmt: False)
    monkeypatch.setattr(window.exports, "choose_path", lambda fmt, suggested: out)
    with qtbot.waitSignal(window.exports.export_finished, timeout=10_000) as blocker:
        qtbot.mouseClick(window.export_buttons["csv"], Qt.MouseButton.LeftButton)
    assert blocker.args[0].row_count == 5
    with out.open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.reader(handle))) == 6
    assert any(e.action == "export.written" for e in window.services.repo.iter_audit())
    assert window.export_buttons["csv"].isEnabled()


def test_export_can_be_cancelled(
    qtbot: QtBot, window: ReportsWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = threading.Event()

    def slow_export(*args: object, is_cancelled: Callable[[], bool], **kwargs: object) -> None:
        started.set()
        while not is_cancelled():
            threading.Event().wait(0.01)
        raise ExportCancelledError()

    # stub: the real export, made slow enough to cancel while it runs (no real export is that slow)
    monkeypatch.setattr(export_flow, "export_log", slow_export)
    window.unlocked = True
    monkeypatch.setattr(window.exports, "choose_unmask", lambda fmt: False)
    monkeypatch.setattr(window.exports, "choose_path", lambda fmt, s: tmp_path / "x.xlsx")
    window.exports.start("xlsx")
    assert started.wait(5)
    assert not window.export_buttons["xlsx"].isEnabled()
    with qtbot.waitSignal(window.exports.export_cancelled, timeout=10_000):
        progress = window.exports.progress
        cancel = progress.findChild(QPushButton) if progress is not None else None
        assert cancel is not None
        cancel.click()  # the dialog's Cancel button
    assert window.export_buttons["xlsx"].isEnabled()
    assert not (tmp_path / "x.xlsx").exists()


def test_closing_while_a_report_runs_does_not_wait(
    qtbot: QtBot, window: ReportsWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = threading.Event()
    release = threading.Event()
    real_report_for = aggregate.report_for

    def slow_report_for(repo: ReportSource, filters: ReportFilters) -> Report:
        started.set()
        release.wait(30)  # a year's report on a big database: nothing to interrupt
        return real_report_for(repo, filters)

    # stub: the real report, held back until released, to see the window wait without freezing
    monkeypatch.setattr(view, "report_for", slow_report_for)
    shown: list[Report] = []
    window.report_shown.connect(shown.append)
    window.refresh()
    assert started.wait(5)
    began = time.perf_counter()
    window.close()
    assert time.perf_counter() - began < 0.5  # was a wait of up to 10 s on the GUI thread
    assert not window.isVisible()
    assert background.RUNNING  # abandoned, still referenced until it ends
    release.set()
    qtbot.waitUntil(lambda: not background.RUNNING, timeout=10_000)
    assert shown == []  # its late result is dropped
    assert window.status.text() != ""


def test_closing_cancels_a_running_export(
    qtbot: QtBot, window: ReportsWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = threading.Event()

    def slow_export(*args: object, is_cancelled: Callable[[], bool], **kwargs: object) -> None:
        started.set()
        while not is_cancelled():
            threading.Event().wait(0.01)
        raise ExportCancelledError()

    # stub: the real export, made slow enough to close the window while it runs
    monkeypatch.setattr(export_flow, "export_log", slow_export)
    window.unlocked = True
    monkeypatch.setattr(window.exports, "choose_unmask", lambda fmt: False)
    monkeypatch.setattr(window.exports, "choose_path", lambda fmt, s: tmp_path / "x.csv")
    window.exports.start("csv")
    assert started.wait(5)
    with qtbot.waitSignal(window.exports.export_cancelled, timeout=10_000):
        began = time.perf_counter()
        window.close()
        assert time.perf_counter() - began < 0.5
    assert not (tmp_path / "x.csv").exists()


def test_password_dialog_slows_down_after_a_wrong_password(
    qtbot: QtBot, services: AppServices
) -> None:
    auth_for(services).set_password(PASSWORD, "it")
    dialog = PasswordDialog(services, "open the settings")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.password.setText("wrong password")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not ok.isEnabled() and "wait" in dialog.message.text()
    assert not dialog.result()
    qtbot.waitUntil(ok.isEnabled, timeout=5_000)
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=2_000):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    actions = [e.action for e in services.repo.iter_audit()]
    assert actions.count("supervisor.login_failed") == 1


def test_first_use_sets_the_password(qtbot: QtBot, services: AppServices) -> None:
    dialog = SetPasswordDialog(services)
    qtbot.addWidget(dialog)
    assert not dialog.changing and dialog.confirm is not None
    dialog.confirm.setChecked(True)  # "I am this desk's supervisor" (issue 17)
    dialog.new.setText(PASSWORD)
    dialog.again.setText(PASSWORD + "x")
    dialog._save()
    assert "not the same" in dialog.message.text() and not auth_for(services).is_set()
    dialog.again.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=2_000):
        dialog._save()
    assert auth_for(services).check(PASSWORD, "t").ok


def test_the_drill_down_never_scrolls_sideways(qtbot: QtBot, window: ReportsWindow) -> None:
    """Every column within the dialog's width (980 px on a 1366 x 768 desk, less on a narrow
    one); a value too long for its column is elided, whole in its tooltip."""
    from hearing_helper.reports.drill import Drill
    from hearing_helper.ui.widgets.table_columns import item_tooltip

    window.granularity.setCurrentIndex(window.granularity.findData("month"))
    report = window.report
    assert report is not None
    dialog = DrillDownDialog(window, report.filters, Drill("period", ("2026-03",)), "")
    qtbot.addWidget(dialog)
    dialog.resize(560, 400)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=10_000)
    qtbot.wait(50)
    table = dialog.table
    assert table.horizontalScrollBar().maximum() == 0, table.horizontalHeader().length()
    elided = [
        item_tooltip(table, table.model().index(row, column))
        for row in range(table.rowCount())
        for column in range(table.columnCount())
    ]
    assert any(elided), "nothing elided at 560 px: the test shows nothing"
    dialog.close()


def test_a_desk_working_alone_has_no_empty_band_above_the_filters(window: ReportsWindow) -> None:
    """No scope choice and no note about the court's figures: the filters start at the top
    (an empty note left a blank band, and 768 px are short for the charts)."""
    assert not window.scope.isVisible()
    assert not window.scope_note.isVisible()
    assert window.filter_bar.geometry().top() <= 16, window.filter_bar.geometry()
