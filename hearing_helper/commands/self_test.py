"""``hearing-helper --self-test``: prove that an installation (source or frozen bundle) works.

Runs offscreen and checks, one line each: the shipped assets are there, the catalog and guides
load, a database opens in the data dir, then (in :mod:`hearing_helper.ui.self_test`, the Qt
side) that the application starts, translations really translate, a QtMultimedia backend loads
and the main window builds. Exit code 0 only when every check passed, 1 otherwise.

A windowed program on Windows has no console, so the report is also written to
``<data dir>/self-test.txt``; the exit code is the same for both executables. A watchdog ends
the run with exit code 3 if a check hangs, so CI and IT scripts never wait forever.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import sys
from pathlib import Path
from typing import Any

from hearing_helper import __version__
from hearing_helper.background_core import Delayed, call_later
from hearing_helper.self_test_report import SelfTestError, SelfTestReport, print_line

log = logging.getLogger(__name__)

REPORT_FILENAME = "self-test.txt"
TIMEOUT_S = 90.0
EXIT_TIMEOUT = 3
ASSET_DIRS = ("catalog", "guides", "i18n", "icons", "images", "sounds")
# Folders that must not be empty (git does not keep empty folders, so images/sounds may be absent).
REQUIRED_ASSET_DIRS = ("catalog", "guides", "i18n", "icons")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--self-test`` is a top-level flag (see cli.py); no arguments of its own."""


def _header(data_dir: Path) -> str:
    kind = "frozen" if getattr(sys, "frozen", False) else "source"
    # The machine and C library: 信创 desks run x86_64 or aarch64 with glibc 2.28-2.31.
    system = f"{sys.platform} {platform.machine()}"
    libc, libc_version = platform.libc_ver()
    if libc:
        system += f", {libc} {libc_version}"
    return f"Hearing Helper {__version__} self-test ({kind}, {system}), data dir {data_dir}"


def _write_report(data_dir: Path, text: str) -> Path | None:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        path = data_dir / REPORT_FILENAME
        path.write_text(text, encoding="utf-8")
        return path
    except OSError as exc:
        if sys.stderr is not None:
            print(f"hearing-helper: could not write {REPORT_FILENAME}: {exc}", file=sys.stderr)
        return None


def _start_watchdog(report: SelfTestReport, data_dir: Path, timeout_s: float) -> Delayed:
    def expire() -> None:
        report.fail(report.current or "self-test", f"did not finish within {timeout_s:.0f} s")
        _write_report(data_dir, report.text(_header(data_dir)))
        print_line(report.summary())
        os._exit(EXIT_TIMEOUT)  # the GUI thread is stuck; nothing else can end the process

    return call_later(timeout_s, expire, name="self-test-watchdog")


def run(args: argparse.Namespace, timeout_s: float = TIMEOUT_S) -> int:
    """Run every check; print and save the report; 0 when all passed, 1 otherwise."""
    # Offscreen before Qt is imported: the self-test must work on a locked desk PC and in CI.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    # Output redirected to a file on a non-Chinese Windows uses a code page without Chinese:
    # escape such characters rather than crash halfway through the report.
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    from hearing_helper.paths import resolve_data_dir

    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    report = SelfTestReport()
    header = _header(data_dir)
    print_line(header)
    watchdog = _start_watchdog(report, data_dir, timeout_s)
    try:
        run_checks(report, data_dir)
    finally:
        watchdog.cancel()
    for note in report.notes:
        print_line(f"note: {note}")
    saved = _write_report(data_dir, report.text(header))
    print_line(report.summary() + (f"; report saved to {saved}" if saved else ""))
    return 1 if report.failed else 0


def run_checks(report: SelfTestReport, data_dir: Path) -> None:
    """The checks in order; the Qt ones run after the plain ones, in the same process."""
    report.run("assets", check_assets)
    loaded: dict[str, Any] = {}
    report.run("catalog", lambda: check_catalog(data_dir, loaded))
    report.run("guides", lambda: check_guides(loaded))
    report.run("database", lambda: check_database(data_dir, loaded))
    report.run("postgresql", check_postgresql_driver)
    report.run("keyring", check_keyring)
    report.run("files", lambda: check_files(data_dir))
    services = loaded.get("services")
    try:
        try:
            from hearing_helper.ui import self_test as qt_checks
        except ImportError as exc:  # Qt (or a library it needs) is missing from the bundle
            report.fail("qt", f"cannot import Qt: {exc}")
            return
        qt_checks.run_qt_checks(report, services)
    finally:
        if services is not None:
            services.close()


def check_assets() -> str:
    from hearing_helper.paths import ASSET_ROOT

    if not ASSET_ROOT.is_dir():
        raise SelfTestError(f"asset folder {ASSET_ROOT} is missing")
    counts = {}
    for name in ASSET_DIRS:
        folder = ASSET_ROOT / name
        counts[name] = sum(1 for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0
    empty = [name for name in REQUIRED_ASSET_DIRS if counts[name] == 0]
    if empty:
        raise SelfTestError(f"no files in {', '.join(empty)} under {ASSET_ROOT}")
    if not any((ASSET_ROOT / "i18n").glob("*.qm")):
        raise SelfTestError(f"no compiled translations (*.qm) in {ASSET_ROOT / 'i18n'}")
    return f"{ASSET_ROOT}: " + ", ".join(f"{name} {count}" for name, count in counts.items())


def check_catalog(data_dir: Path, loaded: dict[str, Any]) -> str:
    from hearing_helper.catalog import load_catalog

    catalog = load_catalog(data_dir)
    loaded["catalog"] = catalog
    if catalog.errors:
        shown = "; ".join(f"{e.file} {e.field}: {e.problem}".strip() for e in catalog.errors[:3])
        raise SelfTestError(f"{len(catalog.errors)} catalog file(s) with errors: {shown}")
    if not catalog.platforms:
        raise SelfTestError("no platform loaded (assets/catalog has no platform files?)")
    return f"{_catalog_source(data_dir)}; {len(catalog.platforms)} platforms: " + ", ".join(
        p.id for p in catalog.platforms
    )


def _catalog_source(data_dir: Path) -> str:
    """Which catalog is in use: the version court IT published, or the shipped one."""
    from hearing_helper.catalog.published import version_in_use

    in_use = version_in_use(data_dir)
    if in_use is None:
        return "shipped catalog (no court catalog version)"
    return (
        f"court catalog version {in_use.version} (published {in_use.published_at} "
        f"by {in_use.published_by})"
    )


def check_guides(loaded: dict[str, Any]) -> str:
    catalog = loaded.get("catalog")
    if catalog is None:
        raise SelfTestError("not checked: the catalog did not load")
    guides = getattr(catalog, "guides", None)
    if guides is None:
        raise SelfTestError("the catalog loader does not return guides yet")
    guide_list = list(guides.values()) if isinstance(guides, dict) else list(guides)
    if not guide_list:
        raise SelfTestError("no install guide loaded (assets/guides has no guide files?)")
    steps = [step for guide in guide_list for step in getattr(guide, "steps", ())]
    missing = [str(s.image) for s in steps if getattr(s, "image", None) and not s.image.exists()]
    if missing:
        raise SelfTestError(f"{len(missing)} guide picture(s) missing, e.g. {missing[0]}")
    pictures = sum(1 for s in steps if getattr(s, "image", None))
    return f"{len(guide_list)} guides, {len(steps)} steps, {pictures} pictures"


def check_postgresql_driver() -> str:
    """The PostgreSQL driver (court central database, --database) is in the build and usable
    without a PostgreSQL client installed on the PC."""
    try:
        from hearing_helper.store.postgres.connection import driver_description
    except ImportError as exc:
        raise SelfTestError(f"the PostgreSQL driver is missing: {exc}") from exc
    try:
        return driver_description()
    except RuntimeError as exc:
        raise SelfTestError(str(exc)) from exc


def check_database(data_dir: Path, loaded: dict[str, Any]) -> str:
    from hearing_helper.services import AppServices
    from hearing_helper.store import HistoryQuery, StoreError
    from hearing_helper.store.sqlite import SCHEMA_VERSION

    try:
        services = AppServices.open(data_dir)
    except (StoreError, OSError) as exc:
        raise SelfTestError(f"cannot open the database in {data_dir}: {exc}") from exc
    loaded["services"] = services
    version = services.repo.schema_version
    if version != SCHEMA_VERSION:
        raise SelfTestError(f"schema version {version}, expected {SCHEMA_VERSION}")
    records = services.repo.count(HistoryQuery())
    return f"{Path(services.repo.location).name} schema v{version}, {records} records"


def check_keyring() -> str:
    """Which OS keyring keeps the secrets (Windows Credential Manager, macOS Keychain, Secret
    Service); on Windows also a stored, read back and removed test entry (Credential Manager
    never asks the user, unlike an unlocked-on-demand Linux keyring). No keyring is not a
    failure: the app then asks for the secret each time."""
    import keyring

    from hearing_helper import secrets

    backend = keyring.get_keyring()
    label = f"{type(backend).__module__.rsplit('.', 1)[-1]}.{type(backend).__name__}"
    if not secrets.keyring_available():
        return (
            f"none usable ({label}): secrets will be asked for each time and the audit log is"
            " written unkeyed (on Linux: no Secret Service on D-Bus, e.g. GNOME Keyring or"
            " KWallet not running)"
        )
    if sys.platform != "win32":
        return label
    entry, token = f"self-test:{os.getpid()}", os.urandom(8).hex()
    try:
        secrets.set_secret(entry, token)
        read_back = secrets.get_secret(entry)
        secrets.delete_secret(entry)
    except secrets.KeyringUnavailableError as exc:
        raise SelfTestError(f"{label}: {exc}") from exc
    if read_back != token:
        raise SelfTestError(f"{label} did not give back the test entry it stored")
    return f"{label} (Windows Credential Manager): test entry stored, read back, removed"


def check_files(data_dir: Path) -> str:
    """The data folder takes the app's file lock exclusively (msvcrt on Windows, flock
    elsewhere) and a file in it can be replaced atomically: what settings and the
    supervisor's lockout counter rely on."""
    import json

    from hearing_helper.atomic_file import write_json_atomically
    from hearing_helper.file_lock import LockTimeoutError, locked

    probe = data_dir / "self-test probe.json"
    try:
        with locked(probe, timeout_s=5):
            try:
                with locked(probe, timeout_s=0.1):
                    raise SelfTestError("the file lock is not exclusive: a second holder got it")
            except LockTimeoutError:
                pass
            for value in ("写入 1", "写入 2"):  # the second write replaces the first file
                write_json_atomically(probe, {"check": value}, ensure_ascii=False)
            if json.loads(probe.read_text(encoding="utf-8")) != {"check": "写入 2"}:
                raise SelfTestError(f"{probe} did not read back what was written")
    finally:
        for leftover in (probe, probe.with_name(probe.name + ".lock")):
            leftover.unlink(missing_ok=True)
    mechanism = "msvcrt" if sys.platform == "win32" else "flock"
    return f"lock ({mechanism}) exclusive, atomic replace works in {data_dir}"
