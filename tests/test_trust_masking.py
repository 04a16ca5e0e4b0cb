"""Masking works from the digits, whatever surrounds them (issue 11, finding "Masking leaks")."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from hearing_helper.domain.enums import Outcome
from hearing_helper.domain.masking import mask_name, mask_personal, mask_phone
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.reports.export import export_log
from tests.reports_fixtures import make_record, seeded_services

PERIOD = ReportFilters(date(2026, 3, 1), date(2026, 3, 31))

ODD_PHONES = [
    "13812345678-8021",
    "13812345678 ext 12",
    "138-1234-5678",
    "+86 138 1234 5678",
    "(0755)12345678转123",
    "tel:13812345678",
    "１３８１２３４５６７８",  # full-width digits
    "138123456789999",
    "010-12345678-5555",
]


def digit_windows(text: str, width: int = 7) -> set[str]:
    digits = "".join(ch for ch in text if ch.isdecimal())
    return {digits[i : i + width] for i in range(len(digits) - width + 1)}


def leaks(masked: str, original: str) -> bool:
    return any(window in masked for window in digit_windows(original))


def test_phones_typed_in_odd_ways_never_come_out_in_full() -> None:
    for phone in ODD_PHONES:
        masked = mask_phone(phone)
        assert not leaks(masked, phone), (phone, masked)
        assert masked, phone


def test_mobile_keeps_at_most_first_three_and_last_four_digits() -> None:
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("138 1234 5678") == "138****5678"
    assert mask_phone("010-12345678") == "010-****5678"
    # Unknown shape: masked completely.
    assert not any(ch.isdigit() for ch in mask_phone("13812345678-8021"))


_phoneish = st.text(alphabet="0123456789１２３４５６７８９０ -+()#x转ext.", max_size=40)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_phoneish, st.text(max_size=40)))
def test_property_masked_phone_never_contains_seven_input_digits(value: str) -> None:
    assert not leaks(mask_phone(value), value)
    assert not leaks(mask_personal("phone", value), value)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_phoneish, st.text(max_size=40)))
def test_property_masked_name_never_contains_seven_input_digits(value: str) -> None:
    assert not leaks(mask_name(value), value)
    assert not leaks(mask_personal("name", value), value)


def test_unknown_personal_field_is_masked_completely() -> None:
    assert set(mask_personal("id_card", "110101199003077777")) == {"*"}


def test_masked_export_of_odd_phones_shows_no_full_number(data_dir: Path, tmp_path: Path) -> None:
    records = [
        make_record(f"2026-03-{index + 2:02d}T09:00:00", 600, Outcome.JOINED, phone=phone)
        for index, phone in enumerate(ODD_PHONES)
    ]
    services = seeded_services(data_dir, records)
    try:
        out = tmp_path / "log.csv"
        export_log(services.store, PERIOD, "csv", out, actor="sup")
    finally:
        services.close()
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    assert len(rows) == len(ODD_PHONES)
    for row in rows:
        for cell in row[1:]:  # the record id is a UUID
            assert not re.search(r"\d{7}", cell), cell
