"""The desk's outbox and its delivery to the court's central database (issue 12)."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import datetime, timedelta

import psycopg
import pytest

from hearing_helper.domain.record import AssistRecord
from hearing_helper.store.postgres.connection import ServerAddress, connect
from hearing_helper.store.postgres.delivery import deliver
from hearing_helper.store.sync.sender import Backoff
from tests.sync_fixtures import (
    Desk,
    assert_delivered_exactly,
    server_counts,
    server_versions,
)
from tests.test_store import complete_record


def outbox_kinds(desk: Desk) -> list[tuple[str, int]]:
    _ids, batch = desk.outbox.next_batch(desk.desk_id, "", 1_000_000)
    return [("version", v.version) for v in batch.versions] + [
        ("audit", a.seq) for a in batch.audits
    ]


def test_finished_records_and_audit_entries_are_queued_drafts_never(desks: list[Desk]) -> None:
    desk = desks[0]
    draft = complete_record()
    desk.repo.save_draft(draft)
    assert desk.outbox.waiting() == 0
    desk.repo.finish(draft, "clerk")
    corrected = desk.repo.get(draft.id)
    corrected.satisfaction = 3
    desk.repo.correct(corrected, "clerk", "litigant changed the rating")
    assert sorted(outbox_kinds(desk)) == [
        ("audit", 1),
        ("audit", 2),
        ("version", 1),
        ("version", 2),
    ]


def test_a_failed_change_queues_nothing(desks: list[Desk]) -> None:
    desk = desks[0]
    record = complete_record()
    desk.repo.finish(record, "clerk")
    before = desk.outbox.waiting()
    changed = desk.repo.get(record.id)
    with pytest.raises(Exception, match="reason"):
        desk.repo.correct(changed, "clerk", "   ")  # refused: no reason
    assert desk.outbox.waiting() == before


def test_existing_history_is_queued_by_the_migration(desks: list[Desk]) -> None:
    """A desk joined later sends what it recorded before (migration 004 fills the outbox)."""
    desk = desks[0]
    desk.demo(20, seed=4)
    desk.outbox._db.execute("DELETE FROM outbox")
    from hearing_helper.store.sqlite.schema import MIGRATIONS, split_sql

    script = dict(MIGRATIONS)[4]
    backfill = [s for s in split_sql(script) if s.startswith("INSERT INTO outbox")]
    for statement in backfill:
        desk.outbox._db.execute(statement)
    assert desk.outbox.waiting() == 20 + 1  # 20 versions + the import's audit entry


def test_resend_all_after_a_server_restore_fills_the_gap(central: str, desks: list[Desk]) -> None:
    desk = desks[0]
    desk.demo(30, seed=5)
    assert desk.sender(central).push().ok
    with psycopg.connect(central) as pg:  # the server restored from a backup older than that
        pg.execute("DELETE FROM assists")
        pg.execute("DELETE FROM audit_log")
    assert desk.outbox.requeue_all() == 31
    assert desk.sender(central).push().ok
    assert_delivered_exactly(central, [desk])


def test_push_delivers_every_desk_exactly_once(central: str, desks: list[Desk]) -> None:
    desks[0].demo(300, seed=1)
    desks[1].demo(200, seed=2)
    record = desks[0].repo.get(next(iter(server_free_ids(desks[0]))))
    record.notes = "corrected after the hearing"
    desks[0].repo.correct(record, "clerk", "typo")
    results = [desk.sender(central, batch_items=150).push() for desk in desks]
    assert [r.ok for r in results] == [True, True]
    assert results[0].batches >= 2
    assert all(desk.outbox.waiting() == 0 for desk in desks)
    assert_delivered_exactly(central, desks)
    assert server_versions(central)[record.id] == 2


def server_free_ids(desk: Desk) -> list[str]:
    from hearing_helper.store.repository import HistoryQuery

    return [s.id for s in desk.repo.search(HistoryQuery(limit=5))]


def test_the_same_batch_delivered_twice_changes_nothing(central: str, desks: list[Desk]) -> None:
    desk = desks[0]
    desk.demo(50, seed=7)
    ids, batch = desk.outbox.next_batch(desk.desk_id, "desk", 1000)
    conn = connect(ServerAddress.from_url(central))
    try:
        deliver(conn, batch, datetime.now().astimezone())
        first = server_counts(central)
        again = deliver(conn, batch, datetime.now().astimezone())
    finally:
        conn.close()
    assert server_counts(central) == first
    assert again.new_conflicts == 0 and again.applied_records == 0
    desk.outbox.mark_sent(ids)
    assert_delivered_exactly(central, [desk])


def test_a_newer_version_wins_and_an_older_one_never_replaces_it(
    central: str, desks: list[Desk]
) -> None:
    desk = desks[0]
    record = complete_record()
    desk.repo.finish(record, "clerk")
    corrected = desk.repo.get(record.id)
    corrected.satisfaction = 2
    desk.repo.correct(corrected, "clerk", "rating")
    _ids, batch = desk.outbox.next_batch(desk.desk_id, "desk", 1000)
    v1 = replace(batch, versions=[v for v in batch.versions if v.version == 1], audits=[])
    v2 = replace(batch, versions=[v for v in batch.versions if v.version == 2], audits=[])
    conn = connect(ServerAddress.from_url(central))
    try:
        deliver(conn, v2, datetime.now().astimezone())
        late = deliver(conn, v1, datetime.now().astimezone())
    finally:
        conn.close()
    assert late.applied_records == 0
    assert server_versions(central) == {record.id: 2}
    with psycopg.connect(central) as pg:
        satisfaction = pg.execute("SELECT satisfaction FROM assists").fetchone()
        versions = pg.execute("SELECT count(*) FROM record_versions").fetchone()
    assert satisfaction == (2,) and versions == (2,)


def test_a_differing_duplicate_goes_to_conflicts_and_is_never_overwritten(
    central: str, desks: list[Desk]
) -> None:
    desk = desks[0]
    desk.repo.finish(complete_record(), "clerk")
    _ids, batch = desk.outbox.next_batch(desk.desk_id, "desk", 1000)
    conn = connect(ServerAddress.from_url(central))
    try:
        deliver(conn, batch, datetime.now().astimezone())
        forged_audit = replace(batch.audits[0], actor="someone else", hash="f" * 64)
        payload = json.loads(batch.versions[0].payload)
        payload["satisfaction"] = 1
        forged_version = replace(batch.versions[0], payload=json.dumps(payload))
        result = deliver(
            conn,
            replace(batch, audits=[forged_audit], versions=[forged_version]),
            datetime.now().astimezone(),
        )
    finally:
        conn.close()
    assert result.new_conflicts == 2
    with psycopg.connect(central) as pg:
        kinds = sorted(row[0] for row in pg.execute("SELECT kind FROM conflicts"))
        stored = pg.execute("SELECT actor FROM audit_log").fetchone()
        rating = pg.execute("SELECT satisfaction FROM assists").fetchone()
    assert kinds == ["audit", "version"]
    assert stored == ("clerk",) and rating == (5,)
    status = desk.sender(central).push().status
    assert status.conflicts == 2 and status.state == "conflicts"


def test_clock_skew_is_recorded_and_shown(central: str, desks: list[Desk]) -> None:
    desk = desks[0]
    desk.repo.finish(complete_record(), "clerk")
    _ids, batch = desk.outbox.next_batch(desk.desk_id, "desk", 1000)
    conn = connect(ServerAddress.from_url(central))
    try:
        result = deliver(conn, batch, datetime.now().astimezone() + timedelta(minutes=5))
    finally:
        conn.close()
    assert 290 < result.skew_s < 310
    with psycopg.connect(central) as pg:
        recorded = pg.execute("SELECT last_skew_s FROM desks").fetchone()
        deliveries = pg.execute("SELECT skew_s FROM deliveries").fetchall()
    assert recorded is not None and 290 < recorded[0] < 310
    assert len(deliveries) == 1


def test_skew_over_two_minutes_flags_the_status(central: str, desks: list[Desk]) -> None:
    desk = desks[0]
    desk.outbox.update_state(skew_s=-150.0)
    assert desk.sender(central).status().clock_skewed
    desk.outbox.update_state(skew_s=30.0)
    assert not desk.sender(central).status().clock_skewed


def test_backoff_doubles_up_to_a_cap() -> None:
    backoff = Backoff(base_s=5, cap_s=300)
    rng = random.Random(1)
    delays = [backoff.delay(n, rng) for n in range(0, 10)]
    assert delays[0] == 0
    assert 3.75 <= delays[1] <= 5
    assert delays[3] > delays[2] > delays[1]
    assert max(delays) <= 300 and delays[-1] >= 225


def test_unreachable_server_is_remembered_until_a_push_succeeds(
    central: str, desks: list[Desk]
) -> None:
    from tests.pg_cluster import free_port

    desk = desks[0]
    desk.repo.finish(complete_record(), "clerk")
    dead = f"postgresql://postgres@127.0.0.1:{free_port()}/court"
    first = desk.sender(dead, connect_timeout_s=2).push()
    second = desk.sender(dead, connect_timeout_s=2).push()
    assert first.status.state == "unreachable" and not first.ok
    assert first.status.error_code == "unreachable"
    assert second.status.unreachable_since == first.status.unreachable_since
    assert second.status.failures == 2
    assert "cannot be used" in second.status.last_error
    done = desk.sender(central).push()
    assert done.ok and done.status.state == "all_sent" and done.status.failures == 0
    assert done.status.last_success is not None


def test_record_payload_round_trips_through_the_server(central: str, desks: list[Desk]) -> None:
    desk = desks[0]
    record = complete_record()
    desk.repo.finish(record, "clerk")
    desk.sender(central).push()
    with psycopg.connect(central) as pg:
        payload = pg.execute("SELECT payload FROM record_versions").fetchone()
    assert payload is not None
    assert (
        AssistRecord.from_dict(json.loads(payload[0])).to_dict()
        == desk.repo.get(record.id).to_dict()
    )


def test_an_export_is_queued_with_the_audit_entry_that_records_it(desks: list[Desk]) -> None:
    desk = desks[0]
    desk.repo.append_audit("it", "settings.changed", {"key": "language"})
    entry = desk.repo.record_export(
        "boss", "csv", {"from": "2026-01-01"}, 12, "a" * 64, False, "x.csv"
    )
    _ids, batch = desk.outbox.next_batch(desk.desk_id, "desk", 100)
    assert [e.audit_seq for e in batch.exports] == [entry.seq]
    audit = {a.seq: a.action for a in batch.audits}
    assert audit[entry.seq] == "export.written"
