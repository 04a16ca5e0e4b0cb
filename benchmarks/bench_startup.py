#!/usr/bin/env python3
"""Cold start to "main window shown": Hearing Helper against a bare PySide6 window.

Each run is a fresh interpreter (subprocess); the time is from launching it to the child saying
its window is shown and the event loop runs. Both programs are measured alternately in the same
run, so disk cache and CPU state affect them alike. Prints the medians and the ratio (target
<= 1.3x). Not a timed test: it prints figures.

  .venv/bin/python benchmarks/bench_startup.py [--runs 7] [--records 2000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QLabel("bare"))
window.resize(1200, 800)
window.show()
QTimer.singleShot(0, lambda: (print("SHOWN", flush=True), app.quit()))
app.exec()
"""

# The real entry point (``hearing-helper --data-dir D gui``); the only addition is a hook that
# reports once the main window has started (profile known, history query sent) and quits.
APP = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import hearing_helper.ui.main_window as main_window
original_start = main_window.MainWindow.start
def start(self, *args, **kwargs):
    original_start(self, *args, **kwargs)
    QTimer.singleShot(0, lambda: (print("SHOWN", flush=True), QApplication.instance().quit()))
main_window.MainWindow.start = start
from hearing_helper.cli import main
sys.exit(main(["--data-dir", sys.argv[1], "gui"]))
"""

# The same without the command-line layer: shows what the UI itself costs, separately from
# argument parsing (which imports every sub-command's module).
APP_DIRECT = APP.replace(
    'from hearing_helper.cli import main\nsys.exit(main(["--data-dir", sys.argv[1], "gui"]))',
    "from hearing_helper.services import AppServices\n"
    "from hearing_helper.ui.launch import run_gui\n"
    "sys.exit(run_gui(AppServices.open(sys.argv[1])))",
)


def prepare_data_dir(records: int) -> Path:
    sys.path.insert(0, str(ROOT))
    from hearing_helper.demo import generate_records
    from hearing_helper.domain.record import ClerkProfile
    from hearing_helper.services import AppServices

    data_dir = Path(tempfile.mkdtemp(prefix="hh-bench-start-"))
    services = AppServices.open(data_dir)
    clerk = ClerkProfile("B001", "测试", "1号窗口", "测试法院")
    services.repo.save_staff(clerk)
    services.settings.set("last_staff_id", clerk.staff_id)
    services.repo.import_finished(generate_records(records, seed=3), "bench")
    services.close()
    return data_dir


def time_child(code: str, *args: str) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip() == "SHOWN":
            elapsed = time.perf_counter() - started
            break
    else:
        child.wait()
        raise RuntimeError(f"child exited ({child.returncode}) without showing its window")
    child.wait(timeout=30)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--records", type=int, default=2000, help="demo records in the history")
    args = parser.parse_args()
    data_dir = prepare_data_dir(args.records)
    time_child(BARE)  # warm the disk cache for both: "cold" here means a fresh process
    time_child(APP, str(data_dir))
    time_child(APP_DIRECT, str(data_dir))
    bare, app, direct = [], [], []
    for _ in range(args.runs):
        bare.append(time_child(BARE))
        app.append(time_child(APP, str(data_dir)))
        direct.append(time_child(APP_DIRECT, str(data_dir)))
    bare_median = statistics.median(bare)
    print(
        f"bare PySide6 window            : median {bare_median * 1000:7.1f} ms  ({args.runs} runs)"
    )
    for label, times in (
        ("hearing-helper gui (full CLI)  ", app),
        ("run_gui() without the CLI layer", direct),
    ):
        median = statistics.median(times)
        print(
            f"{label}: median {median * 1000:7.1f} ms  ratio {median / bare_median:.2f}x"
            "  (target <= 1.30x)"
        )
    print(
        f"history holds {args.records} demo records;"
        f" QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', 'offscreen')}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
