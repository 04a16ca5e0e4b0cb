"""The wizard's consent rule (issue 11, finding "Consent"): a record with the litigant's name and
phone but no consent is not finished until a reason is given, and is then stored masked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hearing_helper.domain.enums import Outcome
from hearing_helper.services import AppServices
from hearing_helper.ui.wizard.finish_page import FinishPage
from hearing_helper.ui.wizard.intake_page import IntakePage
from tests.test_ui_wizard import fill_intake, make_wizard
from tests.ui_fixtures import english, page_now, services, type_text  # noqa: F401 - fixtures


def test_no_consent_needs_a_reason_and_is_stored_masked(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    wizard = make_wizard(qtbot, services)
    page = page_now(wizard, IntakePage)
    fill_intake(qtbot, page)
    qtbot.keyClick(page.consent, Qt.Key.Key_Space)  # untick: no consent
    assert wizard.record.intake.consent is False and page.no_consent_reason.isEnabled()
    wizard.go_to(4)
    finish = page_now(wizard, FinishPage)
    qtbot.keyClick(finish.outcome_buttons[Outcome.JOINED], Qt.Key.Key_Space)
    qtbot.keyClick(finish.satisfaction_buttons[4], Qt.Key.Key_Space)
    assert wizard.finish() is False
    box = wizard.finish_flow.incomplete_box
    assert box is not None
    assert "consent" in box.text().lower()
    box.accept()
    type_text(page_now(wizard, IntakePage).no_consent_reason, "The litigant declined.")
    wizard.go_to(4)
    assert wizard.finish() is True
    stored = services.repo.get(wizard.record.id)
    assert stored.intake.litigant_name == "王*明" and stored.intake.phone == "138****5678"
    assert stored.intake.no_consent_reason == "The litigant declined."
