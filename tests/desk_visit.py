"""The real app on a real desk screen, driven by keyboard alone (xdotool key events to its
windows), with the litigant window open for the whole visit. Run in a child process by
tests/test_desk_screen_e2e.py and by tools/screenshots.py --desk:

  desk_visit.py OUT_DIR [--lang zh_CN] [--shots]   (DISPLAY etc. from tests/desk_screen.py)

The app starts through its real entry point (``hearing_helper gui``); a driver thread presses
the keys and, after every step, checks the screen as a person sees it: every window wholly on
the screen (from the X server), every QR code shown decodes from a screenshot of the whole
screen, 朗读 puts speech into the PulseAudio sink, and no internal id is painted. Where a key
route does not do what the README's keyboard map says, the step records it and finishes the
step another way so that the rest of the visit is still checked. OUT_DIR/steps.json has one
entry per step.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parent
sys.path[:0] = [str(TESTS), str(TESTS.parent)]

from PySide6.QtCore import QObject, Qt, Signal  # noqa: E402

from tests.desk_screen import RATE, DeskScreen, decode_qr, speech_energy, stop_recording  # noqa: E402

PASSWORD = "Desk-visit-2026"
CASE = "（2026）京0105民初8812号"
LINK = "https://meeting.tencent.com/dm/AbCdEf123"
SPEECH_SECONDS = 1.2  # of audible speech recorded, once it is heard
HEARD_WITHIN_S = 8.0  # from the engine speaking to sound at the sink: a loaded machine is slow


class _Invoker(QObject):
    call = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.call.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def _run(self, job: Callable[[], None]) -> None:
        job()


class KeyRouteError(AssertionError):
    """A key did not do what the README's keyboard map says."""


class Visit:
    """Presses the keys of one visit and checks the screen after every step."""

    def __init__(self, host: Any, desk: DeskScreen, out: Path, shots: bool) -> None:
        self.host = host
        self.desk = desk
        self.out = out
        self.shots = shots
        self.invoker = _Invoker()
        self.steps: list[dict[str, Any]] = []
        self.started = time.monotonic()

    # --- the GUI thread, from the driver thread ----------------------------------------------

    def gui(self, function: Callable[[], Any], timeout: float = 30) -> Any:
        box: dict[str, Any] = {}
        done = threading.Event()

        def job() -> None:
            try:
                box["value"] = function()
            except BaseException as exc:
                box["error"] = exc
            done.set()

        self.invoker.call.emit(job)
        if not done.wait(timeout):
            import faulthandler

            with (self.out / "gui_stuck.txt").open("a") as dump:
                faulthandler.dump_traceback(dump, all_threads=True)
            raise TimeoutError("the GUI thread did not answer")
        if "error" in box:
            raise box["error"]
        return box.get("value")

    def until(self, condition: Callable[[], Any], timeout: float = 10, what: str = "") -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.gui(condition):
                return True
            time.sleep(0.1)  # polling the app's state from outside, as a person watches it
        if what:
            raise KeyRouteError(what)
        return False

    @property
    def window(self) -> Any:
        return self.host.window

    def key(self, *keys: str) -> None:
        self.desk.key(*keys)
        time.sleep(0.15)

    def type(self, text: str) -> None:
        """ASCII by key events; Chinese by Ctrl+V from the clipboard, as an input method would
        hand it over (xdotool's remapped key codes for it raced Qt's keymap and lost some)."""
        if text.isascii():
            self.desk.type(text)
        else:
            from PySide6.QtWidgets import QApplication

            self.gui(lambda: QApplication.clipboard().setText(text))
            self.desk.key("ctrl+v")
        time.sleep(0.2)

    # --- a step and its checks -----------------------------------------------------------------

    def step(self, name: str, action: Callable[[], None], *, speak: bool = True) -> None:
        entry: dict[str, Any] = {"step": name, "keyboard": "ok"}
        try:
            action()
        except KeyRouteError as exc:
            entry["keyboard"] = str(exc)
        except Exception:
            entry["keyboard"] = "error: " + traceback.format_exc(limit=4)
        if entry["keyboard"] != "ok":  # a message box the failed route left open: Esc
            for _ in range(3):
                title = self.gui(_modal_title)
                if not title:
                    break
                entry.setdefault("closed_dialogs", []).append(title)
                self.key("Escape")
        time.sleep(0.2)  # the window manager maps, moves and paints
        entry.update(self.check_screen(name, speak=speak))
        entry["seconds"] = round(time.monotonic() - self.started, 1)
        self.steps.append(entry)
        (self.out / "steps.json").write_text(json.dumps(self.steps, ensure_ascii=False, indent=1))

    def check_screen(self, name: str, *, speak: bool) -> dict[str, Any]:
        litigant_shown = self.gui(
            lambda: (shown := self.window.litigant_screen.window) is not None and shown.isVisible()
        )
        frames = self.settled_frames()
        # 朗读 (Ctrl+R, the clerk's key): the screen is checked while it speaks.
        speaking = speak and litigant_shown and not self.shots
        recorder = self.start_reading() if speaking else None
        shot = self.desk.screenshot(self.out / f"{len(self.steps) + 1:02d}_{name}.png")
        expected = self.gui(shown_qr_payloads)
        decoded = decode_qr(shot)
        result: dict[str, Any] = {
            "windows": [f.__dict__ for f in frames],
            "qt_frames": self.gui(qt_frames),
            "off_screen": [
                f"{f.title} at {f.x},{f.y} {f.width}x{f.height}"
                for f in frames
                if not f.inside(self.desk.width, self.desk.height)
            ],
            "litigant_shown": litigant_shown,
            "qr_expected": sorted(expected),
            "qr_missing": sorted(set(expected) - decoded),
            "leaks": self.gui(painted_ids),
            "clerk_scrolls_sideways": self.gui(lambda: scroll_shortfall(self.window)),
            "screenshot": shot.name,
        }
        if recorder is not None:
            result["speech"] = self.heard(recorder)
        return result

    def settled_frames(self, timeout: float = 2.5) -> list[Any]:
        """The windows once the window manager has stopped moving them (it frames a window
        some time after it is shown; the app then places it again)."""
        deadline = time.monotonic() + timeout
        frames = self.desk.frames(self.gui(shown_window_ids))
        while time.monotonic() < deadline:
            time.sleep(0.25)
            again = self.desk.frames(self.gui(shown_window_ids))
            if again == frames:
                break
            frames = again
        return frames

    def start_reading(self) -> subprocess.Popen[bytes]:
        """Ctrl+R while the sink's monitor is recorded."""
        recorder = self.desk.record(self.recording)
        time.sleep(0.2)
        self.key("ctrl+r")
        return recorder

    @property
    def recording(self) -> Path:
        return self.out / "speech.raw"

    def heard(self, recorder: subprocess.Popen[bytes]) -> dict[str, float]:
        # The first reading asks speech-dispatcher and starts the engine: wait for the voice.
        screen = self.window.litigant_screen
        self.until(lambda: screen.reader is not None and screen.reader.is_speaking(), 8)
        # The engine says it speaks before its sound reaches the sink (the speech module and
        # the sound server start their streams): record until SPEECH_SECONDS are audible, or
        # give up after HEARD_WITHIN_S and let the test say how much was heard.
        deadline = time.monotonic() + HEARD_WITHIN_S
        while time.monotonic() < deadline:
            time.sleep(0.25)
            so_far = self.recording.read_bytes()
            _loudest, active = speech_energy(so_far)
            if active * len(so_far) / 2 / RATE >= SPEECH_SECONDS:
                break
        pcm = stop_recording(recorder, self.recording)
        loudest, active = speech_energy(pcm)
        self.gui(lambda: screen.reader is not None and screen.reader.stop())
        seconds = len(pcm) / 2 / RATE
        return {"loudest_dbfs": round(loudest, 1), "active_seconds": round(active * seconds, 2)}


def scroll_shortfall(window: Any) -> int:
    from hearing_helper.ui.litigant_view import scroll_shortfall as shortfall

    return shortfall(window)


def _modal_title() -> str:
    from PySide6.QtWidgets import QApplication

    modal = QApplication.activeModalWidget()
    return modal.windowTitle() or type(modal).__name__ if modal is not None else ""


def qt_frames() -> list[str]:
    from PySide6.QtWidgets import QApplication

    return [
        f"{top.windowTitle()}: {top.frameGeometry().getRect()} / {top.geometry().getRect()}"
        for top in QApplication.topLevelWidgets()
        if top.isVisible()
    ]


def shown_window_ids() -> list[int]:
    """The X window of every shown top-level window (its geometry is asked of the X server)."""
    from PySide6.QtWidgets import QApplication

    return [int(top.winId()) for top in QApplication.topLevelWidgets() if top.isVisible()]


def shown_qr_payloads() -> list[str]:
    from PySide6.QtWidgets import QApplication

    from hearing_helper.ui.widgets.qr_view import QrView

    payloads = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        for qr in top.findChildren(QrView):
            if qr.isVisible() and qr.payload() and not qr.visibleRegion().isEmpty():
                payloads.append(qr.payload())
    return payloads


def painted_ids() -> list[str]:
    from PySide6.QtWidgets import QApplication, QMainWindow

    from tests.test_ui_visible_text import internal_ids, visible_texts

    leaks = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        texts = visible_texts(top) + [top.accessibleDescription()]
        if isinstance(top, QMainWindow):
            texts.append(top.statusBar().currentMessage())
        texts = [FILE_PATH.sub(" ", text or "") for text in texts]  # where an export went
        leaks += [f"{top.windowTitle()}: {leak}" for leak in internal_ids(texts)]
    return leaks


FILE_PATH = re.compile(r"(?:[A-Za-z]:)?[\\/]\S+")


def seed(data_dir: Path, lang: str) -> None:
    """A clerk, the supervisor password, and a prepared hearing of yesterday to follow up."""
    from datetime import timedelta

    from hearing_helper.auth import auth_for
    from hearing_helper.domain.enums import DeviceKind, RecordStatus, Role
    from hearing_helper.domain.record import AssistRecord, ClerkProfile, now_local
    from hearing_helper.domain.visit import (
        JoinChoice,
        JoinMode,
        PreparationOutcome,
        PreparationResult,
        VisitKind,
    )
    from hearing_helper.services import AppServices

    clerk = ClerkProfile(staff_id="A017", name="刘芳", desk="2号窗口", court="北京市朝阳区人民法院")
    services = AppServices.open(data_dir)
    try:
        services.settings.set("language", lang)
        services.repo.save_staff(clerk)
        services.settings.set("last_staff_id", clerk.staff_id)
        auth_for(services).set_password(PASSWORD, "desk-visit")
        yesterday = now_local().replace(microsecond=0) - timedelta(days=1)
        started = yesterday - timedelta(days=2)
        record = AssistRecord(
            clerk=clerk,
            status=RecordStatus.FINISHED,
            started_at=started,
            ended_at=started + timedelta(minutes=20),
            updated_at=started + timedelta(minutes=20),
            kind=VisitKind.PREPARATION,
        )
        intake = record.intake
        intake.case_number = "（2026）京0105民初7001号"
        intake.hearing_at = yesterday.replace(hour=9, minute=0, second=0)
        intake.court = clerk.court
        intake.platform_id = "tencent_meeting"
        intake.litigant_name = "赵玉梅"
        intake.role = Role.DEFENDANT
        intake.phone = "13900001111"
        intake.device = DeviceKind.OWN_ANDROID
        intake.consent = True
        record.preparation = PreparationResult(PreparationOutcome.READY)
        record.join = JoinChoice(JoinMode.OWN_PHONE, ("phone_ready",), JoinMode.OWN_PHONE)
        services.repo.import_finished([record], "desk-visit")
    finally:
        services.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="zh_CN", choices=("zh_CN", "en"))
    parser.add_argument("--shots", action="store_true", help="screenshots only, no speech")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    data_dir = out / "data"
    seed(data_dir, args.lang)

    import os

    from hearing_helper import cli
    from hearing_helper.ui.main_window import MainWindow
    from hearing_helper.ui.shell import window_host
    from tests.desk_visit_steps import run_visit

    desk = DeskScreen.attach(os.environ)
    original = window_host.MainWindowHost.show_initial

    def show_initial(
        host: window_host.MainWindowHost, *after_shown: Callable[[], object]
    ) -> MainWindow:
        window = original(host, *after_shown)
        visit = Visit(host, desk, out, args.shots)

        def drive() -> None:
            try:
                run_visit(visit, args.lang)
            except Exception:
                (out / "driver_error.txt").write_text(traceback.format_exc())
            finally:
                visit.gui(lambda: visit.window.close())

        threading.Thread(target=drive, daemon=True).start()
        return window

    # The run drives the window the app shows (the app's own start, not a test's window).
    setattr(window_host.MainWindowHost, "show_initial", show_initial)  # noqa: B010
    return cli.main(["--data-dir", str(data_dir), "gui"])


if __name__ == "__main__":
    from tests import desk_visit  # one module, not two: the steps import it by that name

    sys.exit(desk_visit.main(sys.argv[1:]))
