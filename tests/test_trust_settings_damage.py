"""A damaged settings file never hands over the supervisor role (issue 18, finding 2).

A ``settings.json`` that cannot be read (a trailing comma from a hand edit, more than 1 MiB, not
UTF-8, a JSON array) is a refusal naming the file, and the file is left exactly as it was: never
an empty dict that the next write persists. The supervisor password's hash lives in the audited
database, so no settings file -- damaged, emptied or replaced -- can remove it or make
``set-password`` forget to ask for the current one.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from hearing_helper.auth import SETTING_KEY, SupervisorAuth, auth_for
from hearing_helper.cli import main
from hearing_helper.config import DamagedSettingsError, Settings
from hearing_helper.services import AppServices

PASSWORD = "richter-2026"
DAMAGE = {
    "trailing_comma": b'{"language": "en", "court_name": "x",}',
    "too_large": b'{"court_name": "' + b"x" * (1024 * 1024 + 10) + b'"}',
    "not_utf8": b'{"court_name": "\xff\xfe"}',
    "json_array": b'["language", "en"]',
}


def cli(data_dir: Path, *argv: str, stdin: str = "") -> int:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.StringIO(stdin))
        return main(["--data-dir", str(data_dir), *argv])


def with_password(data_dir: Path) -> Path:
    assert cli(data_dir, "supervisor", "set-password", stdin=f"{PASSWORD}\n{PASSWORD}\n") == 0
    services = AppServices.open(data_dir)
    services.settings.update({"court_name": "朝阳法院", "central": "postgresql://d@h/c"})
    services.close()
    return data_dir


def audit_entries(data_dir: Path) -> list[tuple[str, dict[str, object]]]:
    services = AppServices.open(data_dir)
    try:
        return [(entry.action, entry.details) for entry in services.repo.iter_audit()]
    finally:
        services.close()


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_settings_file_is_refused_by_name_and_left_untouched(
    data_dir: Path, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with_password(data_dir)
    path = data_dir / "settings.json"
    path.write_bytes(DAMAGE[damage])
    capsys.readouterr()
    code = cli(data_dir, "supervisor", "set-password", stdin="taken-over\ntaken-over\n")
    err = capsys.readouterr().err
    assert code == 1, err
    assert str(path) in err and "Traceback" not in err and "internal error" not in err
    assert path.read_bytes() == DAMAGE[damage]
    assert cli(data_dir, "report", "--from", "2026-01-01", "--to", "2026-01-31") == 1
    assert str(path) in capsys.readouterr().err
    with pytest.raises(DamagedSettingsError, match="settings.json"):
        Settings(data_dir)
    assert path.read_bytes() == DAMAGE[damage]


def test_a_file_damaged_while_the_app_runs_is_never_overwritten(data_dir: Path) -> None:
    settings = Settings(data_dir)
    settings.update({"court_name": "朝阳法院", "language": "en"})
    path = data_dir / "settings.json"
    path.write_bytes(DAMAGE["trailing_comma"])
    assert settings.get("court_name") == "朝阳法院"  # the last good values, from memory
    with pytest.raises(DamagedSettingsError, match="settings.json"):
        settings.set("font_scale", 1.5)
    assert path.read_bytes() == DAMAGE["trailing_comma"]


@pytest.mark.parametrize("wipe", ["empty_object", "deleted", "other_hash"])
def test_wiping_the_settings_never_unsets_the_password(
    data_dir: Path, wipe: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with_password(data_dir)
    path = data_dir / "settings.json"
    if wipe == "empty_object":
        path.write_text("{}", encoding="utf-8")
    elif wipe == "deleted":
        path.unlink()
    else:  # a hash of the attacker's own password planted in the file
        from hearing_helper.auth import hash_password

        path.write_text(json.dumps({SETTING_KEY: hash_password("taken-over")}), encoding="utf-8")
    # set-password must ask for the current password: the attacker's first line is taken as
    # that, is wrong, and nothing changes.
    code = cli(data_dir, "supervisor", "set-password", stdin="taken-over\ntaken-over\ntaken-over\n")
    assert code == 1
    assert "Wrong supervisor password" in capsys.readouterr().err
    services = AppServices.open(data_dir)
    try:
        auth = auth_for(services)
        assert auth.is_set()
        assert not auth.is_current("taken-over") and auth.is_current(PASSWORD)
    finally:
        services.close()
    # The rightful supervisor can still change it, and the entry says a password was replaced.
    # (The failed attempt above slowed the next one down: wait it out in the state file.)
    (data_dir / "supervisor_state.json").unlink()
    stdin = f"{PASSWORD}\nnewer-pass\nnewer-pass\n"
    assert cli(data_dir, "supervisor", "set-password", stdin=stdin) == 0
    sets = [d for action, d in audit_entries(data_dir) if action == "supervisor.password_set"]
    assert [d["replaced_existing"] for d in sets] == [False, True]


def test_the_hash_lives_in_the_audited_database_not_the_settings(data_dir: Path) -> None:
    with_password(data_dir)
    on_disk = json.loads((data_dir / "settings.json").read_text(encoding="utf-8"))
    assert SETTING_KEY not in on_disk
    entry = next(d for a, d in audit_entries(data_dir) if a == "supervisor.password_set")
    assert str(entry["password_hash"]).startswith("scrypt$") and PASSWORD not in json.dumps(entry)


def test_a_password_set_before_the_upgrade_moves_into_the_database(data_dir: Path) -> None:
    """Old installations kept the hash in settings.json and audited only the fact."""
    from hearing_helper.auth import hash_password

    services = AppServices.open(data_dir)
    try:
        services.repo.append_audit("it", "supervisor.password_set", {"replaced_existing": False})
        services.settings.set(SETTING_KEY, hash_password(PASSWORD))
        auth = SupervisorAuth(services.settings, services.repo, services.data_dir)
        assert auth.is_set()
        assert auth.check(PASSWORD, "it").ok
        services.settings.set(SETTING_KEY, None)  # the old copy may now be lost
        assert auth.is_current(PASSWORD)
        actions = [entry.action for entry in services.repo.iter_audit()]
        assert actions[-1] == "supervisor.password_moved"
    finally:
        services.close()
