"""What the app does differently on Windows, checked here on Linux where it can be.

The same behaviour runs for real under Wine in ``make test-windows``
(tools/packaging/windows/wine_test.py): data folder under %LOCALAPPDATA% of a Chinese user
name, file locks through msvcrt, Credential Manager, an export onto a file another process
holds open.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import keyring
import keyring.backend
import platformdirs
import platformdirs.windows
import pytest

from hearing_helper import atomic_file
from hearing_helper.atomic_file import FileInUseError, replace_file, write_json_atomically
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.paths import resolve_data_dir
from hearing_helper.reports.export import ExportError, export_log
from hearing_helper.self_test_report import SelfTestError
from hearing_helper.services import AppServices
from tests.reports_fixtures import seeded_services, standard_records

SHARING_VIOLATION = 32  # ERROR_SHARING_VIOLATION: Excel (or an antivirus) has the file open


@pytest.fixture
def windows_dirs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Path]:
    """platformdirs as on Windows, its folders read from the environment variables."""
    folders = {
        "LOCALAPPDATA": tmp_path / "张三 profile" / "AppData" / "Local",
        "APPDATA": tmp_path / "张三 profile" / "AppData" / "Roaming",
    }
    for name, folder in folders.items():
        monkeypatch.setenv(name, str(folder))
    monkeypatch.delenv("HEARING_HELPER_DATA", raising=False)
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.setattr(
        platformdirs.windows,
        "_RESOLVE_WIN_FOLDER",
        platformdirs.windows.get_win_folder_from_env_vars,
    )
    return folders


def test_data_folder_is_in_local_appdata_not_the_roaming_profile(
    windows_dirs: dict[str, Path],
) -> None:
    # A roaming profile would copy the live database to the server at every logon and logoff.
    assert resolve_data_dir(None) == windows_dirs["LOCALAPPDATA"] / "HearingHelper"


def test_a_data_folder_of_an_earlier_build_under_appdata_keeps_being_used(
    windows_dirs: dict[str, Path],
) -> None:
    roaming = windows_dirs["APPDATA"] / "HearingHelper"
    roaming.mkdir(parents=True)
    (roaming / "hearing_helper.sqlite3").write_bytes(b"")
    assert resolve_data_dir(None) == roaming
    local = windows_dirs["LOCALAPPDATA"] / "HearingHelper"
    local.mkdir(parents=True)  # once the local folder exists, it wins
    assert resolve_data_dir(None) == local


def _held_open(times: int) -> tuple[Callable[[str | Path, str | Path], None], dict[str, int]]:
    """os.replace failing like Windows while another program has the target open."""
    calls = {"n": 0}
    real = os.replace

    def replace(src: str | Path, dst: str | Path) -> None:
        calls["n"] += 1
        if calls["n"] <= times:
            error = PermissionError(13, "The process cannot access the file", str(dst))
            # winerror is declared for Windows only; here it is set as Windows would set it.
            error.winerror = SHARING_VIOLATION  # type: ignore[attr-defined]
            raise error
        real(src, dst)

    return replace, calls


def test_replace_waits_for_a_scanner_that_holds_the_file_briefly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    replace, calls = _held_open(times=2)
    monkeypatch.setattr(atomic_file, "_os_replace", replace)
    monkeypatch.setattr("hearing_helper.atomic_file.time.sleep", lambda s: None)
    target = tmp_path / "设置 文件.json"
    write_json_atomically(target, {"a": 1})
    assert json.loads(target.read_text(encoding="utf-8")) == {"a": 1}
    assert calls["n"] == 3


def test_replace_onto_a_file_that_stays_open_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    replace, calls = _held_open(times=1000)
    monkeypatch.setattr(atomic_file, "_os_replace", replace)
    monkeypatch.setattr("hearing_helper.atomic_file.time.sleep", lambda s: None)
    source, target = tmp_path / "new", tmp_path / "导出 结果.xlsx"
    source.write_text("x")
    with pytest.raises(FileInUseError) as caught:
        replace_file(source, target)
    assert str(target) in str(caught.value)
    assert "open in another program" in str(caught.value)
    assert 1 < calls["n"] < 20


def test_a_permission_error_that_is_not_a_sharing_violation_is_not_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"n": 0}

    def denied(src: str | Path, dst: str | Path) -> None:
        calls["n"] += 1
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(atomic_file, "_os_replace", denied)
    (tmp_path / "a").write_text("x")
    with pytest.raises(PermissionError) as caught:
        replace_file(tmp_path / "a", tmp_path / "b")
    assert not isinstance(caught.value, FileInUseError) and calls["n"] == 1


def test_export_onto_a_workbook_open_in_excel_is_refused_clearly(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = seeded_services(data_dir, standard_records())
    replace, _ = _held_open(times=1000)
    monkeypatch.setattr(atomic_file, "_os_replace", replace)
    monkeypatch.setattr("hearing_helper.atomic_file.time.sleep", lambda s: None)
    folder = tmp_path / "导出 文件"
    folder.mkdir()
    out = folder / "日志 2026.xlsx"
    out.write_bytes(b"the supervisor's earlier export, open in Excel")
    period = ReportFilters(date(2000, 1, 1), date(2100, 1, 1))
    try:
        with pytest.raises(ExportError) as caught:
            export_log(services.store, period, "xlsx", out, actor="sup")
    finally:
        services.close()
    message = str(caught.value)
    assert str(out) in message and "open in another program" in message
    assert "Excel" in message and "Traceback" not in message
    assert out.read_bytes() == b"the supervisor's earlier export, open in Excel"
    assert sorted(p.name for p in folder.iterdir()) == ["日志 2026.xlsx"]  # no .part left
    reopened = AppServices.open(data_dir)
    try:
        actions = [entry.action for entry in reopened.repo.iter_audit()]
    finally:
        reopened.close()
    assert "export.written" not in actions


def test_self_test_files_check_fails_when_the_lock_is_not_exclusive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hearing_helper import file_lock
    from hearing_helper.commands.self_test import check_files

    assert "exclusive" in check_files(tmp_path)
    # stub: a lock that is not exclusive (a broken network share) cannot be made on Linux
    monkeypatch.setattr(file_lock, "_try_lock", lambda fd: True)
    with pytest.raises(SelfTestError, match="not exclusive"):
        check_files(tmp_path)
    assert list(tmp_path.iterdir()) == []  # the probe and its lock file are cleaned up


class _ForgetfulVault(keyring.backend.KeyringBackend):
    """Accepts secrets and keeps none (what a broken Credential Manager would look like)."""

    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        pass

    def delete_password(self, service: str, username: str) -> None:
        pass


def test_self_test_keyring_check_on_windows_proves_a_round_trip(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from hearing_helper.commands import self_test

    monkeypatch.setattr("hearing_helper.commands.self_test.sys.platform", "win32")
    previous = keyring.get_keyring()
    # The __init__ it inherits from keyring's KeyringBackend has no annotations.
    keyring.set_keyring(_ForgetfulVault())  # type: ignore[no-untyped-call]
    try:
        with pytest.raises(SelfTestError, match="did not give back"):
            self_test.check_keyring()
    finally:
        keyring.set_keyring(previous)


PASSWORD = "Gericht 2026 庭审"


def _piped_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes, locale_encoding: str) -> None:
    """A non-terminal stdin as Python sets it up on a Chinese Windows (code page 936)."""
    import io
    import locale

    stream = io.TextIOWrapper(io.BytesIO(data), encoding=locale_encoding, errors="surrogateescape")
    monkeypatch.setattr("sys.stdin", stream)
    monkeypatch.setattr(locale, "getpreferredencoding", lambda do_setlocale=True: locale_encoding)


@pytest.mark.parametrize(
    "data",
    [
        PASSWORD.encode("utf-8") + b"\r\n",  # PowerShell 7, Git Bash, a UTF-8 file
        b"\xef\xbb\xbf" + PASSWORD.encode("utf-8") + b"\n",  # a UTF-8 file saved with a BOM
        PASSWORD.encode("gbk") + b"\r\n",  # cmd's echo on a Chinese Windows
    ],
)
def test_a_piped_chinese_password_is_read_in_utf8_or_the_windows_code_page(
    monkeypatch: pytest.MonkeyPatch, data: bytes
) -> None:
    from hearing_helper.commands.supervisor import read_secret

    _piped_stdin(monkeypatch, data, "cp936")
    assert read_secret("Supervisor password: ") == PASSWORD


def test_a_piped_password_in_neither_encoding_is_refused_clearly(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from hearing_helper.cli import main

    _piped_stdin(monkeypatch, b"\xff\xfe\xfd\xfc\r\n", "cp936")
    assert main(["--data-dir", str(data_dir), "supervisor", "set-password"]) == 2
    error = capsys.readouterr().err
    assert "neither UTF-8 nor cp936" in error and "internal error" not in error
