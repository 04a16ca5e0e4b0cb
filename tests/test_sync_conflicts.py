"""Conflicts that cannot slip (issue 24, finding 2): two deliveries of the same key with
different content at the same moment both reach the server; one is kept, the other recorded."""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from datetime import datetime
from typing import Any

import psycopg

from hearing_helper.store.postgres.connection import ServerAddress, connect
from hearing_helper.store.postgres.delivery import DeliveryResult, deliver
from hearing_helper.store.sync.batch import Batch
from tests.pg_cluster import wait_until
from tests.sync_fixtures import Desk
from tests.test_store import complete_record

# The first delivery to reach the end of its transaction sleeps there (its rows written, not
# yet committed), so the second one runs while the first still holds its rows.
SLOW_ONCE = """
CREATE TABLE slow_once (n int);
INSERT INTO slow_once VALUES (1);
CREATE FUNCTION slow_once_sleep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM slow_once) THEN
        DELETE FROM slow_once;
        PERFORM pg_sleep(2);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER slow_once AFTER INSERT ON deliveries
    FOR EACH ROW EXECUTE FUNCTION slow_once_sleep();
GRANT ALL ON slow_once TO PUBLIC;
"""


def _sleeping(url: str) -> bool:
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'"
        ).fetchone()
    return bool(row and row[0])


def _deliver(url: str, batch: Batch, results: list[DeliveryResult]) -> None:
    conn = connect(ServerAddress.from_url(url))
    try:
        results.append(deliver(conn, batch, datetime.now().astimezone()))
    finally:
        conn.close()


def test_two_deliveries_of_one_key_at_once_record_the_conflict(
    central: str, desks: list[Desk]
) -> None:
    desk = desks[0]
    desk.repo.finish(complete_record(), "clerk")
    _keys, batch = desk.outbox.next_batch(desk.desk_id, "desk", 100)
    payload = json.loads(batch.versions[0].payload)
    payload["satisfaction"] = 1
    # The same record version from another desk (a copied data folder, say): a desk's own
    # deliveries already wait for each other on its desks row, other desks' did not.
    other = replace(
        batch,
        desk_id=desks[1].desk_id,
        versions=[replace(batch.versions[0], payload=json.dumps(payload))],
        audits=[],
    )
    with psycopg.connect(central, autocommit=True) as conn:
        conn.execute(SLOW_ONCE)
    results: list[DeliveryResult] = []
    first = threading.Thread(target=_deliver, args=(central, batch, results))
    first.start()
    assert wait_until(lambda: _sleeping(central), timeout_s=30)
    second = threading.Thread(target=_deliver, args=(central, other, results))
    second.start()
    first.join(timeout=60)
    second.join(timeout=60)
    assert len(results) == 2
    with psycopg.connect(central) as conn:
        versions = conn.execute("SELECT count(*) FROM record_versions").fetchone()
        conflicts = conn.execute("SELECT kind, item_key FROM conflicts").fetchall()
        rating = conn.execute("SELECT satisfaction FROM assists").fetchone()
    assert versions == (1,)
    assert rating == (5,)  # the first copy is kept...
    assert [kind for kind, _key in conflicts] == ["version"]  # ...the second is recorded
    assert sum(r.new_conflicts for r in results) == 1


# --- finding 3: a poison item is set aside, the rest flows, nothing dropped silently ----------


def _poison_one(desk: Desk) -> str:
    """A finished record whose stored copy holds a NUL character (as an older version let
    through): the server cannot store it."""
    import sqlite3

    record = complete_record()
    desk.repo.finish(record, "clerk")
    db = sqlite3.connect(desk.repo.path)
    with db:  # JSON's escape for NUL, inside the litigant's name
        db.execute(
            "UPDATE record_versions SET payload = replace(payload, '王小明', '王\\u0000明') "
            "WHERE assist_id = ?",
            (record.id,),
        )
    db.close()
    return record.id


def test_a_record_the_server_refuses_is_set_aside_and_the_rest_flows(
    central: str, desks: list[Desk]
) -> None:
    desk = desks[0]
    desk.demo(20, seed=51)
    poisoned = _poison_one(desk)
    desk.demo(20, seed=52)
    result = desk.sender(central, batch_items=16).push()
    status = result.status
    assert status.state == "held", status
    assert status.error_code == "" and not status.unreachable_since
    assert [(item.kind, item.ref) for item in status.held] == [("version", poisoned)]
    assert "NUL" in status.held[0].reason
    assert status.waiting == 0 and not result.ok
    with psycopg.connect(central) as conn:
        stored = conn.execute("SELECT count(*) FROM assists").fetchone()
        audit = conn.execute("SELECT count(*) FROM audit_log").fetchone()
    assert stored == (40,)
    assert audit == (3,)  # two imports and the finish: every audit entry got through
    json_status = status.to_json()
    assert json_status["held"][0]["key"] == f"record {poisoned} v1"


def test_an_item_whose_source_is_missing_is_kept_visible_and_logged(
    central: str, desks: list[Desk], caplog: Any
) -> None:
    import logging
    import sqlite3

    desk = desks[0]
    desk.demo(5, seed=53)
    db = sqlite3.connect(desk.repo.path)
    with db:
        db.execute("INSERT INTO outbox (kind, ref, num) VALUES ('version', 'no-such-record', 1)")
    db.close()
    with caplog.at_level(logging.WARNING):
        status = desk.sender(central).push().status
    assert [item.ref for item in status.held] == ["no-such-record"]
    assert "missing" in status.held[0].reason
    assert "no-such-record" in caplog.text
    assert status.waiting == 0


def test_a_nul_character_typed_into_a_record_is_cleaned_before_it_is_stored(
    central: str, desks: list[Desk]
) -> None:
    from hearing_helper.domain.enums import StepId
    from hearing_helper.domain.record import Problem

    desk = desks[0]
    record = complete_record(litigant_name="王\x00小明")
    record.notes = "pasted\x00 text"
    record.problems.append(Problem(StepId.JOIN, "other", "no\x00sound"))
    desk.repo.save_draft(record)
    assert "\x00" not in desk.repo.get(record.id).notes
    desk.repo.finish(record, "clerk")
    stored = desk.repo.get(record.id)
    assert stored.intake.litigant_name == "王小明" and stored.notes == "pasted text"
    assert stored.problems[0].note == "nosound"
    stored.notes = "again\x00"
    desk.repo.correct(stored, "clerk", "typo\x00")
    assert desk.repo.get(record.id).notes == "again"
    assert desk.sender(central).push().ok


# --- finding 6: conflicts are shown side by side, settled, and the count clears --------------


def _conflicting_copy(central: str, desk: Desk) -> str:
    """The server got another copy of this desk's record version first (as from a copied data
    folder): the desk's own delivery then conflicts."""
    record = complete_record()
    desk.repo.finish(record, "clerk")
    _keys, batch = desk.outbox.next_batch(desk.desk_id, "desk", 100)
    payload = json.loads(batch.versions[0].payload)
    payload["satisfaction"] = 2
    payload["notes"] = "the other copy"
    other = replace(batch, versions=[replace(batch.versions[0], payload=json.dumps(payload))])
    conn = connect(ServerAddress.from_url(central))
    try:
        deliver(conn, other, datetime.now().astimezone())
    finally:
        conn.close()
    return record.id


def test_a_conflict_is_listed_by_key_settled_as_an_audited_version_and_the_count_clears(
    central: str, desks: list[Desk]
) -> None:
    from hearing_helper.store.postgres.connection import ServerAddress as Address
    from hearing_helper.store.sync.conflicts import KEEP_SERVER, open_conflicts, settle

    desk = desks[0]
    record_id = _conflicting_copy(central, desk)
    status = desk.sender(central).push().status
    assert status.conflicts == 1 and status.state == "conflicts"
    assert status.conflict_keys == (f"version record {record_id} v1",)
    assert status.to_json()["conflict_keys"] == [f"version record {record_id} v1"]
    found = open_conflicts(Address.from_url(central), desk.desk_id)
    assert [c.key for c in found] == [f"version record {record_id} v1"]
    conflict = found[0]
    assert conflict.server_copy is not None and conflict.desk_copy is not None
    assert conflict.server_copy.notes == "the other copy" and conflict.desk_copy.satisfaction == 5
    settled = settle(desk.repo, conflict, KEEP_SERVER, "boss")
    assert settled.version == 2 and settled.notes == "the other copy"
    last = list(desk.repo.iter_audit())[-1]
    assert last.action == "record.corrected" and "conflict settled" in last.details["reason"]
    done = desk.sender(central).push()
    assert done.ok and done.status.conflicts == 0 and done.status.conflict_keys == ()
    assert open_conflicts(Address.from_url(central), desk.desk_id) == []
    with psycopg.connect(central) as conn:
        row = conn.execute("SELECT settled_by FROM conflicts").fetchone()
        current = conn.execute("SELECT version, satisfaction FROM assists").fetchone()
    assert row is not None and row[0].startswith("version 2")
    assert current == (2, 2)
