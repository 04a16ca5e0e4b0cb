"""The join slip (入会提示单): a printed page the litigant takes home, written with QPdfWriter.

A4 or A5, in the UI language (Chinese by default): case number, hearing time, platform, meeting
ID, passcode, the join QR code, 3-5 key steps and the help-desk phone. The same painter code
draws the PDF and the printed page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from hearing_helper.catalog import Platform, format_meeting_id
from hearing_helper.domain.local_time import local_text
from hearing_helper.domain.record import AssistRecord
from hearing_helper.ui.pdf.text_layer import fix_pdf_text_layer
from hearing_helper.ui.widgets.qr_view import QUIET_ZONE, qr_matrix

PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "A5": QPageSize.PageSizeId.A5}
PDF_RESOLUTION = 300
FONT_FAMILIES = ["Noto Sans CJK SC", "Microsoft YaHei", "SimHei", "PingFang SC", "sans-serif"]


@dataclass
class SlipContent:
    """Everything printed on the slip, already translated and formatted."""

    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)  # (label, value)
    qr_payload: str = ""
    qr_caption: str = ""
    steps: list[str] = field(default_factory=list)
    footer: str = ""


def key_steps(
    platform: Platform | None, has_link: bool, has_passcode: bool, language: str
) -> list[str]:
    """3-5 short steps for this platform, in the words the litigant will see on the phone."""
    name = platform.display_name(language) if platform else ""
    kind = platform.kind if platform else "court_system"
    steps: list[str] = []
    if kind == "mini_program" and platform is not None:
        steps.append(
            QCoreApplication.translate(
                "JoinSlip", 'Open WeChat and search for the mini-program "%1".'
            ).replace("%1", platform.mini_program)
        )
        steps.append(
            QCoreApplication.translate(
                "JoinSlip", "Sign in with the phone number the court has on file."
            )
        )
        steps.append(
            QCoreApplication.translate("JoinSlip", "Find this case and enter the hearing.")
        )
    else:
        if has_link:
            steps.append(
                QCoreApplication.translate(
                    "JoinSlip", "Scan the QR code with the phone's camera, or open the link."
                )
            )
        if kind == "app":
            steps.append(
                QCoreApplication.translate(
                    "JoinSlip", 'Open %1 and tap "Join meeting"; enter the meeting ID.'
                ).replace("%1", name)
            )
        else:
            steps.append(
                QCoreApplication.translate(
                    "JoinSlip", "Enter the meeting ID if you are asked for it."
                )
            )
        if has_passcode:
            steps.append(QCoreApplication.translate("JoinSlip", "Enter the passcode when asked."))
    steps.append(
        QCoreApplication.translate(
            "JoinSlip", "Use your real name; allow the camera and the microphone."
        )
    )
    steps.append(
        QCoreApplication.translate(
            "JoinSlip", "Join 10 minutes early, somewhere quiet and well lit."
        )
    )
    return steps[:5]


def build_slip_content(
    record: AssistRecord,
    platform: Platform | None,
    *,
    link: str,
    meeting_id: str,
    passcode: str,
    help_phone: str,
    language: str,
) -> SlipContent:
    intake = record.intake
    when = local_text(intake.hearing_at)
    platform_name = platform.display_name(language) if platform else intake.platform_id
    shown_id = format_meeting_id(meeting_id, platform.meeting if platform else None)
    rows = [
        (QCoreApplication.translate("JoinSlip", "Case number"), intake.case_number or "—"),
        (QCoreApplication.translate("JoinSlip", "Hearing time"), when or "—"),
        (
            QCoreApplication.translate("JoinSlip", "Court"),
            intake.court or record.clerk.court or "—",
        ),
        (QCoreApplication.translate("JoinSlip", "Platform"), platform_name or "—"),
        (QCoreApplication.translate("JoinSlip", "Meeting ID"), shown_id or "—"),
        (
            QCoreApplication.translate("JoinSlip", "Passcode"),
            passcode or QCoreApplication.translate("JoinSlip", "none"),
        ),
    ]
    footer = (
        QCoreApplication.translate("JoinSlip", "Help desk: %1").replace("%1", help_phone)
        if help_phone
        else ""
    )
    if platform and platform.help_phone:
        extra = (
            QCoreApplication.translate("JoinSlip", "%1 helpline: %2")
            .replace("%1", platform_name)
            .replace("%2", platform.help_phone)
        )
        footer = f"{footer}    {extra}" if footer else extra
    return SlipContent(
        title=QCoreApplication.translate("JoinSlip", "Online hearing: how to join"),
        rows=rows,
        qr_payload=link,
        qr_caption=QCoreApplication.translate("JoinSlip", "Scan to join the hearing")
        if link
        else "",
        steps=key_steps(platform, bool(link), bool(passcode), language),
        footer=footer,
    )


def _font(point_size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


def qr_image(payload: str) -> QImage:
    """The QR code as a one-pixel-per-module image with its quiet zone (black on white)."""
    matrix = qr_matrix(payload)
    side = len(matrix) + 2 * QUIET_ZONE
    pixels = bytearray(b"\xff" * side * side)
    for y, row in enumerate(matrix):
        offset = (y + QUIET_ZONE) * side + QUIET_ZONE
        for x, dark in enumerate(row):
            if dark:
                pixels[offset + x] = 0
    # One image and one scaled draw instead of a call per module: fast, and crisp when printed.
    image = QImage(bytes(pixels), side, side, side, QImage.Format.Format_Grayscale8).copy()
    # Whole-pixel upscaling here, so PDF viewers that smooth small images keep sharp edges.
    return image.scaled(side * 12, side * 12, mode=Qt.TransformationMode.FastTransformation)


def _draw_qr(painter: QPainter, payload: str, left: float, top: float, side: float) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
    painter.drawImage(QRectF(left, top, side, side), qr_image(payload))
    painter.restore()


def paint_slip(painter: QPainter, page: QRectF, content: SlipContent, dpi: float) -> None:
    """Draw the slip into ``page`` (device pixels at ``dpi``); sizes scale with the page."""
    mm = dpi / 25.4
    scale = page.width() / (190 * mm)  # 1.0 on A4 (190 mm printable), ~0.7 on A5
    y = page.top()
    painter.setPen(QPen(QColor("black")))
    painter.setFont(_font(22 * scale, bold=True))
    title_height = 14 * mm * scale
    painter.drawText(
        QRectF(page.left(), y, page.width(), title_height),
        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
        content.title,
    )
    y += title_height + 4 * mm * scale
    qr_side = max(45 * mm, 70 * mm * scale) if content.qr_payload else 0.0
    table_width = page.width() - qr_side - (6 * mm if qr_side else 0)
    row_height = 12 * mm * scale
    label_width = 36 * mm * scale
    top_of_rows = y
    for label, value in content.rows:
        painter.setFont(_font(14 * scale))
        painter.drawText(
            QRectF(page.left(), y, label_width, row_height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            label,
        )
        value_width = table_width - label_width
        size = 18 * scale
        painter.setFont(_font(size, bold=True))
        # Shrink a long value (a case number) to one line rather than wrapping it.
        while size > 9 and painter.fontMetrics().horizontalAdvance(value) > value_width:
            size -= 0.5
            painter.setFont(_font(size, bold=True))
        painter.drawText(
            QRectF(page.left() + label_width, y, value_width, row_height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
            value,
        )
        y += row_height
    if content.qr_payload:
        left = page.right() - qr_side
        _draw_qr(painter, content.qr_payload, left, top_of_rows, qr_side)
        painter.setPen(QPen(QColor("black")))
        painter.setFont(_font(12 * scale))
        painter.drawText(
            QRectF(left, top_of_rows + qr_side, qr_side, 8 * mm * scale),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            content.qr_caption,
        )
        y = max(y, top_of_rows + qr_side + 10 * mm * scale)
    y += 4 * mm * scale
    painter.setPen(QPen(QColor("#555555"), max(1.0, 0.3 * mm)))
    painter.drawLine(int(page.left()), int(y), int(page.right()), int(y))
    y += 5 * mm * scale
    painter.setPen(QPen(QColor("black")))
    painter.setFont(_font(16 * scale, bold=True))
    painter.drawText(
        QRectF(page.left(), y, page.width(), 10 * mm * scale),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        QCoreApplication.translate("JoinSlip", "Steps"),
    )
    y += 11 * mm * scale
    painter.setFont(_font(16 * scale))
    for number, step in enumerate(content.steps, start=1):
        rect = QRectF(page.left(), y, page.width(), 30 * mm * scale)
        bounds = painter.boundingRect(rect, Qt.TextFlag.TextWordWrap, f"{number}. {step}")
        painter.drawText(rect, Qt.TextFlag.TextWordWrap, f"{number}. {step}")
        y += bounds.height() + 3 * mm * scale
    if content.footer:
        painter.setFont(_font(15 * scale, bold=True))
        painter.drawText(
            QRectF(page.left(), page.bottom() - 12 * mm * scale, page.width(), 12 * mm * scale),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
            content.footer,
        )


def _render(device: QPagedPaintDevice, content: SlipContent, dpi: float) -> bool:
    painter = QPainter()
    if not painter.begin(device):
        return False
    try:
        layout = device.pageLayout()
        page = QRectF(layout.paintRectPixels(round(dpi)))
        page.moveTo(0, 0)
        paint_slip(painter, page, content, dpi)
    finally:
        painter.end()
    return True


def write_slip_pdf(path: Path, content: SlipContent, page_size: str = "A4") -> bool:
    """Write the slip as a one-page PDF; False when the file cannot be written."""
    try:  # fail early and quietly (QPainter would only log a warning)
        with open(path, "ab"):
            pass
    except OSError:
        return False
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setTitle(content.title)
    writer.setCreator("Hearing Helper")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(PAGE_SIZES.get(page_size, QPageSize.PageSizeId.A4)),
            QPageLayout.Orientation.Portrait,
            QMarginsF(12, 12, 12, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    written = _render(writer, content, PDF_RESOLUTION)
    del writer  # closes the file before its text layer is corrected
    if written:
        fix_pdf_text_layer(path)
    return written


def print_slip(printer: QPagedPaintDevice, content: SlipContent, page_size: str = "A4") -> bool:
    """Draw the slip on a configured printer (from QPrintDialog)."""
    printer.setPageSize(QPageSize(PAGE_SIZES.get(page_size, QPageSize.PageSizeId.A4)))
    resolution = getattr(printer, "resolution", lambda: 300)()
    return _render(printer, content, float(resolution))
