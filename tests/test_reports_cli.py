"""The report, export, supervisor and verify-log commands, run as a user would (subprocess)."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from hearing_helper.demo import generate_records
from hearing_helper.services import AppServices
from hearing_helper.store.audit import canonical_json, entry_hash

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "richter-2026"


def hh(
    data_dir: Path, *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hearing_helper", "--data-dir", str(data_dir), *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("demo") / "data"
    services = AppServices.open(data_dir)
    services.repo.import_finished(generate_records(3000, seed=7), "demo")
    services.close()
    result = hh(data_dir, "supervisor", "set-password", stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.returncode == 0, result.stderr
    return data_dir


def test_report_json_counts_every_record(demo_dir: Path) -> None:
    result = hh(demo_dir, "report", "--from", "2020-01-01", "--to", "2030-12-31", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["assisted"] == 3000
    assert 0 < data["joined"] < 3000 and data["duration_s"]["median"] > 0
    text = hh(demo_dir, "report", "--from", "2020-01-01", "--to", "2030-12-31")
    assert re.search(r"开庭当天协助人数\s+3,000", text.stdout)  # Chinese, the desk's language
    bad = hh(demo_dir, "report", "--from", "2026-13-01", "--to", "2026-12-31")
    assert bad.returncode == 2 and "--from" in bad.stderr and "Traceback" not in bad.stderr


def test_export_needs_the_right_password(demo_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "log.csv"
    args = ["export", "--from", "2020-01-01", "--to", "2030-12-31", "--format", "csv"]
    wrong = hh(demo_dir, *args, "--out", str(out), stdin="not-the-password\n")
    assert wrong.returncode == 1 and "Wrong supervisor password" in wrong.stderr
    assert not out.exists()
    # The CLI waits out the slow-down (1 s after one failure) rather than refusing.
    right = hh(demo_dir, *args, "--out", str(out), stdin=f"{PASSWORD}\n")
    assert right.returncode == 0, right.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 3001  # header + 3,000 data rows
    assert rows[0][1] == "案号"  # headers in the default language, Chinese
    mobiles = [cell for row in rows for cell in row if re.fullmatch(r"1[3-9]\d{9}", cell)]
    assert mobiles == []
    assert all(re.fullmatch(r"1[3-9]\d\*{4}\d{4}", row[7]) for row in rows[1:])
    log = hh(demo_dir, "verify-log")
    assert log.returncode == 0, log.stderr


def test_remembered_password_serves_scheduled_jobs(demo_dir: Path, tmp_path: Path) -> None:
    env = dict(os.environ)
    env["PYTHON_KEYRING_BACKEND"] = "tests.reports_keyring.FileKeyring"
    env["TEST_KEYRING_FILE"] = str(tmp_path / "ring.json")
    env["PYTHONPATH"] = str(ROOT)
    stored = hh(demo_dir, "supervisor", "remember", stdin=f"{PASSWORD}\n", env=env)
    assert stored.returncode == 0, stored.stderr
    assert PASSWORD in (tmp_path / "ring.json").read_text()
    out = tmp_path / "log.xlsx"
    args = ["export", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "xlsx"]
    done = hh(demo_dir, *args, "--out", str(out), env=env)  # no stdin at all
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0
    forget = hh(demo_dir, "supervisor", "remember", "--forget", env=env)
    assert forget.returncode == 0 and PASSWORD not in (tmp_path / "ring.json").read_text()


def test_remember_without_keyring_says_so(demo_dir: Path) -> None:
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    result = hh(demo_dir, "supervisor", "remember", stdin=f"{PASSWORD}\n", env=env)
    assert result.returncode == 1
    assert "No system keyring" in result.stderr and "Traceback" not in result.stderr


def test_set_password_checks_current_and_repeat(demo_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(demo_dir, copy)
    mismatch = hh(copy, "supervisor", "set-password", stdin=f"{PASSWORD}\nnew-pass-1\nnew-pass-2\n")
    assert mismatch.returncode == 1 and "not the same" in mismatch.stderr
    changed = hh(copy, "supervisor", "set-password", stdin=f"{PASSWORD}\nnew-pass-1\nnew-pass-1\n")
    assert changed.returncode == 0, changed.stderr


def _tamper(source: Path, target: Path, statements: list[str]) -> Path:
    shutil.copytree(source, target)
    conn = sqlite3.connect(target / "hearing_helper.sqlite3")
    with conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()
    return target


@pytest.fixture(scope="module")
def audited_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("audit") / "data"
    services = AppServices.open(data_dir)
    for index in range(1, 7):
        services.repo.append_audit("clerk", "settings.changed", {"key": "font_scale", "n": index})
    services.close()
    return data_dir


def test_verify_log_detects_edit_delete_and_swap(audited_dir: Path, tmp_path: Path) -> None:
    intact = hh(audited_dir, "verify-log")
    assert intact.returncode == 0 and "6 entries" in intact.stdout

    edited = _tamper(
        audited_dir,
        tmp_path / "edited",
        ['UPDATE audit_log SET details = \'{"key":"font_scale","n":99}\' WHERE seq = 3'],
    )
    result = hh(edited, "verify-log")
    assert result.returncode == 1 and "audit entry 3 was edited" in result.stderr

    deleted = _tamper(audited_dir, tmp_path / "deleted", ["DELETE FROM audit_log WHERE seq = 4"])
    result = hh(deleted, "verify-log")
    assert result.returncode == 1 and "audit entry 5" in result.stderr

    swap = [
        "UPDATE audit_log SET seq = -2 WHERE seq = 2",
        "UPDATE audit_log SET seq = 2 WHERE seq = 5",
        "UPDATE audit_log SET seq = 5 WHERE seq = -2",
    ]
    swapped = _tamper(audited_dir, tmp_path / "swapped", swap)
    result = hh(swapped, "verify-log", "--json")
    assert result.returncode == 1
    assert json.loads(result.stdout) | {"entries_checked": 0, "content": {}} == {
        "intact": False,
        "entries_checked": 0,
        "content": {},  # the records check (issue 18): tests/test_trust_content_check.py
        "anchor": "checked",
        "keyed": False,
        "first_bad_seq": 2,
        "reason": "edited",
    }

    garbled = _tamper(
        audited_dir, tmp_path / "garbled", ["UPDATE audit_log SET details = '{' WHERE seq = 6"]
    )
    result = hh(garbled, "verify-log")
    assert result.returncode == 1 and "audit entry 6" in result.stderr
    assert "Traceback" not in result.stderr


def test_verify_log_detects_entries_deleted_from_the_end(audited_dir: Path, tmp_path: Path) -> None:
    anchor = json.loads((audited_dir / "audit_anchor").read_text(encoding="utf-8"))
    assert anchor["seq"] == 6 and len(anchor["hash"]) == 64
    intact = hh(audited_dir, "verify-log", "--json")
    assert intact.returncode == 0 and json.loads(intact.stdout)["anchor"] == "checked"

    # The shortened chain is still a valid chain: only the anchor file can tell.
    cut = _tamper(audited_dir, tmp_path / "cut", ["DELETE FROM audit_log WHERE seq >= 5"])
    result = hh(cut, "verify-log")
    assert result.returncode == 1
    assert "audit entries after 4 were deleted" in result.stderr, result.stderr
    result = hh(cut, "verify-log", "--json")
    assert json.loads(result.stdout) | {"entries_checked": 0, "content": {}} == {
        "intact": False,
        "entries_checked": 0,
        "content": {},  # the records check (issue 18): tests/test_trust_content_check.py
        "anchor": "checked",
        "keyed": False,
        "first_bad_seq": 5,
        "reason": "tail_deleted",
    }

    emptied = _tamper(audited_dir, tmp_path / "emptied", ["DELETE FROM audit_log"])
    result = hh(emptied, "verify-log")
    assert result.returncode == 1 and "entries after 0 were deleted" in result.stderr

    # Deleting the end and appending a forged entry with the same seq: the hash differs.
    forged = _tamper(audited_dir, tmp_path / "forged", ["DELETE FROM audit_log WHERE seq = 6"])
    conn = sqlite3.connect(forged / "hearing_helper.sqlite3")
    last = conn.execute("SELECT hash FROM audit_log WHERE seq = 5").fetchone()[0]
    at = "2026-01-01T00:00:00+08:00"
    details = {"key": "font_scale", "n": 6}
    digest = entry_hash(last, 6, at, "clerk", "settings.changed", details)
    with conn:
        conn.execute(
            "INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash) "
            "VALUES (6, ?, 'clerk', 'settings.changed', ?, ?, ?)",
            (at, canonical_json(details), last, digest),
        )
    conn.close()
    result = hh(forged, "verify-log")
    assert result.returncode == 1 and "audit entry 6 is not the one" in result.stderr

    # New entries after the anchor are fine (the anchor follows every commit).
    grown = tmp_path / "grown"
    shutil.copytree(audited_dir, grown)
    services = AppServices.open(grown)
    services.repo.append_audit("clerk", "settings.changed", {"key": "font_scale", "n": 7})
    services.close()
    assert json.loads((grown / "audit_anchor").read_text(encoding="utf-8"))["seq"] == 7
    assert hh(grown, "verify-log").returncode == 0


def test_verify_log_without_or_with_a_damaged_anchor(audited_dir: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    shutil.copytree(audited_dir, missing)
    (missing / "audit_anchor").unlink()
    result = hh(missing, "verify-log")
    assert result.returncode == 0 and "no audit anchor file" in result.stdout

    damaged = tmp_path / "damaged"
    shutil.copytree(audited_dir, damaged)
    (damaged / "audit_anchor").write_text("{not json", encoding="utf-8")
    result = hh(damaged, "verify-log")
    assert result.returncode == 1 and "anchor file is damaged" in result.stderr
    assert "Traceback" not in result.stderr
