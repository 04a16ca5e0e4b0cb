"""Contract: the audit log (append, iterate, hash chain) and recorded exports."""

from __future__ import annotations

import dataclasses

from hearing_helper.store import Store
from hearing_helper.store.audit import GENESIS_HASH, verify_chain


def test_audit_entries_chain_in_order(store_backend: Store) -> None:
    repo = store_backend.repository
    first = repo.append_audit("S1", "settings.changed", {"key": "language", "value": "en"})
    second = repo.append_audit("S2", "supervisor.login", {"ok": True, "名字": "李静"})
    assert (first.seq, second.seq) == (1, 2)
    assert first.prev_hash == GENESIS_HASH and second.prev_hash == first.hash
    entries = list(repo.iter_audit())
    assert entries == [first, second]
    assert entries[1].details == {"ok": True, "名字": "李静"}
    assert verify_chain(entries) is None


def test_a_tampered_entry_breaks_the_chain_as_iterated(store_backend: Store) -> None:
    repo = store_backend.repository
    for n in range(3):
        repo.append_audit("S1", "x.done", {"n": n})
    entries = list(repo.iter_audit())
    forged = [entries[0], dataclasses.replace(entries[1], actor="S9"), entries[2]]
    broken = verify_chain(forged)
    assert broken is not None and broken.seq == 2


def test_record_export_is_audited_with_its_details(store_backend: Store) -> None:
    repo = store_backend.repository
    entry = repo.record_export(
        "sup", "csv", {"date_from": "2026-03-01"}, 5, "ab" * 32, True, "log.csv"
    )
    assert entry.action == "export.written" and entry.actor == "sup"
    assert entry.details == {
        "format": "csv",
        "filters": {"date_from": "2026-03-01"},
        "row_count": 5,
        "sha256": "ab" * 32,
        "unmasked": True,
        "file": "log.csv",
    }
    assert list(repo.iter_audit()) == [entry]


def test_finish_and_import_audit_what_they_stored(store_backend: Store) -> None:
    from tests.contract.records import complete_record

    repo = store_backend.repository
    record = repo.finish(complete_record(), actor="S1001")
    (entry,) = repo.iter_audit()
    assert entry.action == "record.finished" and entry.actor == "S1001"
    assert entry.details["record_id"] == record.id and entry.details["version"] == 1
    assert len(entry.details["payload_sha256"]) == 64
