"""A step's mark comes from its results, the same in the step list and the record detail."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from hearing_helper.checks.base import CheckResult, CheckStatus
from hearing_helper.checks.registry import available_ids
from hearing_helper.domain.enums import StepId, StepStatus
from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.step_marks import StepMark, step_mark, sync_step_statuses
from hearing_helper.services import AppServices
from tests.ui_fixtures import CLERK, OFFSCREEN_NOISE, english, services  # noqa: F401

pytestmark = OFFSCREEN_NOISE


def record_with(*results: tuple[str, CheckStatus, str]) -> AssistRecord:
    record = AssistRecord(clerk=CLERK)
    record.step(StepId.CHECKS).status = StepStatus.DONE  # the old way: "left the page"
    record.checks = [CheckResult(c, s, code).to_record() for c, s, code in results]
    return record


ALL_PASS = [(c, CheckStatus.PASS, f"{c}.ok") for c in available_ids()]


def test_failed_camera_and_network_do_not_give_a_tick() -> None:
    record = record_with(
        *[r for r in ALL_PASS if r[0] not in ("camera", "network")],
        ("camera", CheckStatus.FAIL, "camera.black"),
        ("network", CheckStatus.FAIL, "network.dns_failed"),
    )
    assert step_mark(record, StepId.CHECKS, available_ids()) is StepMark.FAILED
    sync_step_statuses(record)
    assert record.step(StepId.CHECKS).status is StepStatus.FAILED


def test_warn_skip_with_reason_and_missing_checks() -> None:
    warned = record_with(*ALL_PASS[:-1], (ALL_PASS[-1][0], CheckStatus.WARN, "x.warn"))
    assert step_mark(warned, StepId.CHECKS, available_ids()) is StepMark.WARNED
    skipped = record_with(*ALL_PASS[:-1], (ALL_PASS[-1][0], CheckStatus.SKIPPED, "x.no_device"))
    assert step_mark(skipped, StepId.CHECKS, available_ids()) is StepMark.PASSED
    no_reason = record_with(*ALL_PASS[:-1], (ALL_PASS[-1][0], CheckStatus.SKIPPED, ""))
    assert step_mark(no_reason, StepId.CHECKS, available_ids()) is StepMark.IN_PROGRESS
    partial = record_with(*ALL_PASS[:2])
    assert step_mark(partial, StepId.CHECKS, available_ids()) is StepMark.IN_PROGRESS


def test_install_with_every_guide_step_done_passes_even_if_never_left() -> None:
    record = AssistRecord(clerk=CLERK)
    state = record.step(StepId.INSTALL)
    state.status = StepStatus.IN_PROGRESS
    state.data.update({"total": 3, "steps": {"a": "done", "b": "skipped", "c": "done"}})
    assert step_mark(record, StepId.INSTALL) is StepMark.PASSED
    sync_step_statuses(record)
    assert state.status is StepStatus.DONE
    state.data["steps"]["c"] = "failed"
    assert step_mark(record, StepId.INSTALL) is StepMark.FAILED


def test_navigator_and_record_detail_show_the_same_mark(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    from hearing_helper.ui.catalog_cache import catalog_for
    from hearing_helper.ui.shell.record_detail import RecordDetailDialog
    from hearing_helper.ui.wizard.wizard import AssistanceWizard
    from tests.ui_fixtures import core_pages
    from tests.ui_windows import seed  # a finished record whose microphone check failed

    record_id = seed(services)
    dialog = RecordDetailDialog(services, record_id, "A001", catalog_for(services))
    qtbot.addWidget(dialog)
    detail = dialog.browser.toPlainText()
    assert "\u2716 Failed" in detail, detail

    draft = record_with(*ALL_PASS[1:], ("camera", CheckStatus.FAIL, "camera.black"))
    wizard = AssistanceWizard(services, draft, CLERK.staff_id, pages=core_pages(services))
    qtbot.addWidget(wizard)
    checks_row = wizard.navigator.item(1)
    assert checks_row.text().startswith("\u2716 2."), checks_row.text()
    assert "Failed" in checks_row.toolTip()
