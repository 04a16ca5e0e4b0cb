"""Test setup: headless Qt, an isolated data dir per test, no real user files touched."""

from __future__ import annotations

import os
import sys
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
