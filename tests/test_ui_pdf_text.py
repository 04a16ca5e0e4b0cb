"""Every PDF the app writes gives back, through pdftotext, the exact Chinese it drew.

Qt's PDF engine maps glyphs shared by a CJK radical and an ideograph to the radical (人 -> ⼈,
民 -> ⺠), so a summary could not be searched for 人民法院 nor a case number copied from a slip.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QApplication

from hearing_helper.ui.pdf.text_layer import ideograph_for, restore_ideographs

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")

# Characters whose glyph Noto Sans CJK SC shares with a radical code point, as clerks write them.
TEXT = "人民法院 网上庭审 工作人员 长龙门 见页马车风飞 一二 户 言 立案 (2026)冀1126民初1234号"


def pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True, timeout=60
    ).stdout.decode("utf-8")


def draw_pdf(path: Path, lines: list[str], families: list[str], bold: bool = False) -> None:
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    font = QFont()
    font.setFamilies(families)
    font.setPointSize(12)
    font.setBold(bold)
    painter.setFont(font)
    for number, line in enumerate(lines):
        painter.drawText(200, 400 + number * 300, line)
    painter.end()
    del painter, writer


def xref_points_at_objects(pdf: bytes) -> bool:
    table = re.search(rb"xref\n0 (\d+)\n(.*?)trailer", pdf, re.DOTALL)
    assert table is not None
    rows = table.group(2).split(b"\n")
    for number, row in enumerate(rows[: int(table.group(1))]):
        offset, _gen, kind = row.split()[:3]
        if kind == b"n" and not pdf[int(offset) :].startswith(b"%d 0 obj" % number):
            return False
    start = int(re.findall(rb"startxref\n(\d+)", pdf)[-1])
    return pdf[start:].startswith(b"xref")


@pytest.mark.parametrize("bold", [False, True])
def test_drawn_chinese_comes_back_exactly(qapp: QApplication, tmp_path: Path, bold: bool) -> None:
    raw = tmp_path / "raw.pdf"
    draw_pdf(raw, [TEXT], ["DejaVu Sans", "Noto Sans CJK SC"], bold)
    assert "人民法院" not in pdftotext(raw)  # Qt alone writes radicals
    fixed = tmp_path / "fixed.pdf"
    fixed.write_bytes(restore_ideographs(raw.read_bytes()))
    assert " ".join(pdftotext(fixed).split()) == TEXT
    assert xref_points_at_objects(fixed.read_bytes())


def test_a_linear_run_of_radicals_is_expanded(qapp: QApplication, tmp_path: Path) -> None:
    # 人儿入八 are consecutive Kangxi radicals (U+2F08-2F0B). Qt may write such a run as one
    # linear range "<first> <last> <2F08>"; fixed, it must become four separate ideographs.
    raw = tmp_path / "run.pdf"
    draw_pdf(raw, ["人儿入八"], ["Noto Sans CJK SC"])
    listed = b"<0001> <0004> [<2F08> <2F09> <2F0A> <2F0B> ]"
    linear = b"<0001> <0004> <2F08>"
    data = raw.read_bytes()
    assert listed in data
    data = data.replace(listed, linear)  # the fix recomputes /Length and the xref
    fixed = restore_ideographs(data)
    assert b"<2F08>" not in fixed
    out = tmp_path / "run-fixed.pdf"
    out.write_bytes(fixed)
    assert pdftotext(out).strip() == "人儿入八"
    assert xref_points_at_objects(fixed)


def test_only_radicals_change() -> None:
    assert ideograph_for(0x2F08) == ord("人")
    assert ideograph_for(0x2EA0) == ord("民")
    assert ideograph_for(0x2F3E) == ord("户")
    assert ideograph_for(ord("人")) == ord("人")
    assert ideograph_for(ord("A")) == ord("A")
