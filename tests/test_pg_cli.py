"""The PostgreSQL adapter from the command line, as court IT would use it (subprocesses)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def hh(
    data_dir: Path, *args: str, timeout: float = 180, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hearing_helper", "--data-dir", str(data_dir), *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
    )


def test_demo_data_then_report_gives_the_same_figures_as_sqlite(
    pg_url: str, tmp_path: Path
) -> None:
    period = ("--from", "2025-11-01", "--to", "2026-11-30")
    reports = []
    for database in (None, pg_url):
        data_dir = tmp_path / ("pg" if database else "sqlite")
        extra = ("--database", database) if database else ()
        made = hh(data_dir, *extra, "demo-data", "--count", "5000", "--seed", "3")
        assert made.returncode == 0, made.stderr
        report = hh(data_dir, *extra, "report", *period, "--json")
        assert report.returncode == 0, report.stderr
        reports.append(json.loads(report.stdout))
    sqlite_report, pg_report = reports
    assert sqlite_report["visit_count"] == 5000  # both kinds of visit
    # Damaged cells (issue 18) are looked for in SQLite; PostgreSQL says it did not look.
    assert sqlite_report.pop("damaged") == {"count": 0, "cells": []}
    assert pg_report.pop("damaged") == {"count": 0, "cells": [], "checked": False}
    assert pg_report == sqlite_report


def test_unreachable_database_is_exit_1_with_a_clear_message(tmp_path: Path) -> None:
    from tests.pg_cluster import free_port

    url = f"postgresql://court@127.0.0.1:{free_port()}/court"
    result = hh(tmp_path, "--database", url, "report", "--from", "2026-01-01", "--to", "2026-01-31")
    assert result.returncode == 1
    assert "cannot be used" in result.stderr and "Traceback" not in result.stderr
