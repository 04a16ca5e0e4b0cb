"""Risky cell text through the real exports, read back with independent readers: formula
triggers, NUL, over-long and random text come out inert, and ``safe_cell``/``safe_text`` agree with
the rules written out again here."""

from __future__ import annotations

import csv
import random
import unicodedata
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from hearing_helper.domain.enums import Outcome
from hearing_helper.domain.masking import mask_free_text, mask_name, mask_phone
from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.reports.cells import MAX_CELL_CHARS, safe_text
from hearing_helper.reports.export import export_log
from hearing_helper.reports.rows import COLUMNS, safe_cell
from tests.reports_fixtures import make_record, raw_db, seeded_services

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


def hostile_records() -> list[AssistRecord]:
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
        export_log(services.store, PERIOD, fmt, out, actor="sup", unmask=True)
        masked = tmp_path / f"masked.{fmt}"
        export_log(services.store, PERIOD, fmt, masked, actor="sup")
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
    # Masking edge cases (names, phones) and quotes added after masking.
    "=x",
    "  =王明  ",
    "\u3000王\u3000",
    "\x85王小明\xa0",
    "010-12345678",
    "0755-1234-5678",
    "010-123",
    "-13812345678",
    "138-",
    "１３８１２３４５６７８",
    "138１２３４５６７８",
    "+8613812345678",
    "=" + "z" * 32_765,
    "=" + "z" * 32_766,
    "z" * 32_766,
]


def fuzz_texts(count: int, seed: int) -> list[str]:
    """Short strings from characters that masking, quoting and neutralising treat specially."""
    alphabet = list("0123456789--  =+@王明'\",a") + [
        "\u3000",
        "１",
        "\t",
        "\r",
        "\n",
        "\x07",
        "\x85",
    ]
    rng = random.Random(seed)
    return ["".join(rng.choices(alphabet, k=rng.randint(0, 14))) for _ in range(count)]


def _independent_safe(text: str | None) -> str:
    """What a safe cell must be, written out again from the rules (not with safe_text)."""
    if not text:
        return ""
    kept = "".join(ch for ch in text if ch in "\t\n\r" or not (ord(ch) < 32 or ord(ch) == 127))
    # Issue 18: a trigger behind leading whitespace or invisible characters, or in a
    # full-width or small form, counts too.
    first = kept.lstrip(
        "".join(ch for ch in set(kept) if ch.isspace()) + "\ufeff\u200b\u200c\u200d\u2060"
    )[:1]
    if kept and (kept[:1] in TRIGGERS or unicodedata.normalize("NFKC", first) in TRIGGERS):
        kept = "'" + kept
    if len(kept) > MAX_CELL_CHARS:
        kept = kept[: MAX_CELL_CHARS - 1] + "…"
    return kept


@pytest.mark.parametrize("unmask", [False, True])
def test_csv_cells_of_edge_and_random_text(data_dir: Path, tmp_path: Path, unmask: bool) -> None:
    """Edge-case and random text through the real export, read back with the csv module."""
    texts = EDGE_TEXTS + fuzz_texts(400, seed=11)
    records = []
    for index, text in enumerate(texts):
        records.append(
            make_record(
                f"2026-04-{index % 28 + 1:02d}T{index % 24:02d}:{index % 60:02d}:00",
                index * 61,
                Outcome.NOT_JOINED if index % 2 else Outcome.LEFT,
                satisfaction=None if index % 3 else 5,
                name=text,
                phone=text,
                case_number=text,
                desk=text,
                clerk_name=text[::-1],
            )
        )
    records[-1].intake.role = None
    services = seeded_services(data_dir, records)
    out = tmp_path / "edge.csv"
    try:
        count = export_log(services.store, PERIOD, "csv", out, actor="sup", unmask=unmask).row_count
        conn = raw_db(services)
        raw = {
            row[0]: row[1:]
            for row in conn.execute(
                "SELECT id, litigant_name, phone, case_number, desk, clerk_name FROM assists"
            )
        }
        conn.close()
    finally:
        services.close()
    assert count == len(texts)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))[1:]
    names = {c.title: i for i, c in enumerate(COLUMNS)}
    for row in table:
        name, phone, case_number, desk, clerk = raw[row[names["Record ID"]]]
        if not unmask:
            name = mask_name(name) if name else name
            phone = mask_phone(phone) if phone else phone
            # Free-text columns: phone- and ID-like runs masked (issue 18).
            case_number, desk, clerk = (mask_free_text(t) for t in (case_number, desk, clerk))
        assert row[names["Litigant"]] == _independent_safe(name)
        assert row[names["Phone"]] == _independent_safe(phone)
        assert row[names["Case number"]] == _independent_safe(case_number)
        assert row[names["Desk"]] == _independent_safe(desk)
        assert row[names["Clerk"]] == _independent_safe(clerk)


def test_quick_check_agrees_with_safe_text() -> None:
    for text in EDGE_TEXTS + HOSTILE + fuzz_texts(3000, seed=7) + [None, ""]:
        assert safe_cell(text) == (safe_text(text) if text else text), repr(text)
        assert (safe_cell(text) or "") == _independent_safe(text), repr(text)


def test_safe_text_rules() -> None:
    assert safe_text("=1+1") == "'=1+1"
    assert safe_text("plain") == "plain"
    assert safe_text("") == ""
    assert safe_text("\x00") == ""
    assert safe_text("a\x07b") == "ab"
    assert safe_text("line\nbreak") == "line\nbreak"
