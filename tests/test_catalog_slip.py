"""The join slip PDF: A4 and A5, renders (pdftoppm), and carries its text (pdftotext)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hearing_helper.domain.enums import StepId
from hearing_helper.domain.record import AssistRecord, ClerkProfile
from hearing_helper.services import AppServices
from hearing_helper.ui.app import install_translators
from hearing_helper.ui.join import JoinPage

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils missing",
)


def pdf_text(pdf: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, timeout=60
    ).stdout.decode("utf-8")
    return out  # exactly what was drawn: see hearing_helper/ui/pdf/text_layer.py


def pdf_page_size_pt(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, check=True, timeout=60
    ).stdout.decode()
    line = next(x for x in info.splitlines() if x.startswith("Page size:"))
    parts = line.split()
    return float(parts[2]), float(parts[4])


@pytest.fixture
def services(data_dir: Path) -> Iterator[AppServices]:
    opened = AppServices.open(data_dir)
    opened.settings.set("help_desk_phone", "0311-12345678")
    yield opened
    opened.close()


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    saved = QLocale()
    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")
    QLocale.setDefault(saved)


def joined_page(qtbot: QtBot, services: AppServices) -> JoinPage:
    record = AssistRecord(clerk=ClerkProfile("1", "测试", court="测试县人民法院"))
    record.intake.case_number = "（2026）冀1126民初1234号"
    record.intake.hearing_at = datetime(2026, 12, 1, 9, 30)
    record.intake.platform_id = "tencent_meeting"
    record.step(StepId.JOIN).data.update(
        {
            "link": "https://meeting.tencent.com/dm/AbCdEf123",
            "meeting_id": "123456789",
            "passcode": "4321",
        }
    )
    page = JoinPage(services)
    qtbot.addWidget(page)
    page.load(record)
    return page


@pytest.mark.parametrize(("paper", "size"), [("A4", (595, 842)), ("A5", (420, 595))])
def test_slip_pdf_in_chinese(
    qtbot: QtBot,
    tmp_path: Path,
    services: AppServices,
    chinese: None,
    paper: str,
    size: tuple[int, int],
) -> None:
    page = joined_page(qtbot, services)
    page.paper.setCurrentIndex(page.paper.findData(paper))
    pdf = tmp_path / f"slip-{paper}.pdf"
    assert page.save_slip(pdf)
    width, height = pdf_page_size_pt(pdf)
    assert abs(width - size[0]) < 2 and abs(height - size[1]) < 2
    text = pdf_text(pdf)
    for expected in (
        "（2026）冀1126民初1234号",
        "2026-12-01 09:30",
        "腾讯会议",
        "123 456 789",
        "4321",
        "0311-12345678",
        "测试县人民法院",
        "网上开庭",
        "会议号",
    ):
        assert expected in text, f"{expected!r} missing from the slip text:\n{text}"
    steps = [
        line for line in text.splitlines() if line.strip()[:2] in ("1.", "2.", "3.", "4.", "5.")
    ]
    assert 3 <= len(steps) <= 5
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-singlefile", str(pdf), str(tmp_path / "render")],
        check=True,
        timeout=60,
    )
    assert (tmp_path / "render.png").stat().st_size > 1000


def test_slip_in_english_and_without_link(
    qtbot: QtBot, tmp_path: Path, services: AppServices
) -> None:
    page = joined_page(qtbot, services)
    page.editors["link"].clear()
    page._on_edited("link")
    pdf = tmp_path / "slip.pdf"
    assert page.save_slip(pdf)
    text = pdf_text(pdf)
    assert "123 456 789" in text and "4321" in text
    assert "Scan" not in text  # no QR code, so no "scan" instruction


def test_slip_save_failure_is_reported(qtbot: QtBot, tmp_path: Path, services: AppServices) -> None:
    page = joined_page(qtbot, services)
    target = tmp_path / "missing-folder" / "slip.pdf"
    assert not page.save_slip(target)
    assert str(target) in page.status.text()


def test_an_invalid_link_gives_no_slip_but_says_why(
    qtbot: QtBot, tmp_path: Path, services: AppServices
) -> None:
    page = joined_page(qtbot, services)
    page.editors["link"].setText("https://evil.example/meeting")
    page._on_edited("link")
    pdf = tmp_path / "slip.pdf"
    assert not page.save_slip(pdf)
    assert not pdf.exists()
    assert "meeting link" in page.status.text() and "Correct" in page.status.text()
    for name in ("link", "meeting_id"):
        page.editors[name].clear()
        page._on_edited(name)
    assert not page.save_slip(pdf)
    assert "meeting link or the meeting ID" in page.status.text()


def test_slip_is_never_saved_onto_the_apps_own_files(
    qtbot: QtBot, tmp_path: Path, services: AppServices
) -> None:
    # Issue 18, finding 1: the save dialog may be pointed at the live database.
    page = joined_page(qtbot, services)
    target = services.data_dir / "hearing_helper.sqlite3"
    before = target.read_bytes()
    assert not page.save_slip(target)
    assert "data folder" in page.status.text()
    assert target.read_bytes() == before
