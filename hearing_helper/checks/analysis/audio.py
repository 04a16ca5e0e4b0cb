"""Audio analysis on plain sequences of float samples in [-1, 1].

Levels are in dBFS relative to a full-scale square wave (so a full-scale sine reads -3 dBFS);
digital silence reads :data:`SILENCE_DBFS` instead of minus infinity so results stay JSON-able.

Pure Python, but the per-sample work runs inside C builtins (``map`` with ``operator``
functions, ``math.fsum``, slicing) rather than Python loops. That is ~10x faster, and it matters
for the GUI as much as for speed: a worker thread looping in Python bytecode keeps taking the
GIL back every few milliseconds, which stalls the GUI thread far longer than one short C call.
"""

from __future__ import annotations

import itertools
import math
import operator
import statistics
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

SILENCE_DBFS = -120.0
CLIP_LEVEL = 0.999  # |sample| at or above this counts as full scale (int16 32767 -> 0.99997)

_SCALE = {"int16": 32768.0, "int32": 2147483648.0, "float32": 1.0}
_TYPECODES = {"int16": "h", "int32": "i", "float32": "f", "uint8": "B"}


def _scaled(values: Sequence[float], factor: float, offset: float = 0.0) -> array[float]:
    if offset:
        values = list(map(offset.__add__, values))
    return array("d", map(factor.__mul__, values))


def mix_down(samples: Sequence[float], channels: int) -> array[float]:
    """Interleaved frames -> their mean, one value per frame."""
    if channels <= 1:
        return array("d", samples)
    frames = len(samples) // channels
    total = list(samples[0 : frames * channels : channels])
    for channel in range(1, channels):
        total = list(map(operator.add, total, samples[channel : frames * channels : channels]))
    return _scaled(total, 1.0 / channels)


def pcm_to_floats(data: bytes, sample_format: str = "int16", channels: int = 1) -> array[float]:
    """Interleaved PCM bytes -> mono float samples in [-1, 1] (channels are averaged)."""
    code = _TYPECODES.get(sample_format)
    if code is None:
        raise ValueError(f"unsupported sample format {sample_format!r}")
    raw: array[int] | array[float] = array(code)
    usable = len(data) - len(data) % raw.itemsize
    raw.frombytes(data[:usable])
    if sample_format == "uint8":
        floats = _scaled(raw, 1 / 128.0, -128.0)
    else:
        floats = _scaled(raw, 1.0 / _SCALE[sample_format])
    return mix_down(floats, channels)


def floats_to_int16(samples: Sequence[float]) -> array[int]:
    """Float samples in [-1, 1] -> int16 (clipped)."""
    scaled = map((32768.0).__mul__, samples)
    clipped = map(max, map(min, scaled, itertools.repeat(32767.0)), itertools.repeat(-32768.0))
    return array("h", map(int, clipped))


def to_dbfs(amplitude: float) -> float:
    if amplitude <= 0.0:
        return SILENCE_DBFS
    return max(SILENCE_DBFS, 20.0 * math.log10(amplitude)) + 0.0  # + 0.0: no "-0.0"


def rms(samples: Sequence[float]) -> float:
    if not samples:
        return 0.0
    return math.sqrt(math.fsum(map(operator.mul, samples, samples)) / len(samples))


@dataclass(frozen=True)
class AudioLevels:
    rms_dbfs: float
    peak_dbfs: float
    longest_clip_run: int  # most consecutive full-scale samples
    clipped_samples: int
    duration_s: float


def longest_clip_run(samples: Sequence[float], clip_level: float = CLIP_LEVEL) -> tuple[int, int]:
    """(longest run of consecutive full-scale samples, total full-scale samples)."""
    if not samples or (max(samples) < clip_level and min(samples) > -clip_level):
        return 0, 0  # the usual case, decided by two C calls
    # Mark full-scale samples as b"x", others as b" ", then measure the runs of b"x".
    marks = bytes(
        map(
            operator.or_,
            map(clip_level.__le__, samples),
            map((-clip_level).__ge__, samples),
        )
    )
    runs = marks.split(b"\x00")
    return max(map(len, runs)), marks.count(1)


def levels(samples: Sequence[float], sample_rate: int) -> AudioLevels:
    """RMS and peak level, and clipping, of ``samples``."""
    if not samples:
        return AudioLevels(SILENCE_DBFS, SILENCE_DBFS, 0, 0, 0.0)
    peak = max(max(samples), -min(samples))
    run, total = longest_clip_run(samples)
    return AudioLevels(
        rms_dbfs=round(to_dbfs(rms(samples)), 2),
        peak_dbfs=round(to_dbfs(peak), 2),
        longest_clip_run=run,
        clipped_samples=total,
        duration_s=round(len(samples) / sample_rate, 3),
    )


def make_tone(
    frequency_hz: float,
    seconds: float,
    sample_rate: int = 48000,
    level_dbfs: float = -12.0,
    fade_s: float = 0.02,
) -> array[int]:
    """A sine tone as int16 samples, faded in and out so it does not click."""
    count = int(seconds * sample_rate)
    amplitude = 32767 * 10 ** (level_dbfs / 20)
    fade = max(1, min(int(fade_s * sample_rate), count // 2))
    step = 2 * math.pi * frequency_hz / sample_rate
    ramp = [i / fade for i in range(fade)]
    gains = ramp + [1.0] * (count - 2 * fade) + ramp[::-1]
    sines = map(math.sin, map(step.__mul__, range(count)))
    return array("h", map(int, map(operator.mul, map(amplitude.__mul__, gains), sines)))


def _decimate(samples: Sequence[float], factor: int) -> list[float]:
    """Average each ``factor`` samples: a crude low-pass that keeps low tones nearly intact."""
    if factor <= 1:
        return list(samples)
    usable = len(samples) // factor * factor
    return list(mix_down(samples[:usable], factor))


def _tables(frequency_hz: float, rate: float, length: int) -> tuple[list[float], list[float]]:
    step = 2 * math.pi * frequency_hz / rate
    phases = list(map(step.__mul__, range(length)))
    return list(map(math.cos, phases)), list(map(math.sin, phases))


def tone_power(chunk: Sequence[float], cos_table: list[float], sin_table: list[float]) -> float:
    """Power at one frequency (a single DFT bin by correlation), scaled so a sine of amplitude A
    gives A**2 / 2."""
    n = len(chunk)
    re = math.fsum(map(operator.mul, chunk, cos_table))
    im = math.fsum(map(operator.mul, chunk, sin_table))
    return 2.0 * (re * re + im * im) / (n * n)


def goertzel_power(samples: Sequence[float], sample_rate: float, frequency_hz: float) -> float:
    """Power of ``frequency_hz`` in ``samples`` (same scale as :func:`tone_power`)."""
    if not samples:
        return 0.0
    cos_table, sin_table = _tables(frequency_hz, sample_rate, len(samples))
    return tone_power(samples, cos_table, sin_table)


@dataclass(frozen=True)
class ToneDetection:
    detected: bool
    snr_db: float  # tone against nearby frequencies, median over the blocks holding the tone
    tone_dbfs: float  # level of the tone itself (RMS)
    tone_blocks: int
    blocks: int


def detect_tone(
    samples: Sequence[float],
    sample_rate: int,
    frequency_hz: float,
    *,
    block_s: float = 0.1,
    min_snr_db: float = 12.0,
    min_tone_s: float = 0.3,
) -> ToneDetection:
    """Is a steady tone at ``frequency_hz`` present for at least ``min_tone_s``?

    The signal is cut into blocks; in each, the power at the tone is compared with the mean
    power at six probe frequencies 6-18 block-bins away (narrow-band SNR, so a quiet tone under
    loud broadband noise is still found, while noise alone is not mistaken for it).
    """
    factor = max(1, int(sample_rate // (8 * frequency_hz)))
    low = _decimate(samples, factor)
    rate = sample_rate / factor
    block = max(16, int(block_s * rate))
    bin_hz = rate / block
    probes = [frequency_hz + k * bin_hz for k in (-18, -12, -6, 6, 12, 18)]
    probe_tables = [_tables(p, rate, block) for p in probes if 0 < p < rate / 2]
    tone_table = _tables(frequency_hz, rate, block)
    snrs: list[float] = []
    tone_powers: list[float] = []
    blocks = 0
    for start in range(0, len(low) - block + 1, block):
        chunk = low[start : start + block]
        blocks += 1
        tone = tone_power(chunk, *tone_table)
        noise = math.fsum(tone_power(chunk, *t) for t in probe_tables) / len(probe_tables)
        snr = 10 * math.log10(tone / noise) if noise > 0 else (120.0 if tone > 0 else 0.0)
        snr = min(snr, 120.0)
        if snr >= min_snr_db and tone > 1e-10:
            snrs.append(snr)
            tone_powers.append(tone)
    needed = max(1, round(min_tone_s / block_s))
    return ToneDetection(
        detected=len(snrs) >= needed,
        snr_db=round(statistics.median(snrs), 1) if snrs else 0.0,
        tone_dbfs=round(to_dbfs(math.sqrt(statistics.median(tone_powers))), 1)
        if tone_powers
        else SILENCE_DBFS,
        tone_blocks=len(snrs),
        blocks=blocks,
    )


def block_rms_dbfs(samples: Sequence[float], block: int) -> list[float]:
    """RMS level of consecutive blocks of ``block`` samples (for a level meter)."""
    return [
        to_dbfs(rms(samples[start : start + block]))
        for start in range(0, len(samples) - block + 1, block)
    ]
