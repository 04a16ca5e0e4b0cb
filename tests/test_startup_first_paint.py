"""The window paints first; what its start does follows (issue 23, start-up).

Each check starts the real entry point (``hearing-helper --data-dir D gui``) in a fresh
interpreter, offscreen, and looks at the window at its first paint: what was imported by then,
whether the start work (clerk look-up, history query, drafts) had already run, and what the
window says while its data is on the way. Not a timing test: module lists, order and texts.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from hearing_helper.private_files import PrivateRotatingFileHandler
from hearing_helper.services import AppServices
from hearing_helper.store.sqlite import DB_FILENAME
from tests.test_startup_imports import desk_with_history, heavy_among

ROOT = Path(__file__).resolve().parent.parent

# At the window's first paint, prints what was imported and what the window showed; logs one
# line before the window is built (it must reach the log file); quits once the history has its
# first page.
CHILD = """
import gc, json, logging, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
import hearing_helper.ui.main_window as main_window
import hearing_helper.ui.shell.window_host as window_host

events = []
original_show = window_host.MainWindowHost.show_initial
original_start = main_window.MainWindow.start

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "painted" not in events:
            focus = QApplication.focusWidget()
            events.append("painted")
            print("PAINTED " + json.dumps({
                "modules": sorted(sys.modules),
                "started_before": "started" in events,
                "summary": watched.home.history.summary.text(),
                "profile": watched.home.profile_label.text(),
                "status": watched.statusBar().currentMessage(),
                "focus_is_new": focus is watched.home.new_button,
                "collector_on": gc.isenabled(),
                # PySide makes a Qt class (and its enums) when first named: lazily loaded.
                "qt_classes": sorted(vars(sys.modules["PySide6.QtWidgets"])),
            }), flush=True)
        return False

first_paint = FirstPaint()

def show_initial(self, *args):
    logging.getLogger("hearing_helper.test").info("an early line, before the window")
    window = original_show(self, *args)
    window.installEventFilter(first_paint)
    return window

def report(window, tries=[0]):
    from hearing_helper.ui.gui_collector import GuiThreadCollector

    tries[0] += 1
    if window.home.history.model.rowCount() == 0 and tries[0] < 600:
        QTimer.singleShot(50, lambda: report(window))
        return
    print("FILLED " + json.dumps({
        "summary": window.home.history.summary.text(),
        "profile": window.home.profile_label.text(),
        "focus_is_new": QApplication.focusWidget() is window.home.new_button,
        "collector_on": gc.isenabled(),
        "gui_collectors": len(QApplication.instance().findChildren(GuiThreadCollector)),
        "style": QApplication.style().name(),
    }), flush=True)
    QApplication.instance().quit()

def start(self, *args, **kwargs):
    events.append("started")
    original_start(self, *args, **kwargs)
    report(self)

window_host.MainWindowHost.show_initial = show_initial
main_window.MainWindow.start = start
from hearing_helper.cli import main
sys.exit(main(["--data-dir", sys.argv[1], "gui"]))
"""

# Not needed for the first frame: imported after it (or never, in a plain session).
AFTER_FIRST_PAINT = (
    "logging.handlers",  # the log file is a FileHandler of our own (private_files.py)
    "socket",
    "pickle",
    "keyring",  # the audit chain is keyed in the background once the window is up
    "hearing_helper.catalog.loader",  # the platform catalog loads after the first paint
    "hearing_helper.catalog.schema",
    "hearing_helper.catalog.model",  # the causes list asks for its problem codes when used
    "tomllib",
    "platformdirs",  # --data-dir given: no need to ask where the user's data lives
    # The report source is made when a report or export first asks (store/deferred_reports.py).
    "hearing_helper.store.sqlite.report_source",
    "hearing_helper.store.csv_sql",
    "hearing_helper.domain.report_filters",
)


def start_window(data_dir: Path) -> dict[str, dict[str, object]]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    found: dict[str, dict[str, object]] = {}
    for line in done.stdout.splitlines():
        word, _, rest = line.partition(" ")
        if word in ("PAINTED", "FILLED"):
            found[word] = json.loads(rest)
    assert done.returncode == 0 and {"PAINTED", "FILLED"} <= set(found), done.stderr[-3000:]
    return found


def english_desk(data_dir: Path) -> None:
    desk_with_history(data_dir)
    services = AppServices.open(data_dir)
    services.settings.set("language", "en")
    services.close()


@pytest.mark.timeout(180)
def test_the_window_paints_before_its_start_work_and_says_what_is_on_the_way(
    data_dir: Path,
) -> None:
    english_desk(data_dir)
    found = start_window(data_dir)
    painted, filled = found["PAINTED"], found["FILLED"]
    assert painted["started_before"] is False, "the start work held the first frame back"
    # A clear loading state, not "no clerk" or an empty history, while the data comes.
    assert painted["summary"] == "Searching\u2026"
    assert painted["profile"] == "Looking up the clerk at this desk\u2026"
    assert painted["status"] == ""
    assert str(filled["summary"]).startswith("Records: ")
    assert str(filled["profile"]).startswith("Clerk: ")
    # The keyboard is where the clerk starts: on "New assistance", from the first frame on.
    assert painted["focus_is_new"] is True
    assert filled["focus_is_new"] is True


@pytest.mark.timeout(180)
def test_modules_the_first_frame_does_not_need_come_after_it(data_dir: Path) -> None:
    english_desk(data_dir)
    found = start_window(data_dir)
    modules = found["PAINTED"]["modules"]
    assert isinstance(modules, list)
    assert heavy_among(modules, AFTER_FIRST_PAINT) == []
    assert "hearing_helper.ui.main_window" in modules  # the list is the real one
    # The cyclic collector waits while the window is made (commands/gui.py), and runs again
    # once it has started, on the GUI thread (gui_collector.py): a session never runs without it.
    assert found["PAINTED"]["collector_on"] is False
    assert found["FILLED"]["collector_on"] is False
    assert found["FILLED"]["gui_collectors"] == 1
    # Fusion is chosen through Qt's -style option: wrapping the style setStyle returns would
    # make PySide build the QStyle class and its enums before the first frame.
    classes = found["PAINTED"]["qt_classes"]
    assert isinstance(classes, list) and "QMainWindow" in classes
    assert "QStyle" not in classes
    assert found["FILLED"]["style"] == "fusion"


@pytest.mark.timeout(180)
def test_a_line_logged_before_the_window_reaches_the_log_file(data_dir: Path) -> None:
    english_desk(data_dir)
    start_window(data_dir)
    text = (data_dir / "logs" / "hearing-helper.log").read_text(encoding="utf-8")
    assert "an early line, before the window" in text
    assert "started with data dir" in text


def test_the_log_file_rolls_over_keeping_private_backups(tmp_path: Path) -> None:
    path = tmp_path / "logs" / "app.log"
    path.parent.mkdir()
    handler = PrivateRotatingFileHandler(path, max_bytes=400, backup_count=2)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("hearing_helper.test.rotation")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        for number in range(40):
            logger.warning("line %02d %s", number, "x" * 40)
    finally:
        logger.removeHandler(handler)
        handler.close()
    names = sorted(p.name for p in path.parent.iterdir())
    assert names == ["app.log", "app.log.1", "app.log.2"]
    assert all(p.stat().st_size <= 400 for p in path.parent.iterdir())
    assert "line 39" in path.read_text(encoding="utf-8")  # the newest line is in the live file
    assert "line 39" not in (path.parent / "app.log.1").read_text(encoding="utf-8")
    if os.name == "posix":
        assert all(p.stat().st_mode & 0o077 == 0 for p in path.parent.iterdir())


def test_the_report_source_is_made_when_first_used_and_answers_as_before(data_dir: Path) -> None:
    from hearing_helper.domain.report_filters import ReportFilters
    from hearing_helper.store.deferred_reports import DeferredReportSource
    from hearing_helper.store.sqlite.report_source import SqliteReportSource

    desk_with_history(data_dir)
    services = AppServices.open(data_dir)
    try:
        deferred = services.reports
        assert isinstance(deferred, DeferredReportSource)
        assert deferred._made is None  # opening the store made no report source
        filters = ReportFilters(date(2000, 1, 1), date(2100, 1, 1))
        direct = SqliteReportSource(data_dir / DB_FILENAME).export_count(filters)
        assert services.reports.export_count(filters) == direct > 0
        assert isinstance(deferred._made, SqliteReportSource)
    finally:
        services.close()
