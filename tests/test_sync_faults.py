"""Fault tests of the outbox delivery against the real PostgreSQL the tests start (issue 12).

In every case, once the server is back and a push has run: every finished record is on the
server exactly once at its newest version, and each desk's audit chain verifies there.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import psycopg
import pytest

from hearing_helper.store.sync.sender import PushResult
from tests.pg_cluster import PgCluster, wait_until
from tests.sync_fixtures import Desk, assert_delivered_exactly
from tests.tcp_proxy import TcpProxy

ROOT = Path(__file__).resolve().parent.parent


def _server_versions_count(url: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT count(*) FROM record_versions").fetchone()
    return int(row[0]) if row else 0


def _correct_some(desk: Desk, how_many: int) -> None:
    from hearing_helper.store.repository import HistoryQuery

    for summary in desk.repo.search(HistoryQuery(limit=how_many)):
        record = desk.repo.get(summary.id)
        record.notes = "corrected"
        desk.repo.correct(record, "clerk", "fault test")


@pytest.mark.parametrize("cut_after_bytes", [3_000, 60_000, 400_000])
def test_connection_dropped_mid_batch(
    central: str, desks: list[Desk], pg_proxy: TcpProxy, pg_dbname: str, cut_after_bytes: int
) -> None:
    desk = desks[0]
    desk.demo(600, seed=21)
    _correct_some(desk, 5)
    pg_proxy.drop_after(cut_after_bytes)
    failed = desk.sender(pg_proxy.url(pg_dbname), batch_items=250).push()
    assert not failed.ok and failed.status.state == "unreachable"
    assert pg_proxy.drops >= 1
    assert failed.status.waiting > 0
    pg_proxy.pass_through()
    done = desk.sender(pg_proxy.url(pg_dbname), batch_items=250).push()
    assert done.ok, done.status.last_error
    assert_delivered_exactly(central, [desk])


def test_server_stopped_and_restarted_in_the_middle_of_a_large_push(
    central: str, desks: list[Desk], pg_cluster: PgCluster
) -> None:
    desk = desks[0]
    desk.demo(3000, seed=22)
    results: list[PushResult] = []
    pushing = threading.Thread(
        target=lambda: results.append(desk.sender(central, batch_items=100).push())
    )
    pushing.start()
    try:
        assert wait_until(lambda: _server_versions_count(central) >= 200, timeout_s=60)
        pg_cluster.stop("fast")
        pushing.join(timeout=120)
    finally:
        pg_cluster.stop("fast")
        pg_cluster.start()
    assert not pushing.is_alive()
    assert not results[0].ok and results[0].status.waiting > 0
    assert results[0].sent >= 200
    done = desk.sender(central, batch_items=500).push()
    assert done.ok, done.status.last_error
    assert_delivered_exactly(central, [desk])


KILL_AFTER_COMMIT = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from hearing_helper.store.sqlite.outbox import SqliteOutbox
    from tests.sync_fixtures import open_desk

    def killed(self, ids):  # the server has committed the batch; die before the local mark
        os.kill(os.getpid(), signal.SIGKILL)

    SqliteOutbox.mark_sent = killed
    desk = open_desk(Path(sys.argv[1]))
    desk.sender(sys.argv[2], batch_items=int(sys.argv[3])).push()
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_desk_killed_between_the_server_commit_and_the_local_mark(
    central: str, desks: list[Desk]
) -> None:
    desk = desks[0]
    desk.demo(400, seed=23)
    waiting = desk.outbox.waiting()
    child = subprocess.run(
        [sys.executable, "-c", KILL_AFTER_COMMIT, str(desk.data_dir), central, "150"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert _server_versions_count(central) == 150  # the first batch is on the server...
    assert desk.outbox.waiting() == waiting  # ...and still waiting here
    done = desk.sender(central, batch_items=150).push()  # resends it: ignored by the server
    assert done.ok, done.status.last_error
    assert_delivered_exactly(central, [desk])


def test_two_desks_pushing_at_once(central: str, desks: list[Desk]) -> None:
    desks[0].demo(800, seed=24)
    desks[1].demo(800, seed=25)
    results: list[PushResult] = []
    threads = [
        threading.Thread(
            target=lambda d=desk: results.append(d.sender(central, batch_items=100).push())
        )
        for desk in desks
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert [r.ok for r in results] == [True, True]
    assert_delivered_exactly(central, desks)


def test_a_server_that_accepts_and_never_answers_cannot_hold_the_sender(
    central: str, desks: list[Desk], pg_proxy: TcpProxy, pg_dbname: str
) -> None:
    desk = desks[0]
    desk.demo(300, seed=26)
    url = pg_proxy.url(pg_dbname)
    pg_proxy.stall()  # before connecting
    refused = desk.sender(url, connect_timeout_s=1, batch_timeout_s=2).push()
    assert not refused.ok and refused.status.state == "unreachable"
    pg_proxy.pass_through()
    pg_proxy.delay_s = 0.01
    results: list[PushResult] = []
    pushing = threading.Thread(
        target=lambda: results.append(
            desk.sender(url, batch_items=50, connect_timeout_s=2, batch_timeout_s=5).push()
        )
    )
    pushing.start()
    assert wait_until(lambda: _server_versions_count(central) >= 50, timeout_s=60)
    pg_proxy.stall()  # in the middle of the push
    pushing.join(timeout=60)
    assert not pushing.is_alive(), "the stalled server held the sender"
    assert not results[0].ok
    pg_proxy.pass_through()
    done = desk.sender(url).push()
    assert done.ok, done.status.last_error
    assert_delivered_exactly(central, [desk])


def test_every_packet_delayed_still_delivers(
    central: str, desks: list[Desk], pg_proxy: TcpProxy, pg_dbname: str
) -> None:
    desk = desks[0]
    desk.demo(200, seed=27)
    pg_proxy.delay_s = 0.3
    done = desk.sender(pg_proxy.url(pg_dbname), batch_items=200).push()
    assert done.ok, done.status.last_error
    assert_delivered_exactly(central, [desk])
