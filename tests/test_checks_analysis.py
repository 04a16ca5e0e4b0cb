"""Analysis on synthetic signals and frames: levels, clipping, tone detection, luma, frozen."""

from __future__ import annotations

import math
import random
import time
from array import array

import pytest

from hearing_helper.checks.analysis.audio import (
    SILENCE_DBFS,
    detect_tone,
    goertzel_power,
    levels,
    longest_clip_run,
    make_tone,
    pcm_to_floats,
)
from hearing_helper.checks.analysis.video import (
    LumaFrame,
    analyse_frames,
    frame_difference,
    frames_per_second,
    mean_luma,
)
from hearing_helper.checks.fake_devices import flat_frame, moving_frame, noise_pcm

RATE = 48000


def _noise(seconds: float, dbfs: float, seed: int = 3) -> list[float]:
    rng = random.Random(seed)
    sigma = 10 ** (dbfs / 20)
    return [rng.gauss(0.0, sigma) for _ in range(int(seconds * RATE))]


def test_silence_reads_floor_level() -> None:
    result = levels([0.0] * RATE, RATE)
    assert result.rms_dbfs == SILENCE_DBFS
    assert result.peak_dbfs == SILENCE_DBFS
    assert result.longest_clip_run == 0


def test_speech_like_noise_at_minus_20_dbfs() -> None:
    result = levels(_noise(3.0, -20.0), RATE)
    assert -20.5 < result.rms_dbfs < -19.5
    assert result.peak_dbfs > result.rms_dbfs + 6  # noise has peaks well above its RMS
    assert result.duration_s == 3.0


def test_full_scale_sine_is_minus_3_dbfs() -> None:
    sine = [math.sin(2 * math.pi * 440 * i / RATE) for i in range(RATE)]
    assert levels(sine, RATE).rms_dbfs == pytest.approx(-3.01, abs=0.05)


def test_int16_conversion_and_channels() -> None:
    pcm = array("h", [32767, -32768, 0, 16384])
    floats = pcm_to_floats(pcm.tobytes(), "int16")
    assert list(floats) == pytest.approx([0.99997, -1.0, 0.0, 0.5], abs=1e-4)
    stereo = pcm_to_floats(pcm.tobytes(), "int16", channels=2)
    assert list(stereo) == pytest.approx([-0.0000153, 0.25], abs=1e-4)
    floats32 = pcm_to_floats(array("f", [0.25, -0.5]).tobytes(), "float32")
    assert list(floats32) == [0.25, -0.5]
    with pytest.raises(ValueError, match="unsupported"):
        pcm_to_floats(b"\0\0", "int24")


def test_clipping_runs_counted() -> None:
    samples = [0.1] * 100 + [1.0] * 7 + [0.2] * 10 + [-1.0] * 3 + [0.0]
    assert longest_clip_run(samples) == (7, 10)
    clipped = pcm_to_floats(noise_pcm(1.0, RATE, -1.0).tobytes())  # hot noise clips often
    assert levels(clipped, RATE).longest_clip_run >= 2


def test_goertzel_measures_sine_power() -> None:
    amplitude = 0.5
    sine = [amplitude * math.sin(2 * math.pi * 1000 * i / RATE) for i in range(4800)]
    assert goertzel_power(sine, RATE, 1000) == pytest.approx(amplitude**2 / 2, rel=0.02)
    assert goertzel_power(sine, RATE, 1500) < 1e-4


def test_tone_under_noise_is_detected() -> None:
    tone = pcm_to_floats(make_tone(1000, 2.0, RATE, level_dbfs=-30).tobytes())
    noise = _noise(2.0, -20.0)
    mixed = [a + b for a, b in zip(tone, noise, strict=True)]
    found = detect_tone(mixed, RATE, 1000)
    assert found.detected
    assert found.snr_db > 12
    assert -36 < found.tone_dbfs < -30


def test_noise_alone_or_other_tone_is_not_the_tone() -> None:
    assert not detect_tone(_noise(2.0, -20.0), RATE, 1000).detected
    other = pcm_to_floats(make_tone(1500, 2.0, RATE).tobytes())
    assert not detect_tone(other, RATE, 1000).detected
    assert not detect_tone([0.0] * RATE, RATE, 1000).detected


def test_short_blip_is_not_a_tone() -> None:
    blip = pcm_to_floats(make_tone(1000, 0.1, RATE).tobytes())
    signal = [0.0] * RATE + list(blip) + [0.0] * RATE
    assert not detect_tone(signal, RATE, 1000).detected


def test_audio_analysis_is_fast_enough() -> None:
    samples = _noise(3.0, -20.0)
    start = time.perf_counter()
    levels(samples, RATE)
    detect_tone(samples, RATE, 1000)
    assert time.perf_counter() - start < 1.0


def test_luma_and_difference() -> None:
    black = flat_frame(0, 0.0)
    white = flat_frame(255, 0.04)
    assert mean_luma(black) == 0
    assert mean_luma(white) == 255
    assert frame_difference(black, white) == 255
    assert frame_difference(black, flat_frame(0, 1.0)) == 0
    with pytest.raises(ValueError, match="expected 2x2"):
        LumaFrame(2, 2, b"\0", 0.0)


def test_fps_from_timestamps() -> None:
    stamps = [i / 25 for i in range(76)]
    assert frames_per_second(stamps) == pytest.approx(25.0)
    assert frames_per_second([1.0]) == 0.0
    assert frames_per_second([1.0, 1.0]) == 0.0


def test_black_frozen_and_moving_frames() -> None:
    moving = [moving_frame(i, i / 30) for i in range(90)]
    stats = analyse_frames(moving)
    assert (stats.frames, stats.black_frames, stats.frozen_frames) == (90, 0, 0)
    assert stats.fps == pytest.approx(30.0)

    black = [flat_frame(8, i / 30) for i in range(90)]
    stats = analyse_frames(black)
    assert stats.black_frames == 90 and stats.frozen_frames == 0
    assert stats.bad_ratio == 1.0

    still = moving_frame(5, 0.0)
    frozen = [LumaFrame(still.width, still.height, still.luma, i / 30) for i in range(90)]
    stats = analyse_frames(frozen)
    assert stats.frozen_frames == 89 and stats.black_frames == 0


def test_video_analysis_is_fast_enough() -> None:
    frames = [moving_frame(i, i / 30) for i in range(90)]
    from hearing_helper.checks.analysis.video import LumaFrame as Frame

    big = [Frame(64, 48, bytes(f.luma) * 4, f.timestamp_s) for f in frames]
    start = time.perf_counter()
    analyse_frames(big)
    assert time.perf_counter() - start < 0.5


def test_floats_to_int16_clips() -> None:
    from hearing_helper.checks.analysis.audio import floats_to_int16

    assert floats_to_int16([0.0, 0.5, -1.5, 2.0]).tolist() == [0, 16384, -32768, 32767]
