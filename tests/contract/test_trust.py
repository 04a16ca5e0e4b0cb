"""Contract: what issue 11 (trust hardening) asks of every storage backend -- an audited change
made in the same transaction as its audit entry, the keyed chain, and consent on finish."""

from __future__ import annotations

import pytest

from hearing_helper.store import IncompleteRecordError, Store
from hearing_helper.store.audit import KEYED_PREFIX, AuditKey, verify_chain
from tests.contract.records import complete_record


class RefusedError(Exception):
    pass


def test_a_failing_audited_change_records_nothing(store_backend: Store) -> None:
    repo = store_backend.repository
    repo.append_audit("S1", "first", {})

    def fail() -> None:
        raise RefusedError()

    with pytest.raises(RefusedError):
        repo.append_audit("S1", "supervisor.password_set", {}, before_commit=fail)
    with pytest.raises(RefusedError):
        repo.record_export("sup", "csv", {}, 1, "ab" * 32, False, "x.csv", before_commit=fail)
    assert [entry.action for entry in repo.iter_audit()] == ["first"]
    done = []
    repo.append_audit("S1", "settings.changed", {}, before_commit=lambda: done.append(1))
    assert done == [1] and repo.audit_head_seq() == 2


def test_entries_are_signed_with_the_audit_key_from_its_first_entry(store_backend: Store) -> None:
    repo = store_backend.repository
    repo.append_audit("S1", "before.key", {})
    key = AuditKey(b"k" * 32, from_seq=2)
    repo.audit_key = key
    repo.append_audit("S1", "after.key", {"n": 1})
    entries = list(repo.iter_audit())
    assert not entries[0].hash.startswith(KEYED_PREFIX)
    assert entries[1].hash.startswith(KEYED_PREFIX)
    assert verify_chain(entries, key) is None
    wrong = verify_chain(entries, AuditKey(b"x" * 32, from_seq=2))
    assert wrong is not None and wrong.seq == 2


def test_finish_without_consent_needs_a_reason_and_stores_masked(store_backend: Store) -> None:
    repo = store_backend.repository
    record = complete_record(consent=False)
    with pytest.raises(IncompleteRecordError) as info:
        repo.finish(record, "S1")
    assert "consent" in {problem.field for problem in info.value.problems}
    record.intake.no_consent_reason = "declined"
    repo.finish(record, "S1")
    stored = repo.get(record.id)
    assert (stored.intake.litigant_name, stored.intake.phone) == ("王*明", "138****5678")


def test_latest_audit_is_the_newest_entry_of_the_actions_asked(store_backend: Store) -> None:
    # Issue 18: the supervisor password's hash is read from its newest audit entry.
    repo = store_backend.repository
    assert repo.latest_audit(("supervisor.password_set",)) is None
    repo.append_audit("it", "supervisor.password_set", {"password_hash": "first"})
    repo.append_audit("it", "export.written", {})
    repo.append_audit("it", "supervisor.password_moved", {"password_hash": "second"})
    repo.append_audit("it", "login", {})
    found = repo.latest_audit(("supervisor.password_set", "supervisor.password_moved"))
    assert found is not None and found.details == {"password_hash": "second"}
    assert found.seq == 3
    only_set = repo.latest_audit(("supervisor.password_set",))
    assert only_set is not None and only_set.seq == 1
