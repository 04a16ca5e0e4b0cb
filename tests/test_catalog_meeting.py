"""Meeting link / ID / passcode parsing against the shipped platforms, including hostile input."""

from __future__ import annotations

import time

import pytest

from hearing_helper.catalog import (
    Platform,
    check_link,
    check_meeting_id,
    check_passcode,
    extract_invitation,
    format_meeting_id,
    is_openable,
    load_catalog,
    normalize_meeting_id,
)
from hearing_helper.domain.validation import FieldError

CATALOG = load_catalog(None)


def platform(platform_id: str) -> Platform:
    found = CATALOG.platform(platform_id)
    assert found is not None
    return found


MEETING_IDS = [
    # (platform, typed, expected digits or error code)
    ("tencent_meeting", "123456789", "123456789"),
    ("tencent_meeting", "123 456 789", "123456789"),
    ("tencent_meeting", "123-456-789", "123456789"),
    ("tencent_meeting", " 123—456—789 ", "123456789"),  # em dashes from an input method
    ("tencent_meeting", "１２３－４５６－７８９", "123456789"),  # full-width digits and dash
    ("tencent_meeting", "123\u200b456\u200b789", "123456789"),  # zero-width spaces
    ("tencent_meeting", "12345678", "meeting_id.length"),
    ("tencent_meeting", "1234567890", "meeting_id.length"),
    ("tencent_meeting", "123 456 78O", "meeting_id.digits"),  # letter O, not zero
    ("tencent_meeting", "١٢٣٤٥٦٧٨٩", "meeting_id.digits"),  # Arabic-Indic digits
    ("tencent_meeting", "123\n456\n789", "123456789"),
    ("tencent_meeting", "", "required"),
    ("tencent_meeting", "   ", "required"),
    ("tencent_meeting", "9" * 100_000, "meeting_id.digits"),
    ("zoom", "915 394 122", "915394122"),
    ("zoom", "859 9624 9517", "85996249517"),
    ("zoom", "6059511562", "6059511562"),
    ("zoom", "12345678", "meeting_id.length"),
    ("zoom", "123456789012", "meeting_id.length"),
    ("teams", "344 674 159 108 1", "3446741591081"),
    ("court_video", "20261201", "20261201"),  # no known format: any plausible number
    ("court_video", "123", "meeting_id.length"),
]


@pytest.mark.parametrize(("platform_id", "typed", "expected"), MEETING_IDS)
def test_meeting_ids(platform_id: str, typed: str, expected: str) -> None:
    if expected.isdigit():
        assert check_meeting_id(typed, platform(platform_id)) == expected
    else:
        with pytest.raises(FieldError) as caught:
            check_meeting_id(typed, platform(platform_id))
        assert caught.value.code == expected
        assert caught.value.field == "meeting_id"


def test_meeting_id_length_message_names_the_expected_digits() -> None:
    with pytest.raises(FieldError) as caught:
        check_meeting_id("12345678", platform("zoom"))
    assert caught.value.params["expected"] == "9-11"
    assert "9-11" in str(caught.value) and "8" in str(caught.value)


def test_format_meeting_id_groups_for_reading_out() -> None:
    assert format_meeting_id("123456789", platform("tencent_meeting").meeting) == "123 456 789"
    assert format_meeting_id("85996249517", platform("zoom").meeting) == "859 9624 9517"
    assert format_meeting_id("3446741591081", platform("teams").meeting) == "344 674 159 108 1"
    assert format_meeting_id("1234567890") == "123 456 7890"
    assert format_meeting_id("12345") == "12345"
    assert normalize_meeting_id("1 2-3_4.5") == "12345"


LINKS = [
    ("tencent_meeting", "https://meeting.tencent.com/dm/AbCd1234", "ok"),
    ("tencent_meeting", "  https://meeting.tencent.com/dm/AbCd1234  ", "ok"),
    ("tencent_meeting", "https://meeting.tencent.com.evil.invalid/dm/x", "link.platform"),
    ("tencent_meeting", "https://zoom.us/j/915394122", "link.platform"),
    ("zoom", "https://us05web.zoom.us/j/85996249517?pwd=MmtpekcyakRy", "ok"),
    ("zoom", "https://zoom.us/j/915394122", "ok"),
    ("zoom", "https://zoom.us.evil.invalid/j/915394122", "link.platform"),
    ("teams", "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0", "ok"),
    ("teams", "https://teams.live.com/meet/1234567890123?p=abc", "ok"),
    ("court_video", "https://hearing.court.invalid/room/1", "ok"),  # no pattern: any https
    ("court_video", "http://hearing.court.invalid/room/1", "ok"),
    ("zoom", "javascript:alert(1)", "link.scheme"),
    ("zoom", "JavaScript:alert(document.cookie)//https://zoom.us/j/915394122", "link.scheme"),
    ("zoom", " javascript:alert(1)", "link.scheme"),
    ("zoom", "file:///C:/Windows/System32/calc.exe", "link.scheme"),
    ("zoom", "data:text/html,<script>alert(1)</script>", "link.scheme"),
    ("zoom", "vbscript:msgbox", "link.scheme"),
    ("zoom", "ftp://zoom.us/j/915394122", "link.scheme"),
    ("zoom", "zoommtg://zoom.us/join?confno=915394122", "link.scheme"),
    ("zoom", "zoom.us/j/915394122", "link.format"),
    ("zoom", "https://zoom.us/j/915394122\nhttps://evil.invalid", "link.multiline"),
    ("zoom", "https://zoom.us/j/915394122\r", "ok"),  # trailing CR is trimmed
    # U+2024 one-dot leader in place of a dot
    ("tencent_meeting", "https://meeting\u2024tencent.com/dm/x", "link.lookalike"),
    ("tencent_meeting", "https://meeting。tencent.com/dm/x", "link.lookalike"),  # ideographic stop
    ("tencent_meeting", "https://meeting.tencent.com\u200b.evil.invalid/", "link.lookalike"),
    ("tencent_meeting", "https://meeting.tencеnt.com/dm/x", "link.lookalike"),  # Cyrillic е
    ("tencent_meeting", "ｈｔｔｐｓ://meeting.tencent.com/dm/x", "link.lookalike"),  # full-width
    ("tencent_meeting", "https://meeting.tencent.com@evil.invalid/dm/x", "link.format"),
    ("tencent_meeting", "https://meeting.tencent.com/" + "a" * 5000, "link.too_long"),
    ("tencent_meeting", "", "required"),
]


@pytest.mark.parametrize(("platform_id", "typed", "expected"), LINKS)
def test_links(platform_id: str, typed: str, expected: str) -> None:
    if expected == "ok":
        cleaned = check_link(typed, platform(platform_id))
        assert cleaned == typed.strip()
        assert is_openable(cleaned)
    else:
        with pytest.raises(FieldError) as caught:
            check_link(typed, platform(platform_id))
        assert caught.value.code == expected
        assert not is_openable(typed.strip()) or expected == "link.platform"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html;base64,PHNjcmlwdD4=",
        "https://",
        "https://exa mple.invalid/",
        "https://example.invalid/\x00",
        "https://example.invalid:99999/",
        "https://user@example.invalid/",
        "https://exam\u0440le.invalid/",
        "",
    ],
)
def test_is_openable_refuses_everything_but_plain_http(url: str) -> None:
    assert not is_openable(url)


def test_hostile_long_input_is_fast() -> None:
    zoom = platform("zoom")
    hostile = "https://zoom.us/j/" + "1" * 3000 + "a" * 100_000
    started = time.perf_counter()
    for text in (hostile, "(" * 50_000, "会议号：" + "1 " * 50_000):
        with pytest.raises(FieldError):
            check_link(text, zoom)
        extract_invitation(text, zoom)
    assert time.perf_counter() - started < 2.0


PASSCODES = [
    ("tencent_meeting", "1234", "1234"),
    ("tencent_meeting", "１２３４５６", "123456"),
    ("tencent_meeting", "", ""),
    ("tencent_meeting", "123", "passcode.length"),
    ("tencent_meeting", "1234567", "passcode.length"),
    ("tencent_meeting", "12ab", "passcode.digits"),
    ("zoom", "E0vyik", "E0vyik"),
    ("zoom", "pass word", "passcode.chars"),
    ("zoom", "abc<script>", "passcode.chars"),
    ("zoom", "x" * 40, "passcode.chars"),
    ("teams", "ps3JH7YK", "ps3JH7YK"),
]


@pytest.mark.parametrize(("platform_id", "typed", "expected"), PASSCODES)
def test_passcodes(platform_id: str, typed: str, expected: str) -> None:
    if expected == "" or not expected.startswith("passcode."):
        assert check_passcode(typed, platform(platform_id)) == expected
    else:
        with pytest.raises(FieldError) as caught:
            check_passcode(typed, platform(platform_id))
        assert caught.value.code == expected


TENCENT_INVITATION = """张三 邀请您参加腾讯会议
会议主题：（2026）冀1126民初1234号 庭审
会议时间：2026/12/01 09:30-11:30 (GMT+08:00) 中国标准时间 - 北京

点击链接入会，或添加至会议列表：
https://meeting.tencent.com/dm/AbCdEf123。

#腾讯会议：１２３－４５６－７８９
会议密码：1234
"""

ZOOM_INVITATION = """Join Zoom Meeting
https://us05web.zoom.us/j/85996249517?pwd=MmtpekcyakRyREtzUXZ1aE15cnEydz09

Meeting ID: 859 9624 9517
Passcode: E0vyik
"""


def test_extract_tencent_invitation() -> None:
    found = extract_invitation(TENCENT_INVITATION, platform("tencent_meeting"))
    assert found.link == "https://meeting.tencent.com/dm/AbCdEf123"
    assert found.meeting_id == "123456789"
    assert found.passcode == "1234"


def test_extract_zoom_invitation() -> None:
    found = extract_invitation(ZOOM_INVITATION, platform("zoom"))
    assert (
        found.link == "https://us05web.zoom.us/j/85996249517?pwd=MmtpekcyakRyREtzUXZ1aE15cnEydz09"
    )
    assert found.meeting_id == "85996249517"
    assert found.passcode == "E0vyik"


def test_extract_prefers_platform_link_and_ignores_hostile_links() -> None:
    text = (
        "先看这个 javascript:alert(1) 和 file:///etc/passwd 还有 https://evil.invalid/x\n"
        "正式链接 https://zoom.us/j/915394122 谢谢"
    )
    found = extract_invitation(text, platform("zoom"))
    assert found.link == "https://zoom.us/j/915394122"
    assert found.meeting_id == "915394122"  # read from the link
    assert found.passcode == ""


def test_extract_nothing_from_unrelated_text() -> None:
    found = extract_invitation("明天上午九点开庭，请准时。", platform("tencent_meeting"))
    assert (found.link, found.meeting_id, found.passcode) == ("", "", "")
