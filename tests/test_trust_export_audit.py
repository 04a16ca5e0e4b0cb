"""The audit log records what happened, exactly (issue 11, "Audit out of step with reality"):
an export that was not written leaves no audit entry and no exports row; one whose audit entry
cannot be committed leaves no file."""

from __future__ import annotations

import io
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from hearing_helper.cli import main
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.reports.export import ExportError, export_log
from hearing_helper.services import AppServices
from hearing_helper.store.sqlite import SqliteRepository
from tests.reports_fixtures import seeded_services, sqlite_repo

PASSWORD = "richter-2026"
PERIOD = ReportFilters(date(2026, 3, 1), date(2026, 4, 30))


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    services = seeded_services(data_dir)
    services.close()
    stdin = io.StringIO(f"{PASSWORD}\n{PASSWORD}\n")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", stdin)
        assert main(["--data-dir", str(data_dir), "supervisor", "set-password"]) == 0
    return data_dir


def audit_actions(data_dir: Path) -> list[str]:
    services = AppServices.open(data_dir)
    try:
        return [entry.action for entry in services.repo.iter_audit()]
    finally:
        services.close()


def run_export(data_dir: Path, out: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    args = ["--data-dir", str(data_dir), "export", "--from", "2026-03-01", "--to", "2026-04-30"]
    return main([*args, "--format", "csv", "--out", out])


@pytest.mark.parametrize("target", ["folder", "empty"])
def test_bad_out_path_is_refused_before_anything_is_audited(
    seeded: Path,
    tmp_path: Path,
    target: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = audit_actions(seeded)
    out = str(tmp_path) if target == "folder" else ""
    assert run_export(seeded, out, monkeypatch) == 2
    err = capsys.readouterr().err
    assert "--out" in err and "Traceback" not in err
    assert audit_actions(seeded) == before


def test_failed_audit_commit_leaves_no_file(seeded: Path, tmp_path: Path) -> None:
    services = AppServices.open(seeded)
    out = tmp_path / "log.csv"
    # Another program holds the database's write lock; this program's store waits 0.2 s.
    path = sqlite_repo(services).path
    impatient = SqliteRepository(path, busy_timeout_s=0.2)
    store = replace(services.store, repository=impatient)
    other_program = sqlite3.connect(path)
    other_program.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(ExportError, match="busy|locked"):
            export_log(store, PERIOD, "csv", out, actor="sup")
    finally:
        other_program.rollback()
        other_program.close()
        impatient.close()
        services.close()
    assert not out.exists()
    assert list(tmp_path.glob("log.csv*")) == []
    assert "export.written" not in audit_actions(seeded)


def test_failed_move_leaves_no_audit_entry(
    seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = AppServices.open(seeded)
    out = tmp_path / "log.csv"

    def no_move(src: Path, dst: Path) -> None:
        raise PermissionError(13, "Permission denied", str(dst))

    # stub: export.py's hook for a failing move; as root no real folder refuses a rename.
    monkeypatch.setattr("hearing_helper.reports.export._move_into_place", no_move)
    try:
        with pytest.raises(ExportError, match="Permission denied"):
            export_log(services.store, PERIOD, "csv", out, actor="sup")
    finally:
        services.close()
    assert list(tmp_path.glob("log.csv*")) == []
    assert "export.written" not in audit_actions(seeded)


def test_successful_export_is_audited_once(
    seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "log.csv"
    assert run_export(seeded, str(out), monkeypatch) == 0
    assert out.exists() and audit_actions(seeded).count("export.written") == 1
