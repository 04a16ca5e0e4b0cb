"""The report's time per visit never reads "0 min" for visits that took seconds (the desk's
end-to-end visit showed "0 分钟" as the median in Chinese and "1 min" in English)."""

from __future__ import annotations

from hearing_helper.reports.labels import minutes_text


def test_a_visit_shorter_than_a_minute_is_said_so() -> None:
    assert minutes_text(12) == "under 1 min"
    assert minutes_text(59) == "under 1 min"
    assert minutes_text(0) == "0 min"
    assert minutes_text(60) == "1 min"
    assert minutes_text(20 * 60) == "20 min"
    assert minutes_text(None) == "–"


def test_it_is_translated() -> None:
    table = {"under %1 min": "不到 %1 分钟", "%1 min": "%1 分钟"}
    assert minutes_text(12, lambda _context, text: table[text]) == "不到 1 分钟"
