"""The litigant-facing window: one instruction at a time, large and high-contrast.

A display, not a form: it never takes the keyboard from the clerk's window. It follows the
ageing-friendly guideline (《移动互联网应用（APP）适老化通用设计规范》): body text ≥ 18 pt with a
largest size ≥ 30 pt, line spacing ≥ 1.3, contrast ≥ 4.5:1, colour never the only signal. With
one monitor it opens beside the clerk's window; with two it opens on the other one. F11 (or the
clerk's View menu) toggles full screen. 朗读 reads the instruction aloud (:mod:`.speech`).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hearing_helper.ui.widgets.qr_view import QrView
from hearing_helper.ui.wizard.base import LitigantContent

TITLE_POINT_SIZE = 36
TEXT_POINT_SIZE = 28
CAPTION_POINT_SIZE = 24
SMALLEST_POINT_SIZE = 18  # the guideline's minimum for body text
# Instructions shrink to fit a small window (six check results beside the clerk's window on a
# 1366 x 768 screen), never below the guideline's 18 pt.
SMALLEST_TEXT_POINT_SIZE = SMALLEST_POINT_SIZE
LINE_HEIGHT_PERCENT = 140  # the guideline asks for at least 130 %
# White on dark blue: high contrast (about 14:1) and calm for long reading.
BACKGROUND = "#0b2a5b"
FOREGROUND = "#ffffff"
ACCENT = "#ffe066"
HINT = "#c9d6ee"
BUTTON_BACKGROUND = "#ffe066"
BUTTON_FOREGROUND = "#0b2a5b"
# The share of the screen the litigant window takes when it shares one monitor with the clerk.
SHARE_OF_ONE_SCREEN = 0.4
NARROW_WIDTH = 820  # below this the QR code goes under the text


def spoken_text(content: LitigantContent) -> str:
    """What 朗读 reads: the title, each instruction and the QR caption (symbols left out)."""
    parts = [content.title, *content.lines]
    if content.qr_caption and content.qr_payload:
        parts.append(content.qr_caption)
    cleaned = [part.lstrip("\u2714\u2716!\u2013\u25b6 ").strip() for part in parts]
    return "\u3002".join(part.rstrip("\u3002.") for part in cleaned if part) + "\u3002"


class LitigantWindow(QWidget):
    """Shows :class:`LitigantContent`; hiding it is the clerk's toggle, not closing."""

    read_aloud_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowDoesNotAcceptFocus)
        # A display: showing it must leave the keyboard with the clerk (Alt+N keeps working).
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setObjectName("litigantWindow")
        self.setWindowTitle(self.tr("Hearing Helper \u2014 for the litigant"))
        self.setStyleSheet(
            f"#litigantWindow {{ background: {BACKGROUND}; }}"
            f" QLabel {{ color: {FOREGROUND}; background: transparent; }}"
            f" QLabel#litigantTitle {{ color: {ACCENT}; }}"
            f" QLabel#litigantHint {{ color: {HINT}; }}"
            f" QPushButton#readAloud {{ color: {BUTTON_FOREGROUND};"
            f" background: {BUTTON_BACKGROUND};"
            f" border: 3px solid {FOREGROUND}; border-radius: 12px; padding: 8px 16px;"
            " }"
        )
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._content = LitigantContent(title="")
        self.title_label = QLabel()
        self.title_label.setObjectName("litigantTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setFont(self._font(TITLE_POINT_SIZE, bold=True))
        self.lines_label = QLabel()
        self.lines_label.setWordWrap(True)
        self.lines_label.setTextFormat(Qt.TextFormat.RichText)
        self.lines_label.setFont(self._font(TEXT_POINT_SIZE))
        self.lines_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.qr = QrView(minimum=280)
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
        # Side by side on a wide window, the QR code below the text on a narrow one.
        body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._body = body
        body.addLayout(text, 3)
        body.addWidget(self._qr_box_widget, 2)
        # Read aloud: clicked by the litigant or the clerk (it takes no focus; the clerk's key
        # is View > Read aloud, Ctrl+R, in the main window).
        self.read_button = QPushButton()
        self.read_button.setObjectName("readAloud")
        self.read_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.read_button.setFont(self._font(TEXT_POINT_SIZE, bold=True))
        self.read_button.clicked.connect(self.read_aloud)
        self.notice = QLabel()  # why nothing can be read aloud, when that happens
        self.notice.setObjectName("litigantHint")
        self.notice.setWordWrap(True)
        self.notice.setFont(self._font(SMALLEST_POINT_SIZE))
        self.notice.hide()
        self.hint = QLabel()
        self.hint.setObjectName("litigantHint")
        self.hint.setFont(self._font(SMALLEST_POINT_SIZE))
        self.hint.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.read_button, 0, Qt.AlignmentFlag.AlignLeft)
        bottom.addStretch(1)
        bottom.addWidget(self.hint, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 28, 32, 20)
        outer.addLayout(body, 1)
        outer.addWidget(self.notice)
        outer.addLayout(bottom)
        full_screen = QShortcut(QKeySequence(Qt.Key.Key_F11), self)
        full_screen.activated.connect(self.toggle_full_screen)
        self.resize(1024, 640)
        self.retranslate()
        self.show_content(LitigantContent(title=self.tr("Welcome to the help desk")))

    def _font(self, points: int, *, bold: bool = False) -> QFont:
        font = self.font()
        font.setPointSize(points)
        font.setBold(bold)
        return font

    def retranslate(self) -> None:
        self.read_button.setText(self.tr("\u25b6 Read aloud"))
        self.read_button.setToolTip(self.tr("Reads the instruction aloud (clerk: Ctrl+R)"))
        self._update_hint()

    def _update_hint(self) -> None:
        # The F11 hint is for the clerk putting the window in full screen; once it is, it goes.
        self.hint.setText("" if self.isFullScreen() else self.tr("F11: full screen"))
        self.hint.setVisible(not self.isFullScreen())

    def show_content(self, content: LitigantContent) -> None:
        """Show one step's title, its instructions and (optionally) a QR code to scan."""
        self._content = content
        self.title_label.setText(content.title)
        paragraphs = "".join(
            f'<p style="line-height: {LINE_HEIGHT_PERCENT}%; margin-bottom: 6px;">'
            f"{html.escape(line)}</p>"
            for line in content.lines
        )
        self.lines_label.setText(paragraphs)
        QTimer.singleShot(0, self._fit_text)
        self.qr.set_payload(content.qr_payload)
        self.qr_caption.setText(content.qr_caption)
        self._qr_box_widget.setVisible(bool(content.qr_payload))
        self.setAccessibleDescription(self.spoken_text())

    def spoken_text(self) -> str:
        return spoken_text(self._content)

    def read_aloud(self) -> None:
        self.notice.hide()
        self.read_aloud_requested.emit(self.spoken_text())

    def show_notice(self, text: str) -> None:
        """A short line for the litigant above the button (e.g. reading aloud is not
        available); the clerk gets the technical reason in the status line."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
        QTimer.singleShot(0, self._fit_text)

    # --- placement ---------------------------------------------------------------------------

    def place_beside(self, clerk_window: QWidget) -> None:
        """On another monitor when there is one; else beside, not over, the clerk's window."""
        clerk_screen = clerk_window.screen()
        others = [s for s in clerk_window.screen().virtualSiblings() if s is not clerk_screen]
        if others:
            self.setGeometry(others[0].availableGeometry())
            return
        area = clerk_screen.availableGeometry()
        if clerk_window.isMaximized() or clerk_window.isFullScreen():
            clerk_window.showNormal()
        # setGeometry places the inside of a window; its frame (title bar, border) comes on top.
        frame_w = clerk_window.frameGeometry().width() - clerk_window.width()
        frame_h = clerk_window.frameGeometry().height() - clerk_window.height()
        inset = clerk_window.geometry().topLeft() - clerk_window.frameGeometry().topLeft()
        self._arrange(0)  # narrow: the QR code under the text
        own_minimum = self.minimumSizeHint().width() + frame_w
        clerk_minimum = clerk_window.minimumSizeHint().width() + frame_w
        width = max(
            own_minimum,
            min(int(area.width() * SHARE_OF_ONE_SCREEN), area.width() - clerk_minimum),
        )
        clerk_window.setGeometry(
            QRect(
                area.topLeft() + inset,
                QSize(area.width() - width - frame_w, area.height() - frame_h),
            )
        )
        self._arrange(width - frame_w)
        self.setGeometry(
            QRect(
                QPoint(area.right() + 1 - width, area.y()) + inset,
                QSize(width - frame_w, area.height() - frame_h),
            )
        )

    def _arrange(self, width: int) -> None:
        narrow = width < NARROW_WIDTH
        self._body.setDirection(
            QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        )
        layout = self.layout()
        if layout is not None:  # the new minimum size applies before the window is resized
            layout.activate()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(event.size().width())
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit_text)

    def _text_budget(self) -> int:
        """The height the instructions may take: the window less title, QR code and buttons.

        (A word-wrapped label asks the layout for all the height its text needs, so its own
        height says nothing about what is on screen.)
        """
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else None
        height = self.height() - (margins.top() + margins.bottom() if margins else 0)
        height -= self.title_label.heightForWidth(self.title_label.width()) + 24
        height -= self.read_button.sizeHint().height() + 2 * (layout.spacing() if layout else 0)
        stacked = self._body.direction() == QBoxLayout.Direction.TopToBottom
        if self.notice.isVisibleTo(self):
            height -= self.notice.heightForWidth(self.width()) + layout.spacing() if layout else 0
        if self._qr_box_widget.isVisibleTo(self) and stacked:
            height -= self._qr_box_widget.sizeHint().height() + self._body.spacing()
        return height

    def _fit_text(self) -> None:
        """The largest instruction size (28 pt down to 18 pt) at which every line is seen."""
        label = self.lines_label
        if not label.isVisible() or label.width() <= 0:
            return
        budget = self._text_budget()
        for points in range(TEXT_POINT_SIZE, SMALLEST_TEXT_POINT_SIZE - 1, -2):
            label.setFont(self._font(points))
            if label.heightForWidth(label.width()) <= budget:
                break

    def toggle_full_screen(self) -> None:
        # Window states, not showFullScreen(): that would also try to activate the window.
        self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)
        self.show()
        self._update_hint()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.toggle_full_screen()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing with the window button only hides it; the clerk's toggle shows it again.
        event.ignore()
        self.hide()
