"""A plain start of the window loads only what the first screen needs (issue 23, start-up).

Each check starts the real entry point (``hearing-helper --data-dir D gui``) in a fresh
interpreter, offscreen, on a desk with records and a clerk but no central database, and lists
``sys.modules`` once the window is shown and started. Heavy modules that a clerk may never use
in a session -- the PostgreSQL driver and the sync sender, the wizard and its device checks, the
reports window, the PDF and XLSX writers -- must not be among them: each is imported where it is
first needed. Not a timing test: a module list.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hearing_helper.demo import generate_records
from hearing_helper.domain.record import AssistRecord, ClerkProfile
from hearing_helper.services import AppServices

ROOT = Path(__file__).resolve().parent.parent

# Runs the real GUI command; once MainWindow.start() has run and the history shows its first
# page, prints the names of the loaded modules and quits.
CHILD = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import hearing_helper.ui.main_window as main_window

original_start = main_window.MainWindow.start

def report(window, tries=[0]):
    tries[0] += 1
    if window.home.history.model.rowCount() == 0 and tries[0] < 600:
        QTimer.singleShot(50, lambda: report(window))
        return
    print("MODULES " + json.dumps(sorted(sys.modules)), flush=True)
    print("ROWS %d" % window.home.history.model.rowCount(), flush=True)
    QApplication.instance().quit()

def start(self, *args, **kwargs):
    original_start(self, *args, **kwargs)
    print("STARTED " + json.dumps(sorted(sys.modules)), flush=True)
    report(self)

main_window.MainWindow.start = start
from hearing_helper.cli import main
sys.exit(main(["--data-dir", sys.argv[1], "gui"]))
"""

# Imported at first use only (module name, or a package whose submodules all count). The keyring
# is not among them: the audit chain is keyed when the data folder is opened (issue 18, Trust).
HEAVY = (
    "psycopg",
    "hearing_helper.store.postgres",
    "hearing_helper.store.sync.sender",
    "hearing_helper.ui.wizard.wizard",
    "hearing_helper.checks.registry",
    "hearing_helper.ui.reports.view",
    "hearing_helper.reports.pdf",
    "xlsxwriter",
    "qrcode",
)


def heavy_among(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)]


def desk_with_history(data_dir: Path, drafts: int = 0) -> None:
    services = AppServices.open(data_dir)
    clerk = ClerkProfile("B001", "测试", "1号窗口", "测试法院")
    services.repo.save_staff(clerk)
    services.settings.set("last_staff_id", clerk.staff_id)
    services.repo.import_finished(generate_records(200, seed=3), "test")
    for _ in range(drafts):
        services.repo.save_draft(AssistRecord(clerk=clerk))
    services.close()


def start_window(data_dir: Path) -> dict[str, list[str]]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    found: dict[str, list[str]] = {}
    for line in done.stdout.splitlines():
        word, _, rest = line.partition(" ")
        if word in ("STARTED", "MODULES"):
            found[word] = json.loads(rest)
        elif word == "ROWS":
            found[word] = [rest]
    assert done.returncode == 0 and "MODULES" in found, done.stderr[-3000:]
    return found


@pytest.mark.timeout(180)
def test_plain_start_without_central_database_loads_no_heavy_module(data_dir: Path) -> None:
    desk_with_history(data_dir)
    found = start_window(data_dir)
    assert found["ROWS"] != ["0"], "the history never showed its first page"
    assert heavy_among(found["STARTED"]) == []
    assert heavy_among(found["MODULES"]) == []
    # The check itself can fail: the app's own modules were listed.
    assert "hearing_helper.ui.main_window" in found["MODULES"]
