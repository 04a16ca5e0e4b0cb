"""The camera sampling job's state machine on the GUI thread, fed with generated video frames
(there is no camera here): frames -> luma, first-frame watchdog, cancel, device error; and the
worker-thread -> GUI-thread dispatch that the real provider uses."""

from __future__ import annotations

import threading
from concurrent.futures import Future
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from hearing_helper.checks.base import CancelledError, CancelToken
from hearing_helper.checks.device_api import DeviceError, FrameSample
from hearing_helper.ui.devices.dispatch import GuiDispatcher, Once

if TYPE_CHECKING:  # QtMultimedia is loaded in the tests that need it
    from hearing_helper.ui.devices.camera import FrameListener, SampleJob

# QtMultimedia notes absent optional back-ends (PipeWire, GPU conversion) when it loads.
pytestmark = pytest.mark.qt_log_ignore("RHI", "pipewire")


class StubSession(QObject):
    """Stands in for CameraSession: listeners get frames we push."""

    def __init__(self) -> None:
        super().__init__()
        self.listeners: list[FrameListener] = []
        self.problem = ""

    def error(self) -> str:
        return self.problem

    def push(self, brightness: int, now: float) -> None:
        from PySide6.QtMultimedia import QVideoFrame

        image = QImage(640, 480, QImage.Format.Format_RGB32)
        image.fill(QColor(brightness, brightness, brightness))
        for listener in list(self.listeners):
            listener(QVideoFrame(image), now)


def _job(
    session: StubSession, seconds: float, first_s: float, cancel: CancelToken
) -> tuple[SampleJob, Future[FrameSample], list[SampleJob]]:
    from hearing_helper.ui.devices.camera import SampleJob

    future: Future[FrameSample] = Future()
    done: list[SampleJob] = []
    job = SampleJob(
        session, seconds, first_s, Once(future), cancel, on_done=done.append, parent=session
    )
    job.begin()
    return job, future, done


def test_luma_of_scales_to_small_grey_plane(qtbot: QtBot) -> None:
    from hearing_helper.ui.devices.camera import LUMA_H, LUMA_W, luma_of

    image = QImage(1280, 720, QImage.Format.Format_RGB32)
    image.fill(QColor(255, 255, 255))
    frame = luma_of(image, 1.5)
    assert (frame.width, frame.height) == (LUMA_W, LUMA_H)
    assert len(frame.luma) == LUMA_W * LUMA_H
    assert min(frame.luma) >= 250 and frame.timestamp_s == 1.5


def test_sample_job_collects_frames_for_the_sample_time(qtbot: QtBot) -> None:
    session = StubSession()
    _job_obj, future, done = _job(session, 1.0, 3.0, CancelToken())
    for i in range(30):  # 30 frames over 1.16 s of simulated capture time
        session.push(120 + (i % 3), 100.0 + i * 0.04)
    sample: FrameSample = future.result(timeout=0)
    assert len(sample.frames) == 26  # stops once a second has been covered
    assert (sample.width, sample.height) == (640, 480)
    assert sample.frames[0].timestamp_s == 100.0
    assert done and session.listeners == []


def test_no_frame_within_limit_gives_empty_sample(qtbot: QtBot) -> None:
    session = StubSession()
    _job_obj, future, _done = _job(session, 1.0, 0.2, CancelToken())
    qtbot.waitUntil(future.done, timeout=3000)
    assert future.result().frames == []


def test_cancel_and_camera_error(qtbot: QtBot) -> None:
    cancel = CancelToken()
    session = StubSession()
    _job_obj, future, _done = _job(session, 5.0, 5.0, cancel)
    cancel.cancel()
    qtbot.waitUntil(future.done, timeout=3000)
    with pytest.raises(CancelledError):
        future.result()
    broken = StubSession()
    broken.problem = "Camera is in use"
    _job_obj, future, _done = _job(broken, 5.0, 5.0, CancelToken())
    qtbot.waitUntil(future.done, timeout=3000)
    with pytest.raises(DeviceError, match="in use"):
        future.result()


def test_dispatcher_runs_on_gui_thread_and_answers_worker(qtbot: QtBot) -> None:
    dispatcher = GuiDispatcher()
    gui_thread = threading.current_thread()
    ran_on: list[threading.Thread] = []

    def starter(future: Future[int]) -> None:
        ran_on.append(threading.current_thread())
        future.set_result(42)

    answers: list[int] = []
    worker = threading.Thread(
        target=lambda: answers.append(dispatcher.call(starter, 5.0, CancelToken(), "test"))
    )
    worker.start()
    qtbot.waitUntil(lambda: bool(answers), timeout=5000)
    worker.join(1)
    assert answers == [42] and ran_on == [gui_thread]
    with pytest.raises(RuntimeError, match="worker thread"):
        dispatcher.call(starter, 1.0, CancelToken(), "from the GUI thread")


def test_dispatcher_times_out_and_cancels(qtbot: QtBot) -> None:
    dispatcher = GuiDispatcher()
    errors: list[BaseException] = []

    def never(future: Future[int]) -> None:
        """A job that never answers."""

    def call(cancel: CancelToken, limit: float) -> None:
        try:
            dispatcher.call(never, limit, cancel, "stuck job")
        except (DeviceError, CancelledError) as exc:
            errors.append(exc)

    threading.Thread(target=call, args=(CancelToken(), 0.2)).start()
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=5000)
    assert isinstance(errors[0], DeviceError) and errors[0].reason == "timeout"
    cancel = CancelToken()
    cancel.cancel()
    threading.Thread(target=call, args=(cancel, 30.0)).start()
    qtbot.waitUntil(lambda: len(errors) == 2, timeout=5000)
    assert isinstance(errors[1], CancelledError)


@pytest.mark.parametrize(
    ("sample_format", "channels", "rate"),
    [("Int16", 1, 8), ("Int16", 2, 4), ("Float", 2, 4), ("Int32", 1, 4), ("UInt8", 1, 4)],
)
def test_sound_round_trips_through_device_formats(
    sample_format: str, channels: int, rate: int
) -> None:
    """Devices that will not take mono int16 get the sound in their own format, and what is
    recorded in such a format comes back as mono int16."""
    from array import array

    from PySide6.QtMultimedia import QAudioFormat

    from hearing_helper.checks.device_api import Sound
    from hearing_helper.ui.devices.audio_streams import encode_for, to_recording

    fmt = QAudioFormat()
    fmt.setSampleRate(rate)
    fmt.setChannelCount(channels)
    fmt.setSampleFormat(getattr(QAudioFormat.SampleFormat, sample_format))
    sound = Sound(array("h", [0, 16384, -32768, 32767]), 4)
    payload = encode_for(sound, fmt)
    back = to_recording(payload, fmt, None).samples.tolist()
    expected = [0, 16384, -32768, 32767]
    if rate == 8:  # resampled by repeating the nearest sample
        expected = [0, 0, 16384, 16384, -32768, -32768, 32767, 32767]
    tolerance = 256 if sample_format == "UInt8" else 1
    assert len(back) == len(expected)
    assert all(abs(a - b) <= tolerance for a, b in zip(back, expected, strict=True)), back
