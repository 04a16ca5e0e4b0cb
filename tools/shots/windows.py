"""Every top-level window and dialog as the clerk meets it on a 1366 x 768 desk screen: the main
window maximised on each step of a realistic assistance, every dialog, the litigant window
beside the clerk's window, and the reports with a drill-down."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from hearing_helper.checks.fake_devices import FakeDeviceProvider
from hearing_helper.checks.phone_checklist import Answer
from hearing_helper.demo import generate_records
from hearing_helper.domain.enums import DeviceKind, Outcome, Role, StepId
from hearing_helper.domain.record import ClerkProfile, now_local
from hearing_helper.reports.drill import Drill
from hearing_helper.services import AppServices
from shots._common import settle, wait_for

CLERK = ClerkProfile(staff_id="A017", name="刘芳", desk="2号窗口", court="北京市朝阳区人民法院")


def _services(lang: str) -> AppServices:
    from hearing_helper.ui.checks.fakes import FakeLiveDevices

    services = AppServices.open(Path(tempfile.mkdtemp(prefix="hh-shots-windows-")))
    services.settings.set("language", lang)
    services.settings.set("help_desk_phone", "010-85912345")
    services.repo.save_staff(CLERK)
    services.settings.set("last_staff_id", CLERK.staff_id)
    end = now_local().replace(microsecond=0)
    services.repo.import_finished(generate_records(80, seed=11, end=end, days=25), "demo")
    services.session.device_provider = FakeLiveDevices(FakeDeviceProvider())
    return services


def _shot(window: QWidget, path: Path) -> Path:
    """The window as it lies on the screen, frame-less (offscreen), after layouts settle."""
    if not window.isVisible():
        window.show()
    settle(250)
    window.grab().save(str(path))
    return path


def _wait_checks(page: object) -> None:
    loop = QEventLoop()
    page.controller.finished.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(30000, loop.quit)
    if page.controller.running:  # type: ignore[attr-defined]
        loop.exec()
    settle()


def render(out_dir: Path, lang: str) -> list[Path]:
    from hearing_helper.ui.catalog_cache import catalog_for
    from hearing_helper.ui.main_window import MainWindow
    from hearing_helper.ui.reports.drilldown import DrillDownDialog
    from hearing_helper.ui.reports.supervisor import PasswordDialog
    from hearing_helper.ui.reports.view import ReportsWindow
    from hearing_helper.ui.shell.correction_dialog import CorrectionDialog
    from hearing_helper.ui.shell.keyboard_help import KeyboardDialog
    from hearing_helper.ui.shell.record_detail import RecordDetailDialog
    from hearing_helper.ui.shell.settings_dialog import SettingsDialog
    from hearing_helper.ui.wizard.wizard_dialogs import EndEarlyDialog, SkipStepDialog

    services = _services(lang)
    written: list[Path] = []
    out = out_dir / "windows"
    out.mkdir(exist_ok=True)
    try:
        window = MainWindow(services)
        window.show_initial()
        window.start(offer_drafts=False)
        wait_for(window.home.history.results_shown)
        catalog_for(services)
        written.append(_shot(window, out / "01_main_history.png"))

        window.new_assistance()
        wizard = window.wizard
        intake = wizard.current_page()
        written.append(_shot(window, out / "02_step1_intake_empty.png"))
        intake.case_number.setText("（2026）京0105民初8812号")
        intake._on_case_number(intake.case_number.text())
        intake.litigant_name.setText("陈桂兰")
        intake._on_name("陈桂兰")
        intake.phone.setText("13812345678")
        intake.phone._on_edited("13812345678")
        intake.role.setCurrentIndex(intake.role.findData(str(Role.PLAINTIFF)))
        intake.device.setCurrentIndex(intake.device.findData(str(DeviceKind.OWN_ANDROID)))
        intake.platform.setCurrentIndex(intake.platform.findData("tencent_meeting"))
        written.append(_shot(window, out / "03_step1_intake_filled.png"))

        wizard.go_to(1)
        checks = wizard.current_page()
        checks.run_all()
        _wait_checks(checks)
        for item in ("os_version", "network", "permissions", "app_store", "wechat"):
            checks.phone.choose(item, Answer.PASS)
        checks.phone.choose("storage", Answer.FAIL)
        written.append(_shot(window, out / "04_step2_checks.png"))
        window.litigant_screen.set_visible(True)
        written.append(_shot(window.litigant_screen.window, out / "05_litigant_checks.png"))
        _desktop(window, out / "06_desk_clerk_and_litigant.png", written)

        wizard.go_to(2)
        install = wizard.current_page()
        install.mark("done")
        written.append(_shot(window, out / "07_step3_install.png"))
        written.append(_shot(window.litigant_screen.window, out / "08_litigant_install.png"))

        wizard.go_to(3)
        join = wizard.current_page()
        join.editors["link"].setText("https://meeting.tencent.com/dm/AbCdEf123")
        join._on_edited("link")
        join.editors["meeting_id"].setText("123456789")
        join._on_edited("meeting_id")
        written.append(_shot(window, out / "09_step4_join.png"))
        written.append(_shot(window.litigant_screen.window, out / "10_litigant_join_qr.png"))

        wizard.record.started_at = now_local() - timedelta(minutes=23)
        wizard.go_to(4)
        finish = wizard.current_page()
        finish.outcome_buttons[Outcome.JOINED_AFTER_HELP].setChecked(True)
        finish.satisfaction_buttons[5].setChecked(True)
        written.append(_shot(window, out / "11_step5_finish.png"))
        window.litigant_screen.set_visible(False)

        dialogs: list[tuple[str, QWidget]] = [
            ("12_skip_step", SkipStepDialog(install.title(), window)),
            ("13_end_early", EndEarlyDialog(window)),
            ("14_keyboard", KeyboardDialog(window)),
            ("15_settings", SettingsDialog(services.settings, window)),
            ("16_supervisor_password", PasswordDialog(services, "see the reports", window)),
        ]
        wizard.close_wizard()
        row = window.home.history.model.rows[0]
        record = services.repo.get(row.id)
        detail = RecordDetailDialog(services, row.id, "A017", window.catalog, window)
        dialogs += [
            ("17_record_detail", detail),
            ("18_correction", CorrectionDialog(services, record, window)),
        ]
        for name, dialog in dialogs:
            written.append(_shot(dialog, out / f"{name}.png"))
            dialog.close()
            dialog.deleteLater()

        reports = ReportsWindow(services, window)
        reports.show()
        wait_for(reports.report_shown)
        written.append(_shot(reports, out / "19_reports.png"))
        if reports.report is not None:
            drill = DrillDownDialog(
                reports, reports.report.filters, Drill("step", (str(StepId.CHECKS), "failed")), ""
            )
            drill.show()
            wait_for(drill.loaded, 5000)
            written.append(_shot(drill, out / "20_reports_drilldown.png"))
            drill.close()
        reports.close()
        window.close()
        window.deleteLater()
        QApplication.processEvents()
    finally:
        services.close()
    return written


def _desktop(window: QWidget, path: Path, written: list[Path]) -> None:
    """The whole 1366 x 768 screen: the clerk's window and the litigant window beside it."""
    from PySide6.QtGui import QPainter, QPixmap

    screen = window.screen().availableGeometry()
    canvas = QPixmap(screen.size())
    canvas.fill()
    painter = QPainter(canvas)
    for shown in (window, window.litigant_screen.window):  # type: ignore[attr-defined]
        settle(150)
        painter.drawPixmap(shown.geometry().topLeft(), shown.grab())
    painter.end()
    canvas.save(str(path))
    written.append(path)
