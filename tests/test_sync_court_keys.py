"""Court-scope verification of keyed audit chains: each desk's HMAC key stays in that desk's
keyring, so the court checks its own desk's signatures and every other desk's sequence and links,
and says how many signatures it could not check."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from tests.test_pg_cli import hh
from tests.test_sync_cli import court  # noqa: F401  (fixture: an initialised central database)


def _as_desk(monkeypatch: pytest.MonkeyPatch, ring: Path) -> None:
    """Each desk PC has its own keyring (a file keyring per desk)."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.reports_keyring.FileKeyring")
    monkeypatch.setenv("TEST_KEYRING_FILE", str(ring))


def _verify(desk: Path, url: str) -> tuple[int, dict[str, dict[str, int | bool]]]:
    done = hh(desk, "--central", url, "verify-log", "--scope", "court", "--json")
    assert "Traceback" not in done.stderr
    return done.returncode, json.loads(done.stdout)["desks"] if done.stdout else {}


def test_keyed_chains_verify_at_court_scope_and_an_edit_of_this_desks_entry_is_found(
    court: str,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    desks = [tmp_path / "desk1", tmp_path / "desk2"]
    for seed, desk in enumerate(desks, start=1):
        _as_desk(monkeypatch, tmp_path / f"ring{seed}.json")
        for batch in range(3):  # three imports: three audit entries in the desk's chain
            made = hh(desk, "demo-data", "--count", "10", "--seed", str(seed * 10 + batch))
            assert made.returncode == 0, made.stderr
        assert hh(desk, "verify-log").returncode == 0  # keyed locally
        assert hh(desk, "--central", court, "sync", "--once").returncode == 0
    own = (desks[0] / "desk_id").read_text().strip()
    other = (desks[1] / "desk_id").read_text().strip()

    _as_desk(monkeypatch, tmp_path / "ring1.json")
    code, result = _verify(desks[0], court)
    assert code == 0, result
    assert result[own]["intact"] and result[own]["signatures_unchecked"] == 0
    assert result[other]["intact"] and int(result[other]["signatures_unchecked"]) > 0

    # Someone edits this desk's first entry on the server: its own key finds it.
    with psycopg.connect(court, autocommit=True) as conn:
        conn.execute(
            "UPDATE audit_log SET actor = 'someone else' WHERE desk_id = %s AND seq = 1", (own,)
        )
    code, result = _verify(desks[0], court)
    assert code == 1
    assert result[own]["intact"] is False and result[own]["first_bad_seq"] == 1
    # Without desk 1's key (seen from desk 2) the same edit cannot be seen, only links.
    _as_desk(monkeypatch, tmp_path / "ring2.json")
    code, result = _verify(desks[1], court)
    assert result[own]["intact"] and int(result[own]["signatures_unchecked"]) > 0

    # A deleted entry in the middle breaks the links whatever key is held.
    with psycopg.connect(court, autocommit=True) as conn:
        conn.execute("DELETE FROM audit_log WHERE desk_id = %s AND seq = 2", (other,))
    code, result = _verify(desks[1], court)
    assert code == 1 and result[other]["first_bad_seq"] == 3, result
