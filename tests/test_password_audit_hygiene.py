"""A supervisor password's hash never leaves the desk through the audit log (review finding,
polish item 3): the audit entry of a password set or changed records who and when (and that it
replaced one), not the hash; the hash stays on the desk where the password check reads it.
Chains holding the older entries (hash in the entry) still verify and still check."""

from __future__ import annotations

import json

import psycopg
import pytest

from hearing_helper.auth import HASH_DETAIL, KEPT_FILENAME, SupervisorAuth, hash_password
from hearing_helper.config import Settings
from hearing_helper.store import StoreError
from hearing_helper.store.audit import verify_chain
from tests.sync_fixtures import Desk, central, desks, server_chain_breaks  # noqa: F401

PASSWORD = "richter-2026"
NEWER = "amtsrichter-2027"


def auth_of(desk: Desk) -> SupervisorAuth:
    return SupervisorAuth(Settings(desk.data_dir), desk.repo, desk.data_dir)


def secret_parts(stored_hash: str) -> list[str]:
    """The scrypt hash and its salt and key (base64), each of which must stay on the desk."""
    scheme, _n, _r, _p, salt, key = stored_hash.split("$")
    assert scheme == "scrypt"
    return [stored_hash, salt, key]


def every_server_row(url: str) -> list[str]:
    """Every row of every table of the central database, as JSON text."""
    rows: list[str] = []
    with psycopg.connect(url) as conn:
        tables = conn.execute(
            "SELECT table_schema, table_name FROM information_schema.tables"
            " WHERE table_type = 'BASE TABLE'"
            " AND table_schema NOT IN ('pg_catalog', 'information_schema')"
        ).fetchall()
        for schema, table in tables:
            query = f'SELECT row_to_json(t)::text FROM "{schema}"."{table}" t'
            rows += [row[0] for row in conn.execute(query)]  # type: ignore[arg-type]
    return rows


def test_no_password_hash_reaches_the_central_database(
    central: str,  # noqa: F811
    desks: list[Desk],  # noqa: F811
) -> None:
    desk = desks[0]
    auth = auth_of(desk)
    auth.set_password(PASSWORD, "supervisor@A001")
    first = auth._stored()[1]
    auth.set_password(NEWER, "supervisor@A001")  # a change: the second entry
    second = auth._stored()[1]
    assert auth.check(NEWER, "x").ok and not auth.check(PASSWORD, "y").ok
    assert desk.sender(central).push().ok

    rows = every_server_row(central)
    assert any("supervisor.password_set" in row for row in rows)  # the audit entries arrived
    for row in rows:
        assert "scrypt" not in row.lower()
        for part in secret_parts(first) + secret_parts(second):
            assert part not in row
    assert set(server_chain_breaks(central).values()) == {None}
    # What the entries do say: who set it, when, and whether it replaced one.
    entries = [e for e in desk.repo.iter_audit() if e.action == "supervisor.password_set"]
    assert [e.actor for e in entries] == ["supervisor@A001"] * 2
    assert [e.details["replaced_existing"] for e in entries] == [False, True]
    assert all(HASH_DETAIL not in e.details for e in entries)


def test_an_older_chain_with_the_hash_in_its_entry_still_verifies_and_checks(
    desks: list[Desk],  # noqa: F811
) -> None:
    desk = desks[0]
    desk.repo.append_audit("it", "supervisor.password_set", {HASH_DETAIL: hash_password(PASSWORD)})
    auth = auth_of(desk)
    assert auth.is_set() and auth.check(PASSWORD, "x").ok
    auth.set_password(NEWER, "it")  # the new entry carries no hash; the old one is untouched
    assert auth.check(NEWER, "x").ok and not auth.check(PASSWORD, "x").ok
    entries = list(desk.repo.iter_audit())
    assert HASH_DETAIL in entries[0].details
    assert verify_chain(entries) is None


def test_a_missing_kept_hash_is_lost_not_unset(desks: list[Desk]) -> None:  # noqa: F811
    desk = desks[0]
    auth = auth_of(desk)
    auth.set_password(PASSWORD, "it")
    kept = desk.data_dir / KEPT_FILENAME
    assert auth._stored()[1] in json.loads(kept.read_text(encoding="utf-8"))["hashes"].values()
    assert oct(kept.stat().st_mode & 0o777) == oct(0o600)  # the user's only
    kept.unlink()
    # Deleting the file unlocks nothing: the desk still has a password, which is lost.
    assert auth.is_set() and auth.check(PASSWORD, "x").code == "lost"


def test_a_hash_that_cannot_be_kept_changes_nothing(desks: list[Desk]) -> None:  # noqa: F811
    desk = desks[0]
    auth = auth_of(desk)
    auth.set_password(PASSWORD, "it")
    before = len(list(desk.repo.iter_audit()))
    kept = desk.data_dir / KEPT_FILENAME
    text = kept.read_text(encoding="utf-8")
    kept.unlink()
    kept.mkdir()  # the file cannot be replaced now
    with pytest.raises(StoreError) as info:
        auth.set_password(NEWER, "it")
    assert kept.name in str(info.value)
    assert len(list(desk.repo.iter_audit())) == before  # not audited: not changed
    kept.rmdir()
    kept.write_text(text, encoding="utf-8")
    assert auth.check(PASSWORD, "x").ok
