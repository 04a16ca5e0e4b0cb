"""A speaker loop-back that hears its tone proves the microphone as well (issue 3)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hearing_helper.checks.base import CheckResult, CheckStatus
from hearing_helper.checks.fake_devices import FakeDeviceProvider
from hearing_helper.checks.loopback import apply_loopback_credit, credit_microphone
from hearing_helper.services import AppServices
from tests.test_checks_page import _page, _run_and_wait

HEARD = CheckResult("speakers", CheckStatus.PASS, "speakers.loopback_ok", {"loopback_snr_db": 31.0})


def mic(status: CheckStatus, code: str) -> CheckResult:
    return CheckResult("microphone", status, code, {"rms_dbfs": -72.0}, "microphone.unmute")


@pytest.mark.parametrize("code", ["microphone.silent", "microphone.quiet", "microphone.no_data"])
def test_loopback_turns_a_silent_microphone_into_a_pass(code: str) -> None:
    credited = credit_microphone(mic(CheckStatus.FAIL, code), HEARD)
    assert credited is not None
    assert credited.status is CheckStatus.PASS and credited.code == "microphone.loopback_ok"
    assert credited.remedy_code == ""
    assert credited.metrics == {"rms_dbfs": -72.0, "loopback_snr_db": 31.0}  # kept + proof


@pytest.mark.parametrize(
    ("microphone", "speakers"),
    [
        (mic(CheckStatus.WARN, "microphone.clipping"), HEARD),  # a tone does not disprove it
        (mic(CheckStatus.PASS, "microphone.ok"), HEARD),  # nothing to change
        (
            mic(CheckStatus.FAIL, "microphone.silent"),
            CheckResult("speakers", CheckStatus.WARN, "speakers.loopback_not_detected"),
        ),
        (
            mic(CheckStatus.FAIL, "microphone.silent"),
            CheckResult("speakers", CheckStatus.PASS, "speakers.heard"),
        ),
    ],
)
def test_no_credit_without_proof(microphone: CheckResult, speakers: CheckResult) -> None:
    assert credit_microphone(microphone, speakers) is None


def test_cli_results_credit_only_a_microphone_that_ran() -> None:
    silent = mic(CheckStatus.FAIL, "microphone.silent")
    results = apply_loopback_credit([silent, HEARD])
    assert [r.code for r in results] == ["microphone.loopback_ok", "speakers.loopback_ok"]
    assert apply_loopback_credit([HEARD]) == [HEARD]  # --only speakers: no microphone invented


@pytest.fixture
def page_services(data_dir: Path) -> Iterator[AppServices]:
    opened = AppServices.open(data_dir)
    yield opened
    opened.close()


def test_page_passes_a_silent_microphone_when_the_loopback_hears_the_tone(
    qtbot: QtBot, page_services: AppServices
) -> None:
    fake = FakeDeviceProvider(mic_level_dbfs=-90.0)  # nobody speaks; the tone still arrives
    page, _devices, record = _page(qtbot, page_services, fake)
    _run_and_wait(qtbot, page)  # all checks: the audio lane runs microphone, then speakers
    codes = {c.check_id: (c.status, c.code) for c in record.checks}
    assert codes["speakers"] == ("pass", "speakers.loopback_ok")
    assert codes["microphone"] == ("pass", "microphone.loopback_ok")
    assert page.rows["microphone"].status == "pass"


def test_page_keeps_the_silent_microphone_when_the_tone_is_not_heard(
    qtbot: QtBot, page_services: AppServices
) -> None:
    fake = FakeDeviceProvider(mic_level_dbfs=-90.0, loopback_reaches_mic=False)
    page, _devices, record = _page(qtbot, page_services, fake)
    # The tone is not found, so the clerk is asked; a person hearing the speakers says
    # nothing about the microphone.
    page.controller.heard_question.connect(page.heard_box.yes.click)
    _run_and_wait(qtbot, page)
    codes = {c.check_id: c.code for c in record.checks}
    assert codes["speakers"] == "speakers.heard"
    assert codes["microphone"] == "microphone.silent"
