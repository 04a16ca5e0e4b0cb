"""Settings key by key under a file lock, and a supervisor password that cannot be wiped or
brute-forced (issue 11, finding "Supervisor password")."""

from __future__ import annotations

import io
import json
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from hearing_helper import secrets
from hearing_helper.auth import SETTING_KEY, SupervisorAuth
from hearing_helper.cli import main
from hearing_helper.config import Settings
from hearing_helper.services import AppServices
from hearing_helper.store import StoreError
from hearing_helper.store.sqlite import SqliteRepository
from tests.reports_fixtures import sqlite_repo

PASSWORD = "richter-2026"


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def set_password_cli(data_dir: Path, *lines: str) -> int:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
        return main(["--data-dir", str(data_dir), "supervisor", "set-password"])


def test_language_switch_in_the_app_keeps_a_password_set_from_the_cli(data_dir: Path) -> None:
    app = AppServices.open(data_dir)  # the running app holds its settings
    try:
        assert app.settings.get("language") == "zh_CN"
        assert set_password_cli(data_dir, PASSWORD, PASSWORD) == 0
        app.settings.set("language", "en")  # the app's language switch
        on_disk = json.loads((data_dir / "settings.json").read_text(encoding="utf-8"))
        # The hash lives in the database (issue 18), so no settings write can drop it.
        assert on_disk["language"] == "en" and SETTING_KEY not in on_disk
        auth = SupervisorAuth(app.settings, app.repo, data_dir, clock=Clock())
        assert auth.check(PASSWORD, "desk").ok  # the app sees the new password too
    finally:
        app.close()


def test_concurrent_writers_never_drop_each_others_keys(data_dir: Path) -> None:
    writers = [Settings(data_dir) for _ in range(4)]
    keys = ["court_name", "help_desk_phone", "camera_id", "speaker_id"]

    def write(settings: Settings, key: str) -> None:
        for index in range(15):
            settings.set(key, f"{key}-{index}")

    threads = [
        threading.Thread(target=write, args=pair) for pair in zip(writers, keys, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    final = Settings(data_dir)
    assert [final.get(key) for key in keys] == [f"{key}-14" for key in keys]


def test_deeply_nested_or_huge_settings_file_is_refused_not_a_crash(data_dir: Path) -> None:
    # Issue 18: refused by name (DamagedSettingsError), never read as empty settings.
    from hearing_helper.config import DamagedSettingsError

    (data_dir / "settings.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(DamagedSettingsError, match="nested too deeply"):
        Settings(data_dir)


@pytest.fixture
def services(data_dir: Path) -> Iterator[AppServices]:
    services = AppServices.open(data_dir)
    yield services
    services.close()


def test_password_change_that_cannot_be_audited_is_not_made(services: AppServices) -> None:
    auth = SupervisorAuth(services.settings, services.repo, services.data_dir, clock=Clock())
    auth.set_password(PASSWORD, "it")
    # Another program holds the database's write lock; this program's store waits 0.2 s.
    path = sqlite_repo(services).path
    impatient = SqliteRepository(path, busy_timeout_s=0.2)
    blocked = SupervisorAuth(services.settings, impatient, services.data_dir, clock=Clock())
    other_program = sqlite3.connect(path)
    other_program.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError, match="busy|locked"):
            blocked.set_password("another-pass", "it")
    finally:
        other_program.rollback()
        other_program.close()
        impatient.close()
    assert auth.check(PASSWORD, "it").ok and not auth.is_current("another-pass")


def test_twenty_simultaneous_wrong_passwords_are_not_all_checked(services: AppServices) -> None:
    clock = Clock()
    auth = SupervisorAuth(services.settings, services.repo, services.data_dir, clock=clock)
    auth.set_password(PASSWORD, "it")
    results = []
    barrier = threading.Barrier(20)

    def attempt(index: int) -> None:
        mine = SupervisorAuth(
            Settings(services.data_dir), services.repo, services.data_dir, clock=clock
        )
        barrier.wait()
        results.append(mine.check(f"wrong-{index}", "attacker"))

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    codes = sorted(result.code for result in results)
    assert codes.count("wrong") == 1 and codes.count("locked") == 19
    assert auth.failures == 1
    actions = [entry.action for entry in services.repo.iter_audit()]
    assert actions.count("supervisor.login_failed") == 1
    # Refused attempts while locked are audited too.
    assert actions.count("supervisor.login_refused") == 19


def test_damaged_state_file_delays_but_never_locks_out_forever(services: AppServices) -> None:
    clock = Clock()
    auth = SupervisorAuth(services.settings, services.repo, services.data_dir, clock=clock)
    auth.set_password(PASSWORD, "it")
    auth.state_path.write_text("{not json")
    first = auth.check(PASSWORD, "x")
    assert first.code == "locked" and 0 < first.wait_seconds <= 300
    clock.now += first.wait_seconds
    assert auth.check(PASSWORD, "x").ok


def test_stale_keyring_password_is_forgotten_not_counted(
    ring: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert set_password_cli(data_dir, PASSWORD, PASSWORD) == 0
    secrets.set_secret(secrets.supervisor_secret_name(data_dir), PASSWORD)
    assert set_password_cli(data_dir, PASSWORD, "newer-pass", "newer-pass") == 0
    # The keyring still holds the old password: export must forget it and ask.
    out = data_dir.parent / "log.csv"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.StringIO("newer-pass\n"))
        code = main(
            [
                "--data-dir",
                str(data_dir),
                "export",
                "--from",
                "2026-01-01",
                "--to",
                "2026-12-31",
                "--format",
                "csv",
                "--out",
                str(out),
            ]
        )
    err = capsys.readouterr().err
    assert code == 0, err
    assert "no longer valid" in err
    assert secrets.get_secret(secrets.supervisor_secret_name(data_dir)) is None
    services = AppServices.open(data_dir)
    try:
        actions = [entry.action for entry in services.repo.iter_audit()]
        assert "supervisor.login_failed" not in actions
    finally:
        services.close()


def test_set_password_while_the_database_is_locked_changes_nothing(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    assert set_password_cli(data_dir, PASSWORD, PASSWORD) == 0
    holder = sqlite3.connect(data_dir / "hearing_helper.sqlite3", timeout=0.1)
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        code = set_password_cli(data_dir, PASSWORD, "another-pass", "another-pass")
    finally:
        holder.rollback()
        holder.close()
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err and "internal error" not in err
    services = AppServices.open(data_dir)
    try:
        auth = SupervisorAuth(services.settings, services.repo, data_dir)
        assert auth.is_current(PASSWORD) and not auth.is_current("another-pass")
    finally:
        services.close()
