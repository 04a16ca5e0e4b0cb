"""Synthetic devices for tests, screenshots and benchmarks: a camera yielding generated frames,
a microphone yielding noise at a chosen level, speakers whose sound can reach the microphone.

Time is simulated unless ``real_time`` is set, so tests stay fast; cancellation is honoured.
"""

from __future__ import annotations

import random
from array import array
from dataclasses import dataclass, field

from hearing_helper.checks.analysis.video import LumaFrame
from hearing_helper.checks.base import CancelledError, CancelToken
from hearing_helper.checks.device_api import (
    DeviceError,
    DeviceInfo,
    FrameSample,
    PcmRecording,
    Sound,
)

FRAME_W, FRAME_H = 32, 24


def moving_frame(index: int, timestamp_s: float, brightness: int = 120) -> LumaFrame:
    """A gradient that shifts every frame, like a live picture."""
    luma = bytes(
        max(0, min(255, brightness + ((x + y + 3 * index) % 40) - 20))
        for y in range(FRAME_H)
        for x in range(FRAME_W)
    )
    return LumaFrame(FRAME_W, FRAME_H, luma, timestamp_s)


def flat_frame(brightness: int, timestamp_s: float) -> LumaFrame:
    return LumaFrame(FRAME_W, FRAME_H, bytes([brightness]) * (FRAME_W * FRAME_H), timestamp_s)


def noise_pcm(seconds: float, rate: int, level_dbfs: float, seed: int = 7) -> array[int]:
    """Gaussian noise ("speech-like" broadband energy) with the given RMS level, as int16."""
    rng = random.Random(seed)
    sigma = 32768 * 10 ** (level_dbfs / 20)
    return array(
        "h",
        (max(-32768, min(32767, int(rng.gauss(0.0, sigma)))) for _ in range(int(seconds * rate))),
    )


@dataclass
class FakeDeviceProvider:
    cameras_list: list[DeviceInfo] = field(
        default_factory=lambda: [DeviceInfo("cam0", "Fake USB Camera", True)]
    )
    microphones_list: list[DeviceInfo] = field(
        default_factory=lambda: [DeviceInfo("mic0", "Fake Microphone", True)]
    )
    speakers_list: list[DeviceInfo] = field(
        default_factory=lambda: [DeviceInfo("spk0", "Fake Speakers", True)]
    )
    camera_mode: str = "moving"  # moving | black | frozen | none (no frames) | error
    camera_fps: float = 25.0
    mic_level_dbfs: float = -20.0
    mic_clipping: bool = False
    loopback_reaches_mic: bool = True
    sample_rate: int = 16000  # low so that synthetic recordings stay cheap
    real_time: bool = False  # actually wait as long as a device would
    error: dict[str, str] = field(default_factory=dict)  # method -> DeviceError reason
    played: list[str] = field(default_factory=list)  # device ids sounds were played on

    def cameras(self) -> list[DeviceInfo]:
        return list(self.cameras_list)

    def microphones(self) -> list[DeviceInfo]:
        return list(self.microphones_list)

    def speakers(self) -> list[DeviceInfo]:
        return list(self.speakers_list)

    def _pause(self, seconds: float, cancel: CancelToken) -> None:
        if cancel.wait(seconds if self.real_time else 0.0):
            raise CancelledError
        cancel.raise_if_cancelled()

    def _maybe_fail(self, method: str) -> None:
        if method in self.error:
            raise DeviceError(self.error[method], "fake")

    def sample_camera(
        self, device_id: str, seconds: float, first_frame_timeout_s: float, cancel: CancelToken
    ) -> FrameSample:
        self._maybe_fail("sample_camera")
        if self.camera_mode == "none":
            self._pause(first_frame_timeout_s, cancel)
            return FrameSample()
        self._pause(seconds, cancel)
        count = max(1, int(seconds * self.camera_fps))
        frames = []
        for i in range(count):
            stamp = i / self.camera_fps
            if self.camera_mode == "black":
                frames.append(flat_frame(5, stamp))
            elif self.camera_mode == "frozen":
                frame = moving_frame(0, stamp)
                frames.append(LumaFrame(frame.width, frame.height, frame.luma, stamp))
            else:
                frames.append(moving_frame(i, stamp))
        return FrameSample(frames, 640, 480, first_frame_s=0.2)

    def _recording(self, seconds: float, extra: Sound | None = None) -> PcmRecording:
        rate = self.sample_rate
        samples = noise_pcm(seconds, rate, self.mic_level_dbfs)
        if self.mic_clipping:
            for i in range(1000, 1020):
                samples[i] = 32767
        if extra is not None and self.loopback_reaches_mic:
            step = extra.sample_rate / rate
            for i in range(min(len(samples), int(len(extra.samples) / step))):
                mixed = samples[i] + extra.samples[int(i * step)] // 2
                samples[i] = max(-32768, min(32767, mixed))
        return PcmRecording(samples, rate, first_data_s=0.1)

    def record(self, device_id: str, seconds: float, cancel: CancelToken) -> PcmRecording:
        self._maybe_fail("record")
        self._pause(seconds, cancel)
        return self._recording(seconds)

    def play(self, device_id: str, sound: Sound, cancel: CancelToken) -> None:
        self._maybe_fail("play")
        self._pause(sound.duration_s, cancel)
        self.played.append(device_id)

    def play_and_record(
        self, speaker_id: str, microphone_id: str, sound: Sound, cancel: CancelToken
    ) -> PcmRecording:
        self._maybe_fail("play_and_record")
        self._pause(sound.duration_s + 0.3, cancel)
        self.played.append(speaker_id)
        return self._recording(sound.duration_s + 0.3, sound)


def no_devices() -> FakeDeviceProvider:
    return FakeDeviceProvider(cameras_list=[], microphones_list=[], speakers_list=[])
