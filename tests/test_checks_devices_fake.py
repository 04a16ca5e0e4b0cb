"""Camera, microphone, speaker, system checks with fake devices; phone checklist; remedies."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from hearing_helper.checks.base import CancelToken, Check, CheckContext, CheckResult, CheckStatus
from hearing_helper.checks.device_api import DeviceInfo, find_device
from hearing_helper.checks.device_checks import CameraCheck, MicrophoneCheck, SpeakersCheck
from hearing_helper.checks.fake_devices import FakeDeviceProvider, no_devices
from hearing_helper.checks.phone_checklist import (
    PHONE_ITEMS,
    Answer,
    checklist_result,
    parse_answers,
)
from hearing_helper.checks.registry import UnknownCheckError, build_checks, parse_ids
from hearing_helper.checks.remedies import all_codes, describe, remedy_text
from hearing_helper.checks.runner import run_checks
from hearing_helper.checks.system_check import SystemCheck
from hearing_helper.checks.thresholds import effective_thresholds


def _ctx(devices: Any = None, interactive: bool = False, **options: Any) -> CheckContext:
    return CheckContext(
        effective_thresholds(), devices=devices, interactive=interactive, options=options
    )


def _run(check: Check, ctx: CheckContext) -> CheckResult:
    return check.run(ctx, CancelToken())


@pytest.mark.parametrize(
    ("mode", "status", "code", "remedy"),
    [
        ("moving", CheckStatus.PASS, "camera.ok", ""),
        ("black", CheckStatus.FAIL, "camera.black", "camera.uncover"),
        ("frozen", CheckStatus.FAIL, "camera.frozen", "camera.reconnect"),
        ("none", CheckStatus.FAIL, "camera.no_frames", "camera.close_other_apps"),
    ],
)
def test_camera_verdicts(mode: str, status: CheckStatus, code: str, remedy: str) -> None:
    result = _run(CameraCheck(), _ctx(FakeDeviceProvider(camera_mode=mode)))
    assert (result.status, result.code, result.remedy_code) == (status, code, remedy)
    if mode == "moving":
        assert result.metrics["fps"] == 25.0
        assert (result.metrics["width_px"], result.metrics["height_px"]) == (640, 480)


@pytest.mark.parametrize(("fps", "status"), [(12.0, "pass"), (8.0, "warn"), (3.0, "fail")])
def test_camera_frame_rate_thresholds(fps: float, status: str) -> None:
    result = _run(CameraCheck(), _ctx(FakeDeviceProvider(camera_fps=fps)))
    assert str(result.status) == status
    assert result.metrics["fps"] == pytest.approx(fps, rel=0.05)


def test_camera_missing_or_busy() -> None:
    assert _run(CameraCheck(), _ctx(no_devices())).code == "camera.no_device"
    busy = FakeDeviceProvider(error={"sample_camera": "open_failed"})
    result = _run(CameraCheck(), _ctx(busy))
    assert (result.code, result.remedy_code) == ("camera.open_failed", "camera.close_other_apps")


def test_camera_uses_chosen_device() -> None:
    devices = [DeviceInfo("a", "A", True), DeviceInfo("b", "B")]
    fake = FakeDeviceProvider(cameras_list=devices)
    result = _run(CameraCheck(), _ctx(fake, camera_id="b"))
    assert result.metrics["device_name"] == "B"
    result = _run(CameraCheck(), _ctx(fake, camera_id="gone"))  # falls back to the default
    assert result.metrics["device_name"] == "A"
    assert find_device([], "x") is None


@pytest.mark.parametrize(
    ("level", "clipping", "status", "code"),
    [
        (-20.0, False, "pass", "microphone.ok"),
        (-55.0, False, "warn", "microphone.quiet"),
        (-70.0, False, "fail", "microphone.silent"),
        (-20.0, True, "warn", "microphone.clipping"),
    ],
)
def test_microphone_verdicts(level: float, clipping: bool, status: str, code: str) -> None:
    fake = FakeDeviceProvider(mic_level_dbfs=level, mic_clipping=clipping)
    result = _run(MicrophoneCheck(), _ctx(fake))
    assert (str(result.status), result.code) == (status, code)
    assert result.metrics["rms_dbfs"] == pytest.approx(level, abs=1.0)
    assert result.metrics["duration_s"] == 3.0


def test_microphone_thresholds_come_from_settings() -> None:
    fake = FakeDeviceProvider(mic_level_dbfs=-45.0)
    ctx = _ctx(fake)
    ctx.thresholds = effective_thresholds({"microphone.rms_warn_dbfs": -40.0})
    assert _run(MicrophoneCheck(), ctx).code == "microphone.quiet"


def test_microphone_missing() -> None:
    result = _run(MicrophoneCheck(), _ctx(no_devices()))
    assert (result.status, result.code, result.remedy_code) == (
        CheckStatus.FAIL,
        "microphone.no_device",
        "microphone.connect",
    )


def test_speakers_loopback_passes_without_asking() -> None:
    asked: list[object] = []
    ctx = _ctx(FakeDeviceProvider(), interactive=True, loopback=True, ask_heard=asked.append)
    result = _run(SpeakersCheck(), ctx)
    assert (result.status, result.code) == (CheckStatus.PASS, "speakers.loopback_ok")
    assert result.metrics["loopback_detected"] is True
    assert asked == []


def test_speakers_loopback_not_heard_headless_warns() -> None:
    result = _run(SpeakersCheck(), _ctx(FakeDeviceProvider(loopback_reaches_mic=False)))
    assert (result.status, result.code) == (CheckStatus.WARN, "speakers.loopback_not_detected")


def test_speakers_headless_without_microphone_is_skipped() -> None:
    fake = FakeDeviceProvider(microphones_list=[])
    result = _run(SpeakersCheck(), _ctx(fake))
    assert (result.status, result.code) == (CheckStatus.SKIPPED, "speakers.loopback_no_microphone")


@pytest.mark.parametrize(
    ("answer", "status", "code"),
    [
        (True, "pass", "speakers.heard"),
        (False, "fail", "speakers.not_heard"),
        (None, "skipped", "speakers.not_confirmed"),
    ],
)
def test_speakers_clerk_answer(answer: bool | None, status: str, code: str) -> None:
    fake = FakeDeviceProvider()
    ctx = _ctx(fake, interactive=True, loopback=False, ask_heard=lambda cancel: answer)
    result = _run(SpeakersCheck(), ctx)
    assert (str(result.status), result.code) == (status, code)
    assert fake.played == ["spk0", "spk0"]  # tone, then the spoken prompt


def test_speakers_asks_when_loopback_fails() -> None:
    fake = FakeDeviceProvider(loopback_reaches_mic=False)
    ctx = _ctx(fake, interactive=True, loopback=True, ask_heard=lambda cancel: True)
    assert _run(SpeakersCheck(), ctx).code == "speakers.heard"


def test_speakers_missing() -> None:
    assert _run(SpeakersCheck(), _ctx(no_devices())).code == "speakers.no_device"


def test_system_check_reports_figures() -> None:
    result = _run(SystemCheck(), _ctx(screen=(1920, 1080)))
    assert result.status is CheckStatus.PASS
    metrics = result.metrics
    assert metrics["os_name"] and metrics["disk_free_gb"] > 0
    assert (metrics["screen_width_px"], metrics["screen_height_px"]) == (1920, 1080)


def test_system_check_warns_on_low_disk() -> None:
    ctx = _ctx()
    ctx.thresholds = effective_thresholds({"system.disk_free_warn_gb": 1e9})
    result = _run(SystemCheck(), ctx)
    assert (result.status, result.code, result.remedy_code) == (
        CheckStatus.WARN,
        "system.low_disk",
        "system.free_disk",
    )


def test_fake_device_cancel_mid_recording() -> None:
    cancel = CancelToken()
    fake = FakeDeviceProvider(real_time=True)
    outcome: list[Any] = []
    thread = threading.Thread(
        target=lambda: outcome.append(run_checks([MicrophoneCheck()], _ctx(fake), cancel=cancel))
    )
    thread.start()
    cancel.cancel()
    thread.join(5)
    assert outcome[0][0].code == "microphone.cancelled"


def test_phone_checklist_summary() -> None:
    everything = {item.id: Answer.PASS for item in PHONE_ITEMS}
    assert checklist_result(everything).code == "phone.ok"
    everything["wechat"] = Answer.NOT_APPLICABLE
    assert checklist_result(everything).status is CheckStatus.PASS
    everything["storage"] = Answer.FAIL
    failed = checklist_result(everything)
    assert (failed.status, failed.metrics["failed_items"]) == (CheckStatus.FAIL, "storage")
    assert checklist_result({"storage": Answer.PASS}).code == "phone.incomplete"
    assert parse_answers({"storage": "fail", "bogus": "pass", "wechat": "maybe"}) == {
        "storage": Answer.FAIL
    }
    assert parse_answers("not a dict") == {}


def test_registry_builds_by_id() -> None:
    checks = build_checks(["speakers", "camera"])
    assert [c.id for c in checks] == ["camera", "speakers"]  # registry order
    assert {"camera", "microphone", "speakers", "system"} <= {c.id for c in build_checks()}
    with pytest.raises(UnknownCheckError, match="bogus"):
        build_checks(["camera", "bogus"])
    assert parse_ids(" Camera, microphone,,camera ") == ["camera", "microphone"]


def test_every_code_has_text() -> None:
    """All codes the device checks can produce map to a finding; remedies to a sentence."""
    fakes = [
        FakeDeviceProvider(camera_mode=mode, mic_level_dbfs=level, loopback_reaches_mic=reach)
        for mode, level, reach in [
            ("moving", -20, True),
            ("black", -55, False),
            ("none", -70, True),
        ]
    ] + [no_devices(), FakeDeviceProvider(microphones_list=[])]
    for fake in fakes:
        for check in (CameraCheck(), MicrophoneCheck(), SpeakersCheck()):
            result = _run(check, _ctx(fake))
            assert describe(result.code), result.code
            assert not result.remedy_code or remedy_text(result.remedy_code), result.remedy_code
    assert describe("camera.timeout") and remedy_text("network.timeout")
    assert describe("whatever.unknown") == "" and remedy_text("") == ""
    assert all(text.strip() for text in all_codes().values())
