"""Contract: drafts, finishing, validation, corrections, history, staff, idempotent writes."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta

import pytest

from hearing_helper.domain.enums import NotJoinedReason, Outcome, RecordStatus, StepId
from hearing_helper.domain.record import AssistRecord, ClerkProfile, Problem
from hearing_helper.store import (
    HistoryQuery,
    IncompleteRecordError,
    RecordConflictError,
    RecordFinishedError,
    RecordNotFoundError,
    Store,
    StoreError,
)
from hearing_helper.store.audit import verify_chain
from tests.contract.records import CLERK, complete_record, finished


def test_draft_round_trip_keeps_every_field(store_backend: Store) -> None:
    repo = store_backend.repository
    record = complete_record()
    record.notes = "需要放大字体"
    record.problems.append(Problem(StepId.INSTALL, "no_storage", "手机存储不足"))
    record.step(StepId.JOIN).data["meeting_id"] = "123456789"
    repo.save_draft(record)
    loaded = repo.get(record.id)
    assert loaded.to_dict() == record.to_dict()
    assert [r.id for r in repo.list_drafts()] == [record.id]


def test_record_ids_are_uuids_minted_once(store_backend: Store) -> None:
    repo = store_backend.repository
    record = AssistRecord(clerk=CLERK)
    first_id = record.id
    repo.save_draft(record)
    record.notes = "changed"
    repo.save_draft(record)
    assert repo.get(first_id).notes == "changed"
    assert repo.count(HistoryQuery()) == 1
    assert len(first_id) == 36 and first_id.count("-") == 4


def test_unknown_record_is_a_clear_error(store_backend: Store) -> None:
    with pytest.raises(RecordNotFoundError) as info:
        store_backend.repository.get("00000000-0000-0000-0000-000000000000")
    assert "00000000-0000-0000-0000-000000000000" in str(info.value)


def test_finish_freezes_the_record(store_backend: Store) -> None:
    repo = store_backend.repository
    record = complete_record()
    repo.save_draft(record)
    done = repo.finish(record, actor="S1001")
    assert done.status is RecordStatus.FINISHED and done.ended_at is not None
    assert done.version == 1 and done.current_step is StepId.FINISH
    assert repo.list_drafts() == []
    with pytest.raises(RecordFinishedError):
        repo.save_draft(AssistRecord.from_dict(done.to_dict() | {"status": "draft"}))
    with pytest.raises(RecordFinishedError):
        repo.discard_draft(record.id, "S1001")
    assert repo.get(record.id).status is RecordStatus.FINISHED
    assert [v.version for v in repo.versions(record.id)] == [1]
    assert verify_chain(repo.iter_audit()) is None


def test_finish_refuses_incomplete_records_naming_fields(store_backend: Store) -> None:
    repo = store_backend.repository
    record = complete_record(case_number="garbage")
    record.outcome = Outcome.NOT_JOINED  # and no reason
    repo.save_draft(record)
    with pytest.raises(IncompleteRecordError) as info:
        repo.finish(record, actor="S1001")
    assert {problem.field for problem in info.value.problems} == {"case_number", "outcome_reason"}
    assert "case_number" in str(info.value)
    assert repo.get(record.id).status is RecordStatus.DRAFT  # nothing lost
    assert list(repo.iter_audit()) == []


def test_left_early_may_finish_with_a_partial_intake(store_backend: Store) -> None:
    record = AssistRecord(clerk=CLERK)
    record.outcome = Outcome.LEFT
    assert store_backend.repository.finish(record, actor="S1001").is_finished


def test_correction_creates_a_new_version_with_who_when_why(store_backend: Store) -> None:
    repo = store_backend.repository
    record = repo.finish(complete_record(), actor="S1001")
    record.outcome = Outcome.NOT_JOINED
    record.outcome_reason = NotJoinedReason.NETWORK
    with pytest.raises(StoreError):
        repo.correct(record, actor="S1002", reason="   ")
    corrected = repo.correct(record, actor="S1002", reason="结果登记错误")
    assert corrected.version == 2
    again = repo.correct(repo.get(record.id), actor="S1003", reason="再次更正")
    assert again.version == 3
    versions = repo.versions(record.id)
    assert [v.version for v in versions] == [1, 2, 3]
    assert versions[0].record.outcome is Outcome.JOINED
    assert versions[1].record.outcome is Outcome.NOT_JOINED
    assert versions[1].created_by == "S1002" and versions[1].reason == "结果登记错误"
    stored = repo.get(record.id)
    assert stored.version == 3 and stored.correction is not None
    assert stored.correction.by == "S1003" and stored.correction.reason == "再次更正"
    actions = [entry.action for entry in repo.iter_audit()]
    assert actions == ["record.finished", "record.corrected", "record.corrected"]
    assert verify_chain(repo.iter_audit()) is None


def test_only_stored_finished_records_are_corrected(store_backend: Store) -> None:
    repo = store_backend.repository
    draft = complete_record()
    repo.save_draft(draft)
    with pytest.raises(StoreError) as info:
        repo.correct(draft, actor="S1", reason="why")
    assert "draft" in str(info.value)
    with pytest.raises(RecordNotFoundError):
        repo.correct(complete_record(), actor="S1", reason="why")


def test_discard_draft_is_audited(store_backend: Store) -> None:
    repo = store_backend.repository
    record = AssistRecord(clerk=CLERK)
    repo.save_draft(record)
    repo.discard_draft(record.id, "S1001")
    with pytest.raises(RecordNotFoundError):
        repo.get(record.id)
    with pytest.raises(RecordNotFoundError):
        repo.discard_draft(record.id, "S1001")
    assert [e.action for e in repo.iter_audit()] == ["draft.discarded"]


def test_staff_profiles_are_remembered(store_backend: Store) -> None:
    repo = store_backend.repository
    repo.save_staff(CLERK)
    repo.save_staff(ClerkProfile("S2", "王磊", "2号窗口"))
    repo.save_staff(ClerkProfile("S1001", "李静", "3号窗口", CLERK.court))
    staff = repo.list_staff()
    assert {s.staff_id for s in staff} == {"S1001", "S2"}
    assert next(s for s in staff if s.staff_id == "S1001").desk == "3号窗口"


def test_history_search_filters_sorts_and_counts(store_backend: Store) -> None:
    repo = store_backend.repository
    base = datetime(2026, 11, 2, 9, 0).astimezone()
    records = [
        finished("王小明", "（2026）京0105民初1号", base, Outcome.JOINED),
        finished("李四", "（2026）京0105民初22号", base + timedelta(days=1), Outcome.NOT_JOINED),
        finished("张三", "（2025）沪0115民终333号", base + timedelta(days=10), Outcome.JOINED),
    ]
    assert repo.import_finished(records, actor="test") == 3
    draft = complete_record(litigant_name="赵六")
    repo.save_draft(draft)
    assert {s.litigant_name for s in repo.search(HistoryQuery(text="民初"))} == {
        "王小明",
        "李四",
        "赵六",
    }
    assert [s.litigant_name for s in repo.search(HistoryQuery(text="张"))] == ["张三"]
    assert repo.search(HistoryQuery(text="%")) == []  # wildcards are literal
    assert repo.search(HistoryQuery(text="_")) == []
    assert [s.litigant_name for s in repo.search(HistoryQuery(outcome="not_joined"))] == ["李四"]
    assert [s.litigant_name for s in repo.search(HistoryQuery(status="draft"))] == ["赵六"]
    in_range = repo.search(HistoryQuery(date_from=date(2026, 11, 2), date_to=date(2026, 11, 3)))
    assert {s.litigant_name for s in in_range} == {"王小明", "李四"}
    oldest_first = repo.search(HistoryQuery(status="finished", descending=False))
    assert [s.litigant_name for s in oldest_first] == ["王小明", "李四", "张三"]
    by_case = repo.search(HistoryQuery(sort_by="case_number", descending=False))
    assert by_case[0].case_number.startswith("（2025）")
    page = repo.search(HistoryQuery(status="finished", descending=False, limit=1, offset=1))
    assert [s.litigant_name for s in page] == ["李四"]
    assert repo.count(HistoryQuery(text="民")) == 4
    assert repo.count(HistoryQuery(status="finished")) == 3
    summary = repo.search(HistoryQuery(text="李四"))[0]
    assert (summary.duration_s, summary.version, summary.clerk_name) == (1200, 1, "李静")
    # An unknown sort column falls back to the start time instead of reaching the query.
    assert len(repo.search(HistoryQuery(sort_by="started_at; DROP TABLE assists"))) == 4


def test_history_search_finds_the_phone_typed_in_full(store_backend: Store) -> None:
    """The History list shows phones masked; the clerk types the number (polish item 1)."""
    repo = store_backend.repository
    base = datetime(2026, 11, 2, 9, 0).astimezone()
    mobile = finished("王小明", "（2026）京0105民初1号", base, Outcome.JOINED)
    mobile.intake.phone = "13912345678"
    landline = finished("李四", "（2026）京0105民初2号", base, Outcome.JOINED)
    landline.intake.phone = "010-62345678"
    repo.import_finished([mobile, landline], actor="test")
    for typed, name in (
        ("13912345678", "王小明"),
        ("139 1234 5678", "王小明"),
        ("139-1234-5678", "王小明"),
        ("010-62345678", "李四"),
        ("01062345678", "李四"),
    ):
        assert [s.litigant_name for s in repo.search(HistoryQuery(text=typed))] == [name], typed
        assert repo.count(HistoryQuery(text=typed)) == 1
    assert repo.search(HistoryQuery(text="13800000000")) == []


# --- idempotent writes -----------------------------------------------------------------------


def test_importing_the_same_records_again_changes_nothing(store_backend: Store) -> None:
    repo = store_backend.repository
    base = datetime(2026, 11, 2, 9, 0).astimezone()
    records = [
        finished("王小明", "（2026）京0105民初1号", base, Outcome.JOINED),
        finished("李四", "（2026）京0105民初22号", base + timedelta(hours=1), Outcome.NOT_JOINED),
    ]
    assert repo.import_finished(records, actor="desk-1") == 2
    audit_before = list(repo.iter_audit())
    copies = [AssistRecord.from_dict(r.to_dict()) for r in records]
    assert repo.import_finished(copies, actor="desk-1") == 0
    assert repo.import_finished(copies + copies, actor="desk-1") == 0  # twice in one batch too
    assert repo.count(HistoryQuery()) == 2
    assert [v.version for v in repo.versions(records[0].id)] == [1]
    assert list(repo.iter_audit()) == audit_before
    # A batch mixing old and new records stores only the new one.
    new = finished("张三", "（2025）沪0115民终333号", base + timedelta(days=1), Outcome.JOINED)
    assert repo.import_finished([*copies, new], actor="desk-1") == 1
    assert repo.count(HistoryQuery()) == 3


def test_importing_a_different_record_under_a_stored_id_is_a_conflict(store_backend: Store) -> None:
    repo = store_backend.repository
    base = datetime(2026, 11, 2, 9, 0).astimezone()
    original = finished("王小明", "（2026）京0105民初1号", base, Outcome.JOINED)
    repo.import_finished([original], actor="desk-1")
    audit_before = list(repo.iter_audit())
    other = AssistRecord.from_dict(original.to_dict())
    other.outcome = Outcome.RESCHEDULED
    innocent = finished("李四", "（2026）京0105民初22号", base, Outcome.JOINED)
    with pytest.raises(RecordConflictError) as info:
        repo.import_finished([innocent, other], actor="desk-2")
    assert original.id in str(info.value) and "Nothing was changed" in str(info.value)
    assert repo.get(original.id).outcome is Outcome.JOINED
    assert repo.count(HistoryQuery()) == 1  # the batch was refused as a whole
    assert list(repo.iter_audit()) == audit_before


def test_finishing_again_is_a_no_op_and_a_different_finish_a_conflict(
    store_backend: Store,
) -> None:
    repo = store_backend.repository
    record = complete_record()
    repo.save_draft(record)
    repo.finish(record, actor="S1001")
    audit_before = list(repo.iter_audit())
    # A retry after a lost answer (the same record object, already finished) changes nothing.
    again = repo.finish(record, actor="S1001")
    assert again.id == record.id and again.version == 1
    assert list(repo.iter_audit()) == audit_before
    assert [v.version for v in repo.versions(record.id)] == [1]
    changed = AssistRecord.from_dict(record.to_dict())
    changed.satisfaction = 1
    with pytest.raises(RecordConflictError):
        repo.finish(changed, actor="S1001")
    assert repo.get(record.id).satisfaction == 5
    assert list(repo.iter_audit()) == audit_before


def test_importing_over_a_draft_replaces_the_draft(store_backend: Store) -> None:
    repo = store_backend.repository
    base = datetime(2026, 11, 2, 9, 0).astimezone()
    draft = complete_record()
    draft.problems.append(Problem(StepId.INSTALL, "no_storage"))
    repo.save_draft(draft)
    done = finished("王小明", "（2026）京0105民初1号", base, Outcome.JOINED)
    done.id = draft.id
    assert repo.import_finished([done], actor="desk-1") == 1
    stored = repo.get(draft.id)
    assert stored.is_finished and stored.problems == []
    assert repo.list_drafts() == []


def test_saving_after_close_is_a_clear_store_error(store_backend: Store) -> None:
    repo = store_backend.repository
    record = AssistRecord(clerk=CLERK)
    repo.save_draft(record)
    repo.close()
    with pytest.raises(StoreError) as info:
        repo.save_draft(record)
    assert "closed" in str(info.value)


def test_a_new_record_twice_in_one_batch_is_stored_once(store_backend: Store) -> None:
    """Issue 24: SQLite answered 1, PostgreSQL a duplicate-key error."""
    repo = store_backend.repository
    base = datetime(2026, 11, 2, 9, 0).astimezone()
    new = finished("王小明", "（2026）京0105民初1号", base, Outcome.JOINED)
    assert repo.import_finished([new, AssistRecord.from_dict(new.to_dict())], "desk-1") == 1
    assert [v.version for v in repo.versions(new.id)] == [1]
    other = finished("李四", "（2026）京0105民初22号", base, Outcome.JOINED)
    different = AssistRecord.from_dict(other.to_dict())
    different.outcome = Outcome.RESCHEDULED
    with pytest.raises(RecordConflictError):
        repo.import_finished([other, different], "desk-1")
    assert repo.count(HistoryQuery()) == 1


def test_finishing_again_from_a_fresh_copy_of_the_draft_is_a_no_op(store_backend: Store) -> None:
    """Issue 24: SQLite raised RecordConflictError, PostgreSQL did nothing. A retry from
    another copy of the same draft (a second window, a restored autosave) changes nothing."""
    repo = store_backend.repository
    record = complete_record()
    repo.save_draft(record)
    fresh = repo.get(record.id)  # a copy of the draft, read before the finish
    repo.finish(record, actor="S1001")
    audit_before = list(repo.iter_audit())
    time.sleep(1.1)  # the retry comes later: "now" is another second than the stored end
    again = repo.finish(fresh, actor="S1001")
    assert again.version == 1 and again.ended_at == repo.get(record.id).ended_at
    assert list(repo.iter_audit()) == audit_before
    assert [v.version for v in repo.versions(record.id)] == [1]


def test_a_correction_runs_the_finish_rules_and_keeps_no_consent_data_masked(
    store_backend: Store,
) -> None:
    """Issue 24: a correction of a no-consent record came back with the full name and phone
    (and an empty case number was accepted); a masked value left as stored means unchanged."""
    repo = store_backend.repository
    record = complete_record(consent=False, no_consent_reason="litigant declined")
    repo.finish(record, actor="S1001")
    stored = repo.get(record.id)
    assert (stored.intake.litigant_name, stored.intake.phone) == ("王*明", "138****5678")
    unchanged = repo.get(record.id)
    unchanged.notes = "called back"
    done = repo.correct(unchanged, "S1001", "note")  # masked values left as they are: fine
    assert (done.intake.litigant_name, done.intake.phone) == ("王*明", "138****5678")
    retyped = repo.get(record.id)
    retyped.intake.litigant_name = "王小明"
    retyped.intake.phone = "139 1234 5678"
    repo.correct(retyped, "S1001", "phone was wrong")
    again = repo.get(record.id)
    assert (again.intake.litigant_name, again.intake.phone) == ("王*明", "139****5678")
    assert "王小明" not in repo.versions(record.id)[-1].record.to_dict().__repr__()
    empty_case = repo.get(record.id)
    empty_case.intake.case_number = ""
    with pytest.raises(IncompleteRecordError, match="case_number"):
        repo.correct(empty_case, "S1001", "oops")
    assert repo.get(record.id).version == 3
