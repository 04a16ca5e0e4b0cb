"""No output path can land on the app's own files (issue 18, finding 1): ``export --out`` naming
the live database, its WAL, the settings, the anchor, the throttle state, a lock file or the desk
id -- spelt directly, with ``..``, through a symlink or a hard link -- is refused with exit 2
naming the rule, and the file is left as it was. The reports window and the join slip refuse
the same paths."""

from __future__ import annotations

import io
import os
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hearing_helper.cli import main
from hearing_helper.desk_identity import desk_id
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.kept_files import KeptPathError, refuse_kept_path
from hearing_helper.reports.export import ExportPathError, check_out_path, export_log
from hearing_helper.services import AppServices
from tests.reports_fixtures import seeded_services, sqlite_repo

PASSWORD = "richter-2026"
KEPT = [
    "hearing_helper.sqlite3",
    "hearing_helper.sqlite3-wal",
    "settings.json",
    "settings.json.lock",
    "audit_anchor",
    "supervisor_state.json",
    "supervisor_state.json.lock",
    "desk_id",
]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("kept") / "data"
    data_dir.mkdir()
    services = seeded_services(data_dir)
    services.close()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n{PASSWORD}\n"))
        assert main(["--data-dir", str(data_dir), "supervisor", "set-password"]) == 0
    # Make every kept file exist (a failed login writes the throttle state and its lock).
    services = AppServices.open(data_dir)
    services.settings.set("court_name", "朝阳法院")  # settings.json and its lock file
    sqlite_repo(services)._db.execute("PRAGMA wal_autocheckpoint=0")  # keep a -wal file
    (data_dir / "supervisor_state.json").write_text('{"failures": 0, "last_failure_at": 0}')
    (data_dir / "supervisor_state.json.lock").touch()
    (data_dir / "hearing_helper.sqlite3-wal").touch(exist_ok=True)
    services.close()
    (data_dir / "hearing_helper.sqlite3-wal").touch(exist_ok=True)
    desk_id(data_dir)
    return data_dir


def snapshot(data_dir: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in data_dir.iterdir() if path.is_file()}


def export_to(data_dir: Path, out: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    period = ["--from", "2026-03-01", "--to", "2026-04-30"]
    return main(["--data-dir", str(data_dir), "export", *period, "--format", "csv", "--out", out])


def spellings(data_dir: Path, name: str, outside: Path) -> dict[str, Path]:
    """Ways of naming ``data_dir/name`` from outside."""
    link = outside / f"link-to-{name}"
    if not link.is_symlink():
        link.symlink_to(data_dir / name)
    folder_link = outside / "data-folder-link"
    if not folder_link.is_symlink():
        folder_link.symlink_to(data_dir, target_is_directory=True)
    return {
        "direct": data_dir / name,
        "dotdot": data_dir / "x" / ".." / name,
        "via_sibling": data_dir.parent / data_dir.name / "." / name,
        "symlink": link,
        "folder_symlink": folder_link / name,
    }


@pytest.mark.parametrize("name", KEPT)
def test_export_onto_a_kept_file_is_refused_whatever_the_spelling(
    seeded: Path,
    tmp_path: Path,
    name: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert (seeded / name).exists()
    for how, out in spellings(seeded, name, tmp_path).items():
        before = snapshot(seeded)
        assert export_to(seeded, str(out), monkeypatch) == 2, how
        err = capsys.readouterr().err
        assert "data folder" in err and "--out" in err, (how, err)
        assert "Traceback" not in err
        assert snapshot(seeded) == before, how


def test_a_hard_link_to_the_database_outside_the_folder_is_refused(
    seeded: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name in ("hearing_helper.sqlite3", "settings.json", "audit_anchor"):
        link = tmp_path / f"innocent-{name}.csv"
        os.link(seeded / name, link)
        before = snapshot(seeded)
        assert export_to(seeded, str(link), monkeypatch) == 2
        err = capsys.readouterr().err
        assert "same file" in err and name in err
        assert snapshot(seeded) == before


def test_a_new_file_inside_the_data_folder_is_refused(
    seeded: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for out in (seeded / "log.csv", seeded / "logs" / "x.csv"):
        (seeded / "logs").mkdir(exist_ok=True)
        assert export_to(seeded, str(out), monkeypatch) == 2
        assert "data folder" in capsys.readouterr().err
        assert not out.exists()


def test_an_ordinary_file_outside_is_still_written(
    seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "log.csv"
    assert export_to(seeded, str(out), monkeypatch) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_the_library_refuses_too(seeded: Path, tmp_path: Path) -> None:
    """export_log itself (the reports window's worker calls it) checks the path again."""
    services = AppServices.open(seeded)
    try:
        before = snapshot(seeded)
        with pytest.raises(ExportPathError, match="data folder"):
            export_log(
                services.store,
                ReportFilters(date(2026, 3, 1), date(2026, 4, 30)),
                "csv",
                seeded / "settings.json",
                actor="sup",
                kept_folder=services.data_dir,
            )
        with pytest.raises(ExportPathError, match="data folder"):
            check_out_path(seeded / "desk_id", kept_folder=seeded)
        assert snapshot(seeded) == before
    finally:
        services.close()


def test_refuse_kept_path_compares_device_and_inode(seeded: Path, tmp_path: Path) -> None:
    link = tmp_path / "db-hardlink"
    os.link(seeded / "hearing_helper.sqlite3", link)
    with pytest.raises(KeptPathError, match="hearing_helper.sqlite3"):
        refuse_kept_path(link, seeded)
    refuse_kept_path(tmp_path / "fresh.csv", seeded)  # no exception


def test_reports_window_export_refuses_the_database(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from hearing_helper.ui.reports.view import ReportsWindow

    services = seeded_services(data_dir)
    try:
        window = ReportsWindow(services, today=date(2026, 4, 30))
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.report_shown, timeout=10_000):
            window.filter_bar.set_period(date(2026, 3, 1), date(2026, 4, 30))
        window.unlocked = True
        warnings: list[str] = []
        monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
        monkeypatch.setattr(window.exports, "choose_unmask", lambda fmt: False)
        target = data_dir / "hearing_helper.sqlite3"
        monkeypatch.setattr(window.exports, "choose_path", lambda fmt, s: target)
        before = target.read_bytes()
        window.exports.start("csv")
        assert warnings and "data folder" in warnings[0]
        assert window.exports.task is None
        assert target.read_bytes() == before
        window.close()
    finally:
        services.close()
