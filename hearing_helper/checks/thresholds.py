"""The one thresholds table (DESIGN section 4). Settings may override any key."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

DEFAULT_THRESHOLDS: Mapping[str, float] = MappingProxyType(
    {
        # camera
        "camera.fps_warn": 10.0,
        "camera.fps_fail": 5.0,
        "camera.black_luma": 20.0,  # mean luma (0-255) below which a frame is black
        "camera.bad_frame_ratio_fail": 1 / 3,  # black or frozen frames
        "camera.first_frame_timeout_s": 3.0,
        "camera.sample_s": 3.0,
        # microphone
        "microphone.rms_warn_dbfs": -50.0,
        "microphone.rms_fail_dbfs": -60.0,
        "microphone.clip_run_samples": 6.0,  # more consecutive full-scale samples -> warn
        "microphone.sample_s": 3.0,
        # network
        "network.rtt_warn_ms": 200.0,
        "network.rtt_fail_ms": 400.0,
        "network.jitter_warn_ms": 30.0,
        "network.jitter_fail_ms": 100.0,
        "network.failures_warn_pct": 3.0,
        "network.failures_fail_pct": 7.0,
        "network.throughput_warn_mbps": 1.5,
        "network.throughput_fail_mbps": 0.5,
        "network.clock_skew_warn_s": 60.0,
        # system
        "system.disk_free_warn_gb": 1.0,
        "system.memory_free_warn_mb": 500.0,
    }
)


def effective_thresholds(overrides: Mapping[str, object] | None = None) -> dict[str, float]:
    """Defaults with numeric overrides applied; unknown keys and non-numbers are ignored."""
    merged = dict(DEFAULT_THRESHOLDS)
    for key, value in (overrides or {}).items():
        if key in merged and isinstance(value, int | float) and not isinstance(value, bool):
            merged[key] = float(value)
    return merged
