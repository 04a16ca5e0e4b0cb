"""Exports link a hearing-day visit to its preparation visit and give the hearing-day failure
cause (issue 17, item 14), in words, in CSV and XLSX, masked as before and neutralised."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.reports.export import export_log
from hearing_helper.services import AppServices
from hearing_helper.store.sqlite import DB_FILENAME
from hearing_helper.ui.pdf.translator import translator_for
from hearing_helper.visits.causes import cause
from tests.visits_scenario import PERIOD, scenario_records

LINK = "关联的前次来访（记录编号）"
CAUSE = "开庭当天未能顺利参加的原因"


def _ids(number: int) -> str:
    return f"00000000-0000-4000-8000-{number:012d}"


def _read(path: Path) -> list[dict[str, object]]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    sheet = openpyxl.load_workbook(path).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _export(data_dir: Path, out: Path, *, unmask: bool = False) -> list[dict[str, object]]:
    services = AppServices.open(data_dir)
    try:
        export_log(
            services.store,
            ReportFilters(*PERIOD),
            out.suffix[1:],
            out,
            actor="sup",
            unmask=unmask,
            translate=translator_for("zh_CN"),
        )
    finally:
        services.close()
    return _read(out)


@pytest.fixture
def scenario_dir(data_dir: Path) -> Path:
    services = AppServices.open(data_dir)
    services.repo.import_finished(scenario_records(), "test")
    services.close()
    return data_dir


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_link_the_preparation_visit_and_name_the_failure_cause(
    scenario_dir: Path, tmp_path: Path, fmt: str
) -> None:
    rows = {row["记录编号"]: row for row in _export(scenario_dir, tmp_path / f"log.{fmt}")}
    a_hearing_day, b_return, e = rows[_ids(2)], rows[_ids(4)], rows[_ids(7)]
    assert a_hearing_day[LINK] == _ids(1)  # litigant A's hearing day -> A's preparation visit
    assert b_return[LINK] == _ids(3)  # B's second preparation visit -> the first
    found = cause("camera.no_frames")
    assert found is not None
    assert e[CAUSE] == translator_for("zh_CN")(found.context, found.text)
    assert e[CAUSE] != "camera.no_frames"
    empty = (None, "")
    assert rows[_ids(8)][CAUSE] in empty and rows[_ids(8)][LINK] in empty
    # Masking is unchanged: the names are masked in the default export.
    assert a_hearing_day["当事人"] == "王*国"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_link_or_cause_edited_into_the_database_comes_out_inert(
    scenario_dir: Path, tmp_path: Path, fmt: str
) -> None:
    conn = sqlite3.connect(scenario_dir / DB_FILENAME)
    with conn:
        conn.execute(
            "UPDATE assists SET previous_id = ?, failure_cause = ? WHERE id = ?",
            ("=cmd|' /C calc'!A0", "@SUM(A1)", _ids(7)),
        )
    conn.close()
    rows = {row["记录编号"]: row for row in _export(scenario_dir, tmp_path / f"x.{fmt}")}
    assert rows[_ids(7)][LINK] == "'=cmd|' /C calc'!A0"
    assert rows[_ids(7)][CAUSE] == "'@SUM(A1)"
