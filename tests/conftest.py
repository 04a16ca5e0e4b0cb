"""Test setup: headless Qt, an isolated data dir per test, no real user files touched."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

# One 1366 x 768 screen, the smallest common at court desks (DESIGN section 11): every window is
# built and checked at that size.
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = "offscreen:configfile=" + str(
        Path(__file__).resolve().parent / "data" / "offscreen_1366x768.json"
    )
os.environ.setdefault("QT_QUICK_BACKEND", "software")
# Keep any test from reading or writing the developer's real data or keyring.
os.environ.pop("HEARING_HELPER_DATA", None)
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"


def _available_memory() -> int:
    """MemAvailable in bytes (what files in /dev/shm take from), 0 when it cannot be read."""
    try:
        with open("/proc/meminfo", encoding="ascii") as info:
            for line in info:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _temporary_files_in_memory() -> None:
    """Temporary files in RAM (``/dev/shm``) when it has room: every test's folder, the private
    PostgreSQL cluster and the subprocesses' TMPDIR. The desk database syncs every commit
    (``synchronous=FULL``) and the PostgreSQL tests make thousands of files; on a shared disk
    (ext4 with online discard here) those syncs and the deletes waited for the disk. A TMPDIR
    set by the caller, or HH_TEST_TMP_ON_DISK=1, keeps the default; so does less than 4 GiB
    free there or in memory. A cluster left by a killed run is removed by the next
    (tests/pg_cluster.py)."""
    if "TMPDIR" in os.environ or os.environ.get("HH_TEST_TMP_ON_DISK") == "1":
        return
    if not hasattr(os, "getuid"):
        return
    shm = Path("/dev/shm")
    try:
        space = os.statvfs(shm)
    except OSError:
        return
    if space.f_bavail * space.f_frsize < 4 * 1024**3 or _available_memory() < 4 * 1024**3:
        return
    # A short name: unix sockets (PulseAudio, speech-dispatcher) under it have a 107-byte limit.
    folder = shm / f"hh{os.getuid()}"
    try:
        folder.mkdir(mode=0o755, exist_ok=True)  # the cluster runs as 'postgres': it must pass
    except OSError:
        return
    if folder.stat().st_uid != os.getuid() or not os.access(folder, os.W_OK):
        return
    os.environ["TMPDIR"] = str(folder)
    tempfile.tempdir = None  # computed again from TMPDIR


_temporary_files_in_memory()

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


# The CLI fuzz tests' data folders in a bad state (built once per module that asks for them).
from tests.cli_fuzz_worlds import worlds  # noqa: E402, F401

# PostgreSQL: the private test cluster, a fresh database per test, the fault proxy.
from tests.pg_fixtures import pg_cluster, pg_dbname, pg_proxy, pg_url  # noqa: E402, F401
from tests.reports_keyring import ring  # noqa: E402, F401
from tests.sync_fixtures import central, desks  # noqa: E402, F401
