"""Pure-Python signal analysis for the device checks: audio levels, clipping and tone detection
(:mod:`.audio`), frame luma, black/frozen frames and frame rate (:mod:`.video`). No Qt, no numpy,
no ``audioop`` (removed in Python 3.13)."""

from hearing_helper.checks.analysis.audio import (
    AudioLevels,
    ToneDetection,
    detect_tone,
    goertzel_power,
    levels,
    longest_clip_run,
    make_tone,
    pcm_to_floats,
)
from hearing_helper.checks.analysis.video import (
    LumaFrame,
    VideoStats,
    analyse_frames,
    frame_difference,
    frames_per_second,
    mean_luma,
)

__all__ = [
    "AudioLevels",
    "LumaFrame",
    "ToneDetection",
    "VideoStats",
    "analyse_frames",
    "detect_tone",
    "frame_difference",
    "frames_per_second",
    "goertzel_power",
    "levels",
    "longest_clip_run",
    "make_tone",
    "mean_luma",
    "pcm_to_floats",
]
