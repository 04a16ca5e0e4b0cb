"""Every export cell goes through one writer (issue 11, finding "Formula cells"): values edited
straight into the database into date, time and number columns come out inert, never a crash."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.reports.cells import export_cell
from hearing_helper.reports.export import export_log
from hearing_helper.services import AppServices
from tests.reports_fixtures import seeded_services, sqlite_repo, standard_records

PERIOD = ReportFilters(date(2026, 3, 1), date(2026, 4, 30))
FORMULA = "=cmd|' /C calc'!A0"
LINK = '=HYPERLINK("http://127.0.0.1/x","click")'


def tamper(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE assists SET hearing_at=?", (FORMULA,))
        conn.execute("UPDATE assists SET version=?", (LINK,))
        conn.execute("UPDATE assists SET ended_at=?", ("+garbage",))
    conn.close()


@pytest.fixture
def tampered(data_dir: Path) -> Iterator[AppServices]:
    services = seeded_services(data_dir, standard_records())
    tamper(sqlite_repo(services).path)
    yield services
    services.close()


def test_tampered_date_and_number_columns_are_inert_in_csv(
    tampered: AppServices, tmp_path: Path
) -> None:
    out = tmp_path / "log.csv"
    export_log(tampered.store, PERIOD, "csv", out, actor="sup", unmask=True)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    assert rows
    for row in rows:
        for cell in row:
            assert not cell or cell[0] not in "=+-@\t\r", cell
        assert "'" + FORMULA in row and "'" + LINK in row


def test_tampered_database_exports_to_xlsx_without_crashing(
    tampered: AppServices, tmp_path: Path
) -> None:
    out = tmp_path / "log.xlsx"
    export_log(tampered.store, PERIOD, "xlsx", out, actor="sup", unmask=True)
    sheet = openpyxl.load_workbook(out).active
    values = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row]
    assert "'" + FORMULA in values and "'" + LINK in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
    formulas = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("int", 3, 3),
        ("int", True, "True"),
        ("int", "=1+1", "'=1+1"),
        ("number", 2.5, 2.5),
        ("number", float("nan"), "nan"),
        ("number", "-3", "'-3"),
        ("datetime", datetime(2026, 3, 1, 9, 0), datetime(2026, 3, 1, 9, 0)),
        ("datetime", "@now", "'@now"),
        ("text", "+1", "'+1"),
        ("text", 12, "12"),
        ("text", None, None),
    ],
)
def test_export_cell_checks_types(kind: str, value: object, expected: object) -> None:
    assert export_cell(kind, value) == expected


@pytest.mark.parametrize(
    "stored",
    ["2026-02-30T10:00:00+08:00", "2026-13-01T10:00:00+08:00", "2026-01-01T25:00:00+08:00"],
)
def test_csv_date_cells_that_are_no_real_time_are_not_passed_off_as_times(stored: str) -> None:
    # Found in review: the CSV fast path took any 'dddd-dd-ddTdd:dd:dd' for a stored time and
    # wrote '2026-02-30 10:00:00' as if it were one; such a value is written as stored text.
    from hearing_helper.reports.rows import text_datetime

    assert text_datetime(stored) == stored
    assert text_datetime("2026-02-28T10:00:00+08:00") == "2026-02-28 10:00:00"


# Every character NFKC folds to a formula trigger or to text starting with one (⩵ is "=="):
# a spreadsheet that normalises what it reads would see a formula.
FOLDING_FIRSTS = "⁺⁼₊₌﬩﹢﹣﹦﹫＋－＝＠⩵⩶"


@pytest.mark.parametrize("first", FOLDING_FIRSTS)
@pytest.mark.parametrize("before", ["", " ", "\u3000", "\ufeff"])
def test_a_cell_starting_with_a_folded_trigger_is_neutralised(first: str, before: str) -> None:
    from hearing_helper.reports.rows import safe_cell

    value = f'{before}{first}HYPERLINK("http://x")'
    assert safe_cell(value) == "'" + value  # before: ⁺ ⁼ ₊ ₌ ﬩ ⩵ ⩶ passed as they were


def test_the_folding_firsts_are_every_character_nfkc_folds_to_a_trigger() -> None:
    import sys
    import unicodedata

    from hearing_helper.reports.cells import FORMULA_TRIGGERS, NFKC_TRIGGERS

    found = {
        chr(c)
        for c in range(sys.maxunicode + 1)
        if not 0xD800 <= c <= 0xDFFF
        and chr(c) not in FORMULA_TRIGGERS
        and unicodedata.normalize("NFKC", chr(c))[:1] in FORMULA_TRIGGERS
    }
    assert found == set(FOLDING_FIRSTS) == set(NFKC_TRIGGERS)
