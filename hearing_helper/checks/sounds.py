"""The shipped test sounds (assets/sounds), read with the standard ``wave`` module."""

from __future__ import annotations

import functools
import logging
import wave
from array import array
from pathlib import Path

from hearing_helper.checks.analysis.audio import make_tone
from hearing_helper.checks.device_api import Sound
from hearing_helper.paths import asset_path

log = logging.getLogger(__name__)

PROMPT_FILE = "prompt_zh.wav"  # "声音测试。您能听到吗？" spoken by espeak-ng (original recording)
TONE_FILE = "tone_1khz.wav"  # 0.8 s of 1 kHz at -12 dBFS, made with make_tone()


def read_wav(path: Path) -> Sound:
    """A 16-bit PCM WAV as a mono :class:`Sound` (channels averaged)."""
    with wave.open(str(path), "rb") as handle:
        if handle.getsampwidth() != 2:
            raise ValueError(f"{path.name}: only 16-bit PCM WAV files are supported")
        channels = handle.getnchannels()
        rate = handle.getframerate()
        samples = array("h")
        samples.frombytes(handle.readframes(handle.getnframes()))
    if channels > 1:
        samples = array(
            "h",
            (
                sum(samples[i : i + channels]) // channels
                for i in range(0, len(samples) - channels + 1, channels)
            ),
        )
    return Sound(samples, rate)


@functools.cache
def spoken_prompt() -> Sound | None:
    """The spoken Chinese prompt, or None (logged) when the file is missing or broken."""
    try:
        return read_wav(asset_path("sounds", PROMPT_FILE))
    except (OSError, ValueError, EOFError, wave.Error) as exc:
        log.warning("Spoken prompt unavailable: %s", exc)
        return None


@functools.cache
def listening_tone() -> Sound:
    """The 1 kHz test tone the litigant listens to (generated when the file is missing)."""
    try:
        return read_wav(asset_path("sounds", TONE_FILE))
    except (OSError, ValueError, EOFError, wave.Error) as exc:
        log.warning("Test tone file unavailable (%s); generating it", exc)
        return Sound(make_tone(1000.0, 0.8, 48000, level_dbfs=-12.0), 48000)
