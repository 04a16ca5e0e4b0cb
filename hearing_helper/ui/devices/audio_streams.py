"""Audio streams on the GUI thread: formats, a capture (QAudioSource, push mode) shared by the
level monitor and recording jobs, and a playback (QAudioSink pulling from a QBuffer).

``state()``/``error()`` are polled (connecting a Python slot to ``QAudioSource.stateChanged``
raises TypeError in PySide6 6.12). Note ``QtAudio.State``/``QtAudio.Error`` are what the
streams return; the older ``QAudio`` enums do not compare equal to them.
"""

from __future__ import annotations

import logging
import time
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from itertools import repeat
from typing import Any, Protocol

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QTimer
from PySide6.QtMultimedia import QAudioDevice, QAudioFormat, QAudioSink, QAudioSource, QtAudio

from hearing_helper.checks.analysis.audio import floats_to_int16, pcm_to_floats, rms, to_dbfs
from hearing_helper.checks.device_api import DeviceError, PcmRecording, Sound

log = logging.getLogger(__name__)

TICK_MS = 20
START_TIMEOUT_S = 4.0  # a stream that delivers nothing within this is broken or blocked
LEVEL_EVERY_S = 0.05
_BAD_ERRORS = (QtAudio.Error.OpenError, QtAudio.Error.IOError, QtAudio.Error.FatalError)
_FORMAT_NAMES = {
    QAudioFormat.SampleFormat.Int16: "int16",
    QAudioFormat.SampleFormat.Int32: "int32",
    QAudioFormat.SampleFormat.Float: "float32",
    QAudioFormat.SampleFormat.UInt8: "uint8",
}

LevelCallback = Callable[[float], None]


def _format(rate: int, channels: int, sample_format: QAudioFormat.SampleFormat) -> QAudioFormat:
    fmt = QAudioFormat()
    fmt.setSampleRate(rate)
    fmt.setChannelCount(channels)
    fmt.setSampleFormat(sample_format)
    return fmt


def choose_format(device: QAudioDevice, rate: int) -> QAudioFormat:
    """Mono int16 at ``rate`` if the device takes it, else at its own rate, else its own format."""
    preferred = device.preferredFormat()
    for candidate in (
        _format(rate, 1, QAudioFormat.SampleFormat.Int16),
        _format(preferred.sampleRate(), 1, QAudioFormat.SampleFormat.Int16),
    ):
        if device.isFormatSupported(candidate):
            return candidate
    return preferred


def encode_for(sound: Sound, fmt: QAudioFormat) -> bytes:
    """``sound`` resampled (nearest sample) and encoded in the device's format.

    Runs on the GUI thread, so all per-sample work is done by C builtins (map, slicing).
    """
    rate, channels = fmt.sampleRate(), max(1, fmt.channelCount())
    name = _FORMAT_NAMES.get(fmt.sampleFormat(), "int16")
    source = sound.samples
    if rate == sound.sample_rate or not source:
        mono = source
    else:
        step = sound.sample_rate / rate
        count = int(len(source) / step)
        indexes = map(int, map(step.__mul__, range(count)))
        mono = array("h", map(source.__getitem__, map(min, indexes, repeat(len(source) - 1))))
    if name == "int16" and channels == 1:
        return mono.tobytes()
    converted: array[Any]  # int or float samples, by the output format
    if name == "int32":
        converted = array("i", map((1 << 16).__mul__, mono))
    elif name == "float32":
        converted = array("f", map((1 / 32768.0).__mul__, mono))
    elif name == "uint8":
        converted = array("B", map((128).__add__, map((8).__rrshift__, mono)))
    else:
        converted = array("h", mono)
    if channels == 1:
        return converted.tobytes()
    interleaved: array[Any] = array(
        converted.typecode, bytes(converted.itemsize * len(converted) * channels)
    )
    for channel in range(channels):
        interleaved[channel::channels] = converted
    return interleaved.tobytes()


def to_recording(data: bytes, fmt: QAudioFormat, first_data_s: float | None) -> PcmRecording:
    """Captured bytes in ``fmt`` as mono int16."""
    if fmt.sampleFormat() == QAudioFormat.SampleFormat.Int16 and fmt.channelCount() == 1:
        samples = array("h")
        samples.frombytes(data[: len(data) - len(data) % 2])
    else:
        name = _FORMAT_NAMES.get(fmt.sampleFormat(), "int16")
        samples = floats_to_int16(pcm_to_floats(data, name, fmt.channelCount()))
    return PcmRecording(samples, fmt.sampleRate(), first_data_s=first_data_s)


def _level_of(chunk: bytes, fmt: QAudioFormat) -> float:
    name = _FORMAT_NAMES.get(fmt.sampleFormat(), "int16")
    return to_dbfs(rms(pcm_to_floats(chunk[-9600:], name, fmt.channelCount())))


class Capture:
    """A running QAudioSource in push mode; ``pull()`` returns what arrived since last time."""

    def __init__(self, device: QAudioDevice, parent: QObject) -> None:
        if device.isNull():
            raise DeviceError("no_device", "no audio input")
        self.device_id = bytes(device.id().data()).decode("utf-8", "replace")
        self.format = choose_format(device, 48000)
        self.source = QAudioSource(device, self.format, parent)
        self.io = self.source.start()
        if self.io is None or self.source.error() in _BAD_ERRORS:
            error = self.source.error()
            self.stop()
            raise DeviceError("open_failed", f"audio input: {error}")

    def pull(self) -> bytes:
        if self.source.error() in _BAD_ERRORS:
            raise DeviceError("open_failed", f"audio input: {self.source.error()}")
        return bytes(self.io.readAll().data()) if self.io is not None else b""

    def stop(self) -> None:
        self.source.stop()
        self.source.deleteLater()


class InputListener(Protocol):
    def feed(self, chunk: bytes, now: float) -> None: ...

    def input_failed(self, error: DeviceError) -> None: ...


class SharedInput(QObject):
    """One microphone stream shared by the level monitor and the recording jobs.

    Opening an input takes 0.1-2 s before data flows, so the stream is kept open while anyone
    listens and for a short while after (the next check of the same run starts at once).
    """

    LINGER_MS = 3000

    def __init__(self, on_level: LevelCallback, parent: QObject) -> None:
        super().__init__(parent)
        self._on_level = on_level
        self._capture: Capture | None = None
        self._listeners: list[InputListener] = []
        self._monitor = False
        self._last_level_at = 0.0
        self._pump = QTimer(self)
        self._pump.setInterval(TICK_MS)
        self._pump.timeout.connect(self._pull)
        self._linger = QTimer(self)
        self._linger.setSingleShot(True)
        self._linger.setInterval(self.LINGER_MS)
        self._linger.timeout.connect(self._close_if_unused)

    @property
    def running(self) -> bool:
        return self._capture is not None

    def attach(self, device: QAudioDevice, listener: InputListener | None) -> QAudioFormat:
        """Open (or reuse) the stream of ``device``; ``listener`` gets every chunk from now."""
        wanted = bytes(device.id().data()).decode("utf-8", "replace")
        if self._capture is not None and self._capture.device_id != wanted:
            self._fail_all(DeviceError("no_device", "microphone switched"))
            self.close()
        if self._capture is None:
            self._capture = Capture(device, self)
            self._pump.start()
        self._linger.stop()
        if listener is not None:
            self._listeners.append(listener)
        return self._capture.format

    def detach(self, listener: InputListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)
        if not self._listeners and not self._monitor:
            self._linger.start()

    def set_monitor(self, device: QAudioDevice | None) -> None:
        """Keep the stream open for the level meter (None: stop monitoring)."""
        self._monitor = device is not None
        if device is not None:
            self.attach(device, None)
        elif not self._listeners:
            self._linger.start()

    def _pull(self) -> None:
        if self._capture is None:
            return
        try:
            chunk = self._capture.pull()
        except DeviceError as exc:
            log.info("microphone stream failed: %s", exc)
            self._fail_all(exc)
            self.close()
            return
        if not chunk:
            return
        now = time.monotonic()
        for listener in list(self._listeners):
            listener.feed(chunk, now)
        if now - self._last_level_at >= LEVEL_EVERY_S:
            self._last_level_at = now
            self._on_level(_level_of(chunk, self._capture.format))

    def _fail_all(self, error: DeviceError) -> None:
        for listener in list(self._listeners):
            listener.input_failed(error)
        self._listeners.clear()

    def _close_if_unused(self) -> None:
        if not self._listeners and not self._monitor:
            self.close()

    def close(self) -> None:
        self._pump.stop()
        self._linger.stop()
        if self._capture is not None:
            self._capture.stop()
            self._capture = None


@dataclass(frozen=True)
class EncodedSound:
    """A sound already in the output device's format (encoded off the GUI thread)."""

    payload: bytes
    format: QAudioFormat
    duration_s: float


@dataclass(frozen=True)
class RawCapture:
    """Captured bytes in the input's format (converted to int16 off the GUI thread)."""

    data: bytes
    format: QAudioFormat
    first_data_s: float | None

    def recording(self) -> PcmRecording:
        return to_recording(self.data, self.format, self.first_data_s)


class Playback:
    """A QAudioSink pulling an :class:`EncodedSound` from a QBuffer."""

    def __init__(self, device: QAudioDevice, sound: EncodedSound, parent: QObject) -> None:
        if device.isNull():
            raise DeviceError("no_device", "no audio output")
        self.buffer = QBuffer(parent)
        self.buffer.setData(QByteArray(sound.payload))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.sink = QAudioSink(device, sound.format, parent)
        self.duration_s = sound.duration_s
        self.sink.start(self.buffer)
        if self.sink.error() in _BAD_ERRORS:
            error = self.sink.error()
            self.stop()
            raise DeviceError("open_failed", f"audio output: {error}")

    def finished(self) -> bool:
        if self.sink.error() in _BAD_ERRORS:
            raise DeviceError("open_failed", f"audio output: {self.sink.error()}")
        idle = self.sink.state() in (QtAudio.State.IdleState, QtAudio.State.StoppedState)
        return self.buffer.atEnd() and idle

    def stop(self) -> None:
        self.sink.stop()
        self.sink.deleteLater()
        self.buffer.close()
        self.buffer.deleteLater()
