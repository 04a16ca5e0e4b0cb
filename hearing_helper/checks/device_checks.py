"""Camera, microphone and speaker checks, working through a :class:`DeviceProvider`.

Each check returns codes and numbers only (see :mod:`hearing_helper.checks.remedies` for the
sentences). Device choice comes from ``ctx.options`` ("camera_id", "microphone_id",
"speaker_id"; empty = system default).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from hearing_helper.checks.analysis.audio import detect_tone, levels, make_tone, pcm_to_floats
from hearing_helper.checks.analysis.video import analyse_frames
from hearing_helper.checks.base import CancelToken, CheckContext, CheckResult, CheckStatus
from hearing_helper.checks.device_api import (
    DeviceError,
    DeviceInfo,
    DeviceProvider,
    Sound,
    find_device,
)
from hearing_helper.checks.sounds import listening_tone, spoken_prompt
from hearing_helper.domain.record import now_local
from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

LOOPBACK_TONE_HZ = 1000.0
LOOPBACK_TONE_S = 1.2


def _provider(ctx: CheckContext) -> DeviceProvider:
    if ctx.devices is None:
        raise DeviceError("no_device", "no device provider configured")
    devices: DeviceProvider = ctx.devices
    return devices


def _result(
    check_id: str,
    status: CheckStatus,
    code: str,
    metrics: dict[str, Any],
    remedy: str = "",
    started: Any = None,
) -> CheckResult:
    return CheckResult(
        check_id=check_id,
        status=status,
        code=f"{check_id}.{code}",
        metrics=metrics,
        remedy_code=f"{check_id}.{remedy}" if remedy else "",
        started=started or now_local(),
    )


def _device_failure(
    check_id: str, exc: DeviceError, metrics: dict[str, Any], started: Any
) -> CheckResult:
    """A DeviceError turned into a FAIL with the matching code and remedy."""
    log.info("%s: device error %s", check_id, exc)
    reason = exc.reason if exc.reason in ("no_device", "open_failed", "no_data") else "open_failed"
    remedy = "connect" if reason == "no_device" else "close_other_apps"
    return _result(check_id, CheckStatus.FAIL, reason, metrics, remedy, started)


def _pick_device(
    devices: list[DeviceInfo], ctx: CheckContext, option: str, metrics: dict[str, Any]
) -> DeviceInfo | None:
    """The device chosen in ``ctx.options[option]`` (or the default); noted in ``metrics``."""
    metrics["devices"] = len(devices)
    device = find_device(devices, str(ctx.options.get(option, "")))
    if device is not None:
        metrics["device_name"] = device.name
    return device


class CameraCheck:
    id = "camera"
    title_key = QT_TRANSLATE_NOOP("checks", "Camera")
    needs: tuple[str, ...] = ("camera",)
    timeout_s = 10.0

    def run(self, ctx: CheckContext, cancel: CancelToken) -> CheckResult:
        started = now_local()
        t = ctx.thresholds
        metrics: dict[str, Any] = {}
        try:
            provider = _provider(ctx)
            device = _pick_device(provider.cameras(), ctx, "camera_id", metrics)
            if device is None:
                return _result(self.id, CheckStatus.FAIL, "no_device", metrics, "connect", started)
            sample = provider.sample_camera(
                device.id, t["camera.sample_s"], t["camera.first_frame_timeout_s"], cancel
            )
        except DeviceError as exc:
            return _device_failure(self.id, exc, metrics, started)
        cancel.raise_if_cancelled()
        stats = analyse_frames(sample.frames, black_luma=t["camera.black_luma"])
        metrics.update(
            frames=stats.frames,
            fps=stats.fps,
            width_px=sample.width,
            height_px=sample.height,
            black_frames=stats.black_frames,
            frozen_frames=stats.frozen_frames,
            mean_luma=stats.mean_luma,
            first_frame_s=None if sample.first_frame_s is None else round(sample.first_frame_s, 2),
        )
        if stats.frames == 0:
            return _result(
                self.id, CheckStatus.FAIL, "no_frames", metrics, "close_other_apps", started
            )
        bad_limit = t["camera.bad_frame_ratio_fail"]
        if stats.black_frames / stats.frames > bad_limit:
            return _result(self.id, CheckStatus.FAIL, "black", metrics, "uncover", started)
        if stats.frozen_frames / stats.frames > bad_limit:
            return _result(self.id, CheckStatus.FAIL, "frozen", metrics, "reconnect", started)
        if stats.fps < t["camera.fps_fail"]:
            return _result(self.id, CheckStatus.FAIL, "low_fps", metrics, "low_fps", started)
        if stats.fps < t["camera.fps_warn"]:
            return _result(self.id, CheckStatus.WARN, "low_fps", metrics, "low_fps", started)
        return _result(self.id, CheckStatus.PASS, "ok", metrics, "", started)


class MicrophoneCheck:
    id = "microphone"
    title_key = QT_TRANSLATE_NOOP("checks", "Microphone")
    needs: tuple[str, ...] = ("audio",)
    timeout_s = 12.0

    def run(self, ctx: CheckContext, cancel: CancelToken) -> CheckResult:
        started = now_local()
        t = ctx.thresholds
        metrics: dict[str, Any] = {}
        try:
            provider = _provider(ctx)
            device = _pick_device(provider.microphones(), ctx, "microphone_id", metrics)
            if device is None:
                return _result(self.id, CheckStatus.FAIL, "no_device", metrics, "connect", started)
            recording = provider.record(device.id, t["microphone.sample_s"], cancel)
        except DeviceError as exc:
            return _device_failure(self.id, exc, metrics, started)
        cancel.raise_if_cancelled()
        samples = pcm_to_floats(recording.samples.tobytes(), "int16")
        level = levels(samples, recording.sample_rate)
        metrics.update(
            rms_dbfs=level.rms_dbfs,
            peak_dbfs=level.peak_dbfs,
            clip_run_samples=level.longest_clip_run,
            clipped_samples=level.clipped_samples,
            duration_s=level.duration_s,
            sample_rate_hz=recording.sample_rate,
            first_data_s=None
            if recording.first_data_s is None
            else round(recording.first_data_s, 2),
        )
        if not samples:
            return _result(
                self.id, CheckStatus.FAIL, "no_data", metrics, "close_other_apps", started
            )
        if level.rms_dbfs < t["microphone.rms_fail_dbfs"]:
            return _result(self.id, CheckStatus.FAIL, "silent", metrics, "unmute", started)
        if level.rms_dbfs < t["microphone.rms_warn_dbfs"]:
            return _result(self.id, CheckStatus.WARN, "quiet", metrics, "closer", started)
        if level.longest_clip_run > t["microphone.clip_run_samples"]:
            return _result(self.id, CheckStatus.WARN, "clipping", metrics, "too_loud", started)
        return _result(self.id, CheckStatus.PASS, "ok", metrics, "", started)


AskHeard = Callable[[CancelToken], "bool | None"]
"""Asks the clerk whether the sound was heard; blocks until answered (None = no answer)."""


class SpeakersCheck:
    """Loop-back (tone detected in the microphone: no question asked) and/or the clerk's answer.

    ``ctx.options``: "loopback" (default: on when nobody can answer), "ask_heard" (an
    :data:`AskHeard` callable, required for the interactive mode).
    """

    id = "speakers"
    title_key = QT_TRANSLATE_NOOP("checks", "Speakers")
    needs: tuple[str, ...] = ("audio",)
    timeout_s = 120.0  # the clerk may take a while to answer "heard / not heard"

    def run(self, ctx: CheckContext, cancel: CancelToken) -> CheckResult:
        started = now_local()
        metrics: dict[str, Any] = {}
        ask: AskHeard | None = ctx.options.get("ask_heard") if ctx.interactive else None
        try:
            provider = _provider(ctx)
            speaker = _pick_device(provider.speakers(), ctx, "speaker_id", metrics)
            if speaker is None:
                return _result(self.id, CheckStatus.FAIL, "no_device", metrics, "connect", started)
            if ctx.options.get("loopback", ask is None):
                looped = self._loopback(ctx, provider, speaker.id, metrics, cancel)
                if looped is not None and (looped.status is CheckStatus.PASS or ask is None):
                    looped.started = started
                    return looped
            if ask is None:
                return _result(self.id, CheckStatus.SKIPPED, "needs_listener", metrics, "listen")
            provider.play(speaker.id, listening_tone(), cancel)
            prompt = spoken_prompt()
            if prompt is not None:
                provider.play(speaker.id, prompt, cancel)
        except DeviceError as exc:
            return _device_failure(self.id, exc, metrics, started)
        cancel.raise_if_cancelled()
        answer = ask(cancel)
        cancel.raise_if_cancelled()
        if answer is None:
            return _result(
                self.id, CheckStatus.SKIPPED, "not_confirmed", metrics, "listen", started
            )
        metrics["heard"] = bool(answer)
        if answer:
            return _result(self.id, CheckStatus.PASS, "heard", metrics, "", started)
        return _result(self.id, CheckStatus.FAIL, "not_heard", metrics, "volume", started)

    def _loopback(
        self,
        ctx: CheckContext,
        provider: DeviceProvider,
        speaker_id: str,
        metrics: dict[str, Any],
        cancel: CancelToken,
    ) -> CheckResult | None:
        """Play a tone and look for it in the microphone; None when there is no microphone."""
        microphone = find_device(provider.microphones(), str(ctx.options.get("microphone_id", "")))
        if microphone is None:
            metrics["loopback"] = False
            return _result(
                self.id, CheckStatus.SKIPPED, "loopback_no_microphone", metrics, "listen"
            )
        tone = make_tone(LOOPBACK_TONE_HZ, LOOPBACK_TONE_S, 48000, level_dbfs=-12.0)
        recording = provider.play_and_record(speaker_id, microphone.id, Sound(tone, 48000), cancel)
        cancel.raise_if_cancelled()
        samples = pcm_to_floats(recording.samples.tobytes(), "int16")
        found = detect_tone(samples, recording.sample_rate, LOOPBACK_TONE_HZ)
        metrics.update(
            loopback=True,
            loopback_detected=found.detected,
            loopback_snr_db=found.snr_db,
            loopback_tone_dbfs=found.tone_dbfs,
            loopback_recorded_s=round(recording.duration_s, 2),
        )
        if found.detected:
            return _result(self.id, CheckStatus.PASS, "loopback_ok", metrics)
        return _result(self.id, CheckStatus.WARN, "loopback_not_detected", metrics, "listen")
