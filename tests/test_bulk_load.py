"""The bulk load (issue 23): a store made by the bulk path is the store a fresh schema makes, it
is written about once (not once into the WAL and again into the file), and a process killed
mid-load leaves the store exactly as it was before the load.

The kill is real: a child process imports, stops inside the load (after indexes were dropped,
batches written and pages spilled from its cache into the file) and is killed with SIGKILL.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hearing_helper.demo import generate_records
from hearing_helper.store.sqlite import open_repository
from tests.test_demo_bulk import ALL_WRITTEN, SMALL_BATCHES, import_demo, stored

ROOT = Path(__file__).resolve().parent.parent
DB = "hearing_helper.sqlite3"
SCHEMA = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"


def schema(path: Path) -> list[tuple[str, str, str, str]]:
    with sqlite3.connect(path) as conn:
        return [tuple(row) for row in conn.execute(SCHEMA)]


def fresh_schema(tmp_path: Path) -> list[tuple[str, str, str, str]]:
    open_repository(tmp_path / "fresh").close()
    return schema(tmp_path / "fresh" / DB)


def test_a_bulk_import_leaves_the_schema_and_settings_of_a_fresh_store(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    statements = import_demo(data_dir, import_batch=SMALL_BATCHES)
    assert any(s.startswith("DROP INDEX") for s in statements)  # the bulk path was taken
    assert schema(data_dir / DB) == fresh_schema(tmp_path)  # indexes and triggers, all of them
    repo = open_repository(data_dir)
    try:
        repo.import_finished(generate_records(SMALL_BATCHES * 3, seed=99), "demo-data")
        db = repo._db  # the same connection goes on with the desk's settings
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    finally:
        repo.close()
    with sqlite3.connect(data_dir / DB) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def _written_bytes() -> int:
    with open("/proc/self/io", encoding="ascii") as io:
        return next(int(line.split()[1]) for line in io if line.startswith("write_bytes"))


@pytest.fixture
def disk_dir() -> Iterator[Path]:
    """A folder on disk: the suite's temporary files are in RAM (tests/conftest.py), where the
    kernel counts no writes, so the write check below would always skip there."""
    folder = Path(
        tempfile.mkdtemp(prefix="hh-disk-", dir="/var/tmp" if os.path.isdir("/var/tmp") else ROOT)
    )
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.skipif(not Path("/proc/self/io").exists(), reason="Linux I/O accounting")
def test_a_bulk_import_writes_the_database_about_once(disk_dir: Path) -> None:
    tmp_path = disk_dir
    data_dir = tmp_path / "data"
    open_repository(data_dir).close()
    before = _written_bytes()
    import_demo(data_dir, count=3000, import_batch=500)
    written = _written_bytes() - before
    size = (data_dir / DB).stat().st_size
    if written == 0:
        pytest.skip(f"{tmp_path} is on a file system without write accounting (tmpfs)")
    # Through the WAL every page went out twice (into the WAL, then into the file).
    assert written < 1.4 * size, f"{written / size:.2f}x the database's size written"


CHILD = """
import os, sys, time
from pathlib import Path
from hearing_helper.demo import generate_records
from hearing_helper.store.sqlite import bulk, open_repository

data_dir, stop_after, marker = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
bulk.BULK_CACHE_KIB = 256  # a small cache: pages spill into the file before the commit
repo = open_repository(data_dir, import_batch=50)

def records():
    for number, record in enumerate(generate_records(1500, seed=5, visits=True)):
        if number == stop_after:
            marker.write_text("stopped")
            time.sleep(600)
        yield record

repo.import_finished(records(), "demo-data")
marker.write_text("done")
os._exit(0)  # no close: as if killed right after the commit
"""


def _run_child(data_dir: Path, stop_after: int, tmp_path: Path) -> str:
    marker = tmp_path / f"marker{stop_after}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir), str(stop_after), str(marker)], env=env
    )
    try:
        deadline = time.monotonic() + 240
        while not marker.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), f"the child ended ({child.returncode}) without reaching its stop"
        if marker.read_text() == "stopped":
            child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    return marker.read_text()


def _verify_log(data_dir: Path) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "hearing_helper", "--data-dir", str(data_dir)]
        + ["verify-log", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return dict(json.loads(done.stdout))


@pytest.mark.timeout(600)
def test_a_load_killed_midway_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    import_demo(data_dir, count=120, import_batch=50)  # a store holding records already
    before = stored(data_dir, ALL_WRITTEN)

    assert _run_child(data_dir, 1200, tmp_path) == "stopped"  # killed inside the load
    assert (data_dir / (DB + "-journal")).exists() or (data_dir / (DB + "-wal")).exists()
    open_repository(data_dir).close()  # the next start rolls the cut load back
    assert stored(data_dir, ALL_WRITTEN) == before  # records, outbox, audit, indexes
    assert schema(data_dir / DB) == fresh_schema(tmp_path)
    with sqlite3.connect(data_dir / DB) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert _verify_log(data_dir)["intact"] is True

    # The same load, not killed, ends with every record (and ends without closing the file).
    assert _run_child(data_dir, -1, tmp_path) == "done"
    repo = open_repository(data_dir)
    try:
        assert repo._db.execute("SELECT count(*) FROM assists").fetchone()[0] == 120 + 1500
        assert repo._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        repo.close()
    assert schema(data_dir / DB) == fresh_schema(tmp_path)
    verified = _verify_log(data_dir)
    assert verified["intact"] is True


def test_demo_batches_made_in_a_child_are_the_batches_made_here() -> None:
    import multiprocessing

    from hearing_helper.commands.demo_batches import DemoBatches
    from hearing_helper.store.sqlite.prepared import prepare_batch

    options: dict[str, Any] = {"days": 365, "visits": True, "actor": "demo-data", "size": 100}
    here = DemoBatches(450, 3, in_background=False, **options)
    try:
        expected = list(here)
    finally:
        here.close()
    assert expected == [
        prepare_batch(list(generate_records(450, 3, visits=True)), "demo-data")[start : start + 100]
        for start in range(0, 450, 100)
    ]

    background = DemoBatches(450, 3, in_background=True, **options)
    try:
        assert background.child is not None and background.child.is_alive()
        assert list(background) == expected
    finally:
        background.close()
    assert not multiprocessing.active_children()


def test_a_writer_that_stops_early_stops_the_child() -> None:
    from hearing_helper.commands.demo_batches import DemoBatches

    batches = DemoBatches(
        100_000, 1, days=365, visits=True, actor="demo-data", size=50, in_background=True
    )
    first = next(iter(batches))
    assert len(first) == 50
    batches.close()  # what demo-data does when the import fails
    assert batches.child is not None and not batches.child.is_alive()
    assert batches.folder is not None and not Path(batches.folder).exists()


def test_a_child_that_fails_is_a_clear_error() -> None:
    from hearing_helper.commands.demo_batches import DemoBatches, DemoDataError

    # 10 million days back from 2026 is before the year 1: the generator cannot make a date.
    batches = DemoBatches(
        500, 1, days=10_000_000, visits=True, actor="demo-data", size=50, in_background=True
    )
    try:
        with pytest.raises(DemoDataError, match="OverflowError"):
            list(batches)
    finally:
        batches.close()


def test_demo_data_refuses_a_span_of_days_no_calendar_has(data_dir: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "hearing_helper", "--data-dir", str(data_dir), "demo-data"]
        + ["--count", "10", "--days", "1000000"],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "--days" in done.stderr and "36500" in done.stderr


def test_a_restored_file_has_the_schema_of_a_fresh_store(tmp_path: Path) -> None:
    from hearing_helper.store.sqlite.prepared import prepare_batch
    from hearing_helper.store.sqlite.restore_target import RestoreTarget

    target = RestoreTarget(tmp_path / "restoring.sqlite3")
    try:
        target.begin("8d0c6a51-8c38-4bd5-9a41-2f0bd1c4d1c5")
        assert schema(target.path) != fresh_schema(tmp_path)  # its indexes wait for the end
        prepared = prepare_batch(generate_records(300, seed=8, visits=True), "clerk")
        for start in range(0, 300, 100):
            page = [item.version_row for item in prepared[start : start + 100]]
            target.apply_page("versions", page, [page[-1][0], 1], start + 100)
        target.build_indexes()
        target.build_indexes()  # a second call (a restore continued after it) does nothing
        assert target.stored_rows()["records"] == 300
    finally:
        target.close()
    assert schema(tmp_path / "restoring.sqlite3") == fresh_schema(tmp_path)
    with sqlite3.connect(tmp_path / "restoring.sqlite3") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
