"""No missing glyphs: every character of the app's own text (Chinese translations, status
symbols) is in the font the app selects; emoji in a name are refused with a message."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from hearing_helper.domain.step_marks import MARK_SYMBOLS
from hearing_helper.domain.validation import FieldError, normalize_name
from hearing_helper.ui.app import apply_font_scale
from hearing_helper.ui.checks.litigant_texts import SYMBOLS
from hearing_helper.ui.checks.texts import STATUS_LOOK

I18N = Path(__file__).resolve().parent.parent / "assets" / "i18n"


@pytest.fixture
def app_font(qapp: QApplication) -> Iterator[QFont]:
    saved = qapp.font()
    apply_font_scale(qapp, 1.0)
    yield qapp.font()
    qapp.setFont(saved)


def missing(font: QFont, text: str) -> set[str]:
    metrics = QFontMetrics(font)
    return {ch for ch in text if not ch.isspace() and not metrics.inFontUcs4(ord(ch))}


def test_status_symbols_have_glyphs(app_font: QFont) -> None:
    symbols = "".join(look[0] for look in STATUS_LOOK.values())
    symbols += "".join(MARK_SYMBOLS.values()) + "".join(SYMBOLS.values()) + "\u25b6\u25c0"
    assert not missing(app_font, symbols)


def test_every_chinese_translation_has_glyphs(app_font: QFont) -> None:
    gaps: dict[str, set[str]] = {}
    for ts in sorted(I18N.glob("*_zh_CN.ts")):
        for message in ET.parse(ts).getroot().iter("message"):
            translation = message.findtext("translation") or ""
            lost = missing(app_font, translation)
            if lost:
                gaps[translation] = lost
    assert not gaps, gaps


@pytest.mark.parametrize("name", ["王\U0001f600明", "李\u2764\ufe0f", "张\u2605三"])
def test_emoji_in_a_name_are_refused_with_a_message(name: str) -> None:
    with pytest.raises(FieldError) as refused:
        normalize_name(name)
    assert refused.value.code == "name.symbols"
