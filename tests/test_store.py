"""SQLite-only store behaviour: migrations, refusal of newer or damaged files, several
processes, errors of a locked or read-only file. What every backend does is in tests/contract/."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from hearing_helper.domain.enums import (
    DeviceKind,
    Outcome,
    RecordStatus,
    Role,
)
from hearing_helper.domain.record import AssistRecord, ClerkProfile, now_local
from hearing_helper.store import (
    CorruptDatabaseError,
    DatabaseLockedError,
    NewerDatabaseError,
    ReadOnlyDatabaseError,
    RecordConflictError,
    StoreError,
    open_repository,
)
from hearing_helper.store.sqlite import DB_FILENAME, SCHEMA_VERSION, SqliteRepository
from hearing_helper.store.sqlite.connection import store_error

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
    intake.consent = True  # name and phone are recorded with consent
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


def test_concurrent_processes_see_committed_drafts(data_dir: Path) -> None:
    first = open_repository(data_dir)
    second = open_repository(data_dir)
    record = complete_record()
    first.save_draft(record)
    assert second.get(record.id).intake.litigant_name == "王小明"


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


def test_a_locked_database_is_a_clear_error_not_a_driver_exception(data_dir: Path) -> None:
    repo = SqliteRepository(data_dir / DB_FILENAME, busy_timeout_s=0.2)
    record = complete_record()
    repo.save_draft(record)
    other = sqlite3.connect(data_dir / DB_FILENAME, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        record.notes = "typed while locked"
        with pytest.raises(DatabaseLockedError) as info:
            repo.save_draft(record)
        assert str(data_dir / DB_FILENAME) in str(info.value)
        assert "another program" in str(info.value) and "Nothing was changed" in str(info.value)
        assert not isinstance(info.value, sqlite3.Error)
    finally:
        other.execute("ROLLBACK")
        other.close()
    repo.save_draft(record)  # once the lock is gone, the same save succeeds
    assert repo.get(record.id).notes == "typed while locked"
    repo.close()


def test_sqlite_errors_map_to_actionable_store_errors(data_dir: Path) -> None:
    open_repository(data_dir).close()
    path = data_dir / DB_FILENAME
    readonly = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as raw:
        readonly.execute("DELETE FROM staff")
    readonly.close()
    mapped = store_error(path, raw.value)
    assert isinstance(mapped, ReadOnlyDatabaseError) and str(path) in str(mapped)
    damaged = store_error(path, sqlite3.DatabaseError("database disk image is malformed"))
    assert isinstance(damaged, CorruptDatabaseError) and "backup" in str(damaged)
    other = store_error(path, sqlite3.OperationalError("something new"))
    assert type(other) is StoreError and "something new" in str(other)


def test_import_conflict_is_a_store_error_not_an_integrity_error(data_dir: Path) -> None:
    repo = open_repository(data_dir)
    record = complete_record()
    record.status = RecordStatus.FINISHED
    record.version = 1
    record.ended_at = record.started_at
    repo.import_finished([record], "desk-1")
    changed = AssistRecord.from_dict(record.to_dict() | {"notes": "different"})
    with pytest.raises(RecordConflictError):
        repo.import_finished([changed], "desk-2")
    repo.close()


def test_sqlite_report_source_implements_the_whole_protocol(data_dir: Path) -> None:
    import inspect

    from hearing_helper.store.report_source import ReportSource
    from hearing_helper.store.sqlite import SqliteReportSource

    source = SqliteReportSource(data_dir / DB_FILENAME)
    wanted = {
        name
        for name, member in inspect.getmembers(ReportSource)
        if callable(member) and not name.startswith("_")
    }
    assert {"hourly_counts", "drill", "export_rows", "filter_options"} <= wanted
    for name in wanted:
        expected = list(inspect.signature(getattr(ReportSource, name)).parameters)[1:]
        assert list(inspect.signature(getattr(source, name)).parameters) == expected, name
