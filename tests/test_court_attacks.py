"""Hostile use of the court-wide functions (issue 21), as someone holding a desk's login could
try it with psql: each case here was a hole before its fix."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import psycopg
import pytest

from hearing_helper.cli import main
from hearing_helper.domain.record import now_local
from hearing_helper.store.postgres.catalog_versions import publish
from tests.court_fixtures import (
    CLERK_A,
    PHONE,
    CourtDeskUnderTest,
    court_desks,  # noqa: F401
    finish_prepared,
)
from tests.test_court_visits_rights import psql

Desks = tuple[CourtDeskUnderTest, CourtDeskUnderTest]


def _answer_sql(desk_id: str, record_id: str, follow_up: str) -> str:
    quoted = follow_up.replace("'", "''")
    return f"SELECT hh_answer_follow_up('{desk_id}', '{record_id}', 'B9', '{quoted}')"


def test_the_server_refuses_an_answer_without_a_result_or_time(court_desks: Desks) -> None:  # noqa: F811
    a, b = court_desks
    record = finish_prepared(a.desk, CLERK_A)
    a.sync()
    b.sync()
    timed = '{"result": "on_time", "recorded_at": "2026-12-07T10:00:00+08:00"'
    for bad in ('{"foo": 1}', '{"result": null}', '{"result": "on_time"}',
                '{"result": "on_time", "recorded_at": "yesterday-ish"}',
                timed + ', "note": 5}'):  # fmt: skip
        done = psql(b.url, _answer_sql(b.desk.desk_id, record.id, bad))
        assert done.returncode != 0, bad
        assert "no known result" in done.stderr or "not readable" in done.stderr, done.stderr


def test_an_unreadable_answer_does_not_stop_the_preparing_desks_sync(court_desks: Desks) -> None:  # noqa: F811
    a, b = court_desks
    poisoned = finish_prepared(a.desk, CLERK_A)
    later = finish_prepared(a.desk, CLERK_A, case_number="（2026）冀1126民初4400号")
    a.sync()
    b.sync()
    owner_url = a.url.replace("court_desk_a", "postgres")
    with psycopg.connect(owner_url) as owner:  # slipped past the server's checks
        owner.execute(
            "INSERT INTO follow_up_answers (record_id, preparing_desk_id, answering_desk_id, "
            "answered_by, follow_up) VALUES (%s, %s, %s, 'B9', %s)",
            (poisoned.id, a.desk.desk_id, b.desk.desk_id, '{"result": "on_time", "note": 5}'),
        )
    good = (
        '{"result": "on_time", "recorded_at": "2026-12-07T10:00:00+08:00", '
        '"recorded_by": "B9", "source": "litigant", "cause": "", "note": ""}'
    )
    done = psql(b.url, _answer_sql(b.desk.desk_id, later.id, good))
    assert done.returncode == 0, done.stderr
    a.sync()  # before: TypeError/KeyError out of the sender on every sync, for good
    assert a.desk.repo.get(poisoned.id).follow_up is None
    stored = a.desk.repo.get(later.id).follow_up
    assert stored is not None and stored.recorded_by == "B9"
    assert a.desk.outbox.state()["answers_cursor"] >= 2


def test_a_claim_does_not_unmask_the_phone_of_a_visit_not_due(court_desks: Desks) -> None:  # noqa: F811
    a, b = court_desks
    upcoming = finish_prepared(a.desk, CLERK_A, hearing_at=now_local() + timedelta(days=3))
    a.sync()
    b.sync()
    # B found the record id through hh_court_visits (masked); a claim must not hand the number.
    done = psql(
        b.url, f"SELECT claimed, phone FROM hh_claim_follow_up('{b.desk.desk_id}', "
        f"'{upcoming.id}', 'B9', 15)",
    )  # fmt: skip
    assert PHONE not in done.stdout
    assert done.returncode != 0 and "not due" in done.stderr, done.stderr
    answer = psql(b.url, _answer_sql(b.desk.desk_id, upcoming.id,
                  '{"result": "on_time", "recorded_at": "2026-12-07T10:00:00+08:00"}'))  # fmt: skip
    assert answer.returncode != 0 and "not due" in answer.stderr, answer.stderr


def test_an_answer_names_the_answering_desk_by_id_and_a_sane_clerk(court_desks: Desks) -> None:  # noqa: F811
    a, b = court_desks
    record = finish_prepared(a.desk, CLERK_A)
    a.sync()
    CourtDeskUnderTest(b.desk, b.url, a.name).sync()  # B renames itself after A
    good = '{"result": "on_time", "recorded_at": "2026-12-07T10:00:00+08:00"}'
    for clerk in ("A7\n@ 一号导诉台", "x" * 5000, ""):
        quoted = clerk.replace("'", "''")
        sql = f"SELECT hh_answer_follow_up('{b.desk.desk_id}', '{record.id}', '{quoted}', '{good}')"
        done = psql(b.url, sql)
        assert done.returncode != 0 and "clerk" in done.stderr, done.stderr
        claim = psql(b.url, f"SELECT claimed FROM hh_claim_follow_up('{b.desk.desk_id}', "
                     f"'{record.id}', '{quoted}', 15)")  # fmt: skip
        assert claim.returncode != 0 and "clerk" in claim.stderr, claim.stderr
    done = psql(b.url, _answer_sql(b.desk.desk_id, record.id, good))
    assert done.returncode == 0, done.stderr
    a.sync()
    # Not "B9 @ 一号导诉台" alone, which reads as A's own clerk work: B's id shows it came from B.
    actor = a.desk.repo.versions(record.id)[-1].created_by
    assert actor == f"B9 @ {a.name} ({b.desk.desk_id[:8]})"


def test_the_server_refuses_a_catalog_file_name_a_desk_could_not_write(central: str) -> None:
    files = {"catalog/" + "z" * 101 + ".toml": b'id = "z"\n'}
    with psycopg.connect(central) as owner:
        try:
            publish(owner, files, "")
        except psycopg.errors.DataError as exc:
            assert "may not hold the file" in str(exc)
        else:
            raise AssertionError("a 101-character file name was published")


def test_a_hostile_lookup_key_is_not_echoed_raw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for option in ("--case", "--phone"):
        code = main(["--data-dir", str(tmp_path), "visits", option, "\x1b[2J" + "9" * 5000])
        assert code == 2
        err = capsys.readouterr().err
        assert option in err and "\x1b" not in err and len(err) < 300, err[:200]


def test_an_answer_with_a_time_without_zone_or_far_ahead_is_not_applied(
    court_desks: Desks,  # noqa: F811
) -> None:
    a, b = court_desks
    times = ("2026-12-07T10:00:00", "9999-12-31T23:59:59+08:00")
    records = [
        finish_prepared(a.desk, CLERK_A, case_number=f"（2026）冀1126民初{4500 + n}号")
        for n in range(len(times))
    ]
    a.sync()
    b.sync()
    for record, at in zip(records, times, strict=True):
        body = f'{{"result": "on_time", "recorded_at": "{at}", "recorded_by": "B9"}}'
        psql(b.url, _answer_sql(b.desk.desk_id, record.id, body))
    a.sync()  # before: both recorded (a naive time, and one in the year 9999)
    assert [a.desk.repo.get(record.id).follow_up for record in records] == [None, None]
