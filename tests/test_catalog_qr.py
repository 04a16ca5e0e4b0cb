"""Every QR code the catalog pages show decodes back to exactly its payload with a real decoder
(zbarimg from zbar-tools), on screen and in the printed join slip."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hearing_helper.catalog import load_catalog
from hearing_helper.domain.enums import DeviceKind, StepId
from hearing_helper.domain.record import AssistRecord, ClerkProfile
from hearing_helper.services import AppServices
from hearing_helper.ui.install import InstallPage
from hearing_helper.ui.join import JoinPage
from hearing_helper.ui.widgets.qr_view import QrView

pytestmark = pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbar-tools missing")

OS_DEVICE = {
    "android": DeviceKind.OWN_ANDROID,
    "ios": DeviceKind.OWN_IPHONE,
    "windows": DeviceKind.COURT_TERMINAL,
}


def decode(png: Path) -> list[str]:
    """All QR payloads zbarimg finds in ``png`` (exact bytes, no trailing newline)."""
    result = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", "-Sbinary", str(png)],
        capture_output=True,
        timeout=30,
        check=False,
    )
    if result.returncode not in (0, 4):  # 4: nothing found
        raise AssertionError(result.stderr.decode(errors="replace"))
    text = result.stdout.decode("utf-8")
    return [line for line in text.split("\n") if line]


def grab_decode(widget: QrView, tmp_path: Path, name: str) -> list[str]:
    path = tmp_path / f"{name}.png"
    # Not inside ``assert``: pytest's rewriting would keep the QPixmap alive past QApplication.
    pixmap = widget.grab()
    saved = pixmap.save(str(path))
    del pixmap
    assert saved
    return decode(path)


@pytest.fixture
def services(data_dir: Path) -> Iterator[AppServices]:
    opened = AppServices.open(data_dir)
    yield opened
    opened.close()


@pytest.mark.parametrize(
    "payload",
    [
        "https://meeting.tencent.com/dm/AbCdEf123",
        "https://us05web.zoom.us/j/85996249517?pwd=MmtpekcyakRyREtzUXZ1aE15cnEydz09",
        "https://teams.microsoft.com/l/meetup-join/19%3ameeting_YmJmOGFjNWYtNjU5Zi00YTkwLWJjMz"
        "QtM2QyMGZiODdjZmY5%40thread.v2/0?context=%7b%22Tid%22%3a%22f750db26-d9ce-4a1a-8ee9-fa3"
        "49759aa9c%22%2c%22Oid%22%3a%2215869cdf-91ce-410a-bc19-48f3f1de750c%22%7d",
    ],
)
def test_qr_view_decodes_to_its_payload(qtbot: QtBot, tmp_path: Path, payload: str) -> None:
    view = QrView(payload)
    qtbot.addWidget(view)
    view.resize(300, 300)
    assert grab_decode(view, tmp_path, "qr") == [payload]


def test_every_guide_qr_on_the_install_page_decodes(
    qtbot: QtBot, tmp_path: Path, services: AppServices
) -> None:
    catalog = load_catalog(None)
    page = InstallPage(services)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    checked = 0
    for guide in catalog.guides:
        for os_name in guide.os:
            record = AssistRecord(clerk=ClerkProfile("1", "测试"))
            record.intake.platform_id = guide.platform_id
            record.intake.device = OS_DEVICE[os_name]
            page.load(record)
            for index, step in enumerate(guide.steps):
                page.show_step(index)
                payload = page.view.qr.payload()
                if not step.qr:
                    assert page.view.qr_box.isHidden()
                    continue
                assert payload.startswith("https://")
                assert page.litigant_content().qr_payload == payload
                found = grab_decode(page.view.qr, tmp_path, f"{guide.key}-{os_name}-{step.id}")
                assert found == [payload]
                checked += 1
    assert checked >= 10


def test_join_qr_and_slip_qr_decode(qtbot: QtBot, tmp_path: Path, services: AppServices) -> None:
    link = "https://meeting.tencent.com/dm/AbCdEf123"
    record = AssistRecord(clerk=ClerkProfile("1", "测试"))
    record.intake.platform_id = "tencent_meeting"
    record.intake.hearing_at = datetime(2026, 12, 1, 9, 30)
    record.step(StepId.JOIN).data.update({"link": link, "meeting_id": "123456789"})
    page = JoinPage(services)
    qtbot.addWidget(page)
    page.load(record)
    assert grab_decode(page.qr, tmp_path, "join") == [link]
    for paper in ("A4", "A5"):
        page.paper.setCurrentIndex(page.paper.findData(paper))
        pdf = tmp_path / f"slip-{paper}.pdf"
        assert page.save_slip(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "150",
                "-png",
                "-singlefile",
                str(pdf),
                str(tmp_path / f"slip-{paper}"),
            ],
            check=True,
            timeout=60,
        )
        assert decode(tmp_path / f"slip-{paper}.png") == [link]
