"""The keyed audit chain records that it is keyed outside the keyring (issue 18, findings 4-5).

A chain once keyed says so in the database (an ``audit.keyed`` entry, itself signed and chained)
and in the audit anchor; a keyed chain whose key is missing is reported as such -- never re-keyed
silently. The key is named by the desk id, not the folder's path, so a moved or restored folder
verifies on the same account, and a key named the old way is moved to the new name.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from hearing_helper import secrets
from hearing_helper.cli import main
from hearing_helper.desk_identity import desk_id
from hearing_helper.services import AppServices
from hearing_helper.store.audit import canonical_json, entry_hash
from tests.reports_keyring import write_entries


def audit_keys_in(ring: Path) -> dict[str, str]:
    stored = json.loads(ring.read_text()) if ring.exists() else {}
    return {name: value for name, value in stored.items() if "audit-key" in name}


def verify(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, dict[str, Any], str]:  # the JSON report
    code = main(["--data-dir", str(data_dir), "verify-log", "--json"])
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "internal error" not in out.err
    text_code = main(["--data-dir", str(data_dir), "verify-log"])
    text = capsys.readouterr()
    assert text_code == code
    return code, json.loads(out.out), text.out + text.err


def attacker_rewrites_everything(data_dir: Path, *, drop_marker: bool, keep_anchor: bool) -> None:
    """Delete nothing from the keyring here (the caller does); rewrite every entry with plain
    SHA-256 -- the only hash computable without the key -- and write a matching anchor."""
    db = data_dir / "hearing_helper.sqlite3"
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT seq, at, actor, action, details FROM audit_log ORDER BY seq"
    ).fetchall()
    if drop_marker:
        rows = [row for row in rows if row[3] != "audit.keyed"]
    with conn:
        conn.execute("DELETE FROM audit_log")
        prev = "0" * 64
        for seq, (_old, at, actor, action, details) in enumerate(rows, start=1):
            digest = entry_hash(prev, seq, at, actor, action, json.loads(details))
            conn.execute(
                "INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash) "
                "VALUES (?,?,?,?,?,?,?)",
                (seq, at, actor, action, canonical_json(json.loads(details)), prev, digest),
            )
            prev = digest
    conn.close()
    anchor = data_dir / "audit_anchor"
    fields = json.loads(anchor.read_text()) if keep_anchor else {}
    fields |= {"seq": len(rows), "hash": prev}
    anchor.write_text(json.dumps(fields), encoding="utf-8")


@pytest.mark.parametrize(
    ("drop_marker", "keep_anchor"), [(False, False), (True, True), (False, True)]
)
def test_rewritten_chain_after_deleting_the_key_is_reported_naming_the_key(
    ring: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    drop_marker: bool,
    keep_anchor: bool,
) -> None:
    write_entries(data_dir)
    code, result, _text = verify(data_dir, capsys)
    assert code == 0 and result["keyed"] is True
    key_name = f"audit-key:{desk_id(data_dir)}"
    assert list(audit_keys_in(ring)) == [f"HearingHelper/{key_name}"]
    # The attack: delete the keyring entry, rewrite the chain and the anchor.
    ring.write_text(json.dumps({}))
    attacker_rewrites_everything(data_dir, drop_marker=drop_marker, keep_anchor=keep_anchor)
    # The app is used afterwards: it must not make a new key that would hide the rewrite.
    write_entries(data_dir, 1)
    assert audit_keys_in(ring) == {}
    code, result, text = verify(data_dir, capsys)
    assert code == 1
    assert result["intact"] is False and result["reason"] == "key_missing"
    assert result["missing_key"] == key_name
    assert key_name in text and "keyring" in text


def test_a_moved_folder_verifies_with_the_same_key(
    ring: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "desk-a"
    first.mkdir()
    write_entries(first)
    moved = tmp_path / "restored" / "desk-a-copy"
    moved.parent.mkdir()
    shutil.move(str(first), str(moved))
    code, result, _text = verify(moved, capsys)
    assert code == 0 and result["intact"] and result["keyed"] is True
    write_entries(moved, 2)
    assert len(audit_keys_in(ring)) == 1  # no second key for the new path
    assert verify(moved, capsys)[0] == 0


def test_a_key_named_by_the_old_path_digest_is_moved_to_the_desk_name(
    ring: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_entries(data_dir)
    stored = json.loads(ring.read_text())
    new_name = f"HearingHelper/audit-key:{desk_id(data_dir)}"
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    old_name = f"HearingHelper/audit-key:{digest}"
    stored[old_name] = stored.pop(new_name)  # as an installation before issue 18 kept it
    ring.write_text(json.dumps(stored))
    code, result, _text = verify(data_dir, capsys)
    assert code == 0 and result["keyed"] is True
    assert new_name in audit_keys_in(ring)


def test_the_chain_records_it_is_keyed_in_a_signed_entry_and_the_anchor(
    ring: Path, data_dir: Path
) -> None:
    write_entries(data_dir, 2)
    services = AppServices.open(data_dir)
    try:
        entries = list(services.repo.iter_audit())
    finally:
        services.close()
    marker = entries[0]
    assert marker.action == "audit.keyed" and marker.hash.startswith("hmac:")
    assert marker.details["from_seq"] == marker.seq == 1
    anchor = json.loads((data_dir / "audit_anchor").read_text())
    assert anchor["keyed_from"] == 1
    assert secrets.load_audit_key(data_dir) is not None
