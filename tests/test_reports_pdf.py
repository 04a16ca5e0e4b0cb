"""The PDF summary renders (pdftoppm) and carries the figures (pdftotext), in Chinese."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from hearing_helper.catalog.model import PROBLEM_CODES
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.reports.export import export_log
from hearing_helper.ui.pdf.summary import write_summary_pdf
from hearing_helper.ui.pdf.translator import translator_for
from tests.reports_fixtures import seeded_services

pytestmark = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
    reason="poppler-utils missing (tools/system_deps.sh test installs it)",
)


def test_summary_pdf_renders_with_the_figures(
    qapp: QApplication, data_dir: Path, tmp_path: Path
) -> None:
    # qapp: the PDF writer would otherwise create a bare QGuiApplication, and pytest-qt's
    # QApplication could not be made after it in the same process.
    services = seeded_services(data_dir)
    out = tmp_path / "summary.pdf"
    try:
        result = export_log(
            services.store,
            ReportFilters(date(2026, 3, 1), date(2026, 4, 30)),
            "pdf",
            out,
            actor="sup",
            translate=translator_for("zh_CN"),
            write_pdf=write_summary_pdf,
        )
    finally:
        services.close()
    assert result.row_count == 5 and out.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(out), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 3 and all(p.stat().st_size > 5000 for p in pages)
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], check=True, capture_output=True, text=True
    ).stdout
    # Exactly the Chinese drawn: no Kangxi radicals in place of 人, 网 (ui/pdf/text_layer.py).
    compact = " ".join(text.split())
    assert "2026-03-01" in compact and "2026-04-30" in compact
    for figure in ("60.0%", "20 分钟", "40 分钟", "3.50", "80.0%"):
        assert figure in compact, figure
    assert "网上庭审协助工作汇总" in compact
    assert "开庭当天协助人数 5" in compact and "参加庭审人数 3" in compact
    # The top problem of the Pareto list, in words rather than its code.
    storage = translator_for("zh_CN")("catalog", PROBLEM_CODES["no_storage"])
    assert storage in compact and "no_storage" not in compact
