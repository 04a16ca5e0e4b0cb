"""The shared list of failure causes (issue 13): the codes checks and install problems use."""

from __future__ import annotations

from hearing_helper.catalog.model import PROBLEM_CODES
from hearing_helper.checks.remedies import FINDINGS
from hearing_helper.domain.enums import NotJoinedReason
from hearing_helper.domain.visit import check_cause_code
from hearing_helper.visits.causes import GROUPS, Cause, cause, causes, is_known_cause


def test_check_failures_and_install_problems_are_causes_successes_are_not() -> None:
    codes = {c.code for c in causes()}
    assert {"camera.no_frames", "microphone.silent", "speakers.not_heard"} <= codes
    assert {"network.dns_failed", "network.high_latency", "network.udp_blocked"} <= codes
    assert set(PROBLEM_CODES) - {"other"} <= codes
    assert {"camera.ok", "network.ok", "speakers.heard", "phone.ok", "other"}.isdisjoint(codes)
    assert not any(".remedy." in code for code in codes)
    assert "hearing.power_cut" in codes  # excused absence under the online litigation rules


def test_every_cause_is_a_valid_stored_code_with_text_and_group() -> None:
    for item in causes():
        assert check_cause_code(item.code, "failure_cause") == item.code
        assert item.text and item.group in GROUPS
        assert isinstance(item.reason, NotJoinedReason)
    assert len({c.code for c in causes()}) == len(causes())


def _known(code: str) -> Cause:
    found = cause(code)
    assert found is not None, code
    return found


def test_a_cause_implies_its_not_joined_reason() -> None:
    assert _known("camera.black").reason is NotJoinedReason.DEVICE
    assert _known("network.dns_failed").reason is NotJoinedReason.NETWORK
    assert _known("sms_code_missing").reason is NotJoinedReason.ACCOUNT
    assert _known("hearing.platform_down").reason is NotJoinedReason.PLATFORM_DOWN
    assert cause("nonsense") is None and not is_known_cause("nonsense")
    assert _known("camera.black").text == FINDINGS["camera.black"]
