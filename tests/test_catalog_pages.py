"""The App install and Join wizard pages, driven with qtbot like a clerk would."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from hearing_helper.domain.enums import DeviceKind, StepId
from hearing_helper.domain.record import AssistRecord, ClerkProfile
from hearing_helper.services import AppServices
from hearing_helper.ui.install import InstallPage
from hearing_helper.ui.join import JoinPage
from hearing_helper.ui.wizard.pages import make_pages


@pytest.fixture
def services(data_dir: Path) -> Iterator[AppServices]:
    opened = AppServices.open(data_dir)
    yield opened
    opened.close()


def new_record(
    platform_id: str = "tencent_meeting", device: DeviceKind | None = DeviceKind.OWN_ANDROID
) -> AssistRecord:
    record = AssistRecord(clerk=ClerkProfile("007", "王芳", desk="1号窗口"))
    record.intake.platform_id = platform_id
    record.intake.device = device
    return record


def install_page(qtbot: QtBot, services: AppServices, record: AssistRecord) -> InstallPage:
    page = InstallPage(services)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.load(record)
    return page


def test_wizard_uses_the_install_and_join_pages(qtbot: QtBot, services: AppServices) -> None:
    pages = make_pages(services)
    for page in pages:
        qtbot.addWidget(page)
    kinds = {page.step_id: type(page) for page in pages}
    assert kinds[StepId.INSTALL] is InstallPage
    assert kinds[StepId.JOIN] is JoinPage


def test_install_steps_are_ticked_and_saved(qtbot: QtBot, services: AppServices) -> None:
    record = new_record()
    page = install_page(qtbot, services, record)
    guide = page.guide
    assert guide is not None and len(guide.steps) >= 4
    assert record.guide_version == guide.version and record.catalog_version
    assert page.view.qr.payload() == "https://meeting.tencent.com/download/"
    assert page.view.qr.width() >= 189  # >= 5 cm at 96 dpi
    with qtbot.waitSignals([page.changed, page.litigant_content_changed], timeout=1000):
        qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    data = record.step(StepId.INSTALL).data
    assert data["steps"] == {guide.steps[0].id: "done"}
    assert data["current"] == guide.steps[1].id
    assert page.litigant_content().title == guide.steps[1].title("en")
    assert page.step_list.item(0).text().startswith("✓")
    qtbot.mouseClick(page.failed_button, Qt.MouseButton.LeftButton)
    assert data["steps"][guide.steps[1].id] == "failed"
    assert page.current_step() is guide.steps[1]  # stays on the failed step
    assert not page.is_complete()
    qtbot.mouseClick(page.skip_button, Qt.MouseButton.LeftButton)
    assert data["steps"][guide.steps[1].id] == "skipped"
    for _ in guide.steps[2:]:
        qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    assert page.is_complete()
    assert data["platform_id"] == "tencent_meeting" and data["os"] == "android"


def test_install_progress_survives_a_reload(qtbot: QtBot, services: AppServices) -> None:
    record = new_record()
    page = install_page(qtbot, services, record)
    page.mark("done")
    page.mark("done")
    stored = AssistRecord.from_dict(record.to_dict())
    again = install_page(qtbot, services, stored)
    assert again.guide is not None and again.current_step() is again.guide.steps[2]
    assert again.step_list.item(1).text().startswith("✓")


def test_problem_picker_shows_remedy_and_records_problem(
    qtbot: QtBot, services: AppServices
) -> None:
    record = new_record(device=DeviceKind.OWN_IPHONE)
    page = install_page(qtbot, services, record)
    step = page.current_step()
    assert step is not None and step.problems
    problem = step.problems[0]
    assert not page.record_problem_button.isEnabled()
    page.problem_combo.setCurrentIndex(page.problem_combo.findData(problem.code))
    assert problem.remedy("en") in page.remedy_label.text()
    qtbot.keyClicks(page.problem_note, "Apple ID")
    page.problem_note.insert(" 忘了")  # QTest cannot type Chinese
    with qtbot.waitSignal(page.changed, timeout=1000):
        qtbot.mouseClick(page.record_problem_button, Qt.MouseButton.LeftButton)
    assert len(record.problems) == 1
    recorded = record.problems[0]
    assert (recorded.step, recorded.code) == (StepId.INSTALL, problem.code)
    assert recorded.note == f"{step.id}: Apple ID 忘了"
    assert page.problem_note.text() == ""
    assert page.problems_recorded.text()


def test_platform_change_resets_progress(qtbot: QtBot, services: AppServices) -> None:
    record = new_record()
    page = install_page(qtbot, services, record)
    page.mark("done")
    record.intake.platform_id = "zoom"
    page.load(record)
    data = record.step(StepId.INSTALL).data
    assert data["platform_id"] == "zoom" and data["steps"] == {}


@pytest.mark.parametrize(
    ("platform_id", "device", "words"),
    [
        ("", DeviceKind.OWN_ANDROID, "No hearing platform"),
        ("no_such_platform", DeviceKind.OWN_ANDROID, "not in the catalog"),
        ("tencent_meeting", None, "device"),
        ("court_online", DeviceKind.COURT_TERMINAL, "no install guide"),
    ],
)
def test_install_empty_states(
    qtbot: QtBot, services: AppServices, platform_id: str, device: DeviceKind | None, words: str
) -> None:
    page = install_page(qtbot, services, new_record(platform_id, device))
    assert page.stack.currentIndex() == 0
    assert words in page.empty_label.text()
    assert page.is_complete()
    assert page.litigant_content().qr_payload == ""


def join_page(
    qtbot: QtBot, services: AppServices, record: AssistRecord, opened: list[QUrl] | None = None
) -> JoinPage:
    """The join page of ``record``; links it opens go to ``opened`` (no browser here)."""
    page = JoinPage(services)
    qtbot.addWidget(page)
    page.load(record)
    sink = opened if opened is not None else []

    def open_url(url: QUrl) -> bool:
        sink.append(url)
        return True

    page.open_url = open_url
    return page


def test_join_fields_validate_beside_the_field(qtbot: QtBot, services: AppServices) -> None:
    record = new_record()
    page = join_page(qtbot, services, record)
    qtbot.keyClicks(page.editors["meeting_id"], "12345678")
    assert "9" in page.errors["meeting_id"].text() and "8" in page.errors["meeting_id"].text()
    assert record.step(StepId.JOIN).data["meeting_id"] == "12345678"  # kept as typed
    qtbot.keyClicks(page.editors["meeting_id"], "9")
    assert page.errors["meeting_id"].text() == ""
    assert record.step(StepId.JOIN).data["meeting_id"] == "123456789"
    qtbot.keyClicks(page.editors["passcode"], "12ab")
    assert page.errors["passcode"].text()
    qtbot.keyClicks(page.editors["link"], "javascript:alert(1)")
    assert "https://" in page.errors["link"].text()
    assert page.qr.isHidden()
    content = page.litigant_content()
    assert content.qr_payload == "" and any("123 456 789" in line for line in content.lines)


def test_join_invitation_paste_fills_fields_and_qr(qtbot: QtBot, services: AppServices) -> None:
    record = new_record()
    page = join_page(qtbot, services, record)
    invitation = (
        "张三 邀请您参加腾讯会议\n点击链接入会：\nhttps://meeting.tencent.com/dm/AbCdEf123\n"
        "#腾讯会议：123-456-789\n会议密码：1234\n"
    )
    QGuiApplication.clipboard().setText(invitation)
    with qtbot.waitSignal(page.litigant_content_changed, timeout=1000):
        qtbot.mouseClick(page.paste_button, Qt.MouseButton.LeftButton)
    data = record.step(StepId.JOIN).data
    assert data["link"] == "https://meeting.tencent.com/dm/AbCdEf123"
    assert data["meeting_id"] == "123456789" and data["passcode"] == "1234"
    assert page.editors["meeting_id"].text() == "123 456 789"
    assert page.qr.payload() == data["link"] and page.qr.isVisibleTo(page)
    assert page.litigant_content().qr_payload == data["link"]
    assert all(not label.text() for label in page.errors.values())
    page.invitation.setPlainText("明天九点开庭")
    page.read_invitation()
    assert "No meeting link" in page.invitation_status.text()


def test_open_on_pc_only_http(qtbot: QtBot, services: AppServices) -> None:
    record = new_record()
    opened: list[QUrl] = []
    page = join_page(qtbot, services, record, opened)
    for hostile in (
        "javascript:alert(1)",
        "file:///C:/Windows/notepad.exe",
        "data:text/html,hi",
        "https://meeting.tencent.com/\nfile:///x",
    ):
        page.editors["link"].setText(hostile)
        assert page.open_on_pc() is False
        assert "not opened" in page.status.text()
    assert opened == []
    page.editors["link"].setText("https://meeting.tencent.com/dm/AbCdEf123")
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert [url.toString() for url in opened] == ["https://meeting.tencent.com/dm/AbCdEf123"]
    attempts = record.step(StepId.JOIN).data["attempts"]
    assert [a["result"] for a in attempts] == ["refused"] * 4 + ["opened"]
    assert not page.is_complete()
    with qtbot.waitSignal(page.changed, timeout=1000):
        qtbot.mouseClick(page.joined_button, Qt.MouseButton.LeftButton)
    data = record.step(StepId.JOIN).data
    assert data["joined_at"] and data["attempts"][-1]["result"] == "joined"
    assert page.is_complete()
    assert "Joined at" in page.status.text()


def test_join_without_platform_checks_loosely(qtbot: QtBot, services: AppServices) -> None:
    page = join_page(qtbot, services, new_record(platform_id=""))
    qtbot.keyClicks(page.editors["meeting_id"], "12 34 56")
    assert page.errors["meeting_id"].text() == ""
    assert "No platform" in page.platform_label.text()
