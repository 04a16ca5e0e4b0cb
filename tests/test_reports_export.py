"""Exports read back with independent readers (csv module, openpyxl), cell by cell: columns,
masking, typed XLSX cells, the audit entry with the file hash, cancelling, platform names
(risky cells and the neutralising rules: tests/test_reports_export_cells.py)."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.reports.export import ExportCancelledError, export_log
from hearing_helper.reports.rows import COLUMNS, header, iter_rows
from hearing_helper.reports.writers import write_xlsx
from hearing_helper.services import AppServices
from tests.reports_fixtures import raw_db, seeded_services, standard_records

PERIOD = ReportFilters(date(2026, 3, 1), date(2026, 4, 30))


@pytest.fixture
def seeded() -> list[AssistRecord]:
    """What the database of ``services`` holds, to compare exports with."""
    return standard_records()


@pytest.fixture
def services(data_dir: Path, seeded: list[AssistRecord]) -> Iterator[AppServices]:
    services = seeded_services(data_dir, seeded)
    yield services
    services.close()


def expected_rows(records: list[AssistRecord], unmask: bool) -> list[dict[str, str]]:
    """What the export must contain for the standard records in PERIOD, built independently."""
    labels = {
        "joined": "Joined",
        "joined_after_help": "Joined after help",
        "not_joined": "Not joined",
        "rescheduled": "Rescheduled",
    }
    rows = []
    for record in sorted(records, key=lambda r: r.started_at):
        if not (date(2026, 3, 1) <= record.started_at.date() <= date(2026, 4, 30)):
            continue
        rows.append(
            {
                "Record ID": record.id,
                "Litigant": "王小明" if unmask else "王*明",
                "Phone": "13812345678" if unmask else "138****5678",
                "Started": record.started_at.strftime("%Y-%m-%d %H:%M:%S"),
                "Assistance time (min)": f"{(record.duration_seconds or 0) / 60:.1f}",
                "Outcome": labels[str(record.outcome)],
                "Satisfaction": "" if record.satisfaction is None else str(record.satisfaction),
                "Clerk": record.clerk.name,
                "Role": {"plaintiff": "Plaintiff", "defendant": "Defendant"}[
                    str(record.intake.role)
                ],
            }
        )
    return rows


@pytest.mark.parametrize("unmask", [False, True])
def test_csv_has_bom_rfc4180_and_the_right_cells(
    services: AppServices, seeded: list[AssistRecord], tmp_path: Path, unmask: bool
) -> None:
    out = tmp_path / "log.csv"
    result = export_log(services.store, PERIOD, "csv", out, actor="sup", unmask=unmask)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw and raw.count(b"\r\n") == 6  # header + 5 rows, CRLF line ends
    with out.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert result.row_count == len(table) == 5
    for got, want in zip(table, expected_rows(seeded, unmask), strict=True):
        for key, value in want.items():
            assert got[key] == value, key
    assert len(table[0]) == len(COLUMNS)


def test_masked_csv_leaks_no_mobile_number(services: AppServices, tmp_path: Path) -> None:
    out = tmp_path / "log.csv"
    export_log(services.store, PERIOD, "csv", out, actor="sup")
    text = out.read_text(encoding="utf-8-sig")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    # Every cell but the record id (a UUID may hold 11 digits in a row by chance).
    cells = [cell for row in rows[1:] for cell in row[1:]]
    assert cells and not any(re.search(r"1[3-9]\d{9}", cell) for cell in cells)
    assert "王小明" not in text and "王*明" in text


def test_xlsx_typed_cells_frozen_header_autofilter(
    services: AppServices, seeded: list[AssistRecord], tmp_path: Path
) -> None:
    out = tmp_path / "log.xlsx"
    result = export_log(services.store, PERIOD, "xlsx", out, actor="sup")
    book = openpyxl.load_workbook(out)
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(COLUMNS))}6"
    titles = [cell.value for cell in sheet[1]]
    assert titles == header()
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == result.row_count == 5
    want = expected_rows(seeded, False)
    index = {title: i for i, title in enumerate(titles)}
    for got, expected in zip(rows, want, strict=True):
        started = got[index["Started"]]
        assert isinstance(started, datetime)
        assert started.strftime("%Y-%m-%d %H:%M:%S") == expected["Started"]
        minutes = got[index["Assistance time (min)"]]
        assert (
            isinstance(minutes, int | float)
            and f"{minutes:.1f}" == expected["Assistance time (min)"]
        )
        satisfaction = got[index["Satisfaction"]]
        assert satisfaction == (int(expected["Satisfaction"]) if expected["Satisfaction"] else None)
        assert got[index["Litigant"]] == expected["Litigant"]
        assert got[index["Phone"]] == expected["Phone"]


def test_xlsx_continues_on_a_new_sheet(tmp_path: Path, data_dir: Path) -> None:
    services = seeded_services(data_dir)
    try:
        rows = iter_rows(services.reports, PERIOD, datetimes="datetime")
        count = write_xlsx(
            tmp_path / "split.xlsx", header(), rows, lambda n: None, rows_per_sheet=2
        )
    finally:
        services.close()
    book = openpyxl.load_workbook(tmp_path / "split.xlsx")
    assert count == 5
    assert [s.max_row for s in book.worksheets] == [3, 3, 2]  # header + 2, 2, 1
    assert book.sheetnames == ["Records", "Records 2", "Records 3"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref


def test_every_export_is_audited_with_the_file_hash(services: AppServices, tmp_path: Path) -> None:
    out = tmp_path / "log.csv"
    result = export_log(services.store, PERIOD, "csv", out, actor="sup", unmask=True)
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    assert result.sha256 == digest
    entry = [e for e in services.repo.iter_audit() if e.action == "export.written"][-1]
    assert entry.actor == "sup" and entry.seq == result.audit_seq
    assert entry.details["sha256"] == digest and entry.details["row_count"] == 5
    assert entry.details["unmasked"] is True
    assert entry.details["filters"] == {"date_from": "2026-03-01", "date_to": "2026-04-30"}
    conn = raw_db(services)
    row = conn.execute("SELECT actor, format, filters, row_count, sha256, unmasked FROM exports")
    actor, fmt, filters, rows, sha, unmasked = row.fetchone()
    conn.close()
    assert (actor, fmt, rows, sha, unmasked) == ("sup", "csv", 5, digest, 1)
    assert json.loads(filters)["date_from"] == "2026-03-01"


def test_cancelled_export_leaves_nothing(services: AppServices, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ExportCancelledError):
        export_log(
            services.store,
            PERIOD,
            "xlsx",
            folder / "log.xlsx",
            actor="sup",
            is_cancelled=lambda: True,
        )
    assert list(folder.iterdir()) == []
    assert not [e for e in services.repo.iter_audit() if e.action == "export.written"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_platforms_are_exported_by_name(services: AppServices, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"log.{fmt}"
    names = {"tencent_meeting": "腾讯会议", "court_online": "=人民法院在线服务"}
    export_log(services.store, PERIOD, fmt, out, actor="sup", platform_names=names)
    column = [c.platform for c in COLUMNS].index(True)
    if fmt == "csv":
        with out.open(encoding="utf-8-sig", newline="") as handle:
            values = {row[column] for row in list(csv.reader(handle))[1:]}
    else:
        sheet = openpyxl.load_workbook(out, read_only=True).active
        values = {row[column] for row in sheet.iter_rows(min_row=2, values_only=True)}
    # Names from a court-edited catalog are cells like any other: neutralised when risky.
    assert values == {"腾讯会议", "'=人民法院在线服务"}
