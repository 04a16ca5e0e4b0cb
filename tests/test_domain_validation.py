"""Validation tables for intake fields, including hostile input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from hearing_helper.domain.masking import mask_name, mask_phone
from hearing_helper.domain.validation import (
    FieldError,
    check_hearing_time,
    check_satisfaction,
    normalize_case_number,
    normalize_name,
    normalize_phone,
)

TODAY = datetime(2026, 11, 29, 9, 0)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("（2021）冀1126民初1234号", "（2021）冀1126民初1234号"),
        ("(2023)京0105民初45678号", "（2023）京0105民初45678号"),
        ("（2022）最高法民再12号", "（2022）最高法民再12号"),
        ("( 2023 ) 京0105 民初 45678 号", "（2023）京0105民初45678号"),
        ("〔2020〕沪01民终99号", "（2020）沪01民终99号"),
        ("（２０２４）粤０１０６执１２３号", "（2024）粤0106执123号"),  # full-width digits
        ("(2019)京民终1号", "（2019）京民终1号"),  # a high court: province only
        ("[2025]川0107知民初7号", "（2025）川0107知民初7号"),
    ],
)
def test_case_numbers_are_normalised(raw: str, expected: str) -> None:
    assert normalize_case_number(raw, today=TODAY) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "required"),
        ("   ", "required"),
        ("hello", "case_number.format"),
        ("2021冀1126民初1234号", "case_number.format"),  # no brackets
        ("（2021）冀1126民初1234", "case_number.format"),  # no 号
        ("（2021）冀1126民初号", "case_number.format"),  # no sequence number
        ("（21）冀1126民初1234号", "case_number.format"),
        ("（1985）冀1126民初1234号", "case_number.year"),
        ("（2031）冀1126民初1234号", "case_number.year"),
        ("（2021）冀1126民初1234号; DROP TABLE assists", "case_number.format"),
        ("（2021）冀1126民初1234号\n（2022）京01民终1号", "case_number.format"),
        ("（2021）冀1126民初" + "9" * 5000 + "号", "case_number.format"),
        ("\x00（2021）冀1126民初1234号", "case_number.format"),
    ],
)
def test_bad_case_numbers_are_rejected_with_a_specific_code(raw: str, code: str) -> None:
    with pytest.raises(FieldError) as info:
        normalize_case_number(raw, today=TODAY)
    assert info.value.field == "case_number"
    assert info.value.code == code


def test_case_number_message_shows_the_expected_form() -> None:
    with pytest.raises(FieldError) as info:
        normalize_case_number("abc", today=TODAY)
    assert "（2021）冀1126民初1234号" in str(info.value)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("0086-13812345678", "13812345678"),
        ("８６１３８１２３４５６７８", "13812345678"),  # full-width
        ("010-12345678", "010-12345678"),
        ("(010) 6512 3456", "010-65123456"),
        ("0311-8765432", "0311-8765432"),
        ("0755 2345 6789", "0755-23456789"),
        ("021-87654321 转 801", "021-87654321-801"),
    ],
)
def test_phone_numbers_are_normalised(raw: str, expected: str) -> None:
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "12345678901",  # mobile must start 13-19
        "1381234567",  # 10 digits
        "138123456789",
        "010-1234",  # too short
        "031-8765432",  # 3-digit area code outside 010/02x
        "phone",
        "13812345678; rm -rf /",
        "١٣٨١٢٣٤٥٦٧٨",  # Arabic-Indic digits are not ASCII digits
        "1" * 500,
    ],
)
def test_bad_phone_numbers_are_rejected(raw: str) -> None:
    with pytest.raises(FieldError) as info:
        normalize_phone(raw)
    assert info.value.field == "phone"
    assert info.value.code == "phone.format"


def test_empty_phone_is_required() -> None:
    with pytest.raises(FieldError) as info:
        normalize_phone("  ")
    assert info.value.code == "required"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("王小明", "王小明"),
        ("  王 小明 ", "王 小明"),
        ("阿依古丽·买买提", "阿依古丽·买买提"),
        ("Li  Na", "Li Na"),
    ],
)
def test_names_are_trimmed(raw: str, expected: str) -> None:
    assert normalize_name(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "required"),
        ("王\u200b小明", "name.control"),  # zero-width space
        ("王\x07明", "name.control"),
        ("王\u202e明", "name.control"),  # right-to-left override
        ("王" * 51, "name.length"),
        ("王小明2", "name.digits"),
    ],
)
def test_bad_names_are_rejected(raw: str, code: str) -> None:
    with pytest.raises(FieldError) as info:
        normalize_name(raw)
    assert info.value.code == code


def test_name_length_message_says_the_limit_and_actual_length() -> None:
    with pytest.raises(FieldError) as info:
        normalize_name("王" * 60)
    assert "50" in str(info.value) and "60" in str(info.value)


def test_hearing_time_window() -> None:
    now = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
    assert check_hearing_time(now + timedelta(days=3), now=now)
    assert check_hearing_time(now - timedelta(days=6), now=now)
    with pytest.raises(FieldError) as past:
        check_hearing_time(now - timedelta(days=8), now=now)
    assert past.value.code == "hearing_at.past"
    with pytest.raises(FieldError) as future:
        check_hearing_time(now + timedelta(days=800), now=now)
    assert future.value.code == "hearing_at.future"


@pytest.mark.parametrize("value", [0, 6, -1, True, 3.5])
def test_satisfaction_range(value: object) -> None:
    with pytest.raises(FieldError):
        # Deliberately not an int: a damaged stored value must be refused, not crash.
        check_satisfaction(value)  # type: ignore[arg-type]


def test_satisfaction_accepts_one_to_five_and_none() -> None:
    assert [check_satisfaction(v) for v in (None, 1, 5)] == [None, 1, 5]


@pytest.mark.parametrize(
    ("name", "masked"),
    [("王小明", "王*明"), ("王明", "王*"), ("欧阳娜娜", "欧**娜"), ("王", "王"), ("", "")],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        ("010-12345678", "010-****5678"),
        ("0311-8765432", "0311-***5432"),
    ],
)
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked
    assert phone[-4:] in masked and phone != masked
