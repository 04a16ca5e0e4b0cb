"""Conflicts that cannot slip (issue 24, finding 2): two deliveries of the same key with
different content at the same moment both reach the server; one is kept, the other recorded."""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from datetime import datetime

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
