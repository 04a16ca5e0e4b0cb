"""Visit screens (issue 13) driven like a clerk and a litigant would: a preparation visit with a
failing camera and an old phone, the recommendation and its override, the litigant's own
rating, a returning litigant at intake, and the follow-up list on the home screen."""

from __future__ import annotations

import re
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hearing_helper.checks.phone_checklist import Answer
from hearing_helper.domain.enums import DeviceKind, Role, StepId
from hearing_helper.domain.record import AssistRecord, CheckRecord, now_local
from hearing_helper.domain.visit import (
    FollowUpResult,
    JoinMode,
    PreparationOutcome,
    RatingSource,
    VisitKind,
)
from hearing_helper.services import AppServices
from hearing_helper.ui.visits.rating_panel import RatingPanel
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
from tests.visits_scenario import scenario_records

pytestmark = OFFSCREEN_NOISE


def _prepared_record() -> AssistRecord:
    """Intake done for a preparation visit: hearing in three days, the litigant's old phone."""
    record = AssistRecord(clerk=CLERK)
    intake = record.intake
    intake.case_number = "（2026）冀1126民初88号"
    intake.hearing_at = (now_local() + timedelta(days=3)).replace(hour=9, minute=0, second=0)
    intake.court = CLERK.court
    intake.platform_id = "tencent_meeting"
    intake.litigant_name = "王建国"
    intake.role = Role.DEFENDANT
    intake.phone = "13812345678"
    intake.device = DeviceKind.OWN_ANDROID
    intake.consent = True
    record.kind = VisitKind.PREPARATION
    record.checks = [
        CheckRecord("camera", "fail", "camera.no_frames"),
        CheckRecord("microphone", "pass", "microphone.ok"),
    ]
    record.step(StepId.CHECKS).data["phone_checklist"] = {"os_version": Answer.FAIL.value}
    return record


def _wizard_at_finish(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    record: AssistRecord,
) -> AssistanceWizard:
    wizard = AssistanceWizard(services, record, CLERK.staff_id, pages=core_pages(services))
    qtbot.addWidget(wizard)
    wizard.resize(1100, 760)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.go_to(len(wizard.pages) - 1)
    return wizard


def test_a_preparation_visit_gets_a_recommendation_and_the_override_is_recorded(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    wizard = _wizard_at_finish(qtbot, services, _prepared_record())
    finish = page_now(wizard, FinishPage)
    panel = finish.preparation
    assert (
        panel.isVisible()
        and not finish.outcome_buttons[next(iter(finish.outcome_buttons))].isVisible()
    )
    record = wizard.record
    # Old phone and a failing desk camera: neither the phone nor the desk PC.
    assert record.join.recommended is JoinMode.AUDIO_PHONE
    assert record.join.reasons == ("phone_os_too_old", "desk_camera_failed", "audio_phone_possible")
    reasons = panel.reasons_label.text()
    assert "too old" in reasons and "camera does not work" in reasons
    assert "Audio only" in panel.recommended_label.text()

    # The clerk and the litigant choose to come in person instead: a reason is required.
    panel.outcome_buttons[PreparationOutcome.IN_PERSON].click()
    panel.mode.setCurrentIndex(panel.mode.findData(str(JoinMode.IN_PERSON)))
    assert record.join.overridden
    assert not wizard.finish()
    qtbot.waitUntil(lambda: bool(finish.error_text("override_reason")), timeout=2000)
    box = wizard.findChild(QWidget, "incompleteBox")
    if box is not None:
        box.close()
    panel.override_reason.setFocus()
    type_text(panel.override_reason, "当事人想到庭")
    panel.in_person_reason.setCurrentIndex(panel.in_person_reason.findData("litigant_prefers"))
    finish.not_asked.click()  # else Finish asks for the litigant's rating first
    with qtbot.waitSignal(wizard.record_finished, timeout=3000):
        assert wizard.finish()
    stored = services.repo.get(record.id)
    assert stored.kind is VisitKind.PREPARATION
    assert stored.join.recommended is JoinMode.AUDIO_PHONE
    assert stored.join.chosen is JoinMode.IN_PERSON
    assert stored.join.override_reason == "当事人想到庭"
    assert stored.preparation is not None
    assert stored.preparation.outcome is PreparationOutcome.IN_PERSON


def test_the_litigant_rates_on_their_window_and_the_clerk_can_only_withdraw_it(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    from hearing_helper.ui.litigant_view import LitigantWindow

    record = _prepared_record()
    record.kind = VisitKind.HEARING_DAY
    wizard = _wizard_at_finish(qtbot, services, record)
    finish = page_now(wizard, FinishPage)
    window = LitigantWindow()
    qtbot.addWidget(window)
    window.rated.connect(wizard.record_litigant_rating)
    window.show_content(wizard.litigant_content())
    assert window.rating_panel.isVisibleTo(window)
    # Side by side ("1\nVery\ndissatisfied", long labels broken between words) or, in a
    # narrow window, one a line ("1  Very dissatisfied"); see the tests below.
    labels = [" ".join(b.text().split()) for b in window.rating_panel.buttons.values()]
    assert labels[0].startswith("1 ") and "Very dissatisfied" in labels[0]
    assert "Very satisfied" in labels[4]

    qtbot.mouseClick(window.rating_panel.buttons[4], Qt.MouseButton.LeftButton)
    assert record.satisfaction == 4 and record.rating_source is RatingSource.LITIGANT
    assert not finish.satisfaction_buttons[2].isEnabled()  # the clerk cannot change it
    assert "Given by the litigant" in finish.rating_source_label.text()
    # Keys too (a keypad in front of the litigant): 5 replaces their own answer.
    qtbot.keyClick(window.rating_panel, Qt.Key.Key_5)
    assert record.satisfaction == 5 and record.rating_source is RatingSource.LITIGANT
    window.show_content(wizard.litigant_content())
    assert window.rating_panel.buttons[5].isChecked()
    # The only correction: "not asked".
    finish.not_asked.click()
    assert record.satisfaction is None and record.rating_source is RatingSource.NOT_ASKED
    assert finish.satisfaction_buttons[2].isEnabled()


def test_the_rating_panel_answers_keys_and_arrows(qtbot: QtBot) -> None:
    panel = RatingPanel()
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.rated) as blocker:
        qtbot.keyClick(panel, Qt.Key.Key_2)
    assert blocker.args == [2] and panel.buttons[2].isChecked()
    qtbot.keyClick(panel, Qt.Key.Key_Right)
    with qtbot.waitSignal(panel.rated) as blocker:
        qtbot.keyClick(panel, Qt.Key.Key_Return)
    assert blocker.args == [3]
    assert "\u2714" in panel.buttons[3].text()  # chosen: marked, not by colour alone


def test_a_returning_litigant_shows_earlier_visits_and_carries_details_over(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    services.repo.import_finished(scenario_records(), "test")
    record = AssistRecord(clerk=CLERK)
    wizard = AssistanceWizard(services, record, CLERK.staff_id, pages=core_pages(services))
    qtbot.addWidget(wizard)
    wizard.show()
    intake = page_now(wizard, IntakePage)
    intake.case_number.setFocus()
    type_text(intake.case_number, "(2026)冀1126民初3号")
    panel = intake.earlier
    qtbot.waitUntil(lambda: panel.list.count() == 2, timeout=3000)
    assert panel.isVisible()
    first = panel.list.item(0).text()
    assert "Preparation" in first and "Ready for the hearing" in first
    assert "王*国" in first and "138****0002" in first and "13800000002" not in first
    assert "Needs another visit" in panel.list.item(1).text()
    panel.carry_button.click()
    qtbot.waitUntil(lambda: bool(record.previous_record_id), timeout=3000)
    assert record.previous_record_id.endswith("000000000004")  # the newest visit
    assert record.intake.litigant_name == "王建国" and record.intake.phone == "13800000002"
    assert intake.litigant_name.text() == "王建国"
    assert "Linked to the visit of" in panel.link_label.text()
    assert record.intake.consent is False  # consent is given anew


def test_the_home_screen_lists_follow_ups_and_records_one(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    from hearing_helper.ui.visits.follow_ups import FollowUpDialog, FollowUpsPanel

    records = scenario_records()
    hearing = records[4].intake.hearing_at
    assert hearing is not None
    shift = now_local() - hearing - timedelta(hours=5)
    for item in records:
        assert item.ended_at is not None and item.intake.hearing_at is not None
        item.started_at += shift
        item.ended_at += shift
        item.updated_at += shift
        item.intake.hearing_at += shift
        if item.follow_up:
            item.follow_up.recorded_at += shift
    services.repo.import_finished(records, "test")
    panel = FollowUpsPanel(services.repo)
    qtbot.addWidget(panel)
    panel.show()
    panel.refresh()
    qtbot.waitUntil(lambda: panel.due_list.count() == 2, timeout=3000)
    assert "Follow-up overdue" in panel.due_list.item(0).text()
    assert "\u26a0" in panel.due_list.item(0).text()
    assert "Follow-up due" in panel.due_list.item(1).text()
    assert "To follow up (2)" in panel.due_title.text()
    panel.due_list.setCurrentRow(1)
    panel.record_selected()
    dialog = panel.findChild(FollowUpDialog)
    assert dialog is not None
    dialog.buttons[FollowUpResult.JOINED_LATE].click()
    dialog._try_accept()
    assert dialog.isVisible() and dialog.cause_row.error_text()  # why late?
    dialog.cause.setCurrentIndex(dialog.cause.findData("hearing.forgot_how"))
    with qtbot.waitSignal(panel.follow_up_recorded, timeout=3000):
        dialog._try_accept()
    qtbot.waitUntil(lambda: panel.due_list.count() == 1, timeout=3000)
    stored = services.repo.get(records[4].id)
    assert stored.follow_up is not None
    assert stored.follow_up.result is FollowUpResult.JOINED_LATE
    assert stored.follow_up.cause == "hearing.forgot_how"


def test_the_record_detail_says_how_the_visit_went_and_who_rated(english: None) -> None:  # noqa: F811
    from hearing_helper.ui.visits.detail_rows import visit_rows

    records = scenario_records()
    rows = dict(visit_rows(records[0]))  # A: prepared, desk PC, on time, litigant's rating
    assert rows["Kind of visit"] == "Preparation (hearing later)"
    assert rows["Recommended way to join"].startswith("Help desk PC at the court")
    assert "too old" in rows["Recommended way to join"]
    assert rows["After the hearing"].startswith("Went ahead, joined on time")
    assert rows["Rating given by"] == "Given by the litigant"
    overridden = dict(visit_rows(records[5]))  # D: in person against the recommendation
    assert "instead of the recommendation: 想到庭" in overridden["Way to join chosen"]
    hearing_day = dict(visit_rows(records[6]))  # E: not joined, camera
    assert hearing_day["Cause"] == "The camera sent no picture within 3 seconds"
    assert hearing_day["Rating given by"] == "Entered by staff"


def test_the_reports_window_shows_the_visit_figures(qtbot: QtBot, english: None) -> None:  # noqa: F811
    from hearing_helper.ui.visits.report_panel import VisitFiguresPanel
    from tests.visits_scenario import EXPECTED

    panel = VisitFiguresPanel()
    qtbot.addWidget(panel)
    panel.show_figures(EXPECTED)
    html_text = panel.summary.text()
    text = re.sub(r"<[^>]+>", "", html_text)  # what the supervisor reads
    assert "Preparation visits: 5 (ready 3, another visit 1, in person 1)" in text
    assert (
        "3 ready \u2192 2 followed up \u2192 2 hearings went ahead \u2192 1 joined on time" in text
    )
    assert "prepared 100.0% of 1, not prepared 50.0% of 2" in text
    assert "2 by the litigant (average 4.5), 1 entered by staff (average 2.0)" in text
    assert "Follow-ups: 1 due, 1 overdue" in text
    # The figures open their records.
    assert "<a href='funnel:on_time:'>1</a>" in html_text
    assert "<a href='funnel:prepared:own_phone'>2</a>" in html_text
    with qtbot.waitSignal(panel.drill_requested) as blocker:
        panel.summary.linkActivated.emit("funnel:prepared:own_phone")
    drill, title = blocker.args
    assert drill.kind == "visit" and drill.key == ("funnel", "prepared", "own_phone")
    assert title == "Own phone (video) \u00b7 Ready"


def test_a_keypad_in_front_of_the_litigant_answers_for_them_not_the_digit_row(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    record = _prepared_record()
    record.kind = VisitKind.HEARING_DAY
    wizard = _wizard_at_finish(qtbot, services, record)
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow, timeout=2000)
    finish = page_now(wizard, FinishPage)
    finish.notes.setFocus()
    qtbot.keyClick(finish.notes, Qt.Key.Key_3)  # the clerk typing a note
    assert record.satisfaction is None
    qtbot.keyClick(finish.notes, Qt.Key.Key_4, Qt.KeyboardModifier.KeypadModifier)
    assert record.satisfaction == 4 and record.rating_source is RatingSource.LITIGANT
    content = wizard.litigant_content()
    assert content.ask_rating and content.rating == 4


def test_history_filters_by_kind_of_visit(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    from hearing_helper.ui.shell.history_view import HistoryView

    services.repo.import_finished(scenario_records(), "test")
    view = HistoryView(services.repo, None, "en")
    qtbot.addWidget(view)
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 8, timeout=3000)
    view.kind.setCurrentIndex(view.kind.findData("preparation"))
    qtbot.waitUntil(lambda: view.model.rowCount() == 5, timeout=3000)
    assert {row.kind for row in view.model.rows} == {"preparation"}
    view.kind.setCurrentIndex(view.kind.findData("hearing_day"))
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=3000)


def test_every_rating_label_is_seen_whole_in_english_on_a_small_litigant_window(
    qtbot: QtBot,
    english: None,  # noqa: F811
) -> None:
    """English labels ('Very dissatisfied') are far longer than the Chinese ones: the choices
    break them between words and shrink the font, never below the guideline's 18 pt, so that
    no label is cut (seen cut at 1024 x 640 in the screenshots)."""
    from PySide6.QtGui import QFontMetrics

    from hearing_helper.ui.litigant_view import LitigantWindow
    from hearing_helper.ui.visits.rating_panel import CHOICE_BORDER_CHECKED, CHOICE_PADDING
    from hearing_helper.ui.wizard.base import LitigantContent

    screen = LitigantWindow()
    qtbot.addWidget(screen)
    screen.resize(1024, 640)
    screen.show()
    screen.show_content(
        LitigantContent(title="Thank you", lines=["How satisfied are you?"], ask_rating=True)
    )
    screen.rating_panel.show_choice(4)
    qtbot.waitExposed(screen)
    for value, button in screen.rating_panel.buttons.items():
        metrics = QFontMetrics(button.font())
        room = button.width() - 2 * (CHOICE_PADDING + CHOICE_BORDER_CHECKED)
        widest = max(metrics.horizontalAdvance(line) for line in button.text().split("\n"))
        assert widest <= room, (value, button.text(), widest, room)
        assert button.font().pointSize() >= 18
        assert button.text().replace("\n", " ").endswith(button.accessibleName().replace("\n", " "))
