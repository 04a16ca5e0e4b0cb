"""Screens of visits (issue 13) at 1366x768: the home screen's follow-up list and coming prepared
hearings, the follow-up dialog, intake of a returning litigant, the end of a preparation visit
with the recommended way to join, and the litigant rating on the litigant window."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

from hearing_helper.checks.phone_checklist import Answer
from hearing_helper.demo import generate_records
from hearing_helper.domain.enums import DeviceKind, Role, StepId
from hearing_helper.domain.record import AssistRecord, CheckRecord, ClerkProfile, now_local
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.domain.visit import JoinMode, PreparationOutcome, VisitKind
from hearing_helper.reports.aggregate import report_for
from hearing_helper.services import AppServices
from hearing_helper.store import HistoryQuery
from shots._common import save, settle

CLERK = ClerkProfile(staff_id="A017", name="刘芳", desk="2号窗口", court="河北省故城县人民法院")
SIZE = (1366, 768)


def _services(lang: str) -> AppServices:
    services = AppServices.open(Path(tempfile.mkdtemp(prefix="hh-shots-visits-")))
    services.settings.set("language", lang)
    services.repo.save_staff(CLERK)
    services.settings.set("last_staff_id", CLERK.staff_id)
    end = now_local().replace(microsecond=0)
    services.repo.import_finished(
        generate_records(400, seed=13, end=end, days=12, visits=True), "demo"
    )
    return services


def _prepared_draft(case_number: str) -> AssistRecord:
    record = AssistRecord(clerk=CLERK, kind=VisitKind.PREPARATION)
    intake = record.intake
    intake.case_number = case_number
    intake.hearing_at = (now_local() + timedelta(days=3)).replace(hour=9, minute=30, second=0)
    intake.court = CLERK.court
    intake.platform_id = "court_online"
    intake.litigant_name = "王建国"
    intake.role = Role.DEFENDANT
    intake.phone = "13812345678"
    intake.device = DeviceKind.OWN_ANDROID
    intake.consent = True
    record.checks = [
        CheckRecord("camera", "fail", "camera.no_frames"),
        CheckRecord("microphone", "pass", "microphone.ok"),
        CheckRecord("network", "pass", "network.ok"),
    ]
    record.step(StepId.CHECKS).data["phone_checklist"] = {
        "os_version": Answer.FAIL.value,
        "storage": Answer.PASS.value,
    }
    return record


def render(out_dir: Path, lang: str) -> list[Path]:
    from hearing_helper.ui.litigant_view import LitigantWindow
    from hearing_helper.ui.main_window import MainWindow
    from hearing_helper.ui.visits.follow_ups import FollowUpDialog
    from hearing_helper.ui.visits.report_panel import VisitFiguresPanel

    services = _services(lang)
    written: list[Path] = []
    try:
        window = MainWindow(services)
        window.resize(*SIZE)
        window.show()
        window.start(offer_drafts=False)
        panel = window.home.follow_ups
        for _ in range(100):
            if panel.due_list.count():
                break
            settle(100)
        written.append(save(window, out_dir / "visits_home_followups.png"))

        if panel.due:
            dialog = FollowUpDialog(panel.due[0].hearing, window, masked=panel.due[0].masked)
            written.append(save(dialog, out_dir / "visits_followup_dialog.png"))
            dialog.close()

        # A returning litigant: the case number of an earlier visit.
        earlier = services.repo.search(
            HistoryQuery(kind="preparation", status="finished", limit=1)
        )[0]
        window.new_assistance()
        intake = window.wizard.current_page()
        intake.case_number.setText(earlier.case_number)
        intake._on_case_number(earlier.case_number)
        for _ in range(50):
            if intake.earlier.list.count():
                break
            settle(100)
        written.append(save(window, out_dir / "visits_intake_returning.png"))
        window.wizard.close_wizard()
        QApplication.processEvents()

        # The end of a preparation visit: failing desk camera, phone system too old.
        record = _prepared_draft("（2026）冀1126民初8812号")
        record.started_at = now_local() - timedelta(minutes=23)
        window.open_wizard(record)
        wizard = window.wizard
        wizard.go_to(len(wizard.pages) - 1)
        finish = wizard.current_page()
        prep = finish.preparation
        prep.outcome_buttons[PreparationOutcome.READY].setChecked(True)
        prep.mode.setCurrentIndex(prep.mode.findData(str(JoinMode.OWN_PHONE)))
        written.append(save(window, out_dir / "visits_finish_preparation.png"))

        screen = LitigantWindow()
        screen.resize(1024, 640)
        screen.show_content(finish.litigant_content())
        screen.rating_panel.show_choice(4)
        written.append(save(screen, out_dir / "visits_litigant_rating.png"))
        finish.set_litigant_rating(4)
        written.append(save(window, out_dir / "visits_finish_rated_by_litigant.png"))
        screen.deleteLater()

        # The figures the Reports window shows, over the demo data of the last two weeks.
        today = now_local().date()
        report = report_for(services.reports, ReportFilters(today - timedelta(days=14), today))
        figures = VisitFiguresPanel()
        figures.resize(900, 320)
        figures.show_figures(report.visits)
        written.append(save(figures, out_dir / "visits_report_figures.png"))
        figures.deleteLater()
        wizard.close_wizard()
        window.close()
        window.deleteLater()
        QApplication.processEvents()
    finally:
        services.close()
    return written
