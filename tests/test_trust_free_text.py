"""Free text in masked exports (issue 18, findings 10-11): a phone or ID number typed into a
free-text field (case number, court, desk, clerk) is masked in masked CSV, XLSX and
``followups --json``; and the CSV cell gate neutralises a formula hidden behind leading
whitespace, a line feed, a BOM, a zero-width character or a full-width ＝＋－＠."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from hearing_helper.cli import main
from hearing_helper.domain.enums import Outcome
from hearing_helper.domain.masking import mask_free_text
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.reports import rows as rows_module
from hearing_helper.reports.cells import safe_text
from hearing_helper.reports.export import export_log
from hearing_helper.reports.rows import COLUMNS, Column, row_converter
from hearing_helper.services import AppServices
from tests.reports_fixtures import make_record, seeded_services

PERIOD = ReportFilters(date(2026, 3, 1), date(2026, 4, 30))
SECRETS = ["13812345678", "11010519491231002X", "１３９８７６５４３２１", "010-87654321"]


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ("联系人电话13812345678", "13812345678"),
        ("138 1234 5678", "138 1234"),
        ("138-1234-5678 转", "138-1234"),
        ("身份证11010519491231002X", "1101051949123100"),
        ("身份证110105194912310021", "11010519491231"),
        ("老式证件110105491231002", "11010549123"),
        ("全角１３８１２３４５６７８", "１３８１２３４"),
        ("座机010-87654321", "87654321"[:4]),
        ("座机 87654321", "8765"),
    ],
)
def test_phone_and_id_runs_are_masked_keeping_the_last_four(text: str, hidden: str) -> None:
    masked = mask_free_text(text)
    assert hidden not in masked and "*" in masked
    assert len(masked) == len(text)


@pytest.mark.parametrize(
    "text",
    ["（2026）京0105民初1234号", "2026-03-05 复查", "第12号法庭", "（2025）冀1126民初567号", ""],
)
def test_case_numbers_and_dates_are_left_alone(text: str) -> None:
    assert mask_free_text(text) == text


def test_free_text_is_a_declared_column_property() -> None:
    declared = {column.field for column in COLUMNS if column.free_text}
    assert {"case_number", "court", "desk", "clerk_name"} <= declared
    # Any column declared free text is scanned, not a hard-coded list of today's columns.
    extra = Column("desk", "Desk", "text", free_text=True)
    columns = tuple(extra if c.field == "desk" else c for c in COLUMNS)
    raw: list[str | None] = [None] * len(columns)
    index = [c.field for c in columns].index("desk")
    raw[index] = "窗口电话13812345678"
    assert "13812345678" not in row_converter(columns=columns)(raw)[index]
    assert row_converter(unmask=True, columns=columns)(raw)[index] == "窗口电话13812345678"


@pytest.fixture
def services(data_dir: Path) -> Iterator[AppServices]:
    records = [
        make_record(
            "2026-03-02T09:00:00",
            600,
            Outcome.JOINED,
            case_number=f"（2026）京0105民初1234号 家属{secret}",
        )
        for secret in SECRETS
    ]
    services = seeded_services(data_dir, records)
    yield services
    services.close()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_masked_exports_hide_numbers_typed_into_free_text(
    services: AppServices, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"log.{fmt}"
    export_log(services.store, PERIOD, fmt, out, actor="sup")
    if fmt == "csv":
        text = out.read_text(encoding="utf-8-sig")
    else:
        sheet = openpyxl.load_workbook(out).active
        text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row)
    for secret in SECRETS:
        assert secret not in text, secret
    assert "（2026）京0105民初1234号" in text  # the case number itself stays readable
    unmasked = tmp_path / f"full.{fmt}"
    export_log(services.store, PERIOD, fmt, unmasked, actor="sup", unmask=True)
    if fmt == "csv":
        assert SECRETS[0] in unmasked.read_text(encoding="utf-8-sig")


def test_followups_json_masks_free_text(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from hearing_helper.commands.followups import follow_up_item
    from hearing_helper.store.repository import PreparedHearing

    now = datetime(2026, 3, 10, 12, 0)
    row = PreparedHearing(
        id="r1",
        hearing_at=(now - timedelta(days=1)).isoformat(),
        case_number="（2026）京0105民初1234号 电话13812345678",
        litigant_name="王小明",
        phone="13812345678",
        platform_id="tencent_meeting",
        prep_outcome="ready",
        chosen_mode="own_phone",
        clerk_name="李静",
        started_at=(now - timedelta(days=3)).isoformat(),
    )
    item = follow_up_item(row, now)
    assert "13812345678" not in json.dumps(item, ensure_ascii=False)
    assert item["case_number"].startswith("（2026）京0105民初1234号")


@pytest.mark.parametrize(
    "value",
    [
        "\n=1+1",
        " =1+1",
        "  +SUM(A1)",
        "\ufeff=1+1",
        '\u200b=HYPERLINK("x")',
        "\u3000@SUM(A1)",
        "＝1+1",
        "＋1",
        "－1",
        "＠SUM(A1)",
        "\r\n-2+3",
        "\u00a0=1",
    ],
)
def test_hidden_formula_starts_are_neutralised(value: str) -> None:
    assert safe_text(value).startswith("'")
    assert (rows_module.safe_cell(value) or "").startswith("'")


@pytest.mark.parametrize("value", ["王小明", "（2026）京0105民初1234号", "tencent", "1号窗口"])
def test_ordinary_text_is_left_alone(value: str) -> None:
    assert safe_text(value) == value and rows_module.safe_cell(value) == value


def test_csv_export_of_hidden_formulas_is_inert(data_dir: Path, tmp_path: Path) -> None:
    payloads = ["\n=1+1", " =1+1", "\ufeff=1+1", "＝1+1", "＠SUM(A1)"]
    records = [
        make_record("2026-03-02T09:00:00", 600, Outcome.JOINED, case_number=payload)
        for payload in payloads
    ]
    services = seeded_services(data_dir, records)
    try:
        out = tmp_path / "log.csv"
        export_log(services.store, PERIOD, "csv", out, actor="sup", unmask=True)
    finally:
        services.close()
    with out.open(encoding="utf-8-sig", newline="") as handle:
        cells = [row[1] for row in list(csv.reader(handle))[1:]]
    assert sorted(cells) == sorted("'" + payload for payload in payloads)


def test_cli_followups_json_still_runs(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.StringIO(""))
        assert main(["--data-dir", str(data_dir), "followups", "--json"]) == 0
