"""Where a window goes on its screen, frame included: the frame a window manager adds, how much
wider a window must be for its pages not to scroll sideways, and a geometry that keeps all of a
window on its screen. Used to place the litigant window beside the clerk's (litigant_view.py).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QScrollArea, QWidget


def frame_of(window: QWidget) -> tuple[int, int, QPoint]:
    """The window frame's added width and height, and where the inside starts in the frame.

    setGeometry places the inside of a window; its frame (title bar, border) comes on top. A
    window not framed yet (just made, e.g. rebuilt for another language) gets the frame last
    seen on a normal window: placed with none, its frame hung over the screen's edge.
    """
    frame = window.frameGeometry()
    if frame == window.geometry() and window.isWindow() and _last_frame:
        return _last_frame[0]
    measured = (
        frame.width() - window.width(),
        frame.height() - window.height(),
        window.geometry().topLeft() - frame.topLeft(),
    )
    if frame != window.geometry() and not (window.isMaximized() or window.isFullScreen()):
        _last_frame[:] = [measured]
    return measured


_last_frame: list[tuple[int, int, QPoint]] = []  # of the last normal window measured


def scroll_shortfall(window: QWidget) -> int:
    """How many pixels wider ``window`` must be so that none of its shown pages scrolls
    sideways (the English Finish page needed 32 px more beside the litigant window)."""
    shortfall = 0
    for area in window.findChildren(QScrollArea):
        content = area.widget()
        if area.isVisible() and content is not None and area.widgetResizable():
            needed = content.minimumSizeHint().width() - area.viewport().width()
            shortfall = max(shortfall, needed)
    return shortfall


def geometry_on_screen(window: QWidget) -> QRect | None:
    """The geometry that brings all of ``window``, frame included, onto its screen (shrunk if
    need be), or None when it is on it already."""
    area = window.screen().availableGeometry()
    frame = window.frameGeometry()
    if area.contains(frame):
        return None
    frame_w = frame.width() - window.width()
    frame_h = frame.height() - window.height()
    width = min(frame.width(), area.width())
    height = min(frame.height(), area.height())
    x = min(max(frame.x(), area.x()), area.right() + 1 - width)
    y = min(max(frame.y(), area.y()), area.bottom() + 1 - height)
    inset = window.geometry().topLeft() - frame.topLeft()
    return QRect(QPoint(x, y) + inset, QSize(width - frame_w, height - frame_h))
