"""Video analysis on small 8-bit luma frames.

A :class:`LumaFrame` is the format the camera adapters hand over: the Y (brightness) plane of a
frame scaled down to a few thousand pixels, row-major, one byte per pixel, plus the capture time.
Scaling down first keeps ~90 frames of analysis in pure Python well under 100 ms.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class LumaFrame:
    width: int
    height: int
    luma: bytes  # width * height bytes, 0 = black, 255 = white
    timestamp_s: float  # capture time in seconds (any origin, monotonic)

    def __post_init__(self) -> None:
        if len(self.luma) != self.width * self.height:
            raise ValueError(
                f"luma plane has {len(self.luma)} bytes, expected {self.width}x{self.height}"
            )


def mean_luma(frame: LumaFrame) -> float:
    """Average brightness 0-255."""
    if not frame.luma:
        return 0.0
    return sum(frame.luma) / len(frame.luma)


def frame_difference(a: LumaFrame, b: LumaFrame) -> float:
    """Mean absolute brightness difference 0-255 between two frames of the same size
    (different sizes count as completely different)."""
    if (a.width, a.height) != (b.width, b.height) or not a.luma:
        return 255.0
    # map() over C functions: no Python bytecode per pixel (see analysis.audio on why)
    differences: int = sum(map(abs, map(operator.sub, a.luma, b.luma)))
    return differences / len(a.luma)


def frames_per_second(timestamps: Sequence[float]) -> float:
    """Frame rate from capture times: frames after the first over the time they span."""
    if len(timestamps) < 2:
        return 0.0
    span = max(timestamps) - min(timestamps)
    return (len(timestamps) - 1) / span if span > 0 else 0.0


@dataclass(frozen=True)
class VideoStats:
    frames: int
    fps: float
    black_frames: int
    frozen_frames: int  # frames (not black) that repeat the previous one
    mean_luma: float

    @property
    def bad_ratio(self) -> float:
        return (self.black_frames + self.frozen_frames) / self.frames if self.frames else 1.0


def analyse_frames(
    frames: Sequence[LumaFrame],
    *,
    black_luma: float = 20.0,
    frozen_difference: float = 0.5,
) -> VideoStats:
    """Count black frames (mean luma below ``black_luma``) and frozen frames (differing from the
    previous frame by less than ``frozen_difference`` levels on average: a real sensor always
    adds a little noise, a hung driver repeats the same buffer)."""
    black = frozen = 0
    luma_sum = 0.0
    previous: LumaFrame | None = None
    for frame in frames:
        brightness = mean_luma(frame)
        luma_sum += brightness
        if brightness < black_luma:
            black += 1
        elif previous is not None and frame_difference(previous, frame) < frozen_difference:
            frozen += 1
        previous = frame
    count = len(frames)
    return VideoStats(
        frames=count,
        fps=round(frames_per_second([f.timestamp_s for f in frames]), 2),
        black_frames=black,
        frozen_frames=frozen,
        mean_luma=round(luma_sum / count, 1) if count else 0.0,
    )
