"""Intake and the phone checklist by keyboard (issue 17, item 9): Alt+M, Alt+S and Alt+I go to
their fields without choosing anything, the phone checklist has its own Alt letter and keeps the
item being answered in sight, and a returning litigant's prepared hearing time carries over."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from hearing_helper.domain.enums import AccessibilityNeed, RecordStatus, StepId
from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.visit import (
    JoinMode,
    PreparationOutcome,
    PreparationResult,
    RatingSource,
    VisitKind,
)
from hearing_helper.services import AppServices
from hearing_helper.ui.checks.checks_page import ChecksPage
from hearing_helper.ui.main_window import MainWindow
from hearing_helper.ui.wizard.intake_page import IntakePage
from tests.clerk_fixtures import intake_done, open_main_window, press
from tests.ui_fixtures import (  # noqa: F401 - fixtures
    CLERK,
    OFFSCREEN_NOISE,
    english,
    page_now,
    services,
    type_text,
    wizard_of,
)

pytestmark = OFFSCREEN_NOISE


def _intake(qtbot: QtBot, services: AppServices) -> tuple[MainWindow, IntakePage]:  # noqa: F811
    window = open_main_window(qtbot, services)
    press(qtbot, "Ctrl+N")
    page = page_now(wizard_of(window), IntakePage)
    return window, page


def test_alt_m_goes_to_the_hearing_date(qtbot: QtBot, services: AppServices, english: None) -> None:  # noqa: F811
    _window, page = _intake(qtbot, services)
    press(qtbot, "Alt+M")
    assert QApplication.focusWidget() is page.hearing_date


def test_alt_s_goes_to_the_special_needs_without_ticking_one(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    window, page = _intake(qtbot, services)
    press(qtbot, "Alt+S")
    assert QApplication.focusWidget() is page.needs[AccessibilityNeed.ELDERLY]
    assert not any(box.isChecked() for box in page.needs.values())
    assert wizard_of(window).record.intake.accessibility == []
    press(qtbot, "Space")  # Space ticks
    assert wizard_of(window).record.intake.accessibility == [AccessibilityNeed.ELDERLY]


def test_alt_i_then_space_ticks_consent(qtbot: QtBot, services: AppServices, english: None) -> None:  # noqa: F811
    window, page = _intake(qtbot, services)
    press(qtbot, "Alt+I")
    assert QApplication.focusWidget() is page.consent
    assert not page.consent.isChecked()
    press(qtbot, "Space")
    assert page.consent.isChecked() and wizard_of(window).record.intake.consent


def _visible_in_scroll_areas(widget: QWidget) -> bool:
    """True when ``widget`` lies wholly inside the viewport of every scroll area around it."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            viewport = parent.viewport()
            top_left = widget.mapTo(viewport, QPoint(0, 0))
            if not viewport.rect().contains(QRect(top_left, widget.size())):
                return False
        parent = parent.parentWidget()
    return True


def test_the_phone_checklist_has_an_alt_letter_and_follows_the_answers(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    from hearing_helper.checks.phone_checklist import PHONE_ITEMS, Answer

    window, _page = _intake(qtbot, services)
    press(qtbot, "Alt+2")
    checks = page_now(wizard_of(window), ChecksPage)
    assert checks.step_id is StepId.CHECKS
    checklist = checks.phone
    press(qtbot, "Alt+P")
    first = checklist._buttons[(PHONE_ITEMS[0].id, Answer.PASS)]
    assert QApplication.focusWidget() is first
    for number, item in enumerate(PHONE_ITEMS):
        focused = QApplication.focusWidget()
        assert focused is checklist._buttons[(item.id, Answer.PASS)], item.id
        assert _visible_in_scroll_areas(focused), f"item {number + 1} is out of sight"
        question = checklist._questions[item.id]
        assert _visible_in_scroll_areas(question), f"question {number + 1} is out of sight"
        press(qtbot, "N" if number % 2 else "Y")
    answers = checklist.answers()
    assert len(answers) == len(PHONE_ITEMS)
    # Alt+P again: the first item not answered yet, or the first one.
    press(qtbot, "Alt+P")
    assert QApplication.focusWidget() in {b for b in checklist._buttons.values()}


def test_carrying_over_a_prepared_visit_brings_the_hearing_time_by_keyboard(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    prepared = intake_done(VisitKind.PREPARATION, days_ahead=0)
    prepared.started_at = prepared.started_at - timedelta(days=3)
    prepared.intake.hearing_at = (prepared.started_at + timedelta(days=3)).replace(
        hour=15, minute=45
    )
    prepared.preparation = PreparationResult(PreparationOutcome.READY)
    prepared.join.recommended = prepared.join.chosen = JoinMode.OWN_PHONE
    prepared.rating_source = RatingSource.NOT_ASKED
    prepared.ended_at = prepared.started_at + timedelta(minutes=20)
    prepared.status = RecordStatus.FINISHED
    services.repo.import_finished([prepared], "test")

    window, page = _intake(qtbot, services)
    type_text(page.case_number, prepared.intake.case_number)
    panel = page.earlier
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=5000)
    letter = panel.carry_button.text().split("&", 1)[1][0]
    press(qtbot, f"Alt+{letter.upper()}")
    record: AssistRecord = wizard_of(window).record
    qtbot.waitUntil(lambda: record.previous_record_id == prepared.id, timeout=5000)
    assert record.intake.hearing_at == prepared.intake.hearing_at
    assert page.hearing_time.time().toString("HH:mm") == "15:45"
    assert page.hearing_date.date().toPython() == prepared.intake.hearing_at.date()
    assert record.clerk.staff_id == CLERK.staff_id
