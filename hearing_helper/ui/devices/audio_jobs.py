"""Audio jobs on the GUI thread: record, play, and play-while-recording (loop-back).

Each job is a small state machine polled by a 20 ms QTimer and bounded by a watchdog QTimer;
it answers its worker thread exactly once through a :class:`Once`. Streams take 1-2 s to start
delivering data on some systems, so time limits count from the first data, with a separate
start-up limit.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtMultimedia import QAudioDevice, QAudioFormat

from hearing_helper.checks.base import CancelledError, CancelToken
from hearing_helper.checks.device_api import DeviceError
from hearing_helper.ui.devices.audio_streams import (
    START_TIMEOUT_S,
    TICK_MS,
    EncodedSound,
    Playback,
    RawCapture,
    SharedInput,
)
from hearing_helper.ui.devices.dispatch import Once

log = logging.getLogger(__name__)


class AudioJob(QObject):
    """Base: a tick timer, a watchdog, the cancel token, and exactly one answer."""

    def __init__(
        self,
        once: Once,
        cancel: CancelToken,
        watchdog_s: float,
        on_done: Callable[[AudioJob], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._once = once
        self._cancel = cancel
        self._on_done = on_done
        self._started = time.monotonic()
        self._tick_timer = QTimer(self)
        self._tick_timer.setInterval(TICK_MS)
        self._tick_timer.timeout.connect(self._tick)
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.setInterval(int(watchdog_s * 1000))
        self._watchdog.timeout.connect(self._on_watchdog)

    def begin(self) -> None:
        try:
            self.start_devices()
        except DeviceError as exc:
            self._finish(error=exc)
            return
        self._tick_timer.start()
        self._watchdog.start()

    def start_devices(self) -> None:
        raise NotImplementedError

    def poll(self) -> None:
        """Called every tick; calls ``self._finish`` when done."""
        raise NotImplementedError

    def release(self) -> None:
        raise NotImplementedError

    def elapsed(self) -> float:
        return time.monotonic() - self._started

    def _tick(self) -> None:
        if self._once.done:
            return
        if self._cancel.cancelled:
            self._finish(error=CancelledError())
            return
        try:
            self.poll()
        except DeviceError as exc:
            self._finish(error=exc)

    def _on_watchdog(self) -> None:
        log.warning("%s: watchdog fired after %.1f s", type(self).__name__, self.elapsed())
        self._finish(error=DeviceError("no_data", "watchdog"))

    def _finish(self, value: Any = None, error: BaseException | None = None) -> None:
        self._tick_timer.stop()
        self._watchdog.stop()
        with contextlib.suppress(RuntimeError):  # Qt object already gone at shutdown
            self.release()
        if error is not None:
            self._once.error(error)
        else:
            self._once.result(value)
        self._on_done(self)
        self.deleteLater()


class RecordJob(AudioJob):
    """``seconds`` of audio from the shared input, counted from the first data."""

    def __init__(
        self, device: QAudioDevice, seconds: float, shared_input: SharedInput, **kw: Any
    ) -> None:
        super().__init__(watchdog_s=seconds + START_TIMEOUT_S + 2.0, **kw)
        self._device = device
        self._seconds = seconds
        self._input = shared_input
        self._format: QAudioFormat | None = None
        self._data = bytearray()
        self._first_at: float | None = None
        self._error: DeviceError | None = None

    def start_devices(self) -> None:
        self._format = self._input.attach(self._device, self)

    def feed(self, chunk: bytes, now: float) -> None:
        if self._first_at is None:
            self._first_at = now
        self._data += chunk

    def input_failed(self, error: DeviceError) -> None:
        self._error = error

    def _wanted_bytes(self, seconds: float) -> int:
        assert self._format is not None
        return int(seconds * self._format.sampleRate()) * max(1, self._format.bytesPerFrame())

    def _first_data_s(self) -> float | None:
        return None if self._first_at is None else self._first_at - self._started

    def poll(self) -> None:
        if self._error is not None:
            raise self._error
        if self._first_at is None and self.elapsed() > START_TIMEOUT_S:
            raise DeviceError("no_data", "microphone delivered nothing")
        wanted = self._wanted_bytes(self._seconds)
        if len(self._data) >= wanted:
            assert self._format is not None
            data = bytes(self._data[:wanted])
            self._finish(RawCapture(data, self._format, self._first_data_s()))

    def release(self) -> None:
        self._input.detach(self)


class PlayJob(AudioJob):
    def __init__(self, device: QAudioDevice, sound: EncodedSound, **kw: Any) -> None:
        super().__init__(watchdog_s=sound.duration_s + START_TIMEOUT_S, **kw)
        self._device = device
        self._sound = sound
        self._playback: Playback | None = None

    def start_devices(self) -> None:
        self._playback = Playback(self._device, self._sound, self)

    def poll(self) -> None:
        assert self._playback is not None
        if self._playback.finished():
            self._finish(None)

    def release(self) -> None:
        if self._playback is not None:
            self._playback.stop()


class LoopbackJob(RecordJob):
    """Record from the shared input; once it delivers, play the sound; record a little past
    its end (output latency), then answer with the recording."""

    TAIL_S = 0.4

    def __init__(
        self, speaker: QAudioDevice, microphone: QAudioDevice, sound: EncodedSound, **kw: Any
    ) -> None:
        super().__init__(microphone, sound.duration_s, **kw)
        self._watchdog.setInterval(int((sound.duration_s + 2 * START_TIMEOUT_S + 2.0) * 1000))
        self._speaker = speaker
        self._sound = sound
        self._playback: Playback | None = None
        self._played_at: float | None = None

    def start_devices(self) -> None:
        if self._speaker.isNull():
            raise DeviceError("no_device", "no audio output")
        super().start_devices()

    def poll(self) -> None:
        if self._error is not None:
            raise self._error
        if self._first_at is None:
            if self.elapsed() > START_TIMEOUT_S:
                raise DeviceError("no_data", "microphone delivered nothing")
            return
        if self._playback is None:
            self._data.clear()  # keep only what was heard while the sound could be playing
            self._playback = Playback(self._speaker, self._sound, self)
            return
        if self._played_at is None:
            if self._playback.finished():
                self._played_at = time.monotonic()
            return
        if time.monotonic() - self._played_at >= self.TAIL_S:
            assert self._format is not None
            self._finish(RawCapture(bytes(self._data), self._format, self._first_data_s()))

    def release(self) -> None:
        if self._playback is not None:
            self._playback.stop()
        super().release()
