"""The court as one help desk (issue 21): a litigant prepared at desk A is known at desk B, the
follow-up is shared, claimed and answered across desks, and B falls back to its own file when
the court cannot be reached. Real PostgreSQL, two desks, each with its own desk login."""

from __future__ import annotations

import json
from datetime import timedelta

import psycopg
import pytest

from hearing_helper.domain.record import now_local
from hearing_helper.domain.visit import FollowUp, FollowUpResult
from hearing_helper.store.court_channel import find_earlier_visits, find_follow_ups
from hearing_helper.store.errors import StoreError
from hearing_helper.store.postgres.connection import ServerAddress
from hearing_helper.store.postgres.court_desk import SELECT_VISITS, CourtDesk
from tests.court_fixtures import (
    CASE,
    CLERK_A,
    CLERK_B,
    PHONE,
    CourtDeskUnderTest,
    court_desks,  # noqa: F401
    finish_prepared,
)
from tests.sync_fixtures import server_chain_breaks
from tests.tcp_proxy import TcpProxy
from tests.test_pg_cli import hh

Desks = tuple[CourtDeskUnderTest, CourtDeskUnderTest]


def test_a_visit_prepared_at_a_is_found_at_b_after_one_sync_of_each(
    court_desks: Desks,  # noqa: F811
) -> None:
    a, b = court_desks
    record = finish_prepared(a.desk, CLERK_A)
    assert find_earlier_visits(b.desk.repo, b.court(), CASE, "").visits == []  # B unknown yet
    a.sync()
    b.sync()
    for case, phone in ((CASE, ""), ("", PHONE), ("(2026)冀1126民初4321号", "139 1234 5678")):
        found = find_earlier_visits(b.desk.repo, b.court(), case, phone)
        assert found.scope == "court" and found.court_error == ""
        assert [v.record_id for v in found.visits] == [record.id]
        visit = found.visits[0]
        assert visit.desk_name == a.name and visit.desk_id == a.desk.desk_id
        assert visit.masked and visit.litigant_name == "王*国" and visit.phone == "139****5678"
        assert visit.outcome == "ready" and visit.join_mode == "own_phone"
    listed = hh(b.desk.data_dir, "--central", b.url, "visits", "--case", CASE,
                "--scope", "court", "--json")  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    assert data["scope"] == "court"
    assert [(v["id"], v["desk_name"], v["litigant_name"], v["phone"]) for v in data["visits"]] == [
        (record.id, a.name, "王*国", "139****5678")
    ]
    text = hh(b.desk.data_dir, "--central", b.url, "visits", "--phone", PHONE, "--scope", "court")
    assert text.returncode == 0, text.stderr
    assert a.name in text.stdout and "王*国" in text.stdout and PHONE not in text.stdout
    own = hh(b.desk.data_dir, "visits", "--phone", PHONE, "--json")  # desk scope: B's own file
    assert own.returncode == 0 and json.loads(own.stdout)["visits"] == []


def test_the_follow_up_is_shared_claimed_and_answered_across_desks(
    court_desks: Desks,  # noqa: F811
) -> None:
    a, b = court_desks
    record = finish_prepared(a.desk, CLERK_A)
    a.sync()
    b.sync()
    for desk in (a, b):
        items = find_follow_ups(desk.desk.repo, desk.court(), now_local(), desk.name).items
        assert [(i.hearing.id, i.desk_name, i.claim) for i in items] == [(record.id, a.name, None)]
    court = hh(a.desk.data_dir, "--central", a.url, "followups", "--scope", "court", "--json")
    assert court.returncode == 0, court.stderr
    [item] = json.loads(court.stdout)["follow_ups"]
    assert (item["id"], item["desk_name"], item["phone"]) == (record.id, a.name, "139****5678")

    claim = b.court().claim(record.id, CLERK_B.staff_id)
    assert claim.granted and claim.phone == PHONE  # the number to call
    [seen_at_a] = find_follow_ups(a.desk.repo, a.court(), now_local()).items
    assert seen_at_a.claim is not None and seen_at_a.claim.desk_name == b.name
    assert seen_at_a.claimed_elsewhere(a.desk.desk_id, CLERK_A.staff_id)
    refused = a.court().claim(record.id, CLERK_A.staff_id)
    assert not refused.granted and refused.desk_name == b.name and refused.phone != PHONE
    court = hh(a.desk.data_dir, "--central", a.url, "followups", "--scope", "court")
    assert f"claimed by {CLERK_B.staff_id} at {b.name}" in court.stdout

    answer = FollowUp(FollowUpResult.JOINED_LATE, now_local(), CLERK_B.staff_id, cause="no_network")
    b.desk.repo.queue_court_answer(record.id, a.desk.desk_id, answer, CLERK_B.staff_id)
    b.sync()
    for desk in (a, b):  # answered: off both lists at once (A's own file has it due still)
        assert find_follow_ups(desk.desk.repo, desk.court(), now_local()).items == []
    assert a.desk.repo.get(record.id).follow_up is None  # A has not synced yet
    a.sync()
    stored = a.desk.repo.get(record.id)
    assert stored.follow_up is not None and stored.follow_up.result is FollowUpResult.JOINED_LATE
    assert stored.follow_up.cause == "no_network" and stored.version == 2
    assert a.desk.repo.versions(record.id)[-1].created_by == f"{CLERK_B.staff_id} @ {b.name}"
    assert a.desk.repo.follow_ups(now_local()) == []
    cursor = a.desk.outbox.state()["answers_cursor"]
    assert cursor >= 1
    a.sync()  # the cursor moved on: the answer is not applied twice
    assert a.desk.repo.get(record.id).version == 2
    assert a.desk.outbox.state()["answers_cursor"] == cursor
    assert find_follow_ups(a.desk.repo, a.court(), now_local()).items == []
    with psycopg.connect(a.url.replace("court_desk_a", "postgres")) as owner:
        row = owner.execute(
            "SELECT version, follow_up_result FROM assists WHERE id = %s", (record.id,)
        ).fetchone()
    assert row == (2, "joined_late")  # A's new version went up in the same sync
    assert set(server_chain_breaks(a.url.replace("court_desk_a", "postgres")).values()) == {None}
    actions = [entry.action for entry in b.desk.repo.iter_audit()]
    assert actions[-1] == "record.followed_up_for_court"


def test_a_second_answer_or_an_answer_under_another_claim_is_refused(
    court_desks: Desks,  # noqa: F811
) -> None:
    a, b = court_desks
    record = finish_prepared(a.desk, CLERK_A)
    a.sync()
    b.sync()
    assert a.court().claim(record.id, CLERK_A.staff_id).granted
    answer = FollowUp(FollowUpResult.ON_TIME, now_local(), CLERK_B.staff_id)
    b.desk.repo.queue_court_answer(record.id, a.desk.desk_id, answer, CLERK_B.staff_id)
    b.sync()  # A's clerk is calling: B's answer waits, it is not lost
    assert b.desk.repo.court_answers_waiting() == 1
    a.court().release(record.id)
    b.sync()
    assert b.desk.repo.court_answers_waiting() == 0
    with pytest.raises(StoreError, match="already"):
        a.court().claim(record.id, CLERK_A.staff_id)


def test_b_falls_back_to_its_own_file_when_the_court_is_stopped(
    court_desks: Desks,  # noqa: F811
    pg_proxy: TcpProxy,
) -> None:
    a, b = court_desks
    finish_prepared(a.desk, CLERK_A)
    own = finish_prepared(b.desk, CLERK_B, hearing_at=now_local() - timedelta(hours=30))
    a.sync()
    b.sync()
    dbname = b.url.rsplit("/", 1)[1]
    through_proxy = pg_proxy.url(dbname, user="court_desk_b")
    assert len(find_earlier_visits(b.desk.repo, b.court(through_proxy), CASE, "").visits) == 2
    pg_proxy.close()  # the server is gone for desk B
    found = find_earlier_visits(b.desk.repo, b.court(through_proxy), CASE, PHONE)
    assert found.scope == "desk" and "cannot be used" in found.court_error
    assert [v.record_id for v in found.visits] == [own.id] and not found.visits[0].masked
    follow_ups = find_follow_ups(b.desk.repo, b.court(through_proxy), now_local())
    assert follow_ups.scope == "desk" and [i.hearing.id for i in follow_ups.items] == [own.id]
    listed = hh(b.desk.data_dir, "--central", through_proxy, "visits", "--case", CASE,
                "--scope", "court", "--json")  # fmt: skip
    assert listed.returncode == 1
    assert "--scope desk" in listed.stderr and "Traceback" not in listed.stderr


def test_the_court_lookup_is_narrow_and_bounded(court_desks: Desks) -> None:  # noqa: F811
    a, b = court_desks
    for number in range(25):
        finish_prepared(a.desk, CLERK_A, case_number=f"（2026）冀1126民初{5000 + number}号")
    a.sync()
    b.sync()
    court = b.court()
    assert len(court.earlier_visits("", PHONE)) == 20  # one phone: at most 20 visits
    bad_keys = [(None, None), (CASE, PHONE), (None, "1391234%"), ("%", None),
                (None, "13912345678 OR 1=1"), ("", "")]  # fmt: skip
    for case, phone in bad_keys:
        with pytest.raises(StoreError, match="one case number|normalised|6 to 64"):
            court._rows(SELECT_VISITS, (court.desk_id, case, phone), dict)
    # B's login acting for A's desk id: refused.
    as_a = CourtDesk(ServerAddress.from_url(b.url), a.desk.desk_id)
    with pytest.raises(StoreError, match="not bound"):
        as_a.earlier_visits(CASE, "")
    with pytest.raises(StoreError, match="not bound"):
        as_a.follow_ups()
