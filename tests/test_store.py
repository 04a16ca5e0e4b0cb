"""SQLite store: migrations, refusal of newer/corrupt files, drafts, finishing, versions, search."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from hearing_helper.domain.enums import (
    DeviceKind,
    NotJoinedReason,
    Outcome,
    RecordStatus,
    Role,
    StepId,
)
from hearing_helper.domain.record import AssistRecord, ClerkProfile, Problem, now_local
from hearing_helper.store import (
    CorruptDatabaseError,
    HistoryQuery,
    NewerDatabaseError,
    RecordFinishedError,
    RecordNotFoundError,
    StoreError,
    open_repository,
)
from hearing_helper.store.audit import verify_chain
from hearing_helper.store.errors import IncompleteRecordError
from hearing_helper.store.sqlite import DB_FILENAME, SCHEMA_VERSION

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
    for key, value in intake_overrides.items():
        setattr(intake, key, value)
    record.outcome = Outcome.JOINED
    record.satisfaction = 5
    return record


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_migrated_with_wal_and_foreign_keys(data_dir: Path) -> None:
    repo = open_repository(data_dir)
    assert repo.schema_version == SCHEMA_VERSION
    db = sqlite3.connect(data_dir / DB_FILENAME)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"assists", "assist_steps", "check_results", "record_versions", "audit_log"} <= tables
    repo.close()
    # Re-opening applies nothing twice.
    again = open_repository(data_dir)
    assert again.schema_version == SCHEMA_VERSION
    again.close()


def test_newer_database_is_refused_and_left_byte_identical(data_dir: Path) -> None:
    path = data_dir / DB_FILENAME
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE future (x)")
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 5}")
    db.commit()
    db.close()
    before = sha(path)
    with pytest.raises(NewerDatabaseError) as info:
        open_repository(data_dir)
    assert str(path) in str(info.value) and "newer" in str(info.value)
    assert sha(path) == before


@pytest.mark.parametrize(
    "content",
    [b"this is not a database at all" * 10, b"SQLite format 3\x00" + b"\xff" * 5000],
)
def test_corrupt_database_is_reported_and_never_overwritten(data_dir: Path, content: bytes) -> None:
    path = data_dir / DB_FILENAME
    path.write_bytes(content)
    with pytest.raises(CorruptDatabaseError) as info:
        open_repository(data_dir)
    assert str(path) in str(info.value)
    assert path.read_bytes() == content
    assert sorted(p.name for p in data_dir.iterdir()) == [DB_FILENAME]


def test_draft_round_trip_keeps_every_field(data_dir: Path) -> None:
    repo = open_repository(data_dir)
    record = complete_record()
    record.notes = "需要放大字体"
    record.problems.append(Problem(StepId.INSTALL, "no_storage", "手机存储不足"))
    record.step(StepId.JOIN).data["meeting_id"] = "123456789"
    repo.save_draft(record)
    loaded = repo.get(record.id)
    assert loaded.to_dict() == record.to_dict()
    assert [r.id for r in repo.list_drafts()] == [record.id]


def test_record_ids_are_uuids_minted_once(data_dir: Path) -> None:
    repo = open_repository(data_dir)
    record = AssistRecord(clerk=CLERK)
    first_id = record.id
    repo.save_draft(record)
    record.notes = "changed"
    repo.save_draft(record)
    assert repo.get(first_id).notes == "changed"
    assert repo.count(HistoryQuery()) == 1
    assert len(first_id) == 36 and first_id.count("-") == 4


def test_finish_freezes_the_record(data_dir: Path) -> None:
    repo = open_repository(data_dir)
    record = complete_record()
    repo.save_draft(record)
    finished = repo.finish(record, actor="S1001")
    assert finished.status is RecordStatus.FINISHED and finished.ended_at is not None
    assert finished.duration_seconds is not None
    assert repo.list_drafts() == []
    with pytest.raises(RecordFinishedError):
        repo.save_draft(AssistRecord.from_dict(finished.to_dict() | {"status": "draft"}))
    with pytest.raises(RecordFinishedError):
        repo.discard_draft(record.id, "S1001")
    stored = repo.get(record.id)
    assert stored.status is RecordStatus.FINISHED
    assert [v.version for v in repo.versions(record.id)] == [1]
    assert verify_chain(repo.iter_audit()) is None


def test_finish_refuses_incomplete_records_naming_fields(data_dir: Path) -> None:
    repo = open_repository(data_dir)
    record = complete_record(case_number="garbage")
    record.outcome = Outcome.NOT_JOINED  # and no reason
    repo.save_draft(record)
    with pytest.raises(IncompleteRecordError) as info:
        repo.finish(record, actor="S1001")
    fields = {problem.field for problem in info.value.problems}
    assert fields == {"case_number", "outcome_reason"}
    assert repo.get(record.id).status is RecordStatus.DRAFT  # nothing lost


def test_left_early_may_finish_with_a_partial_intake(data_dir: Path) -> None:
    repo = open_repository(data_dir)
    record = AssistRecord(clerk=CLERK)
    record.outcome = Outcome.LEFT
    assert repo.finish(record, actor="S1001").is_finished


def test_correction_creates_a_new_version_with_who_when_why(data_dir: Path) -> None:
    repo = open_repository(data_dir)
    record = repo.finish(complete_record(), actor="S1001")
    record.outcome = Outcome.NOT_JOINED
    record.outcome_reason = NotJoinedReason.NETWORK
    with pytest.raises(StoreError):
        repo.correct(record, actor="S1002", reason="   ")
    corrected = repo.correct(record, actor="S1002", reason="结果登记错误")
    assert corrected.version == 2
    versions = repo.versions(record.id)
    assert [v.version for v in versions] == [1, 2]
    assert versions[0].record.outcome is Outcome.JOINED
    assert versions[1].record.outcome is Outcome.NOT_JOINED
    assert versions[1].created_by == "S1002" and versions[1].reason == "结果登记错误"
    assert repo.get(record.id).correction.reason == "结果登记错误"  # type: ignore[union-attr]
    actions = [entry.action for entry in repo.iter_audit()]
    assert actions == ["record.finished", "record.corrected"]


def test_discard_draft_is_audited(data_dir: Path) -> None:
    repo = open_repository(data_dir)
    record = AssistRecord(clerk=CLERK)
    repo.save_draft(record)
    repo.discard_draft(record.id, "S1001")
    with pytest.raises(RecordNotFoundError):
        repo.get(record.id)
    assert [e.action for e in repo.iter_audit()] == ["draft.discarded"]


def test_staff_profiles_are_remembered_most_recent_first(data_dir: Path) -> None:
    repo = open_repository(data_dir)
    repo.save_staff(CLERK)
    repo.save_staff(ClerkProfile("S2", "王磊", "2号窗口"))
    repo.save_staff(ClerkProfile("S1001", "李静", "3号窗口", CLERK.court))
    staff = repo.list_staff()
    assert {s.staff_id for s in staff} == {"S1001", "S2"}
    assert next(s for s in staff if s.staff_id == "S1001").desk == "3号窗口"


def _finished(name: str, case: str, started: datetime, outcome: Outcome) -> AssistRecord:
    record = complete_record(litigant_name=name, case_number=case)
    record.started_at = started
    record.ended_at = started + timedelta(minutes=20)
    record.outcome = outcome
    if outcome is Outcome.NOT_JOINED:
        record.outcome_reason = NotJoinedReason.DEVICE
    record.status = RecordStatus.FINISHED
    return record


def test_history_search_filters_and_sorts(data_dir: Path) -> None:
    repo = open_repository(data_dir)
    base = datetime(2026, 11, 2, 9, 0).astimezone()
    records = [
        _finished("王小明", "（2026）京0105民初1号", base, Outcome.JOINED),
        _finished("李四", "（2026）京0105民初22号", base + timedelta(days=1), Outcome.NOT_JOINED),
        _finished("张三", "（2025）沪0115民终333号", base + timedelta(days=10), Outcome.JOINED),
    ]
    repo.import_finished(records, actor="test")
    assert {s.litigant_name for s in repo.search(HistoryQuery(text="民初"))} == {"王小明", "李四"}
    assert [s.litigant_name for s in repo.search(HistoryQuery(text="张"))] == ["张三"]
    assert repo.search(HistoryQuery(text="%")) == []  # LIKE wildcards are literal
    assert [s.litigant_name for s in repo.search(HistoryQuery(outcome="not_joined"))] == ["李四"]
    in_range = repo.search(HistoryQuery(date_from=date(2026, 11, 2), date_to=date(2026, 11, 3)))
    assert {s.litigant_name for s in in_range} == {"王小明", "李四"}
    oldest_first = repo.search(HistoryQuery(descending=False))
    assert [s.litigant_name for s in oldest_first] == ["王小明", "李四", "张三"]
    by_case = repo.search(HistoryQuery(sort_by="case_number", descending=False))
    assert by_case[0].case_number.startswith("（2025）")
    assert repo.count(HistoryQuery(text="民")) == 3
    # An unknown sort column falls back to the start time instead of reaching SQL.
    hostile = HistoryQuery(sort_by="started_at; DROP TABLE assists")
    assert len(repo.search(hostile)) == 3


def test_concurrent_processes_see_committed_drafts(data_dir: Path) -> None:
    first = open_repository(data_dir)
    second = open_repository(data_dir)
    record = complete_record()
    first.save_draft(record)
    assert second.get(record.id).intake.litigant_name == "王小明"


def test_saving_after_close_is_a_clear_store_error(data_dir: Path) -> None:
    repo = open_repository(data_dir)
    record = AssistRecord(clerk=CLERK)
    repo.save_draft(record)
    repo.close()
    with pytest.raises(StoreError) as info:
        repo.save_draft(record)
    assert "closed" in str(info.value)


def test_sqlite_repository_implements_the_whole_protocol(data_dir: Path) -> None:
    import inspect

    from hearing_helper.store.repository import AssistRepository

    repo = open_repository(data_dir)
    wanted = {
        name
        for name, member in inspect.getmembers(AssistRepository)
        if callable(member) and not name.startswith("_")
    }
    assert {"save_draft", "finish", "correct", "search", "record_export"} <= wanted
    missing = {name for name in wanted if not callable(getattr(repo, name, None))}
    assert missing == set()
    for name in wanted:  # same parameter names: callers can switch backends untouched
        expected = list(inspect.signature(getattr(AssistRepository, name)).parameters)[1:]
        assert list(inspect.signature(getattr(repo, name)).parameters) == expected, name
