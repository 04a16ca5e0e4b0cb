"""朗读: voice choice, and Mandarin really spoken into a private PulseAudio sink (Linux)."""

from __future__ import annotations

import array
import contextlib
import json
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hearing_helper.ui.speech import VoiceInfo, choose_voice
from tests.test_checks_real_devices import ROOT, pulse_env  # noqa: F401 - the fixture

SPEECHD_C = [
    VoiceInfo("English (America)", "en_US", "English"),
    VoiceInfo("Chinese (Mandarin, latin as Pinyin)", "C", "C"),
    VoiceInfo("Chinese (Mandarin, latin as English)+whisper", "C", "C"),
    VoiceInfo("Chinese (Mandarin, latin as English)", "C", "C"),
    VoiceInfo("Chinese (Cantonese)", "C", "C"),
]


def test_mandarin_is_found_by_language_when_the_locale_is_c() -> None:
    chosen = choose_voice(SPEECHD_C)
    assert chosen is not None and chosen.name == "Chinese (Mandarin, latin as English)"
    cantonese = choose_voice(SPEECHD_C, "yue")
    assert cantonese is not None and cantonese.name == "Chinese (Cantonese)"


def test_a_zh_cn_voice_wins_and_none_gives_none() -> None:
    windows = [VoiceInfo("Microsoft Huihui", "zh_CN", "Chinese"), *SPEECHD_C]
    assert choose_voice(windows) == windows[0]
    assert choose_voice([VoiceInfo("Microsoft Zira", "en_US", "English")]) is None
    assert choose_voice([VoiceInfo("Microsoft Tracy", "zh_HK", "Chinese")], "yue") is not None


def _speech_energy(pcm: bytes, rate: int) -> tuple[float, float]:
    """(loudest 20 ms frame in dBFS, share of frames above -40 dBFS)."""
    samples = array.array("h", pcm)
    frame = rate // 50
    levels = []
    for start in range(0, len(samples) - frame, frame):
        chunk = samples[start : start + frame]
        rms = math.sqrt(sum(s * s for s in chunk) / frame) / 32768
        levels.append(20 * math.log10(max(rms, 1e-9)))
    if not levels:
        return -180.0, 0.0
    return max(levels), sum(1 for level in levels if level > -40) / len(levels)


@pytest.mark.audio
@pytest.mark.skipif(
    shutil.which("speech-dispatcher") is None or shutil.which("parec") is None,
    reason="speech-dispatcher/espeak-ng missing (tools/system_deps.sh test installs them)",
)
@pytest.mark.parametrize(
    ("lang", "times"),
    [
        ("en", 1),
        # The app's default locale is zh_CN; speech-dispatcher lists espeak-ng's Mandarin under
        # "C", so the engine failed to start ("no speech engine works") on every Chinese desk.
        ("zh_CN", 1),
        # speech-dispatcher stopped between two readings (it quits when idle): read again.
        ("zh_CN", 2),
    ],
)
def test_read_aloud_speaks_mandarin_into_the_sink(
    pulse_env: dict[str, str],  # noqa: F811 - the fixture imported above
    tmp_path: Path,
    lang: str,
    times: int,
) -> None:
    rate = 16_000
    recording = tmp_path / "heard.raw"
    with recording.open("wb") as sink:
        recorder = subprocess.Popen(
            [
                "parec",
                "-d",
                "hh_sink.monitor",
                "--raw",
                "--format=s16le",
                "--channels=1",
                f"--rate={rate}",
            ],
            env=pulse_env,
            stdout=sink,
        )
        try:
            child = subprocess.run(
                [
                    sys.executable,
                    str(ROOT / "tests" / "tts_speak.py"),
                    "请用手机扫描屏幕上的二维码。",
                    lang,
                    str(times),
                ],
                env=pulse_env,
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=120,
            )
        finally:
            recorder.send_signal(signal.SIGINT)
            recorder.wait(timeout=10)
            _stop_speech_dispatcher(Path(pulse_env["XDG_RUNTIME_DIR"]))
    assert child.returncode == 0, child.stderr
    outcome = json.loads(child.stdout.strip().splitlines()[-1])
    assert outcome["problem"] == "" and outcome["spoken"] == times, outcome
    assert "Mandarin" in outcome["voice"] or "zh" in outcome["voice"].lower(), outcome
    loudest, active = _speech_energy(recording.read_bytes(), rate)
    print(
        f"read aloud: voice {outcome['voice']!r}, loudest {loudest:.1f} dBFS, {active:.0%} active"
    )
    assert loudest > -30, f"nothing audible in the sink (loudest frame {loudest:.1f} dBFS)"
    assert active > 0.1, f"too little speech energy ({active:.0%} of frames)"


def _stop_speech_dispatcher(runtime: Path) -> None:
    """The child's client library started speech-dispatcher in the private runtime dir."""
    for pid_file in runtime.glob("**/speech-dispatcher.pid"):
        with contextlib.suppress(ValueError, ProcessLookupError):
            os.kill(int(pid_file.read_text().split()[0]), signal.SIGTERM)


class _FakeSpeechd:
    """A unix socket that answers like speech-dispatcher, or accepts and never answers."""

    def __init__(self, path: Path, answer: bool) -> None:
        import socket
        import threading

        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(str(path))
        self.server.listen(4)
        self.answer = answer
        self.open: list[socket.socket] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            self.open.append(client)
            if self.answer:
                client.recv(256)
                client.sendall(b"208 OK CLIENT NAME SET\r\n")

    def close(self) -> None:
        self.server.close()
        for client in self.open:
            client.close()


@pytest.mark.parametrize("answer", [True, False])
def test_the_speech_service_probe_has_a_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: bool
) -> None:
    from hearing_helper.ui.speech_service import speech_service_answers

    path = tmp_path / "speechd.sock"
    fake = _FakeSpeechd(path, answer)
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{path}")
    try:
        assert speech_service_answers(timeout_s=0.3) is answer
    finally:
        fake.close()


def test_a_hung_speech_service_gives_a_message_not_a_frozen_window(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from hearing_helper.ui.speech import ReadAloud

    path = tmp_path / "speechd.sock"
    fake = _FakeSpeechd(path, answer=False)
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{path}")
    reader = ReadAloud(probe_timeout_s=0.3)
    try:
        with qtbot.waitSignal(reader.problem, timeout=5000) as said:
            reader.speak("请看屏幕。")
            assert reader._speech is None  # returned at once; the engine was not made
    finally:
        fake.close()
    assert "speech-dispatcher" in said.args[0]


@pytest.mark.qt_log_ignore("This plugin does not support")
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_why_nothing_is_read_fits_the_status_line(
    qtbot: QtBot, qapp: QApplication, data_dir: Path, lang: str
) -> None:
    """Beside the litigant window on 1366 x 768 the clerk's status line showed the reason cut
    off ("…没有可用的语音引擎" and no advice); it is one short line, the advice a tooltip."""
    from PySide6.QtGui import QFontMetrics

    from hearing_helper.services import AppServices
    from hearing_helper.ui import speech
    from hearing_helper.ui.main_window import MainWindow
    from tests.ui_fixtures import CLERK
    from tests.ui_windows import language

    services = AppServices.open(data_dir)
    try:
        with language(qapp, lang):
            window = MainWindow(services, CLERK)
            qtbot.addWidget(window)
            window.show_initial()
            window.litigant_screen.set_visible(True)
            qtbot.waitExposed(window)
            reader = window.litigant_screen.read_aloud_engine()
            status = window.statusBar()
            room = status.width() - 2 * status.style().pixelMetric(
                status.style().PixelMetric.PM_LayoutHorizontalSpacing
            )
            for kind in (speech.NO_SERVICE, speech.NO_VOICE, speech.NO_ENGINE):
                reader._report(kind)
                message = status.currentMessage()
                width = QFontMetrics(status.font()).horizontalAdvance(message)
                assert message and width <= room, (message, width, room)
                assert status.toolTip() == reader.problem_detail(kind)
                if kind == speech.NO_VOICE:  # the advice the status line used to show, cut
                    assert QFontMetrics(status.font()).horizontalAdvance(reader.detail) > room
                assert window.litigant_screen.window is not None
                assert window.litigant_screen.window.notice.isVisible()
            window.close()
    finally:
        services.close()
