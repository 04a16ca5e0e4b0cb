"""A stateful model test of the court's log (issue 24, "done when").

Two desks deliver to the real PostgreSQL the tests start while Hypothesis interleaves what a
court sees on a bad day: records finished, corrected and followed up; two senders of one desk
pushing at once; the same batch delivered twice; the connection cut mid-batch (TCP proxy); the
server stopped and restarted; a sender SIGKILLed between the server's commit and its local mark;
and a forged copy of an audit entry (which must be recorded as a conflict). After every run:
every finished version of every desk is on the server exactly once, each record at its newest
version; every conflict the model expects is recorded (and no other); every desk's chain
verifies there; the status counts match the outbox.

Bounded (HH_MODEL_EXAMPLES, default 4 runs of up to 10 steps; about 35 s here); a failure prints
the seed to rerun it with HH_MODEL_SEED=<seed> (HH_MODEL_VERBOSE=1 prints each step).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import psycopg
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from hearing_helper.demo import generate_records
from hearing_helper.domain.visit import FollowUp, FollowUpResult
from hearing_helper.store.postgres.connection import ServerAddress, connect
from hearing_helper.store.postgres.delivery import deliver
from hearing_helper.store.postgres.roles import init_server
from hearing_helper.store.repository import HistoryQuery
from hearing_helper.store.sqlite.outbox import SqliteOutbox
from tests.pg_cluster import PgCluster
from tests.sync_fixtures import Desk, local_versions, open_desk, server_chain_breaks
from tests.tcp_proxy import TcpProxy
from tests.test_store import complete_record
from tests.test_sync_faults import KILL_AFTER_COMMIT, ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

EXAMPLES = int(os.environ.get("HH_MODEL_EXAMPLES", "4"))
STEPS = 10
DESKS = 2
ACTIONS = (
    "finish",
    "correct",
    "follow_up",
    "push",
    "two_senders_at_once",
    "same_batch_twice",
    "connection_cut",
    "server_restart",
    "killed_after_commit",
    "forged_audit_copy",
)
FAR_FUTURE = datetime(2030, 1, 1).astimezone()


def _local_version_rows(desk: Desk) -> set[tuple[str, int]]:
    rows = desk.outbox._db.execute("SELECT assist_id, version FROM record_versions").fetchall()
    return {(str(r), int(v)) for r, v in rows}


def _queued(desk: Desk) -> int:
    row = desk.outbox._db.execute("SELECT count(*) FROM outbox WHERE held_reason IS NULL")
    return int(row.fetchone()[0])


def make_machine(cluster: PgCluster, proxy: TcpProxy, work: Path) -> type[RuleBasedStateMachine]:
    class CourtLog(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.dbname = cluster.new_database()
            self.url = cluster.url(self.dbname)
            conn = connect(ServerAddress.from_url(self.url))
            try:
                init_server(conn, self.url)
            finally:
                conn.close()
            run = len(list(work.iterdir()))
            self.desks = [open_desk(work / f"run{run}" / f"desk{n}") for n in range(DESKS)]
            for n, desk in enumerate(self.desks):
                records = generate_records(6, seed=run * 10 + n, visits=True, demo=False)
                desk.repo.import_finished(records, "setup")
            self.expected_conflicts: set[tuple[str, str]] = set()  # (desk id, item key)

        # One rule draws the kind of step, so that even a few short runs mix them all (with a
        # rule per kind, Hypothesis's first runs repeat one kind).
        @rule(
            action=st.sampled_from(ACTIONS),
            d=st.integers(0, DESKS - 1),
            pick=st.integers(0, 50),
            after=st.sampled_from([2_000, 20_000]),
        )
        def step(self, action: str, d: int, pick: int, after: int) -> None:
            if os.environ.get("HH_MODEL_VERBOSE"):
                print(f"step {action} desk {d}", file=sys.stderr)
            method = getattr(self, action)
            if action == "correct":
                method(d, pick)
            elif action == "connection_cut":
                method(d, after)
            elif action == "server_restart":
                method()
            else:
                method(d)

        # --- what clerks do --------------------------------------------------------------

        def finish(self, d: int) -> None:
            self.desks[d].repo.finish(complete_record(), "clerk")

        def correct(self, d: int, pick: int) -> None:
            desk = self.desks[d]
            found = desk.repo.search(HistoryQuery(status="finished", limit=60))
            record = desk.repo.get(found[pick % len(found)].id)
            record.notes = f"corrected {pick}"
            desk.repo.correct(record, "clerk", "model test")

        def follow_up(self, d: int) -> None:
            desk = self.desks[d]
            due = desk.repo.follow_ups(FAR_FUTURE)
            if due:
                follow = FollowUp(FollowUpResult.ON_TIME, datetime.now().astimezone(), "S2")
                desk.repo.record_follow_up(due[0].id, follow, "S2")

        # --- what the network, the server and the senders do -----------------------------

        def push(self, d: int) -> None:
            self.desks[d].sender(self.url, batch_items=5).push()

        def two_senders_at_once(self, d: int) -> None:
            desk = self.desks[d]
            boxes = [SqliteOutbox(desk.repo.path) for _ in range(2)]
            senders = [
                Desk(desk.data_dir, desk.repo, box).sender(self.url, batch_items=3) for box in boxes
            ]
            threads = [threading.Thread(target=s.push) for s in senders]
            for thread in threads:
                thread.start()
            desk.repo.finish(complete_record(), "clerk")  # while they push
            for thread in threads:
                thread.join(timeout=120)
            for box in boxes:
                box.close()

        def same_batch_twice(self, d: int) -> None:
            desk = self.desks[d]
            keys, batch = desk.outbox.next_batch(desk.desk_id, "desk", 7)
            if not keys:
                return
            conn = connect(ServerAddress.from_url(self.url))
            try:
                for _ in range(2):
                    deliver(conn, batch, datetime.now().astimezone())
            finally:
                conn.close()
            desk.outbox.mark_sent(keys)

        def connection_cut(self, d: int, after: int) -> None:
            proxy.drop_after(after)
            try:
                self.desks[d].sender(proxy.url(self.dbname), batch_items=4).push()
            finally:
                proxy.pass_through()

        def server_restart(self) -> None:
            cluster.stop("fast")
            cluster.start()

        def killed_after_commit(self, d: int) -> None:
            desk = self.desks[d]
            if not desk.outbox.waiting():
                return
            child = subprocess.run(
                [sys.executable, "-c", KILL_AFTER_COMMIT, str(desk.data_dir), self.url, "4"],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=120,
                env=os.environ | {"PYTHONPATH": str(ROOT)},
            )
            assert child.returncode == -signal.SIGKILL, child.stderr

        def forged_audit_copy(self, d: int) -> None:
            """Someone delivers a different copy of an entry the server already has."""
            desk = self.desks[d]
            with psycopg.connect(self.url) as conn:
                row = conn.execute(
                    "SELECT seq, at, actor, action, details, prev_hash, hash FROM audit_log "
                    "WHERE desk_id = %s ORDER BY seq LIMIT 1",
                    (desk.desk_id,),
                ).fetchone()
            if row is None:
                return
            from hearing_helper.store.sync.batch import AuditItem, Batch

            # The audit row's columns in AuditItem's order, the hash replaced.
            forged = AuditItem(*row[:-1], hash="f" * 64)  # type: ignore[misc]
            conn2 = connect(ServerAddress.from_url(self.url))
            try:
                deliver(
                    conn2,
                    Batch(desk.desk_id, "desk", audits=[replace(forged, actor="forger")]),
                    datetime.now().astimezone(),
                )
            finally:
                conn2.close()
            self.expected_conflicts.add((desk.desk_id, f"seq {row[0]}"))

        # --- after every step: the local view is consistent ------------------------------

        @invariant()
        def status_matches_the_outbox(self) -> None:
            for desk in self.desks:
                status = desk.sender(self.url).status()
                assert status.waiting == _queued(desk)
                assert status.held == ()

        def teardown(self) -> None:
            try:
                self._check_everything_delivered()
            finally:
                for desk in self.desks:
                    desk.close()

        def _check_everything_delivered(self) -> None:
            for desk in self.desks:
                done = desk.sender(self.url, batch_items=50).push(force=True)
                assert done.status.waiting == 0, done.status.last_error
            with psycopg.connect(self.url) as conn:
                server_rows = conn.execute(
                    "SELECT desk_id, assist_id, version FROM record_versions"
                ).fetchall()
                current: dict[str, int] = dict(
                    conn.execute("SELECT id, version FROM assists").fetchall()
                )
                conflicts = set(conn.execute("SELECT desk_id, item_key FROM conflicts").fetchall())
                audit: dict[str, int] = dict(
                    conn.execute("SELECT desk_id, count(*) FROM audit_log GROUP BY 1").fetchall()
                )
            # Every finished version exactly once (primary key), each desk's all of them...
            for desk in self.desks:
                mine = {(a, v) for d, a, v in server_rows if d == desk.desk_id}
                assert mine == _local_version_rows(desk)
                assert audit.get(desk.desk_id) == sum(1 for _ in desk.repo.iter_audit())
                status = desk.sender(self.url).status()
                expected = sum(1 for d, _k in self.expected_conflicts if d == desk.desk_id)
                assert status.conflicts == expected and status.waiting == _queued(desk) == 0
            # ...each record at its newest version, every conflict recorded, chains intact.
            newest: dict[str, int] = {}
            for desk in self.desks:
                newest |= local_versions(desk)
            assert current == newest
            assert conflicts == self.expected_conflicts
            assert set(server_chain_breaks(self.url).values()) == {None}

    return CourtLog


def test_the_court_log_loses_nothing_and_hides_nothing(
    pg_cluster: PgCluster, pg_proxy: TcpProxy, tmp_path: Path
) -> None:
    seed = int(os.environ.get("HH_MODEL_SEED") or random.randrange(2**32))
    machine = make_machine(pg_cluster, pg_proxy, tmp_path)
    machine._hypothesis_internal_use_seed = seed
    try:
        run_state_machine_as_test(
            machine,
            settings=settings(
                max_examples=EXAMPLES,
                stateful_step_count=STEPS,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
                print_blob=True,
            ),
        )
    except BaseException:
        print(f"\nModel test failed; rerun it with HH_MODEL_SEED={seed}", file=sys.stderr)
        raise
    finally:
        if not pg_cluster._running:  # running again whatever step failed
            pg_cluster.start()
