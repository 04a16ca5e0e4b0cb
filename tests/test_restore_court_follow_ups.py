"""A replaced desk and the court's shared follow-ups (issue 21): what other desks did about the
old desk's follow-ups -- answers given while the old PC was still there (applied or not) and
after it died, claims held now -- reaches the restored desk, once each; and an answer the old
desk gave to another desk's follow-up that never reached the court is named, not lost silently."""

from __future__ import annotations

import json
from pathlib import Path

from hearing_helper.auth import SupervisorAuth
from hearing_helper.config import Settings
from hearing_helper.domain.record import now_local
from hearing_helper.domain.visit import FollowUp, FollowUpResult
from hearing_helper.store.court_channel import find_follow_ups
from tests.court_fixtures import (
    CLERK_A,
    CLERK_B,
    CourtDeskUnderTest,
    court_desks,  # noqa: F401
    finish_prepared,
)
from tests.sync_fixtures import open_desk
from tests.test_pg_cli import hh

Desks = tuple[CourtDeskUnderTest, CourtDeskUnderTest]
PASSWORD = "庭长-secret-2"


def _answer(result: FollowUpResult, clerk: str) -> FollowUp:
    return FollowUp(result, now_local(), clerk, cause="no_network")


def test_a_restored_desk_gets_what_other_desks_did_about_its_follow_ups(
    court_desks: Desks,  # noqa: F811
    tmp_path: Path,
) -> None:
    a, b = court_desks
    SupervisorAuth(Settings(a.desk.data_dir), a.desk.repo, a.desk.data_dir).set_password(
        PASSWORD, "test"
    )
    cases = [f"（2026）冀1126民初{6000 + n}号" for n in range(4)]
    applied, unapplied, claimed, own_due = (
        finish_prepared(a.desk, CLERK_A, case_number=case) for case in cases
    )
    b_prepared = finish_prepared(b.desk, CLERK_B, case_number="（2026）冀1126民初6100号")
    a.sync()
    b.sync()
    # B answers one of A's follow-ups; A applies it (its version 2 reaches the court).
    b.desk.repo.queue_court_answer(
        applied.id, a.desk.desk_id, _answer(FollowUpResult.ON_TIME, "B9"), "B9"
    )
    b.sync()
    a.sync()
    assert a.desk.repo.get(applied.id).version == 2
    # A answers B's follow-up while B's clerk holds a claim on it: A's answer waits on A's PC.
    assert b.court().claim(b_prepared.id, CLERK_B.staff_id).granted
    a.desk.repo.queue_court_answer(
        b_prepared.id, b.desk.desk_id, _answer(FollowUpResult.JOINED_LATE, "A7"), "A7"
    )
    a.sync()  # its audit entry reaches the court; the answer itself waits for B's claim
    assert a.desk.repo.court_answers_waiting() == 1
    # Then A's PC dies. B answers another of A's follow-ups and claims a third.
    b.desk.repo.queue_court_answer(
        unapplied.id, a.desk.desk_id, _answer(FollowUpResult.JOINED_LATE, "B9"), "B9"
    )
    b.sync()
    assert b.court().claim(claimed.id, CLERK_B.staff_id).granted
    a.desk.close()

    new_dir = tmp_path / "replacement"
    done = hh(new_dir, "restore", "--central", a.url, "--desk-id", a.desk.desk_id, "--json",
              stdin=PASSWORD + "\n", timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    # Due on the restored desk: the claimed one and its own; the answered ones are not.
    assert summary["follow_ups"] == 2, summary
    assert summary["answers_applied"] == 1, summary
    # The answer that never reached the court is named (B's record), with what to do.
    assert summary["answers_not_delivered"] == [b_prepared.id], summary
    assert b_prepared.id in done.stderr and "again" in done.stderr

    verified = hh(new_dir, "verify-log", "--json")  # the applied answer continues the chain
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert json.loads(verified.stdout)["intact"] is True

    restored = CourtDeskUnderTest(open_desk(new_dir), a.url, a.name)
    a.desk = restored.desk  # the fixture closes it
    repo = restored.desk.repo
    got = repo.get(unapplied.id).follow_up
    assert got is not None and got.result is FollowUpResult.JOINED_LATE
    assert [v.version for v in repo.versions(applied.id)] == [1, 2]  # not applied twice
    assert [v.version for v in repo.versions(unapplied.id)] == [1, 2]
    restored.sync()
    assert [v.version for v in repo.versions(unapplied.id)] == [1, 2]  # the sync adds nothing
    due = find_follow_ups(repo, restored.court(), now_local(), a.name).items
    assert sorted(item.hearing.id for item in due) == sorted(
        [claimed.id, own_due.id, b_prepared.id]
    )
    held = next(item for item in due if item.hearing.id == claimed.id)
    assert held.claim is not None and held.claimed_elsewhere(a.desk.desk_id, CLERK_A.staff_id)
