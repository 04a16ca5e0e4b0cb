"""The assistance wizard driven like a clerk would: keyboard, validation, autosave, finish."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from hearing_helper.domain.enums import (
    DeviceKind,
    NotJoinedReason,
    Outcome,
    RecordStatus,
    Role,
    StepId,
    StepStatus,
)
from hearing_helper.domain.record import AssistRecord
from hearing_helper.services import AppServices
from hearing_helper.ui.wizard.finish_page import FinishPage
from hearing_helper.ui.wizard.intake_page import IntakePage
from hearing_helper.ui.wizard.wizard import AssistanceWizard
from tests.ui_fixtures import (  # noqa: F401 - fixtures
    CLERK,
    OFFSCREEN_NOISE,
    core_pages,
    english,
    page_now,
    services,
    type_text,
)

pytestmark = OFFSCREEN_NOISE


def make_wizard(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    record: AssistRecord | None = None,
) -> AssistanceWizard:
    record = record or AssistRecord(clerk=CLERK)
    wizard = AssistanceWizard(services, record, CLERK.staff_id, pages=core_pages(services))
    qtbot.addWidget(wizard)
    wizard.resize(1100, 760)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow, timeout=2000)  # keyboard focus needs it
    return wizard


def choose(qtbot: QtBot, combo: QComboBox, data: str) -> None:
    """Pick a combo item with the keyboard (Down until the wanted item is current)."""
    combo.setFocus()
    target = combo.findData(data)
    assert target >= 0, data
    for _ in range(combo.count()):
        if combo.currentIndex() == target:
            return
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)
    assert combo.currentIndex() == target


def fill_intake(qtbot: QtBot, page: IntakePage) -> None:
    type_text(page.case_number, "(2023) 京0105民初45678号")
    type_text(page.litigant_name, "王小明")
    type_text(page.phone, "138 1234 5678")
    choose(qtbot, page.platform, page.platform.itemData(1))
    choose(qtbot, page.role, str(Role.DEFENDANT))
    choose(qtbot, page.device, str(DeviceKind.OWN_IPHONE))
    page.consent.setFocus()
    qtbot.keyClick(page.consent, Qt.Key.Key_Space)


def test_wizard_from_intake_to_finish_by_keyboard(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    wizard = make_wizard(qtbot, services)
    intake = wizard.current_page()
    assert isinstance(intake, IntakePage)
    fill_intake(qtbot, intake)
    record = wizard.record
    assert record.intake.case_number == "（2023）京0105民初45678号"  # normalised once valid
    assert record.intake.phone == "13812345678"
    assert record.intake.consent is True
    assert intake.is_complete(), intake.problems()

    for expected in (StepId.CHECKS, StepId.INSTALL, StepId.JOIN, StepId.FINISH):
        # Alt+N is the "Next" button's mnemonic, wherever the focus is.
        focused = QApplication.focusWidget() or wizard
        qtbot.keyClick(focused, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)

        # A mnemonic "animates" the click: the button fires about 100 ms later.
        def arrived(step: StepId = expected) -> bool:
            return wizard.current_page().step_id is step

        qtbot.waitUntil(arrived, timeout=2000)
    assert record.step(StepId.INTAKE).status is StepStatus.DONE
    # The middle steps are not there yet: recorded honestly, not as done.
    for page in wizard.pages:
        if page.step_id in (StepId.CHECKS, StepId.INSTALL, StepId.JOIN):
            assert record.step(page.step_id).status is StepStatus.SKIPPED
            assert record.step(page.step_id).skip_reason

    finish = page_now(wizard, FinishPage)
    finish.outcome_buttons[Outcome.JOINED_AFTER_HELP].setFocus()
    qtbot.keyClick(finish.outcome_buttons[Outcome.JOINED_AFTER_HELP], Qt.Key.Key_Space)
    qtbot.keyClick(finish.satisfaction_buttons[4], Qt.Key.Key_Space)
    type_text(finish.notes, "手机内存不足，清理后安装成功")
    assert "min" in finish.duration_label.text()

    with qtbot.waitSignal(wizard.record_finished, timeout=3000) as blocker:
        qtbot.keyClick(finish.notes, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    stored = blocker.args[0]
    assert stored.status is RecordStatus.FINISHED
    again = services.repo.get(record.id)
    assert again.outcome is Outcome.JOINED_AFTER_HELP
    assert again.satisfaction == 4
    assert again.notes == "手机内存不足，清理后安装成功"
    assert again.ended_at is not None and again.duration_seconds is not None
    assert len(services.repo.versions(record.id)) == 1


def test_validation_messages_appear_while_typing(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    wizard = make_wizard(qtbot, services)
    page = page_now(wizard, IntakePage)
    type_text(page.case_number, "2023京民123")
    assert "e.g." in page.error_text("case_number")
    assert page._rows["case_number"].error_label.isVisible()
    assert wizard.record.intake.case_number == "2023京民123"  # kept as typed, not lost
    page.case_number.clear()
    type_text(page.case_number, "（2021）冀1126民初1234号")
    assert page.error_text("case_number") == ""
    type_text(page.phone, "12345")
    assert "11-digit" in page.error_text("phone")
    type_text(page.litigant_name, "王2")
    assert "digits" in page.error_text("litigant_name")
    # Untouched fields do not shout before the clerk got to them.
    assert page.error_text("role") == ""


def test_phone_is_masked_when_not_focused(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    wizard = make_wizard(qtbot, services)
    page = page_now(wizard, IntakePage)
    page.phone.setFocus()
    type_text(page.phone, "13812345678")
    page.case_number.setFocus()
    qtbot.waitUntil(lambda: page.phone.text() == "138****5678", timeout=2000)
    assert wizard.record.intake.phone == "13812345678"


def test_autosave_within_one_second_survives_reopen(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    data_dir: Path,
    english: None,  # noqa: F811
) -> None:
    wizard = make_wizard(qtbot, services)
    page = page_now(wizard, IntakePage)
    with qtbot.waitSignal(wizard.saved, timeout=1000):
        type_text(page.litigant_name, "李四")
    with qtbot.waitSignal(wizard.saved, timeout=1000):
        type_text(page.case_number, "(2022)最高法民再12号")
    assert "Saved" in wizard.save_status.text()
    # A second process (as after a crash) finds every field.
    code = (
        "import sys; from hearing_helper.services import AppServices;"
        "s = AppServices.open(sys.argv[1]); d = s.repo.list_drafts()[0];"
        "print(d.intake.litigant_name, d.intake.case_number, d.current_step)"
    )
    output = subprocess.run(
        [sys.executable, "-c", code, str(data_dir)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    ).stdout.split()
    assert output == ["李四", "（2022）最高法民再12号", "intake"]


def test_end_early_from_any_step(qtbot: QtBot, services: AppServices, english: None) -> None:  # noqa: F811
    wizard = make_wizard(qtbot, services)
    fill_intake(qtbot, page_now(wizard, IntakePage))
    wizard.go_to(2)  # non-linear: jump to App install
    assert wizard.current_page().step_id is StepId.INSTALL
    wizard.apply_end_early(Outcome.NOT_JOINED, NotJoinedReason.APP_INSTALL, "存储空间不足")
    finish = page_now(wizard, FinishPage)
    assert finish.step_id is StepId.FINISH
    assert finish.outcome_buttons[Outcome.NOT_JOINED].isChecked()
    assert finish.reason.currentData() == str(NotJoinedReason.APP_INSTALL)
    finish.not_asked.click()  # else Finish asks for the litigant's rating first
    with qtbot.waitSignal(wizard.record_finished, timeout=3000):
        wizard.go_next()
    stored = services.repo.get(wizard.record.id)
    assert stored.outcome is Outcome.NOT_JOINED
    assert stored.outcome_reason is NotJoinedReason.APP_INSTALL
    assert stored.step(StepId.FINISH).data["ended_early_at"] == "install"
    assert "存储空间不足" in stored.notes
    assert stored.step(StepId.JOIN).status is StepStatus.NOT_STARTED


def test_skip_step_needs_a_reason(qtbot: QtBot, services: AppServices, english: None) -> None:  # noqa: F811
    wizard = make_wizard(qtbot, services)
    wizard.go_to(1)
    wizard.skip_step(StepId.CHECKS, "The litigant already has the app")
    state = services.repo.get(wizard.record.id).step(StepId.CHECKS)
    assert state.status is StepStatus.SKIPPED
    assert state.skip_reason == "The litigant already has the app"
    assert wizard.current_page().step_id is StepId.INSTALL


def test_finish_refused_shows_fields_and_loses_nothing(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    wizard = make_wizard(qtbot, services)
    page = page_now(wizard, IntakePage)
    type_text(page.litigant_name, "赵六")
    wizard.go_to(4)
    finish = page_now(wizard, FinishPage)
    qtbot.keyClick(finish.outcome_buttons[Outcome.JOINED], Qt.Key.Key_Space)
    assert wizard.finish() is False
    # Jumped to the intake, where the missing fields are named beside them.
    assert wizard.current_page().step_id is StepId.INTAKE
    assert "required" in page_now(wizard, IntakePage).error_text("case_number")
    box = wizard.finish_flow.incomplete_box
    assert box is not None
    assert "Case number" in box.text()
    box.accept()
    draft = services.repo.get(wizard.record.id)
    assert draft.status is RecordStatus.DRAFT
    assert draft.intake.litigant_name == "赵六"
    assert draft.outcome is Outcome.JOINED


def test_navigation_shortcuts(qtbot: QtBot, services: AppServices, english: None) -> None:  # noqa: F811
    wizard = make_wizard(qtbot, services)
    wizard.activateWindow()
    page_now(wizard, IntakePage).case_number.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert wizard.current_page().step_id is StepId.JOIN
    qtbot.keyClick(
        QApplication.focusWidget() or wizard, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier
    )
    assert wizard.current_page().step_id is StepId.INSTALL
    wizard.navigator.setFocus()
    qtbot.keyClick(wizard.navigator, Qt.Key.Key_Down)
    assert wizard.current_page().step_id is StepId.JOIN


def test_resumed_draft_opens_where_it_stopped(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    record = AssistRecord(clerk=CLERK)
    record.intake.litigant_name = "钱七"
    record.current_step = StepId.JOIN
    services.repo.save_draft(record)
    reopened = AppServices.open(services.data_dir)
    try:
        wizard = make_wizard(qtbot, reopened, reopened.repo.get(record.id))
        assert wizard.current_page().step_id is StepId.JOIN
        wizard.go_to(0)
        assert page_now(wizard, IntakePage).litigant_name.text() == "钱七"
    finally:
        reopened.close()


def test_overlong_notes_are_kept_but_block_finishing(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    wizard = make_wizard(qtbot, services)
    wizard.go_to(4)
    finish = page_now(wizard, FinishPage)
    qtbot.keyClick(finish.outcome_buttons[Outcome.LEFT], Qt.Key.Key_Space)
    finish.notes.setPlainText("x" * 2001)
    assert "2001" in finish.error_text("notes")
    assert wizard.finish() is False
    assert wizard.finish_flow.incomplete_box is not None
    wizard.finish_flow.incomplete_box.accept()
    draft = services.repo.get(wizard.record.id)
    assert len(draft.notes) == 2001 and draft.status is RecordStatus.DRAFT


def test_hearing_time_far_in_the_past_is_flagged(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    wizard = make_wizard(qtbot, services)
    page = page_now(wizard, IntakePage)
    assert page.error_text("hearing_at") == ""  # the default (today, next half hour) is fine
    page.hearing_date.setDate(page.hearing_date.date().addDays(-30))
    assert "7 days in the past" in page.error_text("hearing_at")
    assert wizard.record.intake.hearing_at is not None  # kept as entered, not lost
    page.hearing_date.setDate(page.hearing_date.date().addDays(30))
    assert page.error_text("hearing_at") == ""
