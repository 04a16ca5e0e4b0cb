"""``--self-test`` from the source tree: every check reported, failures named, never a hang.

Runs in subprocesses: the self-test installs its own Qt message handler and forces the
offscreen platform, which must not leak into the other tests of this process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from hearing_helper.commands.self_test import REPORT_FILENAME
from hearing_helper.self_test_report import SelfTestError, SelfTestReport

ROOT = Path(__file__).resolve().parent.parent
CHECKS = (
    "assets",
    "catalog",
    "guides",
    "database",
    "postgresql",
    "keyring",
    "files",
    "application",
    "translations",
    "multimedia",
    "main window",
)


def _run_python(args: list[str], timeout: float = 90) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
    )


def _self_test(data_dir: Path, prelude: str = "") -> subprocess.CompletedProcess[str]:
    """Run the self-test as ``python -m hearing_helper`` would, after ``prelude`` code."""
    code = prelude + textwrap.dedent(
        f"""
        import sys
        from hearing_helper.cli import main
        sys.exit(main(["--data-dir", {str(data_dir)!r}, "--self-test"]))
        """
    )
    return _run_python(["-c", code])


def _lines(output: str) -> dict[str, str]:
    """check name -> 'OK' or 'FAIL' from the printed report."""
    found = {}
    for line in output.splitlines():
        status, _, rest = line.partition(" ")
        for name in CHECKS:
            if status in ("OK", "FAIL") and rest.lstrip().startswith(name + " "):
                found[name] = status
    return found


def test_self_test_from_source_passes_and_saves_its_report(data_dir: Path) -> None:
    result = _run_python(["-m", "hearing_helper", "--data-dir", str(data_dir), "--self-test"])
    statuses = _lines(result.stdout)
    assert set(statuses) == set(CHECKS), result.stdout + result.stderr
    assert all(s == "OK" for s in statuses.values()), result.stdout + result.stderr
    assert result.returncode == 0
    assert "(source," in result.stdout
    saved = (data_dir / REPORT_FILENAME).read_text(encoding="utf-8")
    assert f"Self-test passed: {len(CHECKS)} checks OK" in saved
    assert "'Hearing Helper' -> '庭审协助助手'" in saved  # a known string really translated
    assert (data_dir / "hearing_helper.sqlite3").exists()


def test_a_broken_database_fails_with_the_reason_and_exit_1(data_dir: Path) -> None:
    (data_dir / "hearing_helper.sqlite3").write_bytes(b"this is not a database" * 100)
    result = _self_test(data_dir)
    statuses = _lines(result.stdout)
    assert result.returncode == 1, result.stdout + result.stderr
    assert statuses["database"] == "FAIL" and statuses["catalog"] == "OK"
    assert "not a SQLite database" in result.stdout
    assert "main window  not checked: the database did not open" in result.stdout
    assert "Self-test FAILED" in (data_dir / REPORT_FILENAME).read_text(encoding="utf-8")


def test_a_missing_main_window_is_a_named_failure(data_dir: Path) -> None:
    prelude = "import sys\nsys.modules['hearing_helper.ui.main_window'] = None\n"
    result = _self_test(data_dir, prelude)
    statuses = _lines(result.stdout)
    assert result.returncode == 1
    assert statuses["main window"] == "FAIL" and statuses["multimedia"] == "OK"
    assert "hearing_helper.ui.main_window is missing" in result.stdout


def test_no_multimedia_backend_fails_the_multimedia_check(data_dir: Path, tmp_path: Path) -> None:
    # An empty plugin folder stands in for a bundle whose FFmpeg plugin was lost.
    plugins = tmp_path / "plugins"
    (plugins / "multimedia").mkdir(parents=True)
    prelude = textwrap.dedent(
        f"""
        from PySide6.QtCore import QLibraryInfo
        _real = QLibraryInfo.path
        def _path(which):
            if which == QLibraryInfo.LibraryPath.PluginsPath:
                return {str(plugins)!r}
            return _real(which)
        QLibraryInfo.path = _path
        """
    )
    result = _self_test(data_dir, prelude)
    assert result.returncode == 1
    assert _lines(result.stdout)["multimedia"] == "FAIL"
    assert "no FFmpeg multimedia plugin" in result.stdout


def test_a_hanging_check_is_ended_by_the_watchdog(data_dir: Path) -> None:
    code = textwrap.dedent(
        f"""
        import argparse, sys, time
        from hearing_helper.commands import self_test
        def slow(report, data_dir):
            report.run("catalog", lambda: time.sleep(30) or "never")
        self_test.run_checks = slow
        args = argparse.Namespace(data_dir={str(data_dir)!r})
        sys.exit(self_test.run(args, timeout_s=1.0))
        """
    )
    result = _run_python(["-c", code], timeout=20)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "FAIL  catalog      did not finish within 1 s" in result.stdout
    assert "did not finish" in (data_dir / REPORT_FILENAME).read_text(encoding="utf-8")


def test_report_turns_any_exception_into_a_failed_line() -> None:
    report = SelfTestReport(echo=False)

    def crash() -> str:
        raise KeyError("platforms")

    def refuse() -> str:
        raise SelfTestError("no platform loaded")

    assert report.run("assets", lambda: "12 files")
    assert not report.run("catalog", crash)
    assert not report.run("guides", refuse)
    assert [line.render() for line in report.lines] == [
        "OK    assets       12 files",
        "FAIL  catalog      KeyError: 'platforms'",
        "FAIL  guides       no platform loaded",
    ]
    assert report.summary() == "Self-test FAILED: 2 of 3 checks (catalog, guides)"


@pytest.mark.parametrize("lines", [[], ["assets"]])
def test_summary_passes_only_when_checks_ran_and_all_passed(lines: list[str]) -> None:
    report = SelfTestReport(echo=False)
    for name in lines:
        report.run(name, lambda: "fine")
    expected = "Self-test passed: 1 checks OK" if lines else "Self-test FAILED: no check ran"
    assert report.summary() == expected


def test_header_names_the_machine_and_glibc_for_the_xinchuang_desks(data_dir: Path) -> None:
    """Court IT reads the architecture (x86_64 / aarch64) and glibc of the desk from the report."""
    import platform

    result = _self_test(data_dir)
    header = result.stdout.splitlines()[0]
    assert f"linux {platform.machine()}" in header, header
    assert f"glibc {platform.libc_ver()[1]}" in header, header


def test_self_test_names_the_keyring_backend(data_dir: Path) -> None:
    prelude = textwrap.dedent(
        """
        import keyring
        from keyring.backend import KeyringBackend

        class SecretServiceStandIn(KeyringBackend):
            priority = 5
            def get_password(self, service, username): return None
            def set_password(self, service, username, password): pass
            def delete_password(self, service, username): pass

        SecretServiceStandIn.__module__ = "keyring.backends.SecretService"
        SecretServiceStandIn.__name__ = "Keyring"
        keyring.set_keyring(SecretServiceStandIn())
        """
    )
    result = _self_test(data_dir, prelude)
    line = next(line for line in result.stdout.splitlines() if line.split()[1:2] == ["keyring"])
    assert line.startswith("OK") and "SecretService.Keyring" in line, result.stdout


def test_self_test_says_what_happens_without_a_keyring(data_dir: Path) -> None:
    prelude = (
        "import keyring\nfrom keyring.backends import fail\nkeyring.set_keyring(fail.Keyring())\n"
    )
    result = _self_test(data_dir, prelude)
    line = next(line for line in result.stdout.splitlines() if line.split()[1:2] == ["keyring"])
    assert line.startswith("OK") and "none usable" in line and "unkeyed" in line, line
    assert result.returncode == 0, result.stdout  # a desk without a keyring still works
