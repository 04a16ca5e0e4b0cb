"""The litigant-facing window: one instruction at a time, large and high-contrast.

A separate top-level window the clerk can drag to a second monitor (or a tablet-sized screen
turned to the litigant) and put in full screen with F11.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QColor, QKeyEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from hearing_helper.ui.widgets.qr_view import QrView
from hearing_helper.ui.wizard.base import LitigantContent

TITLE_POINT_SIZE = 36
TEXT_POINT_SIZE = 28
CAPTION_POINT_SIZE = 24
# White on dark blue: high contrast (about 12:1) and calm for long reading.
BACKGROUND = "#0b2a5b"
FOREGROUND = "#ffffff"
ACCENT = "#ffe066"


class LitigantWindow(QWidget):
    """Shows :class:`LitigantContent`; hiding it is the clerk's toggle, not closing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("litigantWindow")
        self.setWindowTitle(self.tr("Hearing Helper \u2014 for the litigant"))
        self.setStyleSheet(
            f"#litigantWindow {{ background: {BACKGROUND}; }}"
            f" QLabel {{ color: {FOREGROUND}; background: transparent; }}"
            f" QLabel#litigantTitle {{ color: {ACCENT}; }}"
        )
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.title_label = QLabel()
        self.title_label.setObjectName("litigantTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setFont(self._font(TITLE_POINT_SIZE, bold=True))
        self.lines_label = QLabel()
        self.lines_label.setWordWrap(True)
        self.lines_label.setTextFormat(Qt.TextFormat.PlainText)
        self.lines_label.setFont(self._font(TEXT_POINT_SIZE))
        self.lines_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.qr = QrView(minimum=320)
        palette = self.qr.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(BACKGROUND))
        self.qr.setPalette(palette)
        self.qr_caption = QLabel()
        self.qr_caption.setWordWrap(True)
        self.qr_caption.setFont(self._font(CAPTION_POINT_SIZE))
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        qr_box = QVBoxLayout()
        qr_box.addWidget(self.qr, 1)
        qr_box.addWidget(self.qr_caption)
        self._qr_box_widget = QWidget()
        self._qr_box_widget.setLayout(qr_box)

        text = QVBoxLayout()
        text.addWidget(self.title_label)
        text.addSpacing(24)
        text.addWidget(self.lines_label, 1)
        body = QHBoxLayout()
        body.addLayout(text, 3)
        body.addWidget(self._qr_box_widget, 2)
        self.hint = QLabel(self.tr("F11: full screen"))
        self.hint.setFont(self._font(12))
        self.hint.setStyleSheet("color: #9fb3d9;")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 40, 48, 24)
        outer.addLayout(body, 1)
        outer.addWidget(self.hint, 0, Qt.AlignmentFlag.AlignRight)
        full_screen = QShortcut(QKeySequence(Qt.Key.Key_F11), self)
        full_screen.activated.connect(self.toggle_full_screen)
        self.resize(1024, 640)
        self.show_content(LitigantContent(title=self.tr("Welcome to the help desk")))

    def _font(self, points: int, *, bold: bool = False):  # noqa: ANN202 - QFont
        font = self.font()
        font.setPointSize(points)
        font.setBold(bold)
        return font

    def show_content(self, content: LitigantContent) -> None:
        """Show one step's title, its instructions and (optionally) a QR code to scan."""
        self.title_label.setText(content.title)
        self.lines_label.setText("\n\n".join(content.lines))
        self.qr.set_payload(content.qr_payload)
        self.qr_caption.setText(content.qr_caption)
        self._qr_box_widget.setVisible(bool(content.qr_payload))
        self.setAccessibleDescription(" ".join([content.title, *content.lines]))

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing with the window button only hides it; the clerk's toggle shows it again.
        event.ignore()
        self.hide()
