"""The clerk's home screen masks litigant data by default, like every other screen (house rule;
review finding, polish item 1): the History list, the record's detail view and the unfinished
drafts show 王*明 / 138****5678 and mask phone- or ID-like numbers typed as a case number; the
search still finds what the clerk types in full (name, phone); a supervisor may see a record in
full after the password, and that is audited."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hearing_helper.auth import auth_for
from hearing_helper.catalog import load_catalog
from hearing_helper.domain.enums import Outcome
from hearing_helper.domain.record import AssistRecord
from hearing_helper.services import AppServices
from hearing_helper.ui.reports.supervisor import PasswordDialog
from hearing_helper.ui.shell.drafts_dialog import DraftsDialog
from hearing_helper.ui.shell.history_view import HistoryView
from hearing_helper.ui.shell.record_detail import RecordDetailDialog
from tests.ui_fixtures import (  # noqa: F401 - fixtures
    CLERK,
    OFFSCREEN_NOISE,
    english,
    finished_record,
    services,
    type_text,
)

pytestmark = OFFSCREEN_NOISE

PASSWORD = "richter-2026"
TYPED_PHONE_CASE = "13987654321"  # a phone typed into the case number field


def seed(services: AppServices) -> list[AssistRecord]:  # noqa: F811
    records = [
        finished_record("（2024）京0105民初100号", "王小明", Outcome.JOINED, days_ago=0),
        finished_record(TYPED_PHONE_CASE, "欧阳娜娜", Outcome.JOINED, days_ago=1),
    ]
    records[1].intake.phone = "13711112222"
    records[1].notes = "家属电话 13600001111"
    services.repo.import_finished(records, "test")
    return records


def cells(view: HistoryView) -> list[str]:
    model = view.model
    return [
        str(model.data(model.index(row, column), role))
        for row in range(model.rowCount())
        for column in range(model.columnCount())
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)
    ]


def search(qtbot: QtBot, view: HistoryView, text: str) -> list[str]:
    view.search.clear()
    with qtbot.waitSignal(view.results_shown, timeout=5000):
        type_text(view.search, text)
    return cells(view)


def test_history_list_masks_names_and_typed_numbers_but_finds_them(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    seed(services)
    view = HistoryView(services.repo, load_catalog(services.data_dir), "en")
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.results_shown, timeout=5000):
        view.refresh()
    shown = "\n".join(cells(view))
    assert "王*明" in shown and "欧**娜" in shown and "*******4321" in shown
    for full in ("王小明", "欧阳娜娜", TYPED_PHONE_CASE):
        assert full not in shown
    assert "（2024）京0105民初100号" in shown  # a real case number stays readable
    # Typed in full, found; shown masked.
    assert "王*明" in search(qtbot, view, "王小明")
    found = search(qtbot, view, "137 1111 2222")  # the phone, as the clerk might type it
    assert "欧**娜" in found and "王*明" not in found
    found = search(qtbot, view, "13812345678")
    assert "王*明" in found and "欧**娜" not in found


def test_record_detail_is_masked_until_a_supervisor_shows_it(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    record = seed(services)[1]
    auth_for(services).set_password(PASSWORD, "it")
    dialog = RecordDetailDialog(services, record.id, CLERK.staff_id, load_catalog(None))
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "欧**娜" in text and "137****2222" in text and "*******4321" in text
    assert "家属电话 *******1111" in text
    for full in ("欧阳娜娜", "13711112222", TYPED_PHONE_CASE, "13600001111"):
        assert full not in text

    def enter_password() -> None:
        modal = QApplication.activeModalWidget()
        assert isinstance(modal, PasswordDialog)
        modal.password.setText(PASSWORD)
        modal.buttons.accepted.emit()

    QTimer.singleShot(0, enter_password)
    dialog.unmask_button.click()
    text = dialog.browser.toPlainText()
    assert "欧阳娜娜" in text and "13711112222" in text and TYPED_PHONE_CASE in text
    assert "13600001111" in text and not dialog.unmask_button.isVisible()
    shown = [e for e in services.repo.iter_audit() if e.action == "record.personal_data_shown"]
    assert [e.details for e in shown] == [{"record_id": record.id}]


def test_unfinished_drafts_are_listed_masked(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    draft = AssistRecord(clerk=CLERK)
    draft.intake.litigant_name = "赵草稿"
    draft.intake.case_number = "110101199001011234"  # an ID number typed in
    dialog = DraftsDialog([draft])
    qtbot.addWidget(dialog)
    text = dialog.list.item(0).text()
    assert "赵*稿" in text and "赵草稿" not in text
    assert "1234" in text and "110101199001011234" not in text


def test_the_follow_up_list_masks_a_number_typed_as_the_case_number(
    english: None,  # noqa: F811
) -> None:
    from hearing_helper.domain.visit import FollowUpState
    from hearing_helper.store.repository import PreparedHearing
    from hearing_helper.ui.visits.follow_ups import hearing_line

    row = PreparedHearing(
        id="r1",
        case_number=TYPED_PHONE_CASE,
        litigant_name="王小明",
        phone="13812345678",
        hearing_at="2026-05-01T09:00:00+08:00",
        platform_id=None,
        prep_outcome="ready",
        chosen_mode=None,
        clerk_name="张三",
        started_at="2026-04-28T09:00:00+08:00",
    )
    line = hearing_line(row, FollowUpState.DUE)
    assert "*******4321" in line and TYPED_PHONE_CASE not in line
    assert "王*明" in line and "138****5678" in line
