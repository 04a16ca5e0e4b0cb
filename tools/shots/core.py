"""Screens of the foundation: history, intake with validation errors, finish, detail, litigant."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

from hearing_helper.demo import generate_records
from hearing_helper.domain.enums import DeviceKind, Outcome, Role, StepId
from hearing_helper.domain.record import AssistRecord, ClerkProfile, now_local
from hearing_helper.services import AppServices
from shots._common import save, wait_for

CLERK = ClerkProfile(staff_id="A017", name="刘芳", desk="2号窗口", court="北京市朝阳区人民法院")


def _services(lang: str) -> AppServices:
    services = AppServices.open(Path(tempfile.mkdtemp(prefix="hh-shots-")))
    services.settings.set("language", lang)
    services.repo.save_staff(CLERK)
    services.settings.set("last_staff_id", CLERK.staff_id)
    end = now_local().replace(microsecond=0)
    services.repo.import_finished(generate_records(60, seed=7, end=end, days=20), "demo")
    return services


def render(out_dir: Path, lang: str) -> list[Path]:
    from hearing_helper.ui.litigant_view import LitigantWindow
    from hearing_helper.ui.main_window import MainWindow
    from hearing_helper.ui.shell.drafts_dialog import DraftsDialog
    from hearing_helper.ui.shell.profile_dialog import ProfileDialog
    from hearing_helper.ui.shell.record_detail import RecordDetailDialog
    from hearing_helper.ui.shell.settings_dialog import SettingsDialog
    from hearing_helper.ui.wizard.base import LitigantContent

    services = _services(lang)
    written: list[Path] = []
    try:
        window = MainWindow(services)
        window.show_initial()
        window.start(offer_drafts=False)
        wait_for(window.home.history.results_shown)
        written.append(save(window, out_dir / "core_history.png"))

        # Intake with typing mistakes: messages beside the fields.
        window.new_assistance()
        intake = window.wizard.current_page()
        intake.case_number.setText("2024京0105民初")
        intake._on_case_number("2024京0105民初")
        intake.litigant_name.setText("王建国")
        intake._on_name("王建国")
        intake.phone.setText("138123")
        intake.phone._on_edited("138123")
        intake.role.setCurrentIndex(intake.role.findData(str(Role.PLAINTIFF)))
        intake.device.setCurrentIndex(intake.device.findData(str(DeviceKind.OWN_ANDROID)))
        written.append(save(window, out_dir / "core_intake_error.png"))

        # Finish page with an outcome and satisfaction chosen.
        wizard = window.wizard
        wizard.record.started_at = now_local() - timedelta(minutes=17, seconds=12)
        wizard.go_to(4)
        finish = wizard.current_page()
        finish.outcome_buttons[Outcome.JOINED_AFTER_HELP].setChecked(True)
        finish.satisfaction_buttons[5].setChecked(True)
        finish.notes.setPlainText("手机存储空间不足，清理后安装成功。")
        written.append(save(window, out_dir / "core_finish.png"))

        screen = LitigantWindow()
        screen.show_content(finish.litigant_content())
        written.append(save(screen, out_dir / "core_litigant.png"))
        screen.show_content(
            LitigantContent(
                title=intake.tr("Welcome to the help desk"),
                lines=[intake.tr("Please have your phone and ID card ready.")],
                qr_payload="https://meeting.tencent.com/dm/abcdEFGH1234",
                qr_caption="腾讯会议 / Tencent Meeting",
            )
        )
        written.append(save(screen, out_dir / "core_litigant_qr.png"))
        screen.deleteLater()

        # Record detail with a correction (two versions).
        row = window.home.history.model.rows[0]
        record = services.repo.get(row.id)
        record.intake.litigant_name = record.intake.litigant_name[:1] + "晓明"
        services.repo.correct(record, CLERK.staff_id, "姓名录错 / name typed wrong")
        detail = RecordDetailDialog(services, row.id, CLERK.staff_id, window.catalog, window)
        written.append(save(detail, out_dir / "core_detail.png"))
        detail.close()

        draft = AssistRecord(clerk=CLERK)
        draft.intake.case_number = "（2026）京0105民初8812号"
        draft.intake.litigant_name = "陈桂兰"
        draft.current_step = StepId.INSTALL
        drafts = DraftsDialog([draft, wizard.record], window)
        written.append(save(drafts, out_dir / "core_drafts.png"))
        drafts.close()

        profile = ProfileDialog([], None, "北京市朝阳区人民法院", window)
        written.append(save(profile, out_dir / "core_profile_first_run.png"))
        profile.close()
        settings = SettingsDialog(services.settings, window)
        written.append(save(settings, out_dir / "core_settings.png"))
        settings.close()

        wizard.close_wizard()
        window.close()
        window.deleteLater()
        QApplication.processEvents()
    finally:
        services.close()
    written.append(_settings_set_aside(out_dir, lang))
    return written


def _settings_set_aside(out_dir: Path, lang: str) -> Path:
    """The start screen after a settings file that could not be read was moved aside."""
    from hearing_helper.ui.main_window import MainWindow

    data_dir = Path(tempfile.mkdtemp(prefix="hh-shots-settings-"))
    (data_dir / "settings.json").write_bytes(
        b'{"language": "%s", "court_name": "x",}' % lang.encode()
    )
    services = AppServices.open(data_dir, set_aside_bad_settings=True)
    try:
        window = MainWindow(services, CLERK)
        window.resize(880, 700)  # the clerk's window beside the litigant's on 1366 x 768
        window.show()
        window.start(offer_drafts=False)
        wait_for(window.home.history.results_shown)
        path = save(window, out_dir / "core_settings_set_aside.png")
        window.close()
        window.deleteLater()
        QApplication.processEvents()
    finally:
        services.close()
    return path
