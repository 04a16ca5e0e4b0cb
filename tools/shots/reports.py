"""Screens of the reports area: the report view, a drill-down, the password dialog, the PDF."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from hearing_helper.demo import generate_records
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.services import AppServices
from shots._common import save, wait_for

TODAY = date(2026, 11, 27)
END = datetime(2026, 11, 27, 18, 0, tzinfo=timezone(timedelta(hours=8)))


def render(out_dir: Path, lang: str) -> list[Path]:
    from hearing_helper.reports.export import export_log
    from hearing_helper.ui.pdf.summary import write_summary_pdf
    from hearing_helper.ui.pdf.translator import translator_for
    from hearing_helper.ui.reports.drilldown import DrillDownDialog
    from hearing_helper.ui.reports.supervisor import PasswordDialog
    from hearing_helper.ui.reports.view import ReportsWindow

    services = AppServices.open(Path(tempfile.mkdtemp(prefix="hh-shots-reports-")))
    services.settings.set("language", lang)
    services.repo.import_finished(generate_records(4000, seed=3, end=END, days=120), "demo")
    written: list[Path] = []
    try:
        window = ReportsWindow(services, today=TODAY)
        window.show()
        wait_for(window.report_shown)
        window.filter_bar.set_period(date(2026, 10, 1), date(2026, 10, 31))
        wait_for(window.report_shown)
        written.append(save(window, out_dir / f"reports_view_{lang}.png"))

        window.granularity.setCurrentIndex(window.granularity.findData("week"))
        drill = window.open_drill(_first_reason(window), _first_reason_title(window))
        if isinstance(drill, DrillDownDialog):
            wait_for(drill.loaded)
            written.append(save(drill, out_dir / f"reports_drilldown_{lang}.png"))
            drill.close()

        from hearing_helper.auth import auth_for

        auth_for(services).set_password("shots-password", "shots")
        purpose = QCoreApplication.translate("ExportController", "export the assistance log")
        gate = PasswordDialog(services, purpose)
        written.append(save(gate, out_dir / f"reports_password_{lang}.png"))
        gate.close()
        window.close()

        pdf = out_dir / f"reports_summary_{lang}.pdf"
        export_log(
            services.store,
            ReportFilters(date(2026, 10, 1), date(2026, 10, 31)),
            "pdf",
            pdf,
            actor="shots",
            translate=translator_for(lang),
            write_pdf=write_summary_pdf,
        )
        if shutil.which("pdftoppm"):
            prefix = out_dir / f"reports_summary_{lang}"
            subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(prefix)], check=True)
            written += sorted(out_dir.glob(f"reports_summary_{lang}-*.png"))
        pdf.unlink(missing_ok=True)
    finally:
        services.close()
    return written


def _first_reason(window: object):  # -> Drill
    from hearing_helper.reports.drill import Drill

    reason = window.report.failure_reasons[0]  # type: ignore[attr-defined]
    return Drill("reason", (reason.kind, reason.code))


def _first_reason_title(window: object) -> str:
    from hearing_helper.ui.pdf.summary import failure_items
    from hearing_helper.ui.reports.text import tr_reports

    return failure_items(window.report, tr_reports, limit=1)[0].label  # type: ignore[attr-defined]
