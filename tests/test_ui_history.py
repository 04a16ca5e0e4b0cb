"""History: search, filters, sorting, empty states; detail view with versions after a correction."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from hearing_helper.catalog import load_catalog
from hearing_helper.domain.enums import Outcome
from hearing_helper.domain.record import AssistRecord
from hearing_helper.services import AppServices
from hearing_helper.ui.shell.correction_dialog import CorrectionDialog
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


@pytest.fixture
def filled(services: AppServices) -> list[AssistRecord]:  # noqa: F811
    records = [
        finished_record("（2024）京0105民初100号", "王小明", Outcome.JOINED, days_ago=0),
        finished_record("（2024）京0105民初200号", "李四", Outcome.NOT_JOINED, days_ago=3),
        finished_record("（2023）冀1126民初300号", "王五", Outcome.RESCHEDULED, days_ago=20),
    ]
    for index, record in enumerate(records):
        assert record.ended_at is not None
        record.ended_at = record.started_at.replace(microsecond=0) + (index + 1) * (
            record.ended_at - record.started_at
        )
    services.repo.import_finished(records, "test")
    draft = AssistRecord(clerk=CLERK)
    draft.intake.litigant_name = "赵草稿"
    services.repo.save_draft(draft)
    return records


def make_view(qtbot: QtBot, services: AppServices) -> HistoryView:  # noqa: F811
    view = HistoryView(services.repo, load_catalog(services.data_dir), "en")
    qtbot.addWidget(view)
    view.resize(1100, 500)
    view.show()
    return view


def shown(qtbot: QtBot, view: HistoryView, action: Callable[[], object]) -> list[str]:
    with qtbot.waitSignal(view.results_shown, timeout=3000):
        action()
    return [row.litigant_name for row in view.model.rows]


def test_search_filter_and_sort(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    filled: list[AssistRecord],
    english: None,  # noqa: F811
) -> None:
    view = make_view(qtbot, services)
    names = shown(qtbot, view, view.refresh)
    assert names[0] == "赵草稿"  # newest first
    assert set(names) == {"王小明", "李四", "王五", "赵草稿"}
    assert "4" in view.summary.text()

    assert shown(qtbot, view, lambda: type_text(view.search, "王")) == ["王小明", "王五"]
    view.search.clear()
    assert set(shown(qtbot, view, lambda: type_text(view.search, "京0105"))) == {"王小明", "李四"}
    view.search.clear()
    qtbot.waitSignal(view.results_shown, timeout=3000).wait()

    finished = view.status.findData("finished")
    assert "赵草稿" not in shown(qtbot, view, lambda: view.status.setCurrentIndex(finished))
    not_joined = view.outcome.findData(str(Outcome.NOT_JOINED))
    assert shown(qtbot, view, lambda: view.outcome.setCurrentIndex(not_joined)) == ["李四"]
    view.outcome.setCurrentIndex(0)
    qtbot.waitSignal(view.results_shown, timeout=3000).wait()

    # Date range: the last week only.
    view.date_from.setDate(view.date_to.date().addDays(-7))
    assert set(shown(qtbot, view, lambda: view.use_dates.setChecked(True))) == {"王小明", "李四"}
    view.use_dates.setChecked(False)
    qtbot.waitSignal(view.results_shown, timeout=3000).wait()

    # Sorting by clicking the header: duration ascending, then descending.
    duration = 6
    ascending = shown(qtbot, view, lambda: view._on_header_clicked(duration))
    assert ascending == ["王小明", "李四", "王五"]
    descending = shown(qtbot, view, lambda: view._on_header_clicked(duration))
    assert descending == ["王五", "李四", "王小明"]
    assert view.table.horizontalHeader().sortIndicatorSection() == duration


def test_empty_states(qtbot: QtBot, services: AppServices, english: None) -> None:  # noqa: F811
    view = make_view(qtbot, services)
    shown(qtbot, view, view.refresh)
    assert view.results.currentWidget() is view.empty_label
    assert "No assistance records yet" in view.empty_label.text()
    services.repo.import_finished([finished_record("（2024）京0105民初1号", "甲")], "test")
    shown(qtbot, view, lambda: type_text(view.search, "zzz"))
    assert "Nothing matches" in view.empty_label.text()


def test_detail_shows_versions_after_a_correction(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    filled: list[AssistRecord],
    english: None,  # noqa: F811
) -> None:
    record = filled[1]
    dialog = RecordDetailDialog(services, record.id, CLERK.staff_id, load_catalog(None))
    qtbot.addWidget(dialog)
    html = dialog.browser.toPlainText()
    assert "李*" in html and "138****5678" in html and "13812345678" not in html
    assert "李四" not in html  # masked by default (tests/test_history_masking.py)
    assert dialog.version_combo.count() == 1

    assert dialog.record is not None
    correction = CorrectionDialog(services, dialog.record, dialog)
    qtbot.addWidget(correction)
    correction.intake_page.litigant_name.clear()
    type_text(correction.intake_page.litigant_name, "李肆")
    correction._accept_if_valid()  # refused: a new name without consent needs its reason
    assert correction.result() != QDialog.DialogCode.Accepted
    assert "consent" in correction.error.text().lower()
    type_text(correction.intake_page.no_consent_reason, "当事人拒绝")
    correction._accept_if_valid()  # refused: no reason given
    assert correction.result() != QDialog.DialogCode.Accepted
    assert "why" in correction.error.text()
    type_text(correction.reason, "姓名录错")
    correction._accept_if_valid()
    assert correction.result() == QDialog.DialogCode.Accepted
    assert dialog.record.intake.litigant_name == "李四"  # the original object is untouched
    services.repo.correct(correction.corrected, CLERK.staff_id, correction.reason_text())
    dialog.reload()

    assert dialog.version_combo.count() == 2
    assert "姓名录错" in dialog.version_combo.itemText(1)
    assert "李*" in dialog.browser.toPlainText()  # without consent: stored masked (issue 24)
    assert "李肆" not in dialog.browser.toPlainText()
    dialog.version_combo.setCurrentIndex(0)
    assert dialog.shown_record().intake.litigant_name == "李四"  # shown masked, as 李*
    assert services.repo.get(record.id).version == 2


def test_detail_shows_checks_and_problems_in_words(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    from hearing_helper.domain.enums import StepId
    from hearing_helper.domain.record import CheckRecord, Problem

    record = finished_record("（2024）京0105民初400号", "钱七", Outcome.JOINED, days_ago=0)
    record.checks.append(
        CheckRecord("camera", "fail", "camera.black", {"fps": 24.0}, "camera.uncover")
    )
    record.problems.append(Problem(StepId.INSTALL, "no_storage", "清理后成功"))
    services.repo.import_finished([record], "test")
    dialog = RecordDetailDialog(services, record.id, CLERK.staff_id, load_catalog(None))
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "The camera picture is black." in text
    assert "Failed" in text
    assert "Not enough storage on the phone" in text and "清理后成功" in text
    assert "camera.black" not in text and "no_storage" not in text


def test_a_masked_phone_left_unchanged_in_a_correction_means_unchanged(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    """Issue 24: the dialog rejected 138****5678, pushing the clerk to type the real number."""
    from tests.test_store import complete_record

    services.repo.save_staff(CLERK)
    record = complete_record(consent=False, no_consent_reason="litigant declined")
    services.repo.finish(record, "S1001")
    stored = services.repo.get(record.id)
    assert stored.intake.phone == "138****5678"
    correction = CorrectionDialog(services, stored)
    qtbot.addWidget(correction)
    type_text(correction.reason, "notes added")
    correction._accept_if_valid()
    assert correction.result() == QDialog.DialogCode.Accepted, correction.error.text()
    services.repo.correct(correction.corrected, "S1001", correction.reason_text())
    assert services.repo.get(record.id).intake.phone == "138****5678"
