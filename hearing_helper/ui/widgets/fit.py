"""Windows that fit the screen they open on (1366 x 768 is common at court desks)."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

# Room left for the window frame and title bar, which Qt does not count in a window's size.
FRAME_ALLOWANCE = (16, 48)


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize ``window`` to ``width`` x ``height``, or less so that it fits, and centre it.

    The screen is the parent's (or the primary one); what no longer fits scrolls inside the
    window, so every button stays on screen.
    """
    anchor = window.parentWidget() or window
    screen = anchor.screen()
    if screen is None:
        window.resize(width, height)
        return
    area = screen.availableGeometry()
    fitted_w = min(width, area.width() - FRAME_ALLOWANCE[0])
    fitted_h = min(height, area.height() - FRAME_ALLOWANCE[1])
    window.resize(fitted_w, fitted_h)
    centred = QRect(0, 0, fitted_w, fitted_h)
    centred.moveCenter(area.center())
    window.move(centred.topLeft())
