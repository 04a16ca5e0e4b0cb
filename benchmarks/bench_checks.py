#!/usr/bin/env python3
"""Device checks: how long the whole automatic suite takes on the Device checks page (target
<= 8 s) and the largest GUI event-loop stall while it runs (target <= 50 ms), measured with a
5 ms heartbeat QTimer.

Two scenarios, each in its own process (QtMultimedia binds to the sound server once):
  pulse  - a private PulseAudio daemon with a null sink and its monitor as microphone, so the
           microphone records for real and the speaker loop-back really plays and detects a tone
           (needs `pulseaudio`; skipped otherwise)
  none   - no sound server, no camera: every device check fails fast
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECK_IDS = ["system", "camera", "microphone", "speakers"]


def _start_pulse(runtime: Path) -> int | None:
    exe = shutil.which("pulseaudio")
    if exe is None:
        return None
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime), PULSE_RUNTIME_PATH=str(runtime / "pulse"))
    env["HOME"] = str(runtime)
    subprocess.run(
        [
            exe,
            "-D",
            "-n",
            "--exit-idle-time=-1",
            "--system=false",
            "--load=module-native-protocol-unix",
            "--load=module-null-sink sink_name=hh_sink",
            "--load=module-remap-source master=hh_sink.monitor source_name=hh_mic",
        ],
        env=env,
        check=True,
        capture_output=True,
        timeout=30,
    )
    deadline = time.monotonic() + 10
    while subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode != 0:
        if time.monotonic() > deadline:
            raise RuntimeError("PulseAudio did not start")
        time.sleep(0.1)
    for command in (["set-default-sink", "hh_sink"], ["set-default-source", "hh_mic"]):
        subprocess.run(["pactl", *command], env=env, check=True, capture_output=True)
    return int((runtime / "pulse" / "pid").read_text().split()[0])


def measure(scenario: str) -> int:
    """Run in this process (the environment already points at the wanted sound server)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from hearing_helper.domain.record import AssistRecord, ClerkProfile
    from hearing_helper.services import AppServices
    from hearing_helper.ui.checks import ChecksPage

    app = QApplication.instance() or QApplication([])
    services = AppServices.open(Path(tempfile.mkdtemp(prefix="hh-bench-checks-")))
    page = ChecksPage(services)
    page.resize(1200, 900)
    page.show()
    page.load(AssistRecord(clerk=ClerkProfile("B1", "Bench")))
    page.controller.heard_question.connect(lambda: page.controller.answer_heard(None))

    clock = QElapsedTimer()
    stalls: list[float] = []
    last = [0.0]

    def beat() -> None:
        now = clock.nsecsElapsed() / 1e6
        stalls.append(now - last[0])
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(beat)

    loop = QEventLoop()
    page.controller.finished.connect(loop.quit)
    QTimer.singleShot(60000, loop.quit)

    def start() -> None:
        clock.start()
        last[0] = 0.0
        heartbeat.start()
        page._run(CHECK_IDS)

    QTimer.singleShot(0, start)
    started = time.monotonic()
    loop.exec()
    suite_s = time.monotonic() - started
    heartbeat.stop()
    results = {c.check_id: f"{c.status}:{c.code}" for c in page.record.checks}  # type: ignore[union-attr]
    page.leave()
    app.processEvents()
    worst = max(stalls) - 5.0 if stalls else 0.0  # beyond the heartbeat's own 5 ms period
    print(
        f"[{scenario}] suite {suite_s:.2f} s (target <= 8 s); largest GUI stall {worst:.1f} ms "
        f"(target <= 50 ms) over {len(stalls)} beats"
    )
    print(f"[{scenario}] results: {results}")
    services.close()
    return 0 if suite_s <= 8.0 and worst <= 50.0 else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", choices=("pulse", "none"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scenario:
        return measure(args.scenario)
    status = 0
    with tempfile.TemporaryDirectory(prefix="hh-bench-pulse-") as tmp:
        runtime = Path(tmp)
        runtime.chmod(0o700)
        base = {k: v for k, v in os.environ.items() if not k.startswith("PULSE_")}
        base["QT_QPA_PLATFORM"] = "offscreen"
        pid = _start_pulse(runtime)
        if pid is None:
            print("[pulse] skipped: pulseaudio is not installed")
        else:
            try:
                env = dict(base, XDG_RUNTIME_DIR=str(runtime), HOME=str(runtime))
                env["PULSE_RUNTIME_PATH"] = str(runtime / "pulse")
                status |= subprocess.run(
                    [sys.executable, __file__, "--scenario", "pulse"], env=env, check=False
                ).returncode
            finally:
                os.kill(pid, signal.SIGTERM)
        env = dict(base, PULSE_SERVER=f"unix:{runtime}/no-such-socket")
        status |= subprocess.run(
            [sys.executable, __file__, "--scenario", "none"], env=env, check=False
        ).returncode
    return status


if __name__ == "__main__":
    sys.exit(main())
