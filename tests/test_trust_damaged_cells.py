"""One damaged cell never stops a report (issue 18, finding 8): a number column holding text or a
date column holding ``2026-13-45T99:99:99`` is shown as damaged -- counted, and named in
``report --json`` under "damaged" -- and ``report`` and every export still finish."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from hearing_helper.cli import main
from tests.reports_fixtures import seeded_services, standard_records

PASSWORD = "richter-2026"
PERIOD = ["--from", "2026-03-01", "--to", "2026-04-30"]
DAMAGE = [
    ("duration_s", "abc"),
    ("duration_s", 1e308 * 10),
    ("duration_s", -5),
    ("satisfaction", "x"),
    ("satisfaction", 2.5),
    ("satisfaction", 9),
    ("ended_at", "2026-13-45T99:99:99"),
    ("started_at", "2026-03-45T99:99:99"),
    ("started_at", "2026-04-31T10:00:00+08:00"),
    ("hearing_at", "2026-13-45T99:99:99"),
    ("outcome", "bogus"),
    ("role", "=cmd"),
    ("version", "two"),
]


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("damaged") / "data"
    data_dir.mkdir()
    seeded_services(data_dir, standard_records()).close()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n{PASSWORD}\n"))
        assert main(["--data-dir", str(data_dir), "supervisor", "set-password"]) == 0
    return data_dir


def damaged_copy(clean: Path, target: Path, column: str, value: object) -> str:
    target.mkdir()
    for path in clean.iterdir():
        if path.is_file():
            (target / path.name).write_bytes(path.read_bytes())
    conn = sqlite3.connect(target / "hearing_helper.sqlite3")
    conn.execute("PRAGMA ignore_check_constraints=ON")
    with conn:
        (record_id,) = conn.execute(
            "SELECT id FROM assists WHERE started_at >= '2026-03-05' ORDER BY started_at"
        ).fetchone()
        conn.execute(f"UPDATE assists SET {column}=? WHERE id=?", (value, record_id))
    conn.close()
    return str(record_id)


# Damaged cells are facts of their day, kept in the per-day report cache: an edit of an outcome,
# a rating, a start or a version changes the day's signature and is named at once; an edit of
# another column is named when its day is next computed (a record of that day added or
# corrected, or the cache rebuilt). Either way the report finishes.
NAMED_FROM_A_WARM_CACHE = {"satisfaction", "outcome", "started_at", "version"}


def cold(data_dir: Path) -> None:
    conn = sqlite3.connect(data_dir / "hearing_helper.sqlite3")
    with conn:
        conn.execute("DELETE FROM report_day_cache")
    conn.close()


def run(data_dir: Path, *argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
        code = main(["--data-dir", str(data_dir), *argv])
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "internal error" not in out.err, out.err
    return code, out.out, out.err


def test_a_clean_period_has_no_damaged_cells(
    clean: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(clean, "report", *PERIOD, "--json", capsys=capsys)
    assert code == 0 and json.loads(out)["damaged"] == {"count": 0, "cells": []}


@pytest.mark.parametrize(("column", "value"), DAMAGE, ids=[f"{c}={v}" for c, v in DAMAGE])
def test_a_damaged_cell_is_named_and_every_output_still_finishes(
    clean: Path, tmp_path: Path, column: str, value: object, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    record_id = damaged_copy(clean, data_dir, column, value)  # the clean copy's cache is warm
    code, out, _err = run(data_dir, "report", *PERIOD, "--json", capsys=capsys)
    assert code == 0
    if column not in NAMED_FROM_A_WARM_CACHE:
        cold(data_dir)
        code, out, _err = run(data_dir, "report", *PERIOD, "--json", capsys=capsys)
        assert code == 0
    damaged = json.loads(out)["damaged"]
    assert damaged["count"] >= 1
    assert {"record_id": record_id, "column": column} in [
        {"record_id": cell["record_id"], "column": cell["column"]} for cell in damaged["cells"]
    ]
    code, out, _err = run(data_dir, "report", *PERIOD, capsys=capsys)
    assert code == 0 and "damaged" in out.lower()
    for fmt in ("pdf", "csv", "xlsx"):
        out_file = tmp_path / f"x.{fmt}"
        code, _out, err = run(
            data_dir, "export", *PERIOD, "--format", fmt, "--out", str(out_file), capsys=capsys
        )
        assert code == 0, (fmt, err)
        assert out_file.stat().st_size > 0
