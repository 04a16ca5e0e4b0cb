"""The court's shared follow-ups after the attacker's and reviewer's pass (PostgreSQL migration
012): one helper finds a due visit for both claim and answer; one desk login cannot hoard claims
(each hands over a phone number); the court's follow-up list is logged and limited per hour."""

from __future__ import annotations

import threading

import psycopg
import pytest

from hearing_helper.domain.record import now_local
from hearing_helper.store.court_channel import CourtLimitError, find_follow_ups
from hearing_helper.store.postgres.roles import COURT_HELPERS
from tests.court_fixtures import (
    CLERK_A,
    CLERK_B,
    PHONE,
    CourtDeskUnderTest,
    court_desks,  # noqa: F401
    finish_prepared,
)
from tests.test_court_visits_rights import _owner, psql
from tests.test_pg_cli import hh

Desks = tuple[CourtDeskUnderTest, CourtDeskUnderTest]
CLAIMS_PER_DESK = 5  # the server's limit (migration 012)
LISTS_PER_HOUR = 240


def prepared_and_reads_used(
    a: CourtDeskUnderTest, b: CourtDeskUnderTest, what: str, count: int
) -> None:
    """A's finished preparation visit synced to both desks, and B's login having made
    ``count`` court reads of kind ``what`` (as ``court_reads`` logs them) this hour."""
    finish_prepared(a.desk, CLERK_A)
    a.sync()
    b.sync()
    with psycopg.connect(_owner(a.url)) as owner:
        owner.execute(
            "INSERT INTO court_reads (login, desk_id, what) SELECT 'court_desk_b', %s, %s "
            "FROM generate_series(1, %s)",
            (b.desk.desk_id, what, count),
        )


def _cases(count: int) -> list[str]:
    return [f"（2026）冀1126民初{5000 + n}号" for n in range(count)]


def test_claim_and_answer_find_the_due_visit_through_one_helper(court_desks: Desks) -> None:  # noqa: F811
    a, _b = court_desks
    a.sync()
    with psycopg.connect(_owner(a.url)) as owner:
        sources: dict[str, str] = dict(
            owner.execute(
                "SELECT proname, prosrc FROM pg_proc WHERE proname IN "
                "('hh_claim_follow_up', 'hh_answer_follow_up', 'hh_due_follow_up_locked')"
            ).fetchall()
        )
    assert "hh_due_follow_up_locked(text)" in COURT_HELPERS
    helper = sources["hh_due_follow_up_locked"]
    assert "FOR UPDATE" in helper and "hh_follow_up_is_due" in helper
    for caller in ("hh_claim_follow_up", "hh_answer_follow_up"):
        body = sources[caller]
        assert "hh_due_follow_up_locked(p_record_id)" in body, caller
        for repeated in ("FOR UPDATE", "hh_follow_up_is_due", "no finished preparation visit"):
            assert repeated not in body, (caller, repeated)


def test_a_desk_cannot_hoard_claims_on_the_courts_follow_ups(court_desks: Desks) -> None:  # noqa: F811
    a, b = court_desks
    records = [finish_prepared(a.desk, CLERK_A, case_number=case) for case in _cases(7)]
    a.sync()
    b.sync()
    court_b = b.court()
    for record in records[:CLAIMS_PER_DESK]:
        assert court_b.claim(record.id, CLERK_B.staff_id).granted
    # Renewing a claim it holds is not a new one.
    assert court_b.claim(records[0].id, CLERK_B.staff_id).granted
    with pytest.raises(CourtLimitError, match=f"holds {CLAIMS_PER_DESK} claims") as refused:
        court_b.claim(records[CLAIMS_PER_DESK].id, CLERK_B.staff_id)
    assert CourtLimitError.MARK in str(refused.value)
    # Another clerk at the same desk is the same desk; psql gets the same refusal, no phone.
    done = psql(b.url, f"SELECT phone FROM hh_claim_follow_up('{b.desk.desk_id}', "
                f"'{records[6].id}', 'B10', 15)")  # fmt: skip
    assert done.returncode != 0 and "allows no more" in done.stderr, done.stderr
    assert PHONE not in done.stdout
    # Another desk is not affected; a released claim makes room again.
    assert a.court().claim(records[6].id, CLERK_A.staff_id).granted
    court_b.release(records[0].id)
    assert court_b.claim(records[CLAIMS_PER_DESK].id, CLERK_B.staff_id).granted
    # Expired claims do not count.
    with psycopg.connect(_owner(a.url)) as owner:
        owner.execute(
            "UPDATE follow_up_claims SET expires_at = now() - interval '1 minute' "
            "WHERE desk_id = %s",
            (b.desk.desk_id,),
        )
    assert court_b.claim(records[0].id, CLERK_B.staff_id).granted


def test_the_follow_up_list_is_logged_and_limited_per_hour(court_desks: Desks) -> None:  # noqa: F811
    a, b = court_desks
    finish_prepared(a.desk, CLERK_A)
    a.sync()
    b.sync()
    assert len(b.court().follow_ups()) == 1
    owner_url = _owner(a.url)
    with psycopg.connect(owner_url) as owner:
        logged = owner.execute(
            "SELECT login, desk_id, found FROM court_reads WHERE what = 'follow_ups'"
        ).fetchall()
        assert logged == [("court_desk_b", b.desk.desk_id, 1)]
        # As if B's login had asked for the list 239 more times this hour.
        owner.execute(
            "INSERT INTO court_reads (login, desk_id, what) SELECT 'court_desk_b', %s, "
            "'follow_ups' FROM generate_series(1, %s)",
            (b.desk.desk_id, LISTS_PER_HOUR - 1),
        )
    with pytest.raises(CourtLimitError, match="follow-ups 240 times in the last hour"):
        b.court().follow_ups()
    done = psql(b.url, f"SELECT count(*) FROM hh_court_follow_ups('{b.desk.desk_id}', 500)")
    assert done.returncode != 0 and "allows no more" in done.stderr, done.stderr
    # Its own budget: the look-ups still work, and A's list is not affected.
    assert b.court().earlier_visits("（2026）冀1126民初4321号", "")
    assert len(a.court().follow_ups()) == 1
    # The list falls back to this desk's own file and says why.
    found = find_follow_ups(b.desk.repo, b.court(), now_local())
    assert found.scope == "desk" and CourtLimitError.MARK in found.court_error
    listed = hh(b.desk.data_dir, "--central", b.url, "followups", "--scope", "court")
    assert listed.returncode == 1
    assert "refuses this desk for now" in listed.stderr and "--scope desk" in listed.stderr
    assert "cannot be reached" not in listed.stderr, listed.stderr


def test_many_look_ups_do_not_use_up_the_follow_up_list(court_desks: Desks) -> None:  # noqa: F811
    a, b = court_desks
    prepared_and_reads_used(a, b, "phone", 600)
    with pytest.raises(CourtLimitError, match="looked up 600 litigants"):
        b.court().earlier_visits("（2026）冀1126民初4321号", "")
    assert len(b.court().follow_ups()) == 1


def test_the_helper_is_not_callable_by_a_desk_login(court_desks: Desks) -> None:  # noqa: F811
    a, b = court_desks
    record = finish_prepared(a.desk, CLERK_A)
    a.sync()
    b.sync()
    done = psql(b.url, f"SELECT phone FROM hh_due_follow_up_locked('{record.id}')")
    assert done.returncode != 0 and "permission denied" in done.stderr, done.stderr
    assert PHONE not in done.stdout


def test_two_windows_of_one_desk_claiming_at_once_do_not_pass_the_limit(
    court_desks: Desks,  # noqa: F811
) -> None:
    a, b = court_desks
    records = [finish_prepared(a.desk, CLERK_A, case_number=case) for case in _cases(6)]
    a.sync()
    b.sync()
    for record in records[: CLAIMS_PER_DESK - 1]:
        assert b.court().claim(record.id, CLERK_B.staff_id).granted
    claim = "SELECT claimed FROM hh_claim_follow_up(%s, %s, %s, 15)"
    first = psycopg.connect(b.url)  # a transaction left open: the 5th claim, not committed
    assert first.execute(claim, (b.desk.desk_id, records[4].id, "B1")).fetchone() == (True,)
    outcome: list[object] = []

    def second_window() -> None:
        try:
            with psycopg.connect(b.url) as second:
                outcome.append(
                    second.execute(claim, (b.desk.desk_id, records[5].id, "B2")).fetchone()
                )
        except psycopg.Error as exc:
            outcome.append(exc)

    worker = threading.Thread(target=second_window)
    worker.start()
    worker.join(2.0)  # it waits for the first window's transaction (the desk's claim lock)
    assert worker.is_alive() and not outcome
    first.commit()
    first.close()
    worker.join(30)
    [refused] = outcome
    assert isinstance(refused, psycopg.errors.ProgramLimitExceeded), refused
