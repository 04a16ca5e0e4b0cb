"""A replaced desk gets its history back (issue 21): ``restore --central URL --desk-id ID`` pulls
the desk's records, versions, follow-ups, exports and audit chain from the court, page by page
with a cursor kept in the data folder, verifies the chain and continues it on the server."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest

from hearing_helper.auth import SupervisorAuth
from hearing_helper.config import Settings
from hearing_helper.demo import generate_records
from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.visit import FollowUp, FollowUpResult
from hearing_helper.store.sqlite import open_repository
from tests.pg_cluster import PgCluster
from tests.sync_fixtures import Desk, local_versions, open_desk, server_versions
from tests.tcp_proxy import TcpProxy
from tests.test_pg_cli import hh
from tests.test_sync_cli import court  # noqa: F401
from tests.test_sync_roles import logins  # noqa: F401

PASSWORD = "庭长-secret-1"
FOLLOW_UP_NOW = datetime(2026, 12, 1, tzinfo=UTC)


def _due_follow_ups(tmp_path: Path, count: int) -> list[AssistRecord]:
    """``count`` finished preparation visits whose follow-up is due (made in a scratch file)."""
    scratch = open_repository(tmp_path / "scratch")
    try:
        scratch.import_finished(generate_records(2500, seed=77, visits=True, demo=False), "x")
        due = scratch.follow_ups(FOLLOW_UP_NOW, limit=count)
        assert len(due) == count
        return [scratch.get(item.id) for item in due]
    finally:
        scratch.close()


def _set_password(desk: Desk) -> None:
    SupervisorAuth(Settings(desk.data_dir), desk.repo, desk.data_dir).set_password(PASSWORD, "test")


def _follow_up_ids(data_dir: Path) -> list[str]:
    repo = open_repository(data_dir)
    try:
        return sorted(item.id for item in repo.follow_ups(FOLLOW_UP_NOW, limit=100_000))
    finally:
        repo.close()


def _restore(
    data_dir: Path, url: str, desk_id: str, *extra: str, password: str = PASSWORD
) -> subprocess.CompletedProcess[str]:
    return hh(
        data_dir,
        "restore",
        "--central",
        url,
        "--desk-id",
        desk_id,
        "--json",
        *extra,
        stdin=password + "\n",
        timeout=600,
    )


@pytest.mark.timeout(480)  # 20,000 records made, pushed, restored, verified twice: ~85 s idle
def test_a_replaced_desk_gets_its_records_follow_ups_and_chain_back(
    central: str,
    desks: list[Desk],
    logins: dict[str, str],  # noqa: F811
    tmp_path: Path,  # noqa: F811
) -> None:
    old = desks[0]
    _set_password(old)
    prepared = _due_follow_ups(tmp_path, 70)
    old.repo.import_finished(generate_records(19_930, seed=21, demo=False), "demo-data")
    old.repo.import_finished(prepared, "demo-data")
    for record in prepared[:20]:  # answered: a second version each; 50 stay due
        answer = FollowUp(FollowUpResult.ON_TIME, FOLLOW_UP_NOW.astimezone(), "S1")
        old.repo.record_follow_up(record.id, answer, "clerk")
    expected_follow_ups = _follow_up_ids(old.data_dir)
    assert len(expected_follow_ups) == 50
    expected_versions = local_versions(old)
    assert len(expected_versions) == 20_000
    assert old.sender(logins["desk_login_a"], batch_items=5000).push().ok
    old_entries = sum(1 for _ in old.repo.iter_audit())

    new_dir = tmp_path / "replacement"
    done = _restore(new_dir, logins["desk_login_a"], old.desk_id)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["records"] == 20_000
    assert summary["follow_ups"] == 50
    assert summary["audit_entries"] == old_entries
    assert summary["chain"] == "intact"
    assert "Traceback" not in done.stderr
    assert "versions" in done.stderr  # progress lines on stderr

    restored = open_desk(new_dir)
    try:
        assert restored.desk_id == old.desk_id
        assert local_versions(restored) == expected_versions
        assert _follow_up_ids(new_dir) == expected_follow_ups
        # Nothing pulled is queued to be sent again; only the restore's own audit entry.
        assert restored.outbox.waiting() == 1
    finally:
        restored.close()
    verified = hh(new_dir, "verify-log", "--json")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert json.loads(verified.stdout)["intact"] is True

    # The restored desk's next record continues the same chain on the server, with the same
    # login (bound to this desk id since its first delivery).
    restored = open_desk(new_dir)
    try:
        restored.repo.import_finished(generate_records(1, seed=99, demo=False), "clerk")
    finally:
        restored.close()
    sent = hh(new_dir, "sync", "--once", "--json")
    assert sent.returncode == 0, sent.stdout + sent.stderr
    # Only what is new was sent: the restore entry and the new record's version and entry.
    assert json.loads(sent.stdout)["sent"] <= 4
    with psycopg.connect(central) as conn:
        head = conn.execute(
            "SELECT max(seq), count(*) FROM audit_log WHERE desk_id = %s", (old.desk_id,)
        ).fetchone()
        assert head is not None and head[0] == head[1] > old_entries
        assert conn.execute("SELECT count(*) FROM conflicts").fetchone() == (0,)
    assert len(server_versions(central)) == 20_001
    court_check = hh(new_dir, "verify-log", "--scope", "court", "--central", central, "--json")
    assert court_check.returncode == 0, court_check.stdout + court_check.stderr
    report = json.loads(court_check.stdout)
    assert report["desks"][old.desk_id]["intact"] is True
    assert report["desks"][old.desk_id]["entries_checked"] == head[0]


@pytest.fixture
def delivered(central: str, desks: list[Desk], logins: dict[str, str]) -> Desk:  # noqa: F811
    desk = desks[0]
    _set_password(desk)
    desk.demo(1200, seed=23)
    assert desk.sender(logins["desk_login_a"]).push().ok
    return desk


def test_restore_refuses_a_folder_that_already_holds_records(
    delivered: Desk,
    logins: dict[str, str],  # noqa: F811
    tmp_path: Path,  # noqa: F811
) -> None:
    used = open_desk(tmp_path / "used")
    used.demo(3, seed=5)
    used.close()
    refused = _restore(tmp_path / "used", logins["desk_login_a"], delivered.desk_id)
    assert refused.returncode == 2
    assert "already holds 3 records" in refused.stderr and "Traceback" not in refused.stderr
    used = open_desk(tmp_path / "used")
    try:
        assert len(local_versions(used)) == 3
        assert used.desk_id != delivered.desk_id
    finally:
        used.close()


def test_restore_refuses_a_wrong_password_and_leaves_no_records(
    delivered: Desk,
    logins: dict[str, str],  # noqa: F811
    tmp_path: Path,  # noqa: F811
) -> None:
    target = tmp_path / "new"
    refused = _restore(target, logins["desk_login_a"], delivered.desk_id, password="wrong-one")
    assert refused.returncode == 1
    assert "Wrong supervisor password" in refused.stderr and "Traceback" not in refused.stderr
    assert not (target / "hearing_helper.sqlite3").exists()
    assert not (target / "desk_id").exists()
    again = _restore(target, logins["desk_login_a"], delivered.desk_id, password="wrong-two")
    # The failures are counted across runs in the folder: the delay grows (1 s, then 2 s).
    assert again.returncode == 1 and "Try again in 2 s" in again.stderr


def test_restore_refuses_a_login_bound_to_another_desk(
    delivered: Desk,
    desks: list[Desk],
    logins: dict[str, str],  # noqa: F811
    tmp_path: Path,  # noqa: F811
) -> None:
    desks[1].demo(3, seed=6)
    assert desks[1].sender(logins["desk_login_b"]).push().ok
    refused = _restore(tmp_path / "new", logins["desk_login_b"], delivered.desk_id)
    assert refused.returncode == 1
    assert "bound to another login" in refused.stderr and "Traceback" not in refused.stderr


def test_a_cut_pull_continues_from_its_cursor(
    delivered: Desk,
    logins: dict[str, str],  # noqa: F811
    pg_proxy: TcpProxy,
    pg_dbname: str,
    tmp_path: Path,
) -> None:
    target = tmp_path / "new"
    url = pg_proxy.url(pg_dbname, user="desk_login_a")
    pg_proxy.drop_after(1200)  # a few pages into the record versions
    cut = _restore(target, url, delivered.desk_id, "--page-size", "100")
    assert cut.returncode == 1, cut.stdout + cut.stderr
    assert "run the same command again" in cut.stderr and "Traceback" not in cut.stderr
    assert pg_proxy.drops >= 1
    assert not (target / "hearing_helper.sqlite3").exists()  # not a desk until it is whole

    pg_proxy.pass_through()
    done = _restore(target, url, delivered.desk_id, "--page-size", "100")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["resumed"] is True
    assert summary["records"] == 1200
    total = summary["audit_entries"] + summary["versions"] + summary["exports"]
    assert 0 < sum(summary["pulled"].values()) < total, cut.stderr
    restored = open_desk(target)
    try:
        assert local_versions(restored) == local_versions(delivered)
    finally:
        restored.close()
    assert hh(target, "verify-log").returncode == 0


def test_the_pull_functions_give_a_desk_login_only_its_own_desk(
    delivered: Desk,
    desks: list[Desk],
    logins: dict[str, str],  # noqa: F811
) -> None:
    desks[1].demo(3, seed=7)
    assert desks[1].sender(logins["desk_login_b"]).push().ok
    with psycopg.connect(logins["desk_login_b"], autocommit=True) as conn:
        for call in (
            "SELECT * FROM hh_pull_audit(%s, 0, 100)",
            "SELECT * FROM hh_pull_versions(%s, '', 0, 100)",
            "SELECT * FROM hh_pull_exports(%s, 0, 100)",
            "SELECT * FROM hh_pull_desk(%s)",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(call, (delivered.desk_id,))
        own = conn.execute(
            "SELECT count(*) FROM hh_pull_versions(%s, '', 0, 100)", (desks[1].desk_id,)
        ).fetchone()
        assert own == (3,)
    with psycopg.connect(logins["desk_login_a"], autocommit=True) as conn:
        # Bounded per request whatever is asked.
        page = conn.execute(
            "SELECT count(*) FROM hh_pull_audit(%s, 0, 1000000)", (delivered.desk_id,)
        ).fetchone()
        assert page is not None and 0 < page[0] <= 5000


def test_restore_of_an_unknown_desk_is_a_clear_message(
    delivered: Desk,
    logins: dict[str, str],  # noqa: F811
    tmp_path: Path,
    pg_cluster: PgCluster,  # noqa: F811
) -> None:
    missing = "00000000-0000-4000-8000-000000000000"
    refused = _restore(tmp_path / "new", logins["desk_login_a"], missing)
    assert refused.returncode == 1
    assert "no desk" in refused.stderr.lower() and "Traceback" not in refused.stderr
    bad = _restore(tmp_path / "new", logins["desk_login_a"], "not-a-uuid")
    assert bad.returncode == 2


def _as_pc(monkeypatch: pytest.MonkeyPatch, ring: Path) -> None:
    """Each PC has its own keyring (a file keyring per PC) for the subprocesses."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.reports_keyring.FileKeyring")
    monkeypatch.setenv("TEST_KEYRING_FILE", str(ring))


def test_a_keyed_chain_is_continued_with_the_desks_key_put_back(
    court: str,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old = tmp_path / "old"
    _as_pc(monkeypatch, tmp_path / "old_ring.json")
    made = hh(old, "supervisor", "set-password", stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert made.returncode == 0, made.stderr
    assert hh(old, "demo-data", "--count", "30", "--seed", "4").returncode == 0
    assert hh(old, "--central", court, "sync", "--once").returncode == 0
    desk = (old / "desk_id").read_text().strip()

    new = tmp_path / "new"
    _as_pc(monkeypatch, tmp_path / "new_ring.json")  # the replacement PC: an empty keyring
    refused = _restore(new, court, desk)
    assert refused.returncode == 1
    assert f"keyring set HearingHelper audit-key:{desk}" in refused.stderr
    assert not (new / "hearing_helper.sqlite3").exists()

    # Court IT puts the desk's key back from its backup, then runs the same command again.
    name = f"HearingHelper/audit-key:{desk}"
    saved = json.loads((tmp_path / "old_ring.json").read_text())[name]
    (tmp_path / "new_ring.json").write_text(json.dumps({name: saved}))
    done = _restore(new, court, desk)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["chain"] == "intact"
    assert hh(new, "verify-log").returncode == 0
    changed = hh(new, "supervisor", "set-password", stdin=f"{PASSWORD}\nnew-pass-22\nnew-pass-22\n")
    assert changed.returncode == 0, changed.stderr  # the restored password, then a signed entry
    assert hh(new, "verify-log").returncode == 0
    assert hh(new, "sync", "--once").returncode == 0  # "central" was set by the restore
    court_check = hh(new, "verify-log", "--scope", "court", "--central", court, "--json")
    assert court_check.returncode == 0, court_check.stdout + court_check.stderr
    own = json.loads(court_check.stdout)["desks"][desk]
    assert own["intact"] and own["signatures_unchecked"] == 0


def test_a_folder_the_app_was_started_in_is_restored_and_its_empty_file_kept_aside(
    delivered: Desk,
    logins: dict[str, str],  # noqa: F811
    tmp_path: Path,
) -> None:
    started_once = open_desk(tmp_path / "new")  # a desk id of its own, no records
    started_once.repo.append_audit("system", "test.entry", {})
    first_id = started_once.desk_id
    started_once.close()
    done = _restore(tmp_path / "new", logins["desk_login_a"], delivered.desk_id)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "new" / "desk_id").read_text().strip() == delivered.desk_id != first_id
    kept = list((tmp_path / "new").glob("hearing_helper.sqlite3.before-restore-*"))
    assert len(kept) == 1  # the app's file, with its one entry, kept under a dated name
    assert len(list((tmp_path / "new").glob("audit_anchor.before-restore-*"))) == 1
    assert hh(tmp_path / "new", "verify-log").returncode == 0
