"""Exports read back with independent readers (csv module, openpyxl), cell by cell."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from hearing_helper.demo import generate_records
from hearing_helper.domain.enums import Outcome
from hearing_helper.reports.cells import MAX_CELL_CHARS, safe_text
from hearing_helper.reports.csv_fast import write_csv_fast
from hearing_helper.reports.export import ExportCancelledError, export_log
from hearing_helper.reports.filters import ReportFilters
from hearing_helper.reports.labels import english
from hearing_helper.reports.pdf_i18n import translator_for
from hearing_helper.reports.rows import COLUMNS, header, iter_rows
from hearing_helper.reports.writers import write_csv, write_xlsx
from tests.reports_fixtures import make_record, seeded_services, standard_records

PERIOD = ReportFilters(date(2026, 3, 1), date(2026, 4, 30))
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = [
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2",
    "@SUM(A1)",
    "\tleading tab",
    "\rleading CR",
    "x" * 40_000,
    "😀 emoji 王",
    "nul\x00inside",
    "\x00=after nul",
]
TEXT_COLUMNS = [i for i, c in enumerate(COLUMNS) if c.kind == "text"]


def hostile_records() -> list:
    records = []
    for index, text in enumerate(HOSTILE):
        records.append(
            make_record(
                f"2026-03-{index + 1:02d}T09:00:00",
                600,
                Outcome.JOINED,
                satisfaction=4,
                name=text,
                case_number=text,
                desk=text,
                clerk_name=text,
                court=text,
                platform=text,
            )
        )
    return records


@pytest.fixture
def services(data_dir: Path):
    records = standard_records()
    services = seeded_services(data_dir, records)
    services.extras["records"] = records
    yield services
    services.close()


def expected_rows(records: list, unmask: bool) -> list[dict[str, str]]:
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
                "Assistance time (min)": f"{record.duration_seconds / 60:.1f}",
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
def test_csv_has_bom_rfc4180_and_the_right_cells(services, tmp_path: Path, unmask: bool) -> None:
    out = tmp_path / "log.csv"
    result = export_log(services.repo, PERIOD, "csv", out, actor="sup", unmask=unmask)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw and raw.count(b"\r\n") == 6  # header + 5 rows, CRLF line ends
    with out.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert result.row_count == len(table) == 5
    for got, want in zip(table, expected_rows(services.extras["records"], unmask), strict=True):
        for key, value in want.items():
            assert got[key] == value, key
    assert len(table[0]) == len(COLUMNS)


def test_masked_csv_leaks_no_mobile_number(services, tmp_path: Path) -> None:
    out = tmp_path / "log.csv"
    export_log(services.repo, PERIOD, "csv", out, actor="sup")
    text = out.read_text(encoding="utf-8-sig")
    assert not re.search(r"1[3-9]\d{9}", text)
    assert "王小明" not in text and "王*明" in text


def test_xlsx_typed_cells_frozen_header_autofilter(services, tmp_path: Path) -> None:
    out = tmp_path / "log.xlsx"
    result = export_log(services.repo, PERIOD, "xlsx", out, actor="sup")
    book = openpyxl.load_workbook(out)
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(COLUMNS))}6"
    titles = [cell.value for cell in sheet[1]]
    assert titles == header()
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == result.row_count == 5
    want = expected_rows(services.extras["records"], False)
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
        conn = services.repo.connect_readonly()
        conn.row_factory = None
        rows = iter_rows(conn, PERIOD, datetimes="datetime")
        count = write_xlsx(
            tmp_path / "split.xlsx", header(), rows, lambda n: None, rows_per_sheet=2
        )
        conn.close()
    finally:
        services.close()
    book = openpyxl.load_workbook(tmp_path / "split.xlsx")
    assert count == 5
    assert [s.max_row for s in book.worksheets] == [3, 3, 2]  # header + 2, 2, 1
    assert book.sheetnames == ["Records", "Records 2", "Records 3"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref


def _assert_inert(value: object, original: str) -> None:
    assert isinstance(value, str)
    # XlsxWriter stores CR as the OOXML escape _x000D_ (Excel decodes it; openpyxl does not).
    value = value.replace("_x000D_", "\r")
    assert not value.startswith(TRIGGERS), repr(value[:20])
    assert "\x00" not in value
    assert len(value) <= MAX_CELL_CHARS
    cleaned = original.replace("\x00", "")
    if cleaned.startswith(TRIGGERS):
        assert value == "'" + cleaned
    elif len(cleaned) <= MAX_CELL_CHARS:
        assert value == cleaned


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_hostile_cells_come_out_inert(data_dir: Path, tmp_path: Path, fmt: str) -> None:
    services = seeded_services(data_dir, hostile_records())
    out = tmp_path / f"hostile.{fmt}"
    try:
        export_log(services.repo, PERIOD, fmt, out, actor="sup", unmask=True)
        masked = tmp_path / f"masked.{fmt}"
        export_log(services.repo, PERIOD, fmt, masked, actor="sup")
    finally:
        services.close()
    if fmt == "csv":
        with out.open(encoding="utf-8-sig", newline="") as handle:
            table = list(csv.reader(handle))[1:]
        with masked.open(encoding="utf-8-sig", newline="") as handle:
            masked_table = list(csv.reader(handle))[1:]
    else:
        table = [
            list(r)
            for r in openpyxl.load_workbook(out)
            .worksheets[0]
            .iter_rows(min_row=2, values_only=True)
        ]
        masked_table = [
            list(r)
            for r in openpyxl.load_workbook(masked)
            .worksheets[0]
            .iter_rows(min_row=2, values_only=True)
        ]
    assert len(table) == len(HOSTILE)
    names = {c.title: i for i, c in enumerate(COLUMNS)}
    for row, original in zip(table, HOSTILE, strict=True):
        for title in ("Case number", "Court", "Desk", "Clerk", "Litigant", "Platform"):
            _assert_inert(row[names[title]], original)
    long_cell = table[HOSTILE.index("x" * 40_000)][names["Case number"]]
    assert len(long_cell) == MAX_CELL_CHARS and long_cell.endswith("…")
    assert table[HOSTILE.index("😀 emoji 王")][names["Litigant"]] == "😀 emoji 王"
    for row in masked_table:  # masking first, then neutralising: still inert
        for index in TEXT_COLUMNS:
            value = row[index]
            assert value is None or value == "" or not str(value).startswith(TRIGGERS)


EDGE_TEXTS = [
    "a,b",
    'say "hi"',
    "two\nlines",
    "\u3000王小明\u3000",
    " 王明 ",
    "",
    "X",
    "010-12345678",
    "+86 138 1234 5678",
    "tab\tinside",
    "ends with CR\r",
    "-",
    "'quoted",
    "x" * 32_767,
    "y" * 32_768,
    "\x7fdel",
    "unknown_code",
]


@pytest.mark.parametrize("unmask", [False, True])
def test_fast_csv_is_byte_identical_to_csv_writer(
    data_dir: Path, tmp_path: Path, unmask: bool
) -> None:
    records = standard_records() + hostile_records() + list(generate_records(300, seed=5))
    for index, text in enumerate(EDGE_TEXTS):
        records.append(
            make_record(
                f"2026-04-{index % 28 + 1:02d}T1{index % 10}:00:00",
                index * 61,
                Outcome.NOT_JOINED if index % 2 else Outcome.LEFT,
                satisfaction=None if index % 3 else 5,
                name=text,
                phone=text,
                case_number=text,
                desk=text,
            )
        )
    records[-1].intake.role = None
    records[-2].outcome_reason = None
    services = seeded_services(data_dir, records)
    conn = services.repo.connect_readonly()
    conn.row_factory = None
    translate = translator_for("zh_CN")
    wide = ReportFilters(date(2025, 1, 1), date(2026, 12, 31))
    try:
        for tr in (english, translate):
            fast = tmp_path / "fast.csv"
            assert write_csv_fast(conn, fast, wide, lambda n: None, unmask=unmask, translate=tr)
            reference = tmp_path / "reference.csv"
            rows = iter_rows(conn, wide, unmask=unmask, translate=tr)
            write_csv(reference, header(tr), rows, lambda n: None)
            assert fast.read_bytes() == reference.read_bytes()
    finally:
        conn.close()
        services.close()


def test_safe_text_rules() -> None:
    assert safe_text("=1+1") == "'=1+1"
    assert safe_text("plain") == "plain"
    assert safe_text("") == ""
    assert safe_text("\x00") == ""
    assert safe_text("a\x07b") == "ab"
    assert safe_text("line\nbreak") == "line\nbreak"


def test_every_export_is_audited_with_the_file_hash(services, tmp_path: Path) -> None:
    out = tmp_path / "log.csv"
    result = export_log(services.repo, PERIOD, "csv", out, actor="sup", unmask=True)
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    assert result.sha256 == digest
    entry = [e for e in services.repo.iter_audit() if e.action == "export.written"][-1]
    assert entry.actor == "sup" and entry.seq == result.audit_seq
    assert entry.details["sha256"] == digest and entry.details["row_count"] == 5
    assert entry.details["unmasked"] is True
    assert entry.details["filters"] == {"date_from": "2026-03-01", "date_to": "2026-04-30"}
    conn = services.repo.connect_readonly()
    row = conn.execute("SELECT actor, format, filters, row_count, sha256, unmasked FROM exports")
    actor, fmt, filters, rows, sha, unmasked = row.fetchone()
    conn.close()
    assert (actor, fmt, rows, sha, unmasked) == ("sup", "csv", 5, digest, 1)
    assert json.loads(filters)["date_from"] == "2026-03-01"


def test_cancelled_export_leaves_nothing(services, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ExportCancelledError):
        export_log(
            services.repo,
            PERIOD,
            "xlsx",
            folder / "log.xlsx",
            actor="sup",
            is_cancelled=lambda: True,
        )
    assert list(folder.iterdir()) == []
    assert not [e for e in services.repo.iter_audit() if e.action == "export.written"]
