"""Returning litigants (issue 13): the earlier visit as intake shows it, and carry-over."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hearing_helper.domain.enums import AccessibilityNeed, DeviceKind, Outcome, Role
from hearing_helper.domain.record import AssistRecord, CheckRecord, ClerkProfile
from hearing_helper.domain.returning import EarlierVisit, carry_over, lookup_keys
from hearing_helper.domain.visit import (
    JoinChoice,
    JoinMode,
    PreparationOutcome,
    PreparationResult,
    VisitKind,
)

TZ = timezone(timedelta(hours=8))
HEARING = datetime(2026, 12, 2, 9, 0, tzinfo=TZ)


def _earlier() -> AssistRecord:
    record = AssistRecord(
        clerk=ClerkProfile("S1", "李静"), started_at=datetime(2026, 11, 28, 10, 0, tzinfo=TZ)
    )
    intake = record.intake
    intake.case_number = "（2026）冀1126民初88号"
    intake.hearing_at = HEARING
    intake.court = "河北省故城县人民法院"
    intake.platform_id = "court_online"
    intake.litigant_name = "王建国"
    intake.role = Role.DEFENDANT
    intake.phone = "13812345678"
    intake.device = DeviceKind.OWN_ANDROID
    intake.accessibility = [AccessibilityNeed.ELDERLY]
    intake.consent = True
    record.kind = VisitKind.PREPARATION
    record.preparation = PreparationResult(PreparationOutcome.READY)
    record.join = JoinChoice(JoinMode.DESK_PC, ("phone_os_too_old",), JoinMode.DESK_PC)
    record.checks = [
        CheckRecord("camera", "fail", "camera.black"),
        CheckRecord("microphone", "error", "microphone.error"),
        CheckRecord("network", "fail", "network.dns_failed"),
        CheckRecord("network", "pass", "network.ok"),  # fixed on a re-run
    ]
    return record


def test_an_earlier_visit_says_when_what_how_and_which_checks_failed() -> None:
    visit = EarlierVisit.from_record(_earlier())
    assert visit.kind is VisitKind.PREPARATION
    assert visit.outcome == "ready"
    assert visit.failed_checks == ("camera", "microphone")
    assert visit.join_mode == "desk_pc"
    assert visit.hearing_at == HEARING
    hearing_day = _earlier()
    hearing_day.kind = VisitKind.HEARING_DAY
    hearing_day.preparation = None
    hearing_day.outcome = Outcome.NOT_JOINED
    assert EarlierVisit.from_record(hearing_day).outcome == "not_joined"


def test_lookup_keys_are_normalised_and_half_typed_values_find_nothing() -> None:
    assert lookup_keys("(2026)冀1126民初88号", "138 1234 5678") == (
        "（2026）冀1126民初88号",
        "13812345678",
    )
    assert lookup_keys("（2026）冀11", "1381234") == ("", "")


def test_carry_over_fills_only_empty_fields_links_and_never_carries_consent() -> None:
    new = AssistRecord(clerk=ClerkProfile("S2", "王磊"))
    new.intake.case_number = "(2026)冀1126民初88号"  # the same case, typed differently
    new.intake.device = DeviceKind.COURT_TERMINAL  # the clerk already chose this
    earlier = _earlier()
    filled = carry_over(earlier, new)
    assert new.previous_record_id == earlier.id
    assert new.intake.litigant_name == "王建国" and new.intake.phone == "13812345678"
    assert new.intake.device is DeviceKind.COURT_TERMINAL
    assert new.intake.hearing_at == HEARING and new.intake.role is Role.DEFENDANT
    assert new.intake.consent is False
    assert "device" not in filled and "case_number" not in filled
    assert set(filled) >= {"litigant_name", "phone", "hearing_at", "court", "role"}


def test_found_by_phone_for_another_case_only_the_contact_details_come_along() -> None:
    earlier = _earlier()
    new = AssistRecord(clerk=ClerkProfile("S2", "王磊"))
    new.intake.case_number = "（2026）冀1126民初99号"
    filled = carry_over(earlier, new)
    assert new.previous_record_id == earlier.id
    assert set(filled) == {"litigant_name", "phone", "device", "accessibility"}
    assert new.intake.hearing_at is None and new.intake.role is None
    new.intake.accessibility.append(AccessibilityNeed.SIGHT)
    assert earlier.intake.accessibility == [AccessibilityNeed.ELDERLY]  # a copy, not shared
