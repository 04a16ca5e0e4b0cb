"""A real desk screen for end-to-end tests and whole-screen screenshots: a private X server
(Xvfb) of a given size with a real window manager (openbox) and a private PulseAudio with a
null sink, and what the X server says about the windows on it.

Everything is started with its own runtime folder and stopped by its own process id.
"""

from __future__ import annotations

import array
import contextlib
import math
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TOOLS = ("Xvfb", "openbox", "xdotool", "xwininfo", "xprop", "import", "zbarimg", "pulseaudio")
SINK = "hh_desk_sink"


def missing_tools() -> list[str]:
    return [tool for tool in (*TOOLS, "pactl", "parec") if shutil.which(tool) is None]


@dataclass(frozen=True)
class Frame:
    """A top-level window as the X server has it, frame (title bar, border) included."""

    window_id: str
    title: str
    x: int
    y: int
    width: int
    height: int

    def inside(self, width: int, height: int) -> bool:
        return (
            self.x >= 0
            and self.y >= 0
            and self.x + self.width <= width
            and (self.y + self.height <= height)
        )


class DeskScreen:
    """``with DeskScreen(runtime, 1366, 768) as desk:`` then ``desk.env`` reaches all three."""

    def __init__(self, runtime: Path, width: int = 1366, height: int = 768) -> None:
        self.runtime = runtime
        self.width, self.height = width, height
        self.env: dict[str, str] = {}
        self._pids: list[int] = []

    @classmethod
    def attach(cls, env: dict[str, str] | os._Environ[str]) -> DeskScreen:
        """The desk screen a parent process started (its environment is ``env``)."""
        root = subprocess.run(
            ["xwininfo", "-root"], env=dict(env), capture_output=True, text=True, timeout=30
        ).stdout
        size = {
            k.strip(): v.strip() for k, _, v in (line.partition(":") for line in root.splitlines())
        }
        desk = cls(
            Path(env.get("XDG_RUNTIME_DIR", "/tmp")), int(size["Width"]), int(size["Height"])
        )
        desk.env = dict(env)
        return desk

    def __enter__(self) -> DeskScreen:
        self.runtime.mkdir(parents=True, exist_ok=True)
        self.runtime.chmod(0o700)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PULSE_", "SPEECHD_"))}
        env.pop("QT_QPA_PLATFORM", None)
        env.update(
            XDG_RUNTIME_DIR=str(self.runtime),
            HOME=str(self.runtime),
            PULSE_RUNTIME_PATH=str(self.runtime / "pulse"),
            QT_QPA_PLATFORM="xcb",
        )
        try:
            env["DISPLAY"] = self._start_x(env)
            self.env = env
            self._start(["openbox", "--sm-disable"], "openbox.log")
            self._wait(
                lambda: "window id" in self._run(["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"])
            )
            self._start_pulse()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _start_x(self, env: dict[str, str]) -> str:
        read, write = os.pipe()
        size = f"{self.width}x{self.height}x24"
        with (self.runtime / "xvfb.log").open("wb") as log:
            process = subprocess.Popen(
                ["Xvfb", "-displayfd", str(write), "-screen", "0", size, "-nolisten", "tcp"],
                env=env,
                stdout=log,
                stderr=log,
                pass_fds=(write,),
            )
        os.close(write)
        self._pids.append(process.pid)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError(f"Xvfb did not start (see {self.runtime / 'xvfb.log'})")
        return f":{number}"

    def _start(self, command: list[str], log_name: str) -> None:
        with (self.runtime / log_name).open("wb") as log:
            process = subprocess.Popen(command, env=self.env, stdout=log, stderr=log)
        self._pids.append(process.pid)

    def _start_pulse(self) -> None:
        subprocess.run(
            [
                "pulseaudio", "-D", "-n", "--exit-idle-time=-1", "--system=false",
                "--disallow-exit", "--load=module-native-protocol-unix",
                f"--load=module-null-sink sink_name={SINK}", "--load=module-always-sink",
            ],
            env=self.env, check=True, timeout=30, capture_output=True,
        )  # fmt: skip
        pid_file = self.runtime / "pulse" / "pid"
        self._pids.append(int(pid_file.read_text().split()[0]))
        self._wait(lambda: self._ok(["pactl", "info"]))
        subprocess.run(["pactl", "set-default-sink", SINK], env=self.env, check=True)

    def __exit__(self, *_exc: object) -> None:
        for pid_file in self.runtime.glob("**/speech-dispatcher.pid"):
            self._pids.append(int(pid_file.read_text().split()[0] or 0))
        for pid in reversed(self._pids):
            if pid > 0:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGTERM)
        self._pids.clear()

    # --- what is on the screen ------------------------------------------------------------

    def _run(self, command: list[str]) -> str:
        done = subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=30)
        return done.stdout

    def _ok(self, command: list[str]) -> bool:
        return subprocess.run(command, env=self.env, capture_output=True).returncode == 0

    def _wait(self, ready: Callable[[], object], timeout: float = 15) -> None:
        deadline = time.monotonic() + timeout
        while not ready():
            if time.monotonic() > deadline:
                raise RuntimeError("the desk screen did not come up")
            time.sleep(0.05)  # an external server starting, not app code

    def frames(self, window_ids: list[int]) -> list[Frame]:
        """Where the X server has these windows (the app's shown top-level windows), each with
        the frame the window manager put round it."""
        found = []
        for window_id in map(str, window_ids):
            info = self._run(["xwininfo", "-id", window_id])
            values = {}
            for line in info.splitlines():
                key, _, value = line.strip().partition(":")
                values[key] = value.strip()
            if values.get("Map State") != "IsViewable":
                continue
            extents = self._run(["xprop", "-id", window_id, "_NET_FRAME_EXTENTS"])
            left = right = top = bottom = 0
            if "=" in extents:
                left, right, top, bottom = (int(v) for v in extents.split("=")[1].split(","))
            title = info.split('"', 2)[1] if info.count('"') >= 2 else ""
            found.append(
                Frame(
                    window_id,
                    title,
                    int(values["Absolute upper-left X"]) - left,
                    int(values["Absolute upper-left Y"]) - top,
                    int(values["Width"]) + left + right,
                    int(values["Height"]) + top + bottom,
                )
            )
        return found

    def screenshot(self, path: Path) -> Path:
        subprocess.run(
            ["import", "-window", "root", str(path)], env=self.env, check=True, timeout=30
        )
        return path

    def key(self, *keys: str) -> None:
        subprocess.run(["xdotool", "key", "--delay", "40", *keys], env=self.env, timeout=30)

    def type(self, text: str) -> None:
        """Type ``text``; a character outside the keymap one at a time (xdotool maps it to a
        spare key code first, and dropped some when typed in a run)."""
        run = ""
        for char in text + "\0":
            if char.isascii() and char != "\0":
                run += char
                continue
            if run:
                subprocess.run(["xdotool", "type", "--delay", "30", run], env=self.env, timeout=60)
                run = ""
            if char != "\0":
                subprocess.run(["xdotool", "type", char], env=self.env, timeout=30)
                time.sleep(0.05)

    def record(self, into: Path) -> subprocess.Popen[bytes]:
        """Start recording the sink's monitor (16 kHz mono) into the file ``into``, which can be
        read while the recording runs; :func:`stop_recording` ends it."""
        with into.open("wb") as sink_file:
            return subprocess.Popen(
                ["parec", "-d", f"{SINK}.monitor", "--raw", "--format=s16le", "--channels=1",
                 f"--rate={RATE}"],
                env=self.env, stdout=sink_file,
            )  # fmt: skip


RATE = 16_000


def stop_recording(recorder: subprocess.Popen[bytes], into: Path) -> bytes:
    recorder.send_signal(signal.SIGINT)
    recorder.wait(timeout=10)
    return into.read_bytes()


def decode_qr(path: Path) -> set[str]:
    done = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(path)], capture_output=True, text=True, timeout=60
    )
    return {line for line in done.stdout.splitlines() if line}


def speech_energy(pcm: bytes, rate: int = RATE) -> tuple[float, float]:
    """(loudest 20 ms frame in dBFS, share of frames above -40 dBFS)."""
    samples = array.array("h", pcm[: len(pcm) // 2 * 2])
    frame = rate // 50
    levels = []
    for start in range(0, len(samples) - frame, frame):
        chunk = samples[start : start + frame]
        rms = math.sqrt(sum(s * s for s in chunk) / frame) / 32768
        levels.append(20 * math.log10(max(rms, 1e-9)))
    if not levels:
        return -180.0, 0.0
    return max(levels), sum(1 for level in levels if level > -40) / len(levels)
