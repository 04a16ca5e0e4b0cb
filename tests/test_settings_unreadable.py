"""A settings file that cannot be read (no access, a folder in its place, garbage bytes, a broken
hand edit) no longer keeps the desk from starting: the window opens with default settings, the
bad file is moved aside untouched (never written over), and the clerk reads in one line what
happened and where the file now is. The command line still refuses, naming the file, what is
wrong and what to do, with exit code 1.

The "no access" case needs a user the permissions apply to: as root it runs the command with
the capabilities that bypass them dropped (setpriv); in-process checks use the other kinds.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hearing_helper.config import SETTINGS_FILENAME
from hearing_helper.services import AppServices
from tests.ui_fixtures import OFFSCREEN_NOISE
from tests.ui_windows import language

ROOT = Path(__file__).resolve().parent.parent
GARBAGE = b"\x00\xff\xfe\x80 not settings \x1b[2J"
KINDS = ("folder", "garbage", "hand_edit")
ALL_KINDS = ("no_access", *KINDS)


def spoil(data_dir: Path, kind: str) -> bytes | None:
    """Put a bad settings file in place; returns its bytes (None for a folder)."""
    path = data_dir / SETTINGS_FILENAME
    if kind == "folder":
        path.mkdir()
        (path / "inside.txt").write_text("kept", encoding="utf-8")
        return None
    content = {
        "garbage": GARBAGE,
        "hand_edit": b'{"language": "en", "court_name": "x",}',
        "no_access": b'{"language": "en"}',
    }[kind]
    path.write_bytes(content)
    if kind == "no_access":
        path.chmod(0)
    return content


def kept_intact(kept: Path, content: bytes | None) -> bool:
    if content is None:
        return kept.is_dir() and (kept / "inside.txt").read_text(encoding="utf-8") == "kept"
    kept.chmod(0o600)
    return kept.read_bytes() == content


def as_a_user(command: list[str]) -> list[str]:
    """``command`` run so that file permissions apply (root without the bypass capabilities)."""
    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a file without access is readable")
    prefix = [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]
    probe = subprocess.run([*prefix, "true"], capture_output=True, timeout=30)
    if probe.returncode != 0:
        pytest.skip(f"cannot drop root's file capabilities here: {probe.stderr.decode()[:200]}")
    return [*prefix, *command]


@pytest.mark.parametrize("kind", KINDS)
def test_the_app_starts_with_defaults_and_keeps_the_bad_file(data_dir: Path, kind: str) -> None:
    content = spoil(data_dir, kind)
    services = AppServices.open(data_dir, set_aside_bad_settings=True)
    try:
        found = services.settings_set_aside
        assert found is not None
        assert found.path == data_dir / SETTINGS_FILENAME
        assert found.kept_as is not None and found.kept_as.parent == data_dir
        assert kept_intact(found.kept_as, content)
        assert services.settings.get("language") == "zh_CN"  # the default
        services.settings.set("language", "en")  # a new file; the kept one stays as it was
        assert services.settings.get("language") == "en"
        assert kept_intact(found.kept_as, content)
    finally:
        services.close()


def test_a_readable_file_is_not_set_aside(data_dir: Path) -> None:
    (data_dir / SETTINGS_FILENAME).write_text('{"language": "en"}', encoding="utf-8")
    services = AppServices.open(data_dir, set_aside_bad_settings=True)
    try:
        assert services.settings_set_aside is None
        assert services.settings.get("language") == "en"
    finally:
        services.close()


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("kind", ["folder", "garbage"])
@OFFSCREEN_NOISE
def test_the_clerk_reads_one_line_naming_the_kept_file(
    qtbot: QtBot, qapp: QApplication, data_dir: Path, kind: str, lang: str
) -> None:
    from hearing_helper.ui.main_window import MainWindow

    spoil(data_dir, kind)
    services = AppServices.open(data_dir, set_aside_bad_settings=True)
    try:
        with language(qapp, lang):
            window = MainWindow(services)
            qtbot.addWidget(window)
            window.show_initial()
            qtbot.waitExposed(window)
            notice = window.home.settings_notice
            kept = services.settings_set_aside
            assert kept is not None and kept.kept_as is not None
            assert notice.isVisible()
            text = notice.text()
            assert str(kept.kept_as) in text and "\n" not in text
            assert ("设置" in text) if lang == "zh_CN" else ("settings" in text.lower())
            window.close()
    finally:
        services.close()


def cli(data_dir: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "hearing_helper", "--data-dir", str(data_dir), *argv]
    return subprocess.run(
        as_a_user(command),
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )


WHAT_IS_SAID = {
    "no_access": "no permission to read it",
    "folder": "is a folder, not a file",
    "garbage": "not UTF-8 text",
    "hand_edit": "not valid JSON",
}


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_the_command_line_refuses_by_name_with_exit_code_1(data_dir: Path, kind: str) -> None:
    content = spoil(data_dir, kind)
    path = data_dir / SETTINGS_FILENAME
    done = cli(data_dir, "report", "--from", "2026-01-01", "--to", "2026-01-31")
    assert done.returncode == 1, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("hearing-helper:")]
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert str(path) in lines[0] and WHAT_IS_SAID[kind] in lines[0], lines[0]
    assert kept_intact(path, content)  # left as it was


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_the_window_opens_despite_the_bad_file(data_dir: Path, kind: str) -> None:
    """The real ``hearing-helper gui`` (offscreen) starts and stays up; before, it said the
    settings could not be read and exited 1."""
    content = spoil(data_dir, kind)
    log = data_dir / "logs" / "hearing-helper.log"
    command = [sys.executable, "-m", "hearing_helper", "--data-dir", str(data_dir), "gui"]
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    process = subprocess.Popen(
        as_a_user(command), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            if log.exists() and "started with data dir" in log.read_text(encoding="utf-8"):
                break
            time.sleep(0.2)
        assert process.poll() is None, process.communicate()[1]
    finally:
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=60)
    kept = [p for p in data_dir.iterdir() if p.name.startswith(SETTINGS_FILENAME + ".unreadable")]
    assert len(kept) == 1, sorted(p.name for p in data_dir.iterdir())
    assert kept_intact(kept[0], content)
    assert str(kept[0]) in err  # the same line on stderr and in the log, for court IT
    assert str(kept[0]) in log.read_text(encoding="utf-8")


def test_a_file_that_cannot_be_moved_is_left_and_never_written(data_dir: Path) -> None:
    """When the bad file cannot be renamed (here its lock cannot be taken: a folder is in the
    lock file's place), the defaults are used, the file stays as it is and changes are refused."""
    from hearing_helper.config import SettingsFileError

    content = spoil(data_dir, "garbage")
    (data_dir / (SETTINGS_FILENAME + ".lock")).mkdir()
    services = AppServices.open(data_dir, set_aside_bad_settings=True)
    try:
        found = services.settings_set_aside
        assert found is not None and found.kept_as is None
        assert services.settings.get("language") == "zh_CN"
        with pytest.raises(SettingsFileError):
            services.settings.set("language", "en")
        assert kept_intact(data_dir / SETTINGS_FILENAME, content)
        assert str(data_dir / SETTINGS_FILENAME) in found.line()
    finally:
        services.close()
