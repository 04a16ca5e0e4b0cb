"""The Device checks page with fake devices: run all, re-run one, cancel, the speaker question,
device pickers and hot-plug, the phone checklist, what lands in the record."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hearing_helper.checks.device_api import DeviceInfo
from hearing_helper.checks.fake_devices import FakeDeviceProvider
from hearing_helper.checks.phone_checklist import Answer
from hearing_helper.domain.enums import StepId
from hearing_helper.domain.record import AssistRecord, ClerkProfile
from hearing_helper.paths import asset_path
from hearing_helper.services import AppServices
from hearing_helper.ui.checks import ChecksPage
from hearing_helper.ui.checks.fakes import FakeLiveDevices


@pytest.fixture
def services(data_dir: Path) -> Iterator[AppServices]:
    opened = AppServices.open(data_dir)
    yield opened
    opened.close()


def _page(
    qtbot: QtBot, services: AppServices, fake: FakeDeviceProvider | None = None
) -> tuple[ChecksPage, FakeLiveDevices, AssistRecord]:
    devices = FakeLiveDevices(fake or FakeDeviceProvider())
    page = ChecksPage(services, provider=devices)
    qtbot.addWidget(page)
    record = AssistRecord(clerk=ClerkProfile("A1", "Test clerk"))
    page.load(record)
    return page, devices, record


def _run_and_wait(qtbot: QtBot, page: ChecksPage, ids: list[str] | None = None) -> None:
    with qtbot.waitSignal(page.controller.finished, timeout=15000):
        if ids is None:
            page.run_all()
        else:
            for check_id in ids:
                page.rerun(check_id)


def test_run_all_with_good_devices(qtbot: QtBot, services: AppServices) -> None:
    page, devices, record = _page(qtbot, services)
    assert devices.previewing == "cam0" and devices.monitoring == "mic0"
    changes: list[int] = []
    page.changed.connect(lambda: changes.append(1))
    _run_and_wait(qtbot, page)
    statuses = {check_id: row.status for check_id, row in page.rows.items()}
    assert statuses["camera"] == statuses["microphone"] == statuses["speakers"] == "pass"
    assert statuses["system"] == "pass"
    stored = {c.check_id: c for c in record.checks}
    assert stored["camera"].metrics["fps"] == 25.0
    assert stored["microphone"].code == "microphone.ok"
    assert stored["speakers"].code == "speakers.loopback_ok"
    assert len(changes) >= 4
    assert page.is_complete()
    assert "passed" in page.progress_label.text()
    assert page.run_button.isEnabled() and not page.cancel_button.isEnabled()


def test_rerun_one_replaces_only_that_result(qtbot: QtBot, services: AppServices) -> None:
    fake = FakeDeviceProvider()
    page, _devices, record = _page(qtbot, services, fake)
    _run_and_wait(qtbot, page)
    camera_before = next(c for c in record.checks if c.check_id == "camera")
    fake.mic_level_dbfs = -56.0
    _run_and_wait(qtbot, page, ["microphone"])
    microphone = [c for c in record.checks if c.check_id == "microphone"]
    assert len(microphone) == 1 and microphone[0].code == "microphone.quiet"
    assert next(c for c in record.checks if c.check_id == "camera") is camera_before
    row = page.rows["microphone"]
    assert row.status == "warn"
    assert row.remedy.isVisibleTo(page) and "closer" in row.remedy.text()
    assert row.badge.text().endswith("Warning")  # a word, not colour alone


def test_cancel_stops_a_run(qtbot: QtBot, services: AppServices) -> None:
    page, _devices, record = _page(qtbot, services, FakeDeviceProvider(real_time=True))
    # check_started is emitted from the runner's threads: a waitSignal blocker on it is called
    # from those threads and raced its own clean-up (a rare crash). Wait on the page instead.
    page.run_all()
    qtbot.waitUntil(lambda: bool(page._running), timeout=5000)
    assert page.cancel_button.isEnabled()
    with qtbot.waitSignal(page.controller.finished, timeout=5000):
        page.cancel()
    codes = {c.check_id: c.code for c in record.checks}
    assert codes["microphone"] == "microphone.cancelled"
    assert codes["speakers"] == "speakers.cancelled"
    assert page.run_button.isEnabled()


def test_speaker_question_heard(qtbot: QtBot, services: AppServices) -> None:
    fake = FakeDeviceProvider()
    page, _devices, record = _page(qtbot, services, fake)
    page.devices.loopback.setChecked(False)
    with qtbot.waitSignal(page.controller.heard_question, timeout=5000):
        page.rerun("speakers")
    assert page.heard_box.isVisibleTo(page)
    assert "hear" in page.litigant_content().lines[0]
    with qtbot.waitSignal(page.controller.finished, timeout=5000):
        page.heard_box.yes.click()
    assert next(c for c in record.checks if c.check_id == "speakers").code == "speakers.heard"
    assert fake.played == ["spk0", "spk0"]
    assert not page.heard_box.isVisibleTo(page)


def test_speaker_question_not_heard(qtbot: QtBot, services: AppServices) -> None:
    page, _devices, record = _page(qtbot, services)
    page.devices.loopback.setChecked(False)
    with qtbot.waitSignal(page.controller.heard_question, timeout=5000):
        page.rerun("speakers")
    with qtbot.waitSignal(page.controller.finished, timeout=5000):
        page.heard_box.no.click()
    result = next(c for c in record.checks if c.check_id == "speakers")
    assert (result.status, result.remedy_code) == ("fail", "speakers.volume")


def test_device_choice_is_remembered_and_hotplug_refreshes(
    qtbot: QtBot, services: AppServices
) -> None:
    fake = FakeDeviceProvider(
        cameras_list=[DeviceInfo("cam0", "Built-in", True), DeviceInfo("usb1", "USB camera")]
    )
    page, devices, _record = _page(qtbot, services, fake)
    combo = page.devices.camera_combo
    combo.setCurrentIndex(combo.findData("usb1"))
    assert services.settings.get("camera_id") == "usb1"
    assert devices.previewing == "usb1"
    devices.plug(cameras_list=[])
    assert not combo.isEnabled() and "no camera" in combo.currentText()
    devices.plug(cameras_list=[DeviceInfo("cam0", "Built-in", True), DeviceInfo("usb1", "USB")])
    assert combo.currentData() == "usb1"  # the remembered one comes back


def test_phone_checklist_saved_in_record(qtbot: QtBot, services: AppServices) -> None:
    page, _devices, record = _page(qtbot, services)
    page.phone.choose("storage", Answer.FAIL)
    page.phone.choose("wechat", Answer.NOT_APPLICABLE)
    data = record.step(StepId.CHECKS).data["phone_checklist"]
    assert data == {"storage": "fail", "wechat": "na"}
    phone = next(c for c in record.checks if c.check_id == "phone")
    assert phone.code == "phone.items_failed" and phone.metrics["failed_items"] == "storage"
    assert page.phone._remedies["storage"].isVisibleTo(page)  # the sentence to read out
    again = ChecksPage(services, provider=FakeLiveDevices())
    qtbot.addWidget(again)
    again.load(record)
    assert again.phone.answers() == {"storage": Answer.FAIL, "wechat": Answer.NOT_APPLICABLE}


def test_stored_results_shown_on_revisit_and_leave_stops_live(
    qtbot: QtBot, services: AppServices
) -> None:
    page, devices, record = _page(qtbot, services, FakeDeviceProvider(camera_mode="black"))
    _run_and_wait(qtbot, page, ["camera"])
    page.leave()
    assert devices.previewing is None and devices.monitoring is None
    other = ChecksPage(services, provider=FakeLiveDevices())
    qtbot.addWidget(other)
    other.load(record)
    assert other.rows["camera"].status == "fail"
    assert other.rows["camera"].code == "camera.black"
    assert not other.is_complete()


def test_litigant_instruction_follows_the_check(qtbot: QtBot, services: AppServices) -> None:
    page, _devices, _record = _page(qtbot, services, FakeDeviceProvider(real_time=True))
    assert "will check" in page.litigant_content().lines[0]
    with qtbot.waitSignal(page.litigant_content_changed, timeout=5000):
        page.rerun("microphone")
    assert "The weather is nice today" in page.litigant_content().lines[0]
    with qtbot.waitSignal(page.controller.finished, timeout=10000):
        page.cancel()


def test_litigant_sees_one_plain_sentence_per_result(qtbot: QtBot, services: AppServices) -> None:
    from hearing_helper.checks.base import CheckResult, CheckStatus

    page, _devices, _record = _page(qtbot, services)
    with qtbot.waitSignal(page.litigant_content_changed):
        page._on_result(CheckResult("camera", CheckStatus.FAIL, "camera.black"))
    page._on_result(CheckResult("network", CheckStatus.PASS, "network.ok"))
    lines = page.litigant_content().lines
    assert "\u2716 Camera: not working yet. The clerk is fixing it." in lines
    assert "\u2714 Working: Internet." in lines
    assert not any("black" in line or "camera." in line for line in lines)  # not the clerk's words


def test_f5_runs_all_checks(qtbot: QtBot, services: AppServices) -> None:
    page, _devices, _record = _page(qtbot, services)
    page.show()
    page.activateWindow()
    qtbot.waitActive(page)
    page.run_button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
    with qtbot.waitSignal(page.controller.finished, timeout=15000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F5)
    assert all(row.status != "waiting" for row in page.rows.values())


def test_phone_checklist_answers_by_key_and_moves_on(qtbot: QtBot) -> None:
    from hearing_helper.checks.phone_checklist import PHONE_ITEMS
    from hearing_helper.ui.checks.phone_panel import PhoneChecklist

    panel = PhoneChecklist()
    qtbot.addWidget(panel)
    panel.show()
    panel.activateWindow()
    qtbot.waitActive(panel)
    first, second = PHONE_ITEMS[0].id, PHONE_ITEMS[1].id
    panel._buttons[(first, Answer.PASS)].setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N)
    assert panel.answers() == {first: Answer.FAIL}
    assert panel._buttons[(second, Answer.PASS)].hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Y)
    assert panel.answers() == {first: Answer.FAIL, second: Answer.PASS}


def test_chinese_translations_load(qtbot: QtBot) -> None:
    translator = QTranslator()
    assert translator.load(str(asset_path("i18n", "checks_zh_CN.qm")))
    app = QCoreApplication.instance()
    assert app is not None
    app.installTranslator(translator)
    try:
        assert QCoreApplication.translate("checks", "No camera found.") == "没有找到摄像头。"
        assert "微信" in QCoreApplication.translate(
            "checks",
            "The camera may be in use by another program. Close WeChat video or other meeting "
            "apps, then try again.",
        )
    finally:
        app.removeTranslator(translator)


def test_level_meter_clamps_and_holds_peak(qtbot: QtBot) -> None:
    from hearing_helper.ui.widgets.level_meter import FLOOR_DBFS, LevelMeter

    meter = LevelMeter()
    qtbot.addWidget(meter)
    meter.set_level(-200.0)
    assert meter.level() == FLOOR_DBFS
    meter.set_level(-12.0)
    meter.set_level(-40.0)
    assert meter.level() == -40.0 and meter._peak == -12.0  # the peak marker stays a moment
    assert "-40" in meter.accessibleDescription()
    meter.set_level(5.0)
    assert meter.level() == 0.0
    meter.resize(300, 26)
    image = meter.grab().toImage()
    assert image.pixelColor(150, 13) != image.pixelColor(5, 2)  # something was drawn


def test_network_targets_from_catalog_and_settings(services: AppServices) -> None:
    from hearing_helper.ui.checks.context import build_context, network_targets

    services.settings.set("network_urls", ["http://127.0.0.1:9/extra"])
    endpoints, stun = network_targets(services, "tencent_meeting")
    assert endpoints == ["https://meeting.tencent.com/", "http://127.0.0.1:9/extra"]
    assert stun == []
    assert network_targets(services, "no-such-platform")[0] == ["http://127.0.0.1:9/extra"]
    services.settings.set("thresholds", {"microphone.rms_warn_dbfs": -45})
    ctx = build_context(services, "", None, ("c", "m", "s"), False, (1024, 768))
    assert ctx.thresholds["microphone.rms_warn_dbfs"] == -45.0
    assert ctx.options["microphone_id"] == "m" and ctx.options["loopback"] is False
    assert ctx.options["screen"] == (1024, 768) and ctx.interactive


def test_hiding_the_page_turns_the_camera_off(qtbot: QtBot, services: AppServices) -> None:
    page, devices, _record = _page(qtbot, services)
    page.show()
    qtbot.waitExposed(page)
    page.hide()
    assert devices.previewing is None and devices.monitoring is None
    page.show()
    assert devices.previewing == "cam0" and devices.monitoring == "mic0"


def test_network_without_a_platform_says_choose_the_platform(
    qtbot: QtBot, services: AppServices
) -> None:
    page, _devices, record = _page(qtbot, services)
    assert record.intake.platform_id == ""
    page.rerun("network")
    row = page.rows["network"]
    assert row.status == "skipped"
    assert "no hearing platform is chosen" in row.finding.text()
    assert "Choose the platform in step 1" in row.remedy.text()
    assert "court IT" not in row.finding.text() + row.remedy.text()


def test_phone_problems_are_named(qtbot: QtBot, services: AppServices) -> None:
    page, _devices, record = _page(qtbot, services)
    page.phone.choose("storage", Answer.FAIL)
    row_text = next(c for c in record.checks if c.check_id == "phone")
    from hearing_helper.ui.checks.texts import finding_text

    text = finding_text(row_text.code, row_text.metrics)
    assert "At least 1 GB of free storage" in text, text


def test_the_count_names_what_needs_attention(qtbot: QtBot, services: AppServices) -> None:
    from hearing_helper.checks.base import CheckResult, CheckStatus

    page, _devices, _record = _page(qtbot, services)
    page._on_result(CheckResult("camera", CheckStatus.FAIL, "camera.black"))
    page._on_result(CheckResult("system", CheckStatus.PASS, "system.ok"))
    assert page.progress_label.text() == "1 passed; needs attention: Camera"


def test_many_failures_become_one_litigant_sentence() -> None:
    from hearing_helper.ui.checks.litigant_texts import litigant_results

    statuses = {"system": "pass", "camera": "fail", "network": "fail", "microphone": "error"}
    assert len(litigant_results(statuses)) == 4  # three problems: one sentence each
    statuses["speakers"] = "fail"
    lines = litigant_results(statuses)
    assert lines == [
        "\u2714 Working: Computer.",
        "\u2716 Not working yet: Camera, Internet, Microphone, Sound. The clerk is fixing it.",
    ]


def test_a_microphone_passed_by_the_loopback_shows_the_tone_not_silence(
    qtbot: QtBot, services: AppServices
) -> None:
    from hearing_helper.checks.base import CheckResult, CheckStatus

    page, _devices, _record = _page(qtbot, services)
    metrics = {"rms_dbfs": -120.0, "peak_dbfs": -120.0, "loopback_snr_db": 27.0}
    page._on_result(CheckResult("microphone", CheckStatus.PASS, "microphone.loopback_ok", metrics))
    figures = page.rows["microphone"].figures.text()
    assert "-120" not in figures and "27 dB" in figures, figures
