"""Two desks of one court, as court IT would try it: server init, demo-data, sync, court report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.pg_cluster import PgCluster, free_port
from tests.test_pg_cli import hh

PERIOD = ("--from", "2025-11-01", "--to", "2026-11-30")


@pytest.fixture
def court(pg_cluster: PgCluster, pg_dbname: str) -> str:
    url = pg_cluster.url(pg_dbname)
    done = hh(Path("/nonexistent-unused"), "server", "init", "--database", url)
    assert done.returncode == 0, done.stderr
    assert "created (schema" in done.stdout
    again = hh(Path("/nonexistent-unused"), "server", "init", "--database", url)
    assert again.returncode == 0 and "already at schema" in again.stdout
    return url


def test_two_desks_sync_and_the_court_report_is_their_sum(court: str, tmp_path: Path) -> None:
    desks = [tmp_path / "desk1", tmp_path / "desk2"]
    totals = []
    for seed, desk in enumerate(desks, start=1):
        assert hh(desk, "demo-data", "--count", "400", "--seed", str(seed)).returncode == 0
        local = hh(desk, "report", *PERIOD, "--json")
        totals.append(json.loads(local.stdout)["visit_count"])  # both kinds of visit
        waiting = hh(desk, "--central", court, "sync", "--once", "--json")
        assert waiting.returncode == 0, waiting.stderr
        assert json.loads(waiting.stdout)["state"] == "all_sent"
    # demo-data's records arrive marked: the court's figures leave them out and say so.
    without = hh(desks[0], "--central", court, "report", *PERIOD, "--scope", "court", "--json")
    assert without.returncode == 0, without.stderr
    assert json.loads(without.stdout)["visit_count"] == 0
    assert json.loads(without.stdout)["demo_left_out"] == 800
    text = hh(desks[0], "--central", court, "report", *PERIOD, "--scope", "court", "--lang", "en")
    assert "Left out 800 demo records" in text.stdout
    court_report = hh(
        desks[0],
        "--central",
        court,
        "report",
        *PERIOD,
        "--scope",
        "court",
        "--include-demo",
        "--json",
    )
    assert court_report.returncode == 0, court_report.stderr
    data = json.loads(court_report.stdout)
    assert data["visit_count"] == sum(totals) == 800 and data["demo_left_out"] == 0
    assert len(data["desks"]) == 2 and data["this_desk_waiting"] == 0
    # A second sync sends nothing and changes nothing.
    again = hh(desks[1], "--central", court, "sync", "--once", "--json")
    assert json.loads(again.stdout)["sent"] == 0
    rerun = hh(
        desks[1],
        "--central",
        court,
        "report",
        *PERIOD,
        "--scope",
        "court",
        "--include-demo",
        "--json",
    )
    assert json.loads(rerun.stdout)["visit_count"] == 800
    verified = hh(desks[0], "--central", court, "verify-log", "--scope", "court")
    assert verified.returncode == 0, verified.stderr
    assert "2 desks" in verified.stdout


def test_sync_without_a_central_database_is_bad_usage(tmp_path: Path) -> None:
    result = hh(tmp_path, "sync", "--once")
    assert result.returncode == 2
    assert "not joined" in result.stderr and "Traceback" not in result.stderr


def test_sync_to_an_unreachable_server_exits_1_with_the_reason(tmp_path: Path) -> None:
    hh(tmp_path, "demo-data", "--count", "3", "--seed", "1")
    dead = f"postgresql://desk@127.0.0.1:{free_port()}/court"
    result = hh(tmp_path, "--central", dead, "sync", "--once")
    assert result.returncode == 1
    assert "4 items are waiting" in result.stdout and "not been reachable since" in result.stdout


def test_court_scope_when_the_server_is_down_says_so(tmp_path: Path) -> None:
    dead = f"postgresql://supervisor@127.0.0.1:{free_port()}/court"
    result = hh(tmp_path, "--central", dead, "report", *PERIOD, "--scope", "court", "--json")
    assert result.returncode == 1
    assert result.stdout == ""  # no partial total
    assert "court scope is not available" in result.stderr and "--scope desk" in result.stderr


def test_court_export_has_every_desks_rows_and_is_audited_on_the_desk(
    court: str, tmp_path: Path
) -> None:
    import csv

    desks = [tmp_path / "desk1", tmp_path / "desk2"]
    for seed, desk in enumerate(desks, start=1):
        assert hh(desk, "demo-data", "--count", "150", "--seed", str(seed + 10)).returncode == 0
        assert hh(desk, "--central", court, "sync", "--once").returncode == 0
    supervisor = desks[0]
    made = hh(supervisor, "supervisor", "set-password", stdin="richter-2026\nrichter-2026\n")
    assert made.returncode == 0, made.stderr
    out = tmp_path / "court.csv"
    args = ["export", *PERIOD, "--format", "csv", "--out", str(out), "--scope", "court"]
    done = hh(supervisor, "--central", court, *args, stdin="richter-2026\n")
    assert done.returncode == 0, done.stderr
    assert "Left out 300 demo records" in done.stdout  # demo-data's records are marked
    with out.open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.reader(handle))) == 1
    done = hh(supervisor, "--central", court, *args, "--include-demo", stdin="richter-2026\n")
    assert done.returncode == 0, done.stderr
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 1 + 300
    # The export's audit entry waits in this desk's outbox and reaches the court with the next
    # sync; the court's chains still verify.
    sent = json.loads(hh(supervisor, "--central", court, "sync", "--once", "--json").stdout)
    assert sent["sent"] >= 2 and sent["state"] == "all_sent"  # audit entries + export row
    assert hh(supervisor, "--central", court, "verify-log", "--scope", "court").returncode == 0


def test_sync_json_lists_items_set_aside_and_retry_held_queues_them(
    court: str, tmp_path: Path
) -> None:
    import sqlite3

    desk = tmp_path / "desk"
    assert hh(desk, "demo-data", "--count", "5", "--seed", "3").returncode == 0
    db = sqlite3.connect(desk / "hearing_helper.sqlite3")
    with db:  # an item pointing at nothing (as a damaged file would have)
        db.execute("INSERT INTO outbox (kind, ref, num) VALUES ('version', 'gone', 1)")
    db.close()
    first = hh(desk, "--central", court, "sync", "--json")
    assert first.returncode == 1, first.stderr
    data = json.loads(first.stdout)
    assert data["state"] == "held" and data["waiting"] == 0 and data["sent"] == 6
    assert [item["key"] for item in data["held"]] == ["record gone v1"]
    text = hh(desk, "--central", court, "sync", "--once")
    assert text.returncode == 1 and "record gone v1" in text.stdout
    retried = hh(desk, "--central", court, "sync", "--once", "--retry-held")
    assert "Queued 1 items set aside again" in retried.stdout
    assert "record gone v1" in retried.stdout  # still missing: set aside again, not dropped


def test_demo_data_on_a_joined_desk_is_refused_with_advice(court: str, tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    refused = hh(desk, "--central", court, "demo-data", "--count", "3")
    assert refused.returncode == 2
    assert "another data folder" in refused.stderr and "Traceback" not in refused.stderr
    assert hh(desk, "--central", court, "sync", "--once", "--json").returncode == 0
    report = hh(desk, "report", *PERIOD, "--json")
    assert json.loads(report.stdout)["assisted"] == 0
