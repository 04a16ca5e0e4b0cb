"""Records for the contract tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from hearing_helper.domain.enums import DeviceKind, NotJoinedReason, Outcome, RecordStatus, Role
from hearing_helper.domain.record import AssistRecord, ClerkProfile, now_local

CLERK = ClerkProfile("S1001", "李静", "1号窗口", "北京市朝阳区人民法院")


def complete_record(**intake_overrides: object) -> AssistRecord:
    record = AssistRecord(clerk=CLERK)
    intake = record.intake
    intake.case_number = "（2026）京0105民初1234号"
    intake.hearing_at = now_local() + timedelta(hours=2)
    intake.platform_id = "tencent_meeting"
    intake.litigant_name = "王小明"
    intake.role = Role.PLAINTIFF
    intake.phone = "13812345678"
    intake.device = DeviceKind.OWN_ANDROID
    intake.consent = True  # name and phone are recorded with consent (issue 11)
    for key, value in intake_overrides.items():
        setattr(intake, key, value)
    record.outcome = Outcome.JOINED
    record.satisfaction = 5
    return record


def finished(name: str, case: str, started: datetime, outcome: Outcome) -> AssistRecord:
    record = complete_record(litigant_name=name, case_number=case)
    record.started_at = started
    record.ended_at = started + timedelta(minutes=20)
    record.updated_at = record.ended_at
    record.outcome = outcome
    if outcome is Outcome.NOT_JOINED:
        record.outcome_reason = NotJoinedReason.DEVICE
    record.status = RecordStatus.FINISHED
    record.version = 1
    return record
