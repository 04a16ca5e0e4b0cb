"""The small interface device checks talk to, so checks stay Qt-free and tests use fakes.

The real implementation is :class:`hearing_helper.ui.devices.QtDeviceProvider`
(QtMultimedia, driven by the GUI thread's event loop); :mod:`hearing_helper.checks.fake_devices`
has the fakes. Every method may be called from a worker thread and returns within its time limit
or raises; ``device_id`` "" means the system default device.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Protocol

from hearing_helper.checks.analysis.video import LumaFrame
from hearing_helper.checks.base import CancelToken


@dataclass(frozen=True)
class DeviceInfo:
    id: str
    name: str
    is_default: bool = False


class DeviceError(Exception):
    """A device could not be used. ``reason`` is a short code: "no_device", "open_failed",
    "busy", "timeout", "no_data"."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass
class FrameSample:
    """What a camera delivered while it was sampled."""

    frames: list[LumaFrame] = field(default_factory=list)
    width: int = 0  # native resolution of the frames
    height: int = 0
    first_frame_s: float | None = None  # seconds from start until the first frame


@dataclass
class PcmRecording:
    """Mono int16 samples recorded from a microphone."""

    samples: array[int]  # typecode "h"
    sample_rate: int
    first_data_s: float | None = None  # seconds from start until the first audio arrived

    @property
    def duration_s(self) -> float:
        return len(self.samples) / self.sample_rate if self.sample_rate else 0.0


@dataclass(frozen=True)
class Sound:
    """Mono int16 samples to play."""

    samples: array[int]  # typecode "h"
    sample_rate: int

    @property
    def duration_s(self) -> float:
        return len(self.samples) / self.sample_rate


class DeviceProvider(Protocol):
    def cameras(self) -> list[DeviceInfo]: ...

    def microphones(self) -> list[DeviceInfo]: ...

    def speakers(self) -> list[DeviceInfo]: ...

    def sample_camera(
        self, device_id: str, seconds: float, first_frame_timeout_s: float, cancel: CancelToken
    ) -> FrameSample:
        """Frames for ``seconds`` once the first arrives; no frame within
        ``first_frame_timeout_s`` returns an empty sample. Raises DeviceError."""
        ...

    def record(self, device_id: str, seconds: float, cancel: CancelToken) -> PcmRecording:
        """``seconds`` of audio counted from the first data. Raises DeviceError."""
        ...

    def play(self, device_id: str, sound: Sound, cancel: CancelToken) -> None:
        """Play ``sound`` to the end. Raises DeviceError."""
        ...

    def play_and_record(
        self, speaker_id: str, microphone_id: str, sound: Sound, cancel: CancelToken
    ) -> PcmRecording:
        """Loop-back: record while ``sound`` plays (recording starts first, so the start-up
        delay of the input does not swallow the sound). Raises DeviceError."""
        ...


def find_device(devices: list[DeviceInfo], wanted_id: str) -> DeviceInfo | None:
    """The wanted device, else the default one, else the first; None when there is none."""
    if not devices:
        return None
    for device in devices:
        if wanted_id and device.id == wanted_id:
            return device
    return next((d for d in devices if d.is_default), devices[0])
