"""The keyed audit chain (issue 11, "Audit out of step with reality"): an HMAC with a secret kept
in the OS keyring, so a rewritten chain with a rewritten anchor is detected; verify-log names the
first broken entry even when later hashes were recomputed; a damaged anchor never crashes."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import null

from hearing_helper import secrets
from hearing_helper.cli import main
from hearing_helper.services import AppServices
from hearing_helper.store.audit import canonical_json, entry_hash
from tests.reports_keyring import write_entries


def rewrite_from(db_path: Path, start_seq: int, new_details: dict[str, object]) -> None:
    """An attacker's rewrite: edit entry ``start_seq`` and recompute every later hash (plain
    SHA-256, the only hash the attacker can compute without the key), anchor included."""
    conn = sqlite3.connect(db_path)
    rows = conn.execute(
        "SELECT seq, at, actor, action, details, prev_hash FROM audit_log ORDER BY seq"
    ).fetchall()
    prev = None
    with conn:
        for seq, at, actor, action, details, prev_hash in rows:
            if seq < start_seq:
                prev = conn.execute("SELECT hash FROM audit_log WHERE seq=?", (seq,)).fetchone()[0]
                continue
            parsed = new_details if seq == start_seq else json.loads(details)
            prev_hash = prev if prev is not None else prev_hash
            digest = entry_hash(prev_hash, seq, at, actor, action, parsed)
            conn.execute(
                "UPDATE audit_log SET details=?, prev_hash=?, hash=? WHERE seq=?",
                (canonical_json(parsed), prev_hash, digest, seq),
            )
            prev = digest
    conn.close()
    (db_path.parent / "audit_anchor").write_text(
        json.dumps({"seq": rows[-1][0], "hash": prev}), encoding="utf-8"
    )


def verify(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    code = main(["--data-dir", str(data_dir), "verify-log", "--json"])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, json.loads(out.out)


def test_rewritten_chain_with_rewritten_anchor_is_detected(
    ring: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_entries(data_dir)
    code, result = verify(data_dir, capsys)
    assert code == 0 and result["intact"] and result["keyed"] is True
    rewrite_from(data_dir / "hearing_helper.sqlite3", 3, {"n": "forged"})
    code, result = verify(data_dir, capsys)
    assert code == 1
    assert result["first_bad_seq"] == 3  # the edited entry, not a later one nor the anchor's


def test_the_key_lives_in_the_keyring_not_in_the_data_folder(ring: Path, data_dir: Path) -> None:
    write_entries(data_dir, 1)
    stored = json.loads(ring.read_text())
    key_entries = [value for name, value in stored.items() if "audit-key" in name]
    assert len(key_entries) == 1
    secret = json.loads(key_entries[0])["key"]
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path


def test_without_a_keyring_the_chain_is_unkeyed_and_says_so(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert isinstance(keyring.get_keyring(), null.Keyring)  # conftest: no keyring
    write_entries(data_dir)
    code, result = verify(data_dir, capsys)
    assert code == 0 and result["keyed"] is False
    main(["--data-dir", str(data_dir), "verify-log"])
    assert "not keyed" in capsys.readouterr().out


def test_keyed_entry_without_the_key_is_reported(
    ring: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_entries(data_dir)
    ring.unlink()  # the keyring lost the key (another PC, a wiped profile)
    code, result = verify(data_dir, capsys)
    assert code == 1 and result["reason"] == "key_missing" and result["first_bad_seq"] == 1


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xfe\x00garbage",
        b'{"seq": 1e400, "hash": "x"}',
        b'{"seq": 10' + b"0" * 5000 + b"}",
        b'{"seq": 99999999999999999999999, "hash": "' + b"a" * 64 + b'"}',
        b"[1, 2]",
    ],
)
def test_damaged_anchor_never_crashes(
    data_dir: Path, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    write_entries(data_dir, 2)
    (data_dir / "audit_anchor").write_bytes(content)
    code = main(["--data-dir", str(data_dir), "verify-log"])
    err = capsys.readouterr().err
    assert code == 1 and "anchor" in err and "Traceback" not in err and "internal error" not in err
    # An audited command still works, and repairs nothing silently.
    write_entries(data_dir, 1)
    monkey_stdin = io.StringIO("secret-pw1\nsecret-pw1\n")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", monkey_stdin)
        assert main(["--data-dir", str(data_dir), "supervisor", "set-password"]) == 0


def test_audit_key_without_keyring_is_none(data_dir: Path) -> None:
    assert secrets.load_audit_key(data_dir) is None


def test_the_servers_copy_checks_signed_entries_links_without_the_key(
    ring: Path, data_dir: Path
) -> None:
    from hearing_helper.store.audit import SignatureTally, verify_chain

    write_entries(data_dir, 4)
    services = AppServices.open(data_dir)
    try:
        entries = list(services.repo.iter_audit())
    finally:
        services.close()
    assert verify_chain(entries) is not None  # no key: the signatures cannot be checked
    tally = SignatureTally()
    # Four entries and the audit.keyed entry that records the chain is keyed (issue 18).
    assert verify_chain(entries, links_only=tally) is None and tally.unchecked == 5
    swapped = [entries[0], entries[2], entries[1], entries[3], entries[4]]
    broken = verify_chain(swapped, links_only=SignatureTally())
    assert broken is not None and broken.seq == 3
