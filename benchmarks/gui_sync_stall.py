#!/usr/bin/env python3
"""The largest GUI event-loop stall while the window's sync pushes through a 300 ms proxy.

Run by bench_central.py (argument: the test server's port and an empty database): a desk with
2,000 finished records, its central database behind tests/tcp_proxy.py delaying every packet by
300 ms; the main window is open (offscreen) and "Sync now" runs. A 5 ms timer measures the
longest gap between its ticks until the push ends. Target: <= 50 ms.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"


def main() -> int:
    port, dbname = int(sys.argv[1]), sys.argv[2]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from hearing_helper.demo import generate_records
    from hearing_helper.services import AppServices
    from hearing_helper.store.postgres.connection import ServerAddress
    from hearing_helper.store.postgres.roles import init_server_at
    from hearing_helper.ui.app import freeze_startup_objects
    from hearing_helper.ui.main_window import MainWindow
    from tests.tcp_proxy import tcp_proxy
    from tests.test_store import CLERK

    init_server_at(ServerAddress.from_url(f"postgresql://postgres@127.0.0.1:{port}/{dbname}"))
    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp, tcp_proxy(port) as proxy:
        services = AppServices.open(Path(tmp))
        services.repo.import_finished(generate_records(2000, seed=9), "demo")
        services.repo.save_staff(CLERK)
        services.settings.set("last_staff_id", CLERK.staff_id)
        services.settings.set("central", proxy.url(dbname))
        proxy.delay_s = 0.3
        window = MainWindow(services)
        window.show()
        freeze_startup_objects()  # as run_gui does
        gaps: list[float] = []
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append(now - last[0])
            last[0] = now

        timer = QTimer()
        timer.timeout.connect(tick)
        timer.start(5)
        done: list[object] = []
        window.sync.controller.status_changed.connect(done.append)
        started = time.perf_counter()
        window.sync.controller.sync_now()
        while not done and time.perf_counter() - started < 600:
            app.processEvents()
            time.sleep(0.001)
        timer.stop()
        elapsed = time.perf_counter() - started
        status = done[0] if done else None
        window.close()
        services.close()
    largest = max(gaps) * 1000 if gaps else float("nan")
    print(
        f"4. GUI during a sync through a 300 ms proxy ({elapsed:.0f} s, "
        f"state {getattr(status, 'state', 'unfinished')}): largest event-loop stall "
        f"{largest:.1f} ms over {len(gaps)} ticks (target <= 50 ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
