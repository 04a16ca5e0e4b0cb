"""Hand-built finished records for the reports tests (figures computed by hand in the tests)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hearing_helper.domain.enums import (
    STEP_ORDER,
    DeviceKind,
    NotJoinedReason,
    Outcome,
    RecordStatus,
    Role,
    StepId,
    StepStatus,
)
from hearing_helper.domain.record import (
    AssistRecord,
    CheckRecord,
    ClerkProfile,
    Intake,
    Problem,
    StepState,
)
from hearing_helper.services import AppServices
from hearing_helper.store.sqlite import DB_FILENAME
from hearing_helper.store.sqlite.repository import SqliteRepository

TZ = timezone(timedelta(hours=8))
CLERKS = {
    "S1": ClerkProfile("S1", "李静", "1号窗口", "朝阳法院"),
    "S2": ClerkProfile("S2", "王磊", "2号窗口", "朝阳法院"),
}


def make_record(
    start: str,
    seconds: int,
    outcome: Outcome,
    *,
    clerk: str = "S1",
    satisfaction: int | None = None,
    reason: NotJoinedReason | None = None,
    problems: tuple[str, ...] = (),
    failed_checks: tuple[tuple[str, str], ...] = (),
    failed_steps: tuple[StepId, ...] = (),
    platform: str = "tencent_meeting",
    role: Role = Role.PLAINTIFF,
    name: str = "王小明",
    phone: str = "13812345678",
    case_number: str = "（2026）京0105民初1234号",
    **intake_overrides: Any,
) -> AssistRecord:
    started = datetime.fromisoformat(start).replace(tzinfo=TZ)
    profile = CLERKS[clerk]
    intake = Intake(
        case_number=case_number,
        hearing_at=started + timedelta(hours=1),
        court=intake_overrides.pop("court", profile.court),
        platform_id=platform,
        litigant_name=name,
        role=role,
        phone=phone,
        device=DeviceKind.OWN_ANDROID,
        consent=True,
    )
    record = AssistRecord(
        clerk=ClerkProfile(
            profile.staff_id,
            intake_overrides.pop("clerk_name", profile.name),
            intake_overrides.pop("desk", profile.desk),
            profile.court,
        ),
        status=RecordStatus.FINISHED,
        started_at=started,
        ended_at=started + timedelta(seconds=seconds),
        updated_at=started + timedelta(seconds=seconds),
        intake=intake,
        current_step=StepId.FINISH,
    )
    record.steps = {
        step: StepState(StepStatus.FAILED if step in failed_steps else StepStatus.DONE)
        for step in STEP_ORDER
    }
    record.problems = [Problem(StepId.INSTALL, code) for code in problems]
    record.checks = [CheckRecord("camera", "pass", "camera.ok")] + [
        CheckRecord(check_id, "fail", code) for check_id, code in failed_checks
    ]
    record.outcome = outcome
    record.outcome_reason = reason
    record.satisfaction = satisfaction
    return record


def standard_records() -> list[AssistRecord]:
    """Five records in March-April 2026 plus one before the period (see test_reports_aggregate)."""
    return [
        make_record("2026-03-02T09:10:00", 600, Outcome.JOINED, satisfaction=5),
        make_record(
            "2026-03-02T09:40:00",
            1200,
            Outcome.JOINED_AFTER_HELP,
            satisfaction=4,
            problems=("no_storage",),
        ),
        make_record(
            "2026-03-03T14:05:00",
            1800,
            Outcome.NOT_JOINED,
            clerk="S2",
            reason=NotJoinedReason.APP_INSTALL,
            problems=("no_storage",),
            failed_checks=(("microphone", "microphone.silent"),),
            failed_steps=(StepId.INSTALL, StepId.JOIN),
            platform="court_online",
            role=Role.DEFENDANT,
        ),
        make_record("2026-03-10T10:00:00", 300, Outcome.RESCHEDULED, clerk="S2", satisfaction=3),
        make_record(
            "2026-04-01T15:30:00", 2400, Outcome.JOINED, satisfaction=2, platform="court_online"
        ),
        make_record("2026-02-27T09:00:00", 900, Outcome.JOINED, satisfaction=1),
    ]


def seeded_services(data_dir: Path, records: list[AssistRecord] | None = None) -> AppServices:
    services = AppServices.open(data_dir)
    services.repo.import_finished(records if records is not None else standard_records(), "test")
    return services


def sqlite_repo(services: AppServices) -> SqliteRepository:
    """The SQLite repository behind ``services`` (a test that looks under the Protocol)."""
    repo = services.repo
    assert isinstance(repo, SqliteRepository), repo
    return repo


def raw_db(services: AppServices) -> sqlite3.Connection:
    """A read-only look at the SQLite file behind ``services``, for assertions on what is stored
    (tests may look under the storage boundary; the product may not)."""
    path = services.data_dir / DB_FILENAME
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
