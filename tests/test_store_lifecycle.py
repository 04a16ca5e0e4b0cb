"""The record rules every adapter shares (store/lifecycle.py), without any database."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from hearing_helper.domain.enums import Outcome, RecordStatus, StepId
from hearing_helper.domain.record import AssistRecord
from hearing_helper.store import lifecycle
from hearing_helper.store.audit import GENESIS_HASH, verify_chain
from hearing_helper.store.errors import (
    IncompleteRecordError,
    RecordConflictError,
    RecordFinishedError,
    RecordNotFoundError,
    StoreError,
)
from tests.contract.records import CLERK, complete_record

NOW = datetime(2026, 11, 2, 10, 0, tzinfo=timezone(timedelta(hours=8)))


def test_prepare_finish_freezes_version_one_and_keeps_a_given_end() -> None:
    record = complete_record()
    ended = NOW - timedelta(minutes=5)
    record.ended_at = ended
    lifecycle.prepare_finish(record, NOW)
    assert record.status is RecordStatus.FINISHED and record.version == 1
    assert record.current_step is StepId.FINISH
    assert record.ended_at == ended and record.updated_at == NOW
    unended = lifecycle.prepare_finish(complete_record(), NOW)
    assert unended.ended_at == NOW


def test_prepare_finish_names_every_missing_field() -> None:
    record = AssistRecord(clerk=CLERK)
    with pytest.raises(IncompleteRecordError) as info:
        lifecycle.prepare_finish(record, NOW)
    fields = {p.field for p in info.value.problems}
    assert {"outcome", "case_number", "litigant_name"} <= fields
    assert record.status is RecordStatus.DRAFT  # refused: untouched


def test_prepare_correction_numbers_and_stamps() -> None:
    record = lifecycle.prepare_finish(complete_record(), NOW)
    later = NOW + timedelta(days=1)
    lifecycle.prepare_correction(record, "S2", "  wrong outcome ", "finished", 3, later)
    assert record.version == 4 and record.updated_at == later
    assert record.correction is not None
    assert (record.correction.by, record.correction.reason) == ("S2", "wrong outcome")
    with pytest.raises(StoreError, match="needs a reason"):
        lifecycle.prepare_correction(record, "S2", " ", "finished", 4)
    with pytest.raises(RecordNotFoundError):
        lifecycle.prepare_correction(record, "S2", "why", None, 0)
    with pytest.raises(StoreError, match="draft"):
        lifecycle.prepare_correction(record, "S2", "why", "draft", 0)


def test_drafts_cannot_overwrite_finished_records() -> None:
    with pytest.raises(RecordFinishedError):
        lifecycle.prepare_draft(complete_record(), "finished")
    lifecycle.check_discardable("x", "draft")
    with pytest.raises(RecordNotFoundError):
        lifecycle.check_discardable("x", None)


def test_existing_finished_decides_idempotent_writes() -> None:
    stored = lifecycle.prepare_finish(complete_record(), NOW)
    copy = AssistRecord.from_dict(stored.to_dict())
    copy.updated_at = NOW + timedelta(hours=1)  # written again later: still the same record
    assert lifecycle.existing_finished(stored, copy) is True
    assert lifecycle.existing_finished(None, copy) is False
    draft = complete_record()
    assert lifecycle.existing_finished(draft, copy) is False  # a draft is replaced
    copy.outcome = Outcome.RESCHEDULED
    with pytest.raises(RecordConflictError) as info:
        lifecycle.existing_finished(stored, copy)
    assert isinstance(info.value, RecordFinishedError) and stored.id in str(info.value)


def test_next_audit_entry_extends_the_chain() -> None:
    first = lifecycle.next_audit_entry(None, "S1", "a", {"n": 1}, NOW)
    second = lifecycle.next_audit_entry((first.seq, first.hash), "S1", "b", {"n": 2}, NOW)
    assert (first.seq, first.prev_hash) == (1, GENESIS_HASH)
    assert (second.seq, second.prev_hash) == (2, first.hash)
    assert first.at == NOW.isoformat()
    assert verify_chain([first, second]) is None
    assert verify_chain([second]) is not None  # it does not stand alone


def test_record_audit_details_pin_the_stored_payload() -> None:
    record = lifecycle.prepare_finish(complete_record(), NOW)
    payload = lifecycle.payload_json(record)
    details = lifecycle.record_audit_details(record, payload)
    assert details["record_id"] == record.id and details["version"] == 1
    record.notes = "changed"
    assert lifecycle.record_audit_details(record, lifecycle.payload_json(record)) != details
