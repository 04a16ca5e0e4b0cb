"""Files readable by the current user only (issue 11, finding "Files"): the database, exports
(unmasked too), logs, settings and the data folder, whatever the umask."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from hearing_helper.auth import auth_for
from hearing_helper.cli import main
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.reports.export import export_log
from hearing_helper.ui.pdf.summary import write_summary_pdf
from tests.reports_fixtures import seeded_services

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    previous = os.umask(0o022)  # the usual default: files 0644, folders 0755
    yield
    os.umask(previous)


def test_everything_personal_is_created_private(
    qapp: QApplication, open_umask: None, tmp_path: Path
) -> None:
    data_dir = tmp_path / "fresh" / "data"
    services = seeded_services(data_dir)
    try:
        auth_for(services).set_password("richter-2026", "it")
        outs = []
        for fmt, unmask in (("csv", True), ("xlsx", False), ("pdf", False)):
            out = tmp_path / f"log.{fmt}"
            export_log(
                services.store,
                ReportFilters(date(2026, 3, 1), date(2026, 4, 30)),
                fmt,
                out,
                actor="sup",
                unmask=unmask,
                write_pdf=write_summary_pdf,
            )
            outs.append(out)
    finally:
        services.close()
    assert mode(data_dir) == 0o700
    for path in [*data_dir.iterdir(), *outs]:
        if path.is_file():
            assert mode(path) & 0o077 == 0, (path.name, oct(mode(path)))


def test_log_files_are_private(open_umask: None, tmp_path: Path) -> None:
    from hearing_helper.ui.app import setup_file_logging

    path = setup_file_logging(tmp_path / "data")
    logging.getLogger("trust").warning("a line")
    try:
        assert mode(path) & 0o077 == 0 and mode(path.parent) == 0o700
    finally:
        root = logging.getLogger()
        for handler in list(root.handlers):
            if getattr(handler, "baseFilename", "") == str(path.resolve()):
                root.removeHandler(handler)
                handler.close()


def test_data_dir_that_is_a_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    assert (
        main(
            [
                "--data-dir",
                str(not_a_folder),
                "report",
                "--from",
                "2026-01-01",
                "--to",
                "2026-01-31",
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert str(not_a_folder) in err and "Traceback" not in err
