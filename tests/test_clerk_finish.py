"""The clerk's Finish step by keyboard (issue 17, items 5 and 10): a preparation visit's outcome
by its Alt key, messages that name fields in words, a stale outcome in a saved draft, the rating
asked once, the step marks of a finished record, and the outcome after "The litigant has joined"."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from hearing_helper.domain.enums import Outcome, StepId, StepStatus
from hearing_helper.domain.labels import FIELD_LABELS
from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.step_marks import StepMark, step_mark
from hearing_helper.domain.visit import PreparationOutcome, RatingSource, VisitKind
from hearing_helper.services import AppServices
from hearing_helper.ui.join.join_page import JoinPage
from hearing_helper.ui.labels import field_label
from hearing_helper.ui.main_window import MainWindow
from hearing_helper.ui.wizard.finish_flow import FINISH_FIELDS
from hearing_helper.ui.wizard.finish_page import FinishPage
from hearing_helper.ui.wizard.rating_prompt import RatingPromptBox
from hearing_helper.ui.wizard.wizard import AssistanceWizard
from tests.clerk_fixtures import intake_done, open_main_window, press
from tests.ui_fixtures import (  # noqa: F401 - fixtures
    OFFSCREEN_NOISE,
    english,
    page_now,
    services,
    wizard_of,
)

pytestmark = OFFSCREEN_NOISE
RAW_ID = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")


def _finish_step(qtbot: QtBot, window: MainWindow, record: AssistRecord) -> AssistanceWizard:
    window.open_wizard(record)
    wizard = wizard_of(window)
    press(qtbot, "Alt+5")
    assert wizard.current_page().step_id is StepId.FINISH
    return wizard


def _close_message_boxes() -> list[str]:
    texts = []
    for box in QApplication.topLevelWidgets():
        if isinstance(box, QMessageBox) and box.isVisible():
            texts.append(box.text())
            box.close()
    return texts


def test_alt_u_space_chooses_a_preparation_outcome_never_a_hidden_one(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    window = open_main_window(qtbot, services)
    wizard = _finish_step(qtbot, window, intake_done(VisitKind.PREPARATION))
    finish = page_now(wizard, FinishPage)
    press(qtbot, "Alt+U")
    focused = QApplication.focusWidget()
    assert focused is finish.preparation.outcome_buttons[PreparationOutcome.READY]
    press(qtbot, "Space")
    record = wizard.record
    assert record.outcome is None  # the hearing-day outcome is out of reach
    assert record.preparation is not None
    assert record.preparation.outcome is PreparationOutcome.READY
    for radio in finish.outcome_buttons.values():
        assert not radio.isVisible() and not radio.isEnabled()


def test_the_first_focus_of_a_preparation_finish_is_its_own_outcome(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    window = open_main_window(qtbot, services)
    wizard = _finish_step(qtbot, window, intake_done(VisitKind.PREPARATION))
    finish = page_now(wizard, FinishPage)
    assert finish.initial_focus() is finish.preparation.outcome_buttons[PreparationOutcome.READY]
    press(qtbot, "Space")
    assert wizard.record.outcome is None


def test_every_field_a_message_can_name_has_words_not_an_id() -> None:
    names = set(FINISH_FIELDS) | set(FIELD_LABELS) | {"no_consent_reason", "kind"}
    raw = [name for name in sorted(names) if field_label(name) == name or "_" in field_label(name)]
    assert not raw, f"shown as raw ids: {raw}"


def test_a_stale_hearing_day_outcome_in_a_preparation_draft_is_recoverable(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    record = intake_done(VisitKind.PREPARATION)
    record.outcome = Outcome.JOINED  # saved by the old Alt+U, Space route
    record.satisfaction = 4
    services.repo.save_draft(record)
    window = open_main_window(qtbot, services)
    wizard = _finish_step(qtbot, window, services.repo.get(record.id))
    finish = page_now(wizard, FinishPage)
    finish.preparation.outcome_buttons[PreparationOutcome.IN_PERSON].click()
    finish.preparation.in_person_reason.setCurrentIndex(
        finish.preparation.in_person_reason.findData("litigant_prefers")
    )
    with qtbot.waitSignal(wizard.record_finished, timeout=3000):
        assert wizard.finish(), _close_message_boxes()
    stored = services.repo.get(record.id)
    assert stored.outcome is None
    assert stored.preparation is not None
    assert stored.preparation.outcome is PreparationOutcome.IN_PERSON
    assert not [d for d in services.repo.list_drafts() if d.id == record.id]


def test_a_refused_finish_names_fields_in_words(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    window = open_main_window(qtbot, services)
    wizard = _finish_step(qtbot, window, intake_done(VisitKind.PREPARATION))
    wizard.record.rating_source = RatingSource.NOT_ASKED
    assert not wizard.finish()
    texts = _close_message_boxes()
    assert texts and "Outcome" in texts[0]
    assert not RAW_ID.findall(texts[0]), texts[0]


# --- item 10 ---------------------------------------------------------------------------------


def test_the_follow_up_dialog_chooses_nothing_until_the_clerk_does(qtbot: QtBot) -> None:
    from hearing_helper.domain.visit import FollowUpResult
    from hearing_helper.store.repository import PreparedHearing
    from hearing_helper.ui.visits.follow_ups import FollowUpDialog

    hearing = PreparedHearing(
        "r1", "（2026）冀1126民初88号", "王建国", "13812345678", "2026-11-30T09:00:00+08:00",
        "tencent_meeting", "ready", "desk_pc", "张三", "2026-11-27T10:00:00+08:00",
    )  # fmt: skip
    dialog = FollowUpDialog(hearing)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert all(not button.isChecked() for button in dialog.buttons.values())
    from PySide6.QtCore import Qt

    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Return)  # Enter alone
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    assert dialog.result_row.error_text()  # says what is missing
    dialog.buttons[FollowUpResult.ON_TIME].setChecked(True)
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.follow_up().result is FollowUpResult.ON_TIME


def _hearing_day_at_finish(qtbot: QtBot, services: AppServices) -> AssistanceWizard:  # noqa: F811
    window = open_main_window(qtbot, services)
    record = intake_done(VisitKind.HEARING_DAY, days_ahead=0)
    record.intake.hearing_at = record.started_at
    wizard = _finish_step(qtbot, window, record)
    page_now(wizard, FinishPage).outcome_buttons[Outcome.JOINED].click()
    return wizard


def _rating_box(wizard: AssistanceWizard) -> RatingPromptBox:
    box = wizard.findChild(QMessageBox, "ratingPromptBox")
    assert isinstance(box, RatingPromptBox) and box.isVisible(), "no question about the rating"
    return box


def test_finishing_without_a_rating_asks_once_and_allows_declined(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    wizard = _hearing_day_at_finish(qtbot, services)
    assert not wizard.finish()
    box = _rating_box(wizard)
    assert "rat" in box.text().lower()
    with qtbot.waitSignal(wizard.record_finished, timeout=3000):
        box.button_declined.click()
    stored = services.repo.get(wizard.record.id)
    assert stored.satisfaction is None
    assert stored.step(StepId.FINISH).data.get("rating") == "declined"


def test_asking_for_the_rating_goes_to_it_and_is_not_asked_again(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    wizard = _hearing_day_at_finish(qtbot, services)
    finish = page_now(wizard, FinishPage)
    assert not wizard.finish()
    _rating_box(wizard).button_ask.click()
    qtbot.waitUntil(
        lambda: QApplication.focusWidget() in finish.satisfaction_buttons.values(), timeout=2000
    )
    with qtbot.waitSignal(wizard.record_finished, timeout=3000):
        assert wizard.finish()  # asked once: the second Finish does not ask again


def test_a_finished_record_shows_no_step_in_progress(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    window = open_main_window(qtbot, services)
    record = intake_done(VisitKind.HEARING_DAY, days_ahead=0)
    record.intake.hearing_at = record.started_at
    install = record.step(StepId.INSTALL)
    install.status = StepStatus.IN_PROGRESS
    install.data = {"steps": {"download": "done"}, "total": 4}
    record.satisfaction = 5
    wizard = _finish_step(qtbot, window, record)
    page_now(wizard, FinishPage).outcome_buttons[Outcome.JOINED].click()
    with qtbot.waitSignal(wizard.record_finished, timeout=3000):
        assert wizard.finish()
    stored = services.repo.get(record.id)
    marks = {step: step_mark(stored, step) for step in stored.steps}
    assert StepMark.IN_PROGRESS not in marks.values(), marks


def test_the_outcome_is_prefilled_after_the_litigant_joined(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    window = open_main_window(qtbot, services)
    record = intake_done(VisitKind.HEARING_DAY, days_ahead=0)
    record.intake.hearing_at = record.started_at
    window.open_wizard(record)
    wizard = wizard_of(window)
    press(qtbot, "Alt+4")
    join = page_now(wizard, JoinPage)
    join.joined_button.click()
    press(qtbot, "Alt+5")
    finish = page_now(wizard, FinishPage)
    assert wizard.record.outcome is Outcome.JOINED
    assert finish.outcome_buttons[Outcome.JOINED].isChecked()


def test_a_step_left_half_done_in_an_older_finished_record_is_not_in_progress() -> None:
    from tests.ui_fixtures import finished_record

    record = finished_record("（2026）冀1126民初9号", "王建国")  # finished, as stored earlier
    install = record.step(StepId.INSTALL)
    install.status = StepStatus.IN_PROGRESS
    install.data = {"steps": {"download": "done"}, "total": 4}
    assert step_mark(record, StepId.INSTALL) is StepMark.SKIPPED


def test_history_shows_the_outcome_of_the_visits_own_kind(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    from hearing_helper.ui.shell.history_model import COLUMNS

    record = intake_done(VisitKind.PREPARATION)
    record.outcome = Outcome.JOINED  # a stale draft saved by the old Alt+U, Space route
    services.repo.save_draft(record)
    window = open_main_window(qtbot, services)
    window.home.history.refresh()
    model = window.home.history.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5000)
    column = next(i for i, c in enumerate(COLUMNS) if c[1] == "outcome")
    assert model.index(0, column).data() != "Joined"
