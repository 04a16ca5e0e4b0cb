"""One sender per desk, and an outbox whose ids never repeat (issue 24, finding 1).

Two senders of one desk (the window's and ``hearing-helper sync``, or two windows) used to
push at once; one of them marked its batch sent by id after the other had emptied the outbox,
and a record finished in between had been given a reused id: it was deleted unsent.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import datetime
from typing import Any

from hearing_helper.store.postgres import connection, delivery
from hearing_helper.store.sqlite.outbox import SqliteOutbox
from tests.sync_fixtures import Desk, assert_delivered_exactly
from tests.test_store import complete_record


def test_outbox_ids_never_repeat_after_the_outbox_was_emptied(desks: list[Desk]) -> None:
    desk = desks[0]
    desk.repo.finish(complete_record(), "clerk")
    ids, _batch = desk.outbox.next_batch(desk.desk_id, "", 100)
    desk.outbox.mark_sent(ids)
    desk.repo.finish(complete_record(), "clerk")
    again, _ = desk.outbox.next_batch(desk.desk_id, "", 100)
    assert min(again) > max(ids)


def test_mark_sent_leaves_an_item_queued_under_a_reused_id(desks: list[Desk]) -> None:
    """Even if an id came back (an old file), the marker (kind, ref, num) keeps it."""
    desk = desks[0]
    desk.repo.finish(complete_record(), "clerk")
    ids, batch = desk.outbox.next_batch(desk.desk_id, "", 100)
    db = sqlite3.connect(desk.repo.path)
    with db:
        db.execute("DELETE FROM outbox")
        db.execute(
            "INSERT INTO outbox (id, kind, ref, num) VALUES (?, 'audit', '', 999)", (ids[0][0],)
        )
    db.close()
    desk.outbox.mark_sent(ids)
    assert desk.outbox.waiting() == 1


def test_a_record_finished_while_two_senders_race_is_never_lost(
    central: str, desks: list[Desk]
) -> None:
    """Sender A is inside its delivery when sender B (another window, or `sync`) starts and a
    clerk finishes a record. Whatever the order, the record reaches the server."""
    desk = desks[0]
    desk.demo(20, seed=41)
    second = SqliteOutbox(desk.repo.path)
    other = Desk(desk.data_dir, desk.repo, second).sender(central)
    real_deliver = delivery.deliver
    racing: list[threading.Thread] = []

    def deliver_while_racing(conn: Any, batch: Any, clock: datetime) -> Any:
        result = real_deliver(conn, batch, clock)
        if not racing:
            racing.append(threading.Thread(target=other.push))
            racing[0].start()
            time.sleep(1.0)  # B pushes now if nothing stops it
            desk.repo.finish(complete_record(), "clerk")
        return result

    first = desk.sender(central, deliver_batch=deliver_while_racing).push()
    racing[0].join(timeout=60)
    assert first.sent > 0
    assert desk.sender(central).push().ok
    second.close()
    assert desk.outbox.waiting() == 0
    assert_delivered_exactly(central, [desk])


def test_only_one_sender_of_a_desk_delivers_at_a_time(central: str, desks: list[Desk]) -> None:
    """Three senders (own SQLite connections, as separate programs would have) push in a loop
    while records are finished; never two deliveries of the desk at once, nothing lost."""
    desk = desks[0]
    desk.demo(50, seed=42)
    real_deliver = delivery.deliver
    active = [0]
    most = [0]
    guard = threading.Lock()

    def counting_deliver(conn: Any, batch: Any, clock: datetime) -> Any:
        with guard:
            active[0] += 1
            most[0] = max(most[0], active[0])
        try:
            time.sleep(0.05)
            return real_deliver(conn, batch, clock)
        finally:
            with guard:
                active[0] -= 1

    outboxes = [SqliteOutbox(desk.repo.path) for _ in range(3)]
    senders = [
        Desk(desk.data_dir, desk.repo, box).sender(
            central, batch_items=7, deliver_batch=counting_deliver
        )
        for box in outboxes
    ]
    done = threading.Event()

    def keep_pushing(sender: Any) -> None:
        while not done.is_set():
            sender.push()

    threads = [threading.Thread(target=keep_pushing, args=(s,)) for s in senders]
    for thread in threads:
        thread.start()
    for _ in range(15):
        desk.repo.finish(complete_record(), "clerk")
        time.sleep(0.05)
    done.set()
    for thread in threads:
        thread.join(timeout=60)
    for box in outboxes:
        box.close()
    assert desk.sender(central).push().ok
    assert most[0] == 1
    assert_delivered_exactly(central, [desk])


def test_migration_6_keeps_the_queued_items_and_their_order(tmp_path: Any) -> None:
    from hearing_helper.store.sqlite import open_repository
    from hearing_helper.store.sqlite.repository import DB_FILENAME
    from hearing_helper.store.sqlite.schema import MIGRATIONS, split_sql

    path = tmp_path / DB_FILENAME
    db = sqlite3.connect(path)
    for number, script in MIGRATIONS:
        if number > 5:
            break
        for statement in split_sql(script):
            db.execute(statement)
        db.execute(f"PRAGMA user_version={number}")
    db.commit()
    db.execute("INSERT INTO outbox (id, kind, ref, num) VALUES (7, 'audit', '', 3)")
    db.execute("INSERT INTO outbox (id, kind, ref, num) VALUES (9, 'version', 'r1', 2)")
    db.commit()
    db.close()
    repo = open_repository(tmp_path)
    outbox = SqliteOutbox(path)
    try:
        rows = outbox._db.execute("SELECT id, kind, ref, num FROM outbox ORDER BY id").fetchall()
        assert rows == [(7, "audit", "", 3), (9, "version", "r1", 2)]
        repo.append_audit("it", "settings.changed", {"key": "language"})
        newest = outbox._db.execute("SELECT max(id) FROM outbox").fetchone()[0]
        assert newest > 9
    finally:
        outbox.close()
        repo.close()


def test_an_idle_desk_does_not_connect_until_it_has_something_to_send(
    central: str, desks: list[Desk]
) -> None:
    desk = desks[0]
    desk.demo(3, seed=43)
    assert desk.sender(central).push().ok
    connects: list[object] = []
    real_connect = connection.connect

    def counting_connect(*args: Any, **kwargs: Any) -> Any:
        connects.append(args)
        return real_connect(*args, **kwargs)

    for _ in range(3):
        assert desk.sender(central, connect_to=counting_connect).push().ok
    assert connects == []
    assert desk.sender(central, connect_to=counting_connect).push(force=True).ok  # "Sync now"
    assert len(connects) == 1
    desk.repo.finish(complete_record(), "clerk")
    assert desk.sender(central, connect_to=counting_connect).push().sent == 2
    assert len(connects) == 2
