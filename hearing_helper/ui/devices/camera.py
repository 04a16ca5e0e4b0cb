"""Camera on the GUI thread: one running session shared by the live preview and the sampling
job, and the frame -> small luma plane conversion the analysis works on."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import (
    QCamera,
    QCameraDevice,
    QMediaCaptureSession,
    QVideoFrame,
    QVideoSink,
)

from hearing_helper.checks.analysis.video import LumaFrame
from hearing_helper.checks.base import CancelledError, CancelToken
from hearing_helper.checks.device_api import DeviceError, FrameSample
from hearing_helper.ui.devices.dispatch import Once

log = logging.getLogger(__name__)

LUMA_W, LUMA_H = 64, 48  # 3072 pixels: enough for brightness and motion, cheap in Python

FrameListener = Callable[[QVideoFrame, float], None]


class FrameSource(Protocol):
    """What a :class:`SampleJob` reads: a :class:`CameraSession` (tests give a stand-in)."""

    listeners: list[FrameListener]

    def error(self) -> str: ...


def luma_of(image: QImage, timestamp_s: float) -> LumaFrame:
    """The image scaled to 64x48 grey levels (row padding removed)."""
    small = image.scaled(
        LUMA_W,
        LUMA_H,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.FastTransformation,
    ).convertToFormat(QImage.Format.Format_Grayscale8)
    raw = bytes(small.constBits())
    stride = small.bytesPerLine()
    rows = b"".join(raw[y * stride : y * stride + LUMA_W] for y in range(LUMA_H))
    return LumaFrame(LUMA_W, LUMA_H, rows, timestamp_s)


class CameraSession(QObject):
    """A started QCamera feeding a QVideoSink; listeners get every frame."""

    def __init__(self, device: QCameraDevice, parent: QObject) -> None:
        super().__init__(parent)
        self.device_id = bytes(device.id().data()).decode("utf-8", "replace")
        self.camera = QCamera(device, self)
        self.capture = QMediaCaptureSession(self)
        self.sink = QVideoSink(self)
        self.capture.setCamera(self.camera)
        self.capture.setVideoSink(self.sink)
        self.listeners: list[FrameListener] = []
        self.sink.videoFrameChanged.connect(self._on_frame)
        self.camera.start()

    def error(self) -> str:
        if self.camera.error() != QCamera.Error.NoError:
            return self.camera.errorString() or "camera error"
        return ""

    def _on_frame(self, frame: QVideoFrame) -> None:
        now = time.monotonic()
        for listener in list(self.listeners):
            try:
                listener(frame, now)
            except Exception:
                log.exception("camera frame listener failed")
                self.listeners.remove(listener)

    def stop(self) -> None:
        self.listeners.clear()
        self.camera.stop()
        self.deleteLater()


class SampleJob(QObject):
    """Collect luma frames for ``seconds`` after the first one; no frame within
    ``first_frame_timeout_s`` answers an empty sample (the check reports "no frames")."""

    def __init__(
        self,
        session: FrameSource,
        seconds: float,
        first_frame_timeout_s: float,
        once: Once,
        cancel: CancelToken,
        on_done: Callable[[SampleJob], None],
        parent: QObject | None = None,  # the session, so that the job goes with it
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._seconds = seconds
        self._once = once
        self._cancel = cancel
        self._on_done = on_done
        self._started = time.monotonic()
        self._first_at: float | None = None
        self.sample = FrameSample()
        self._first_frame_timeout_s = first_frame_timeout_s
        self._tick = QTimer(self)
        self._tick.setInterval(50)
        self._tick.timeout.connect(self._poll)
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._on_watchdog)

    def begin(self) -> None:
        self._session.listeners.append(self._on_frame)
        self._tick.start()
        self._watchdog.start(int(self._first_frame_timeout_s * 1000))

    def _on_frame(self, frame: QVideoFrame, now: float) -> None:
        if self._once.done:
            return
        image = frame.toImage()
        if image.isNull():
            return
        if self._first_at is None:
            self._first_at = now
            self.sample.first_frame_s = now - self._started
            self.sample.width, self.sample.height = frame.width(), frame.height()
            self._watchdog.start(int((self._seconds + 2.0) * 1000))  # now bound the sampling
        self.sample.frames.append(luma_of(image, now))
        if now - self._first_at >= self._seconds:
            self._finish()

    def _poll(self) -> None:
        if self._once.done:
            return
        if self._cancel.cancelled:
            self._finish(CancelledError())
            return
        problem = self._session.error()
        if problem:
            self._finish(DeviceError("open_failed", problem))

    def _on_watchdog(self) -> None:
        if self._first_at is None:
            log.info("camera: no frame within %.1f s", self._first_frame_timeout_s)
        else:
            log.warning("camera: sampling watchdog fired")
        self._finish()

    def _finish(self, error: BaseException | None = None) -> None:
        self._tick.stop()
        self._watchdog.stop()
        if self._on_frame in self._session.listeners:
            self._session.listeners.remove(self._on_frame)
        if error is not None:
            self._once.error(error)
        else:
            self._once.result(self.sample)
        self._on_done(self)
        self.deleteLater()
