"""A plain start of the window loads only what the first screen needs (issue 23, start-up).

Each check starts the real entry point (``hearing-helper --data-dir D gui``) in a fresh
interpreter, offscreen, on a desk with records and a clerk but no central database, and lists
``sys.modules`` once the window is shown and started. Heavy modules that a clerk may never use
in a session -- the PostgreSQL driver and the sync sender, the wizard and its device checks, the
reports window, the PDF and XLSX writers -- must not be among them: each is imported where it is
first needed. Not a timing test: a module list.

The keyring is one of them: importing it and discovering its backend costs 100-300 ms, so the
audit chain is keyed in the background once the window is shown, and every write to the
database waits for that keying first (services.py, chain_keying.py). The tests below check
both halves: no keyring before the window, and no audited write before the chain is keyed.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from hearing_helper.demo import generate_records
from hearing_helper.desk_identity import DESK_ID_FILENAME
from hearing_helper.domain.record import AssistRecord, ClerkProfile
from hearing_helper.services import AppServices
from hearing_helper.store import StoreError
from tests.reports_keyring import FileKeyring

ROOT = Path(__file__).resolve().parent.parent

# Runs the real GUI command; once MainWindow.start() has run and the history shows its first
# page, prints the names of the loaded modules and quits.
CHILD = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import hearing_helper.ui.main_window as main_window

original_start = main_window.MainWindow.start

def report(window, tries=[0]):
    tries[0] += 1
    if window.home.history.model.rowCount() == 0 and tries[0] < 600:
        QTimer.singleShot(50, lambda: report(window))
        return
    print("MODULES " + json.dumps(sorted(sys.modules)), flush=True)
    print("ROWS %d" % window.home.history.model.rowCount(), flush=True)
    QApplication.instance().quit()

def start(self, *args, **kwargs):
    original_start(self, *args, **kwargs)
    print("STARTED " + json.dumps(sorted(sys.modules)), flush=True)
    report(self)

main_window.MainWindow.start = start
from hearing_helper.cli import main
sys.exit(main(["--data-dir", sys.argv[1], "gui"]))
"""

# Imported at first use only (module name, or a package whose submodules all count).
HEAVY = (
    "psycopg",
    "hearing_helper.store.postgres",
    "hearing_helper.store.sync.sender",
    "hearing_helper.ui.wizard.wizard",
    "hearing_helper.checks.registry",
    "hearing_helper.ui.reports.view",
    "hearing_helper.reports.pdf",
    "xlsxwriter",
    "qrcode",
)
# Imported only once the window is shown: the audit chain is keyed in the background then.
AFTER_SHOWN = ("keyring",)


def heavy_among(modules: list[str], heavy: tuple[str, ...] = HEAVY) -> list[str]:
    return [m for m in modules if any(m == h or m.startswith(h + ".") for h in heavy)]


def desk_with_history(data_dir: Path, drafts: int = 0) -> None:
    services = AppServices.open(data_dir)
    clerk = ClerkProfile("B001", "测试", "1号窗口", "测试法院")
    services.repo.save_staff(clerk)
    services.settings.set("last_staff_id", clerk.staff_id)
    services.repo.import_finished(generate_records(200, seed=3), "test")
    for _ in range(drafts):
        services.repo.save_draft(AssistRecord(clerk=clerk))
    services.close()


def start_window(data_dir: Path, keyring_file: Path | None = None) -> dict[str, list[str]]:
    env = dict(os.environ)
    if keyring_file is not None:  # the child keeps its secrets in the test's FileKeyring
        env["PYTHON_KEYRING_BACKEND"] = "tests.reports_keyring.FileKeyring"
        env["TEST_KEYRING_FILE"] = str(keyring_file)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    found: dict[str, list[str]] = {}
    for line in done.stdout.splitlines():
        word, _, rest = line.partition(" ")
        if word in ("STARTED", "MODULES"):
            found[word] = json.loads(rest)
        elif word == "ROWS":
            found[word] = [rest]
    assert done.returncode == 0 and "MODULES" in found, done.stderr[-3000:]
    return found


@pytest.mark.timeout(180)
def test_plain_start_without_central_database_loads_no_heavy_module(data_dir: Path) -> None:
    desk_with_history(data_dir)
    found = start_window(data_dir)
    assert found["ROWS"] != ["0"], "the history never showed its first page"
    assert heavy_among(found["STARTED"]) == []
    assert heavy_among(found["MODULES"]) == []
    # The check itself can fail: the app's own modules were listed.
    assert "hearing_helper.ui.main_window" in found["MODULES"]


@pytest.mark.timeout(180)
def test_the_keyring_is_loaded_after_the_window_is_shown_and_the_chain_then_keyed(
    tmp_path: Path, data_dir: Path
) -> None:
    desk_with_history(data_dir)  # conftest's null keyring: the desk has no key yet
    found = start_window(data_dir, keyring_file=tmp_path / "ring.json")
    assert heavy_among(found["STARTED"], AFTER_SHOWN) == []
    services = AppServices.open(data_dir)
    try:
        entries = list(services.repo.iter_audit())
    finally:
        services.close()
    keyed = [entry for entry in entries if entry.action == "audit.keyed"]
    assert len(keyed) == 1 and keyed[0].hash.startswith("hmac:"), "the start keyed no chain"
    assert keyed[0].seq == max(entry.seq for entry in entries)


def test_deferred_keying_still_keys_the_chain_before_the_first_audited_write(
    ring: Path, data_dir: Path
) -> None:
    services = AppServices.open(data_dir, defer_chain_key=True)
    try:
        assert "audit-key" not in (ring.read_text() if ring.exists() else "")
        entry = services.repo.append_audit("B001", "settings.changed", {"font_scale": 1.2})
        entries = list(services.repo.iter_audit())
    finally:
        services.close()
    assert [e.action for e in entries] == ["audit.keyed", "settings.changed"]
    assert entry.hash.startswith("hmac:"), "an audited write went out before the chain was keyed"
    assert "audit-key" in ring.read_text()


class SlowKeyring(FileKeyring):
    """A keyring that answers slowly (a keyring being unlocked, a busy D-Bus)."""

    def get_password(self, service: str, username: str) -> str | None:
        time.sleep(0.3)
        return super().get_password(service, username)


def test_a_write_during_the_background_keying_waits_for_it(ring: Path, data_dir: Path) -> None:
    import keyring

    # the ring fixture puts the previous keyring back; KeyringBackend.__init__ is untyped
    keyring.set_keyring(SlowKeyring())  # type: ignore[no-untyped-call]
    services = AppServices.open(data_dir, defer_chain_key=True)
    try:
        keying = threading.Thread(target=services.key_the_chain)
        keying.start()
        time.sleep(0.05)  # the keying is waiting on the keyring now
        entry = services.repo.append_audit("B001", "settings.changed", {"font_scale": 1.2})
        keying.join()
        actions = [e.action for e in services.repo.iter_audit()]
    finally:
        services.close()
    assert actions == ["audit.keyed", "settings.changed"]
    assert entry.hash.startswith("hmac:")


def test_deferred_keying_without_a_keyring_warns_and_writes_unkeyed_as_before(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # conftest's default backend is keyring's null keyring: it keeps nothing.
    with caplog.at_level(logging.WARNING, logger="hearing_helper.secrets"):
        services = AppServices.open(data_dir, defer_chain_key=True)
        try:
            assert "keyring" not in caplog.text  # not asked yet
            services.key_the_chain()
            entry = services.repo.append_audit("B001", "settings.changed", {})
        finally:
            services.close()
    assert not entry.hash.startswith("hmac:")
    eager_dir = data_dir.parent / "eager"
    with caplog.at_level(logging.WARNING, logger="hearing_helper.secrets"):
        caplog.clear()
        AppServices.open(eager_dir).close()
    eager_warnings = [r.getMessage().replace(str(eager_dir), "D") for r in caplog.records]
    with caplog.at_level(logging.WARNING, logger="hearing_helper.secrets"):
        caplog.clear()
        services = AppServices.open(data_dir.parent / "lazy", defer_chain_key=True)
        services.key_the_chain()
        services.close()
    lazy_warnings = [
        r.getMessage().replace(str(data_dir.parent / "lazy"), "D") for r in caplog.records
    ]
    assert lazy_warnings == eager_warnings


def test_a_damaged_desk_id_is_still_refused_when_the_folder_is_opened(
    ring: Path, data_dir: Path
) -> None:
    AppServices.open(data_dir).close()
    (data_dir / DESK_ID_FILENAME).write_text("not a uuid\n")
    with pytest.raises(StoreError, match="desk id"):
        AppServices.open(data_dir, defer_chain_key=True)
