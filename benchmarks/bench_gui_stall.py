#!/usr/bin/env python3
"""The largest GUI-thread stall of the clerk's window on a database server (issue 24, finding 10).

A private PostgreSQL (tests/pg_cluster.py) behind tests/tcp_proxy.py; the window is opened with
``--database`` pointing at the proxy, then, (1) with every packet delayed by 300 ms and (2) with
the server refusing connections (stopped): start (history, follow-ups, drafts), a new
assistance with the case number typed key by key (autosave), the drafts list, a visit finished,
a finished record opened from the history. A 5 ms QTimer heartbeat records the longest gap
between its ticks. Target: <= 50 ms in both.

  .venv/bin/python benchmarks/bench_gui_stall.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"

LIMIT_S = 120.0


def main() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from hearing_helper.domain.enums import Outcome
    from hearing_helper.domain.visit import VisitKind
    from hearing_helper.services import AppServices
    from hearing_helper.ui.main_window import MainWindow
    from tests.clerk_fixtures import intake_done
    from tests.pg_cluster import running_cluster
    from tests.tcp_proxy import tcp_proxy
    from tests.ui_fixtures import CLERK, type_text

    app = QApplication([])
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    def wait(condition: Callable[[], bool]) -> None:
        started = time.perf_counter()
        while not condition() and time.perf_counter() - started < LIMIT_S:
            app.processEvents()
            time.sleep(0.001)

    def settle(seconds: float) -> None:
        end = time.perf_counter() + seconds
        wait(lambda: time.perf_counter() >= end)

    def session(services: AppServices, server_away: Callable[[], None]) -> float:
        window = MainWindow(services, CLERK)
        window.show()
        server_away()
        gaps.clear()
        last[0] = time.perf_counter()
        timer = QTimer()
        timer.timeout.connect(tick)
        timer.start(5)
        window.start(offer_drafts=True)
        settle(2.0)
        if window.drafts_dialog is not None:
            window.drafts_dialog.close()
        window.new_assistance()
        wait(lambda: window.wizard is not None)
        assert window.wizard is not None
        field = window.wizard.current_page().case_number  # type: ignore[attr-defined]
        for char in "（2026）冀1126民初7号":
            type_text(field, char)
            settle(0.15)
        settle(1.0)
        window.wizard.close_wizard()
        window.offer_drafts(always=True)
        settle(1.5)
        if window.drafts_dialog is not None:
            window.drafts_dialog.close()
        record = intake_done(VisitKind.HEARING_DAY, days_ahead=0)
        record.outcome, record.satisfaction = Outcome.JOINED, 5
        window.open_wizard(record)
        finishing = window.wizard
        assert finishing is not None
        finishing.finish()
        wait(lambda: window.wizard is None)
        window.home.history.refresh()
        settle(2.0)
        rows = window.home.history.model.rows
        finished = [r for r in rows if r.status != "draft"]
        if finished:
            window.open_history_row(finished[0])
            settle(2.0)
            if window.detail_dialog is not None:
                window.detail_dialog.close()
        timer.stop()
        window.close()
        return max(gaps) * 1000 if gaps else float("nan")

    with running_cluster() as cluster, tcp_proxy(cluster.port) as proxy:
        results = []
        for label, away in (
            ("server 300 ms away", lambda: setattr(proxy, "delay_s", 0.3)),
            ("server stopped", proxy.refuse),
        ):
            proxy.pass_through()
            dbname = cluster.new_database()
            with tempfile.TemporaryDirectory() as tmp:
                services = AppServices.open(Path(tmp), database=proxy.url(dbname))
                services.repo.save_staff(CLERK)
                started = time.perf_counter()
                largest = session(services, away)
                elapsed = time.perf_counter() - started
                proxy.pass_through()
                services.close()
            results.append((label, largest, elapsed))
    for label, largest, elapsed in results:
        print(
            f"GUI-thread stall, {label}: largest {largest:.1f} ms over a {elapsed:.0f} s session "
            "(start, typing with autosave, drafts, finish, history detail; target <= 50 ms)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
