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
    QMoveEvent,
    QPalette,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hearing_helper.ui.visits.rating_panel import RatingPanel
from hearing_helper.ui.widgets.qr_view import QrView
from hearing_helper.ui.window_fit import frame_of, geometry_on_screen, scroll_shortfall
from hearing_helper.ui.wizard.base import LitigantContent

__all__ = ["LitigantWindow", "scroll_shortfall", "spoken_text"]  # scroll_shortfall: the desk test

TITLE_POINT_SIZE = 36
SMALLEST_TITLE_POINT_SIZE = 30  # the guideline asks for a largest size of at least 30 pt
TEXT_POINT_SIZE = 28
CAPTION_POINT_SIZE = 24
SMALLEST_POINT_SIZE = 18  # the guideline's minimum for body text
# Instructions shrink to fit a small window (six check results beside the clerk's window on a
# 1366 x 768 screen), never below the guideline's 18 pt.
SMALLEST_TEXT_POINT_SIZE = SMALLEST_POINT_SIZE
# The QR code's side: as large as the room allows down to a comfortable 240 px before the text
# shrinks, and down to 150 px (4 px modules for a join link; phones and zbarimg read it) before
# anything would be cut or painted over.
QR_LARGEST = 320
QR_COMFORTABLE = 240
QR_SMALLEST = 150
QR_STEP = 20
LINE_HEIGHT_PERCENT = 140  # the guideline asks for at least 130 %
# White on dark blue: high contrast (about 14:1) and calm for long reading.
BACKGROUND = "#0b2a5b"
FOREGROUND = "#ffffff"
ACCENT = "#ffe066"
HINT = "#c9d6ee"
BUTTON_BACKGROUND = "#ffe066"
BUTTON_FOREGROUND = "#0b2a5b"
# The share of the screen the litigant window takes when it shares one monitor with the clerk:
# 478 px of 1366 leaves the clerk's pages the 888 px they need; 672 px of 1920.
SHARE_OF_ONE_SCREEN = 0.35
NARROW_WIDTH = 820  # below this the QR code goes under the text
REFIT_AFTER_MS = (250, 1000)  # when the window manager has framed the two windows


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
    rated = Signal(int)  # the litigant chose a satisfaction score (1-5) on this window

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowDoesNotAcceptFocus)
        # A display: showing it must leave the keyboard with the clerk (Alt+N keeps working).
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setObjectName("litigantWindow")
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
        self._clerk_window: QWidget | None = None  # the window it shares one screen with
        self.title_label = QLabel()
        self.title_label.setObjectName("litigantTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setFont(self._font(TITLE_POINT_SIZE, bold=True))
        self.lines_label = QLabel()
        self.lines_label.setWordWrap(True)
        self.lines_label.setTextFormat(Qt.TextFormat.RichText)
        self.lines_label.setFont(self._font(TEXT_POINT_SIZE))
        self.lines_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.qr = QrView(minimum=QR_COMFORTABLE, square=False)
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

        self.rating_panel = RatingPanel(CAPTION_POINT_SIZE)
        self.rating_panel.rated.connect(self.rated)
        self.rating_panel.hide()
        text = QVBoxLayout()
        text.addWidget(self.title_label)
        text.addSpacing(24)
        text.addWidget(self.lines_label)
        text.addWidget(self.rating_panel)
        text.addStretch(1)  # room to spare goes below: the choices stay under the question
        # Side by side on a wide window, the QR code below the text on a narrow one.
        body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._body = body
        body.addLayout(text, 3)
        body.addWidget(self._qr_box_widget, 2)
        # Read aloud: clicked by the litigant or the clerk (no focus; the clerk presses Ctrl+R).
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
        self._update_hint()  # and the title

    def _update_hint(self) -> None:
        # The F11 hint is for the clerk putting the window in full screen (then it goes); the
        # title bar says it where it does not fit on one line beside Read aloud.
        full, hint = self.isFullScreen(), self.tr("F11: full screen")
        beside = self.width() - 88 - self.read_button.sizeHint().width()  # margins, spacing
        fits = self.hint.fontMetrics().horizontalAdvance(hint) <= beside
        self.hint.setText("" if full else hint)
        self.hint.setVisible(not full and fits)
        title = self.tr("Hearing Helper \u2014 for the litigant")
        self.setWindowTitle(title if full or fits else f"{title} \u00b7 {hint}")

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
        QTimer.singleShot(0, self._fit_contents)
        self.qr.set_payload(content.qr_payload)
        self.qr_caption.setText(content.qr_caption)
        self._qr_box_widget.setVisible(bool(content.qr_payload))
        self.rating_panel.setVisible(content.ask_rating)
        if content.ask_rating:
            self.rating_panel.show_choice(content.rating)
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
        QTimer.singleShot(0, self._fit_contents)

    # --- placement ---------------------------------------------------------------------------

    def place_beside(self, clerk_window: QWidget) -> None:
        """On another monitor when there is one; else beside, not over, the clerk's window.

        On one monitor the two windows share it: the clerk's window on the left with the width
        its pages need (at least 60 %), this one on the right with the rest. ``fit_beside``
        keeps it so when the clerk's window grows (a wider page) or this one would run off.
        """
        clerk_screen = clerk_window.screen()
        others = [s for s in clerk_screen.virtualSiblings() if s is not clerk_screen]
        if others:
            self._clerk_window = None
            self.setGeometry(others[0].availableGeometry())
            return
        self._clerk_window = clerk_window
        area = clerk_screen.availableGeometry()
        if clerk_window.isMaximized() or clerk_window.isFullScreen():
            clerk_window.showNormal()
        frame_w, frame_h, inset = frame_of(clerk_window)
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
        self._place_right_of(clerk_window)
        # A window manager frames a window that stops being maximised (a border appears) some
        # time later, and X11 sends no event for it: look again once it has, so that no frame
        # hangs over the screen's edge (openbox: 1 px left and above, 6 px below).
        for delay_ms in REFIT_AFTER_MS:
            QTimer.singleShot(delay_ms, self.fit_beside)

    def fit_beside(self) -> None:
        """The clerk's window changed (a wider page, or the window manager framed it): take the
        room to its right, and bring the clerk's window back on the screen if its frame left it
        (the frame of a maximised window differs from a normal one's, so a placement made
        while it was maximised was a few pixels off)."""
        clerk = self._clerk_window
        if clerk is None or not self.isVisible() or self.isFullScreen():
            return
        if clerk.isMaximized() or clerk.isFullScreen() or not clerk.isVisible():
            return  # the clerk chose the whole screen; this window stays where it is
        area = clerk.screen().availableGeometry()
        frame = clerk.frameGeometry()
        shortfall = scroll_shortfall(clerk)
        if not area.contains(frame) or shortfall > 0:
            frame_w, frame_h, inset = frame_of(clerk)
            room = area.width() - self.minimumSizeHint().width() - frame_w
            wanted = frame.width() + shortfall
            width = max(min(wanted, room), clerk.minimumSizeHint().width() + frame_w)
            target = QRect(area.topLeft() + inset, QSize(width - frame_w, area.height() - frame_h))
            if target != clerk.geometry():
                clerk.setGeometry(target)
        self._place_right_of(clerk)

    def _place_right_of(self, clerk_window: QWidget) -> None:
        area = clerk_window.screen().availableGeometry()
        # Its own frame once the window manager has framed it, else the clerk's as a guess.
        framed = self.isVisible() and self.frameGeometry() != self.geometry()
        frame_w, frame_h, inset = frame_of(self if framed else clerk_window)
        left = clerk_window.frameGeometry().right() + 1
        width = max(area.right() + 1 - left, self.minimumSizeHint().width() + frame_w)
        self._arrange(width - frame_w)
        target = QRect(
            QPoint(area.right() + 1 - width, area.y()) + inset,
            QSize(width - frame_w, area.height() - frame_h),
        )
        if target != self.geometry():
            self.setGeometry(target)

    def keep_on_screen(self) -> None:
        """Move (and if need be shrink) the window so that all of it, frame included, is on its
        screen: a window manager keeps a grown window's left edge, so it ran off to the right."""
        if self.isFullScreen() or not self.isVisible():
            return
        target = geometry_on_screen(self)
        if target is not None:
            self.setGeometry(target)

    def _arrange(self, width: int) -> None:
        narrow = width < NARROW_WIDTH
        self._body.setDirection(
            QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        )
        self._update_hint()  # the F11 hint beside Read aloud, or in the title bar
        layout = self.layout()
        if layout is not None:  # the new minimum size applies before the window is resized
            layout.activate()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(event.size().width())
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit_contents)
        QTimer.singleShot(0, self.keep_on_screen)

    def _fit_contents(self) -> None:
        """The largest instruction size (28 pt down to 18 pt) and QR code (320 px down to
        240 px) at which everything is seen whole; on a short window the QR code then gives way
        down to 150 px, and last the title and caption shrink to 30 and 18 pt. Nothing is cut
        through or painted over (a wrapped label and a QR code squeezed below their needs
        overlapped)."""
        layout = self.layout()
        if layout is None or not self.lines_label.isVisible() or self.width() <= 0:
            return
        nested = [layout, *self.findChildren(QLayout)]
        for title, caption, text, side in self._sizes_to_try():
            self.title_label.setFont(self._font(title, bold=True))
            self.qr_caption.setFont(self._font(caption))
            self.lines_label.setFont(self._font(text))
            self.qr.set_minimum_side(side)
            # Layouts cache each item's height for a width, nested ones too: forget them all.
            self._qr_box_widget.updateGeometry()
            for each in nested:
                each.invalidate()
            if layout.totalHeightForWidth(self.width()) <= self.height():
                break
        layout.activate()

    def _sizes_to_try(self) -> list[tuple[int, int, int, int]]:
        """(title, caption, instruction points, QR side) from the most to the least generous."""
        with_qr = self._qr_box_widget.isVisibleTo(self)
        large = range(QR_LARGEST, QR_COMFORTABLE - 1, -QR_STEP) if with_qr else [QR_SMALLEST]
        small = range(QR_COMFORTABLE - QR_STEP, QR_SMALLEST - 1, -QR_STEP) if with_qr else []
        smallest_text = SMALLEST_TEXT_POINT_SIZE
        return (
            [
                (TITLE_POINT_SIZE, CAPTION_POINT_SIZE, points, side)
                for points in range(TEXT_POINT_SIZE, smallest_text - 1, -2)
                for side in large
            ]
            + [(TITLE_POINT_SIZE, CAPTION_POINT_SIZE, smallest_text, side) for side in small]
            + [
                (SMALLEST_TITLE_POINT_SIZE, SMALLEST_POINT_SIZE, smallest_text, side)
                for side in [*large, *small]
            ]
        )

    def toggle_full_screen(self) -> None:
        # Window states, not showFullScreen(): that would also try to activate the window.
        self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)
        self.show()
        self._update_hint()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.toggle_full_screen()
            return
        if self.rating_panel.isVisible() and event.text() in ("1", "2", "3", "4", "5"):
            self.rating_panel.keyPressEvent(event)  # a keypad in front of the litigant
            return
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.keep_on_screen)

    def moveEvent(self, event: QMoveEvent) -> None:
        super().moveEvent(event)
        QTimer.singleShot(0, self.keep_on_screen)  # e.g. its frame arrived from the window manager

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing with the window button only hides it; the clerk's toggle shows it again.
        event.ignore()
        self.hide()
