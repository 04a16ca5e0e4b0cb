"""The monthly summary as a PDF (A4, Chinese by default): KPI table, charts and visit figures.

Painted with QPdfWriter + QPainter and the same chart code as the report view
(:mod:`hearing_helper.ui.pdf.charts`). Works from the command line too: a headless
QGuiApplication is created when none exists.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP
from hearing_helper.reports.aggregate import Report
from hearing_helper.reports.labels import (
    CONTEXT,
    STEP_LABELS,
    WEEKDAY_LABELS,
    Translate,
    kind_label,
    label,
    reason_label,
)
from hearing_helper.reports.report_text import (
    HEARING_DAY_OUTCOMES,
    cumulative_note,
    kpi_rows,
    outcome_rows,
    visit_sections,
)
from hearing_helper.ui.pdf.charts import (
    HBarItem,
    paint_hbar_chart,
    paint_heatmap,
    paint_vbar_chart,
)
from hearing_helper.ui.pdf.text_layer import fix_pdf_text_layer

__all__ = ["failure_items", "funnel_items", "kpi_rows", "write_summary_pdf"]

# Latin and digits from DejaVu Sans first: with Noto CJK alone, digits after Latin text lose
# their text mapping in the PDF (copy/paste and pdftotext give nothing). Windows has neither,
# and falls through to Microsoft YaHei.
FONT_FAMILIES = [
    "DejaVu Sans",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "SimHei",
]
RESOLUTION = 300
TOP_REASONS = 10

TITLE = QT_TRANSLATE_NOOP("reports", "Online hearing assistance — summary")
PERIOD = QT_TRANSLATE_NOOP("reports", "Period: %1 to %2")
FILTERS = QT_TRANSLATE_NOOP("reports", "Filters: %1")
NO_FILTERS = QT_TRANSLATE_NOOP("reports", "all courts, desks and clerks")
MADE_AT = QT_TRANSLATE_NOOP("reports", "Made on %1 · page %2 of %3")
KEY_FIGURES = QT_TRANSLATE_NOOP("reports", "Key figures")
BY_DAY = QT_TRANSLATE_NOOP("reports", "Assisted on hearing day, per day")
BY_MONTH = QT_TRANSLATE_NOOP("reports", "Assisted on hearing day, per month")
ASSISTED = QT_TRANSLATE_NOOP("reports", "Assisted")
JOINED = QT_TRANSLATE_NOOP("reports", "Joined")
TOP_FAILURES = QT_TRANSLATE_NOOP(
    "reports", "What went wrong most (top 10; count · cumulative share)"
)
FUNNEL = QT_TRANSLATE_NOOP("reports", "Steps: reached and failed")
LOAD = QT_TRANSLATE_NOOP("reports", "Busy hours (weekday × hour)")
NONE = QT_TRANSLATE_NOOP("reports", "none")
KIND_AND_REASON = QT_TRANSLATE_NOOP("reports", "%1: %2")
STEP_NOTE = QT_TRANSLATE_NOOP("reports", "%1 reached · %2 failed")
VISITS_PAGE = QT_TRANSLATE_NOOP("reports", "Preparation visits and follow-up")
PAGES = 3


def ensure_gui_application() -> None:
    """QPainter text needs a QGuiApplication; make a headless one for command-line use."""
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        # Kept on the function: the application must live as long as the process.
        ensure_gui_application.app = QGuiApplication([])  # type: ignore[attr-defined]


def report_font(point_size: float) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(point_size)
    return font


def failure_items(report: Report, tr: Translate, limit: int = TOP_REASONS) -> list[HBarItem]:
    items = []
    for reason in report.failure_reasons[:limit]:
        kind = kind_label(reason.kind, tr)
        text = tr(CONTEXT, KIND_AND_REASON).replace("%1", kind)
        text = text.replace("%2", reason_label(reason.kind, reason.code, tr))
        note = cumulative_note(reason.count, reason.cumulative_share, tr)
        items.append(HBarItem(text, reason.count, note))
    return items


def funnel_items(report: Report, tr: Translate) -> list[HBarItem]:
    return [
        HBarItem(
            label(STEP_LABELS, step.step, tr),
            step.reached,
            tr(CONTEXT, STEP_NOTE)
            .replace("%1", f"{step.reached:,}")
            .replace("%2", f"{step.failed:,}"),
            part=step.failed,
        )
        for step in report.funnel
    ]


def time_series(report: Report) -> tuple[list[str], list[float], list[float], bool]:
    """Per day for a period up to ~2 months, per month beyond (bars stay readable)."""
    monthly = len(report.by_day) > 62
    series = report.by_month if monthly else report.by_day
    labels = [p.period if monthly else p.period[5:] for p in series]
    return labels, [p.assisted for p in series], [p.joined for p in series], monthly


class _Page:
    def __init__(self, painter: QPainter, writer: QPdfWriter) -> None:
        self.painter = painter
        rect = writer.pageLayout().paintRectPixels(writer.resolution())
        self.rect = QRectF(0, 0, rect.width(), rect.height())
        self.y = 0.0

    def line_height(self) -> float:
        return QFontMetricsF(self.painter.font()).height()

    def text(self, text: str, size: float, *, bold: bool = False) -> None:
        font = report_font(size)
        font.setBold(bold)
        self.painter.setFont(font)
        height = self.line_height() * 1.25
        self.painter.drawText(
            QRectF(0, self.y, self.rect.width(), height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            text,
        )
        self.y += height

    def take(self, height: float) -> QRectF:
        area = QRectF(0, self.y, self.rect.width(), height)
        self.y += height
        return area


def _table(page: _Page, rows: list[tuple[str, str]], size: float, split: float = 0.6) -> None:
    """Rows of (name, value): names left of ``split`` (a share of the width), values right."""
    painter = page.painter
    painter.setFont(report_font(size))
    height = page.line_height() * 1.5
    width = page.rect.width()
    for index, (name, value) in enumerate(rows):
        row = page.take(height)
        if index % 2 == 0:
            painter.fillRect(row, Qt.GlobalColor.transparent)
            painter.fillRect(row, "#EEF2F6")
        pad = height * 0.3
        painter.drawText(
            row.adjusted(pad, 0, -width * (1 - split), 0),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            name,
        )
        painter.drawText(
            row.adjusted(width * split, 0, -pad, 0),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            value,
        )


def write_summary_pdf(path: Path, report: Report, tr: Translate) -> None:
    """Three A4 pages: key figures and hearing-day outcomes with the time chart; reasons,
    steps and load; the preparation visits, their follow-up, repeat visits and ratings."""
    ensure_gui_application()
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(tr(CONTEXT, TITLE))
    writer.setCreator("Hearing Helper")
    painter = QPainter(writer)
    try:
        page = _Page(painter, writer)
        filters = report.filters
        made = datetime.now().strftime("%Y-%m-%d %H:%M")
        chosen = [v for k, v in filters.to_dict().items() if k not in ("date_from", "date_to")]

        def header(number: int) -> None:
            page.y = 0.0
            page.text(tr(CONTEXT, TITLE), 17, bold=True)
            period = tr(CONTEXT, PERIOD).replace("%1", filters.start_key)
            page.text(period.replace("%2", filters.date_to.isoformat()), 10)
            scope = ", ".join(chosen) if chosen else tr(CONTEXT, NO_FILTERS)
            page.text(tr(CONTEXT, FILTERS).replace("%1", scope), 10)
            footer = tr(CONTEXT, MADE_AT).replace("%1", made)
            page.text(footer.replace("%2", str(number)).replace("%3", str(PAGES)), 8)
            page.y += page.line_height()

        header(1)
        page.text(tr(CONTEXT, KEY_FIGURES), 13, bold=True)
        _table(page, kpi_rows(report, tr), 11)
        page.y += page.line_height()
        page.text(tr(CONTEXT, HEARING_DAY_OUTCOMES), 13, bold=True)
        _table(page, outcome_rows(report, tr) or [(tr(CONTEXT, NONE), "0")], 11)
        page.y += page.line_height()
        labels, assisted, joined, monthly = time_series(report)
        painter.setFont(report_font(9))
        remaining = page.rect.height() - page.y
        paint_vbar_chart(
            painter,
            page.take(remaining),
            labels,
            assisted,
            overlay=joined,
            title=tr(CONTEXT, BY_MONTH if monthly else BY_DAY),
            legend=[tr(CONTEXT, ASSISTED), tr(CONTEXT, JOINED)],
        )

        writer.newPage()
        header(2)
        painter.setFont(report_font(9))
        items = failure_items(report, tr)
        height = page.rect.height()
        paint_hbar_chart(
            painter,
            page.take(height * 0.32),
            items or [HBarItem(tr(CONTEXT, NONE), 0)],
            title=tr(CONTEXT, TOP_FAILURES),
        )
        page.y += page.line_height()
        paint_hbar_chart(
            painter, page.take(height * 0.2), funnel_items(report, tr), title=tr(CONTEXT, FUNNEL)
        )
        page.y += page.line_height()
        weekdays = [tr(CONTEXT, text) for text in WEEKDAY_LABELS]
        paint_heatmap(
            painter,
            page.take(page.rect.height() - page.y),
            report.load,
            weekdays,
            [f"{hour:02d}" for hour in range(24)],
            title=tr(CONTEXT, LOAD),
            col_filter=lambda hour: 6 <= hour <= 21,
        )

        writer.newPage()
        header(3)
        page.text(tr(CONTEXT, VISITS_PAGE), 13, bold=True)
        for title, rows in visit_sections(report.visits, tr):
            page.y += page.line_height() * 0.5
            page.text(title, 11, bold=True)
            _table(page, rows, 10, split=0.55)
    finally:
        painter.end()
    del painter, writer  # closes the file before its text layer is corrected
    fix_pdf_text_layer(path)
