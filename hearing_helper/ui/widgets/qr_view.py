"""A QR code drawn crisply at any size (segno builds the matrix; QPainter draws the modules)."""

from __future__ import annotations

import segno
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET_ZONE = 4  # modules of white border the QR standard asks for


def qr_matrix(payload: str) -> list[list[bool]]:
    """The module matrix of ``payload`` (error correction M, smallest fitting version)."""
    code = segno.make(payload, error="m", micro=False, boost_error=False)
    return [[bool(cell) for cell in row] for row in code.matrix]


class QrView(QWidget):
    """Square QR code; scales to the widget with whole-pixel modules so scanners read it."""

    def __init__(
        self,
        payload: str = "",
        parent: QWidget | None = None,
        minimum: int = 240,
        *,
        square: bool = True,
    ):
        """``square``: ask layouts for a height equal to the width (False: the owner sizes it,
        e.g. the litigant window, where a full-width square would push the caption over it)."""
        super().__init__(parent)
        self._square = square
        self._matrix: list[list[bool]] = []
        self._payload = ""
        self._minimum = minimum
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(minimum, minimum)
        self.set_payload(payload)

    def payload(self) -> str:
        return self._payload

    def set_payload(self, payload: str) -> None:
        self._payload = payload
        self._matrix = qr_matrix(payload) if payload else []
        self.setAccessibleName(payload)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(self._minimum, self._minimum)

    def set_minimum_side(self, side: int) -> None:
        self._minimum = side
        self.setMinimumSize(side, side)
        self.updateGeometry()

    def hasHeightForWidth(self) -> bool:
        return self._square

    def heightForWidth(self, width: int) -> int:
        return width

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        side = min(self.width(), self.height())
        painter.fillRect(self.rect(), self.palette().window())
        if not self._matrix:
            return
        count = len(self._matrix) + 2 * QUIET_ZONE
        module = max(1, side // count)  # whole pixels: no blurry edges
        size = module * count
        left = (self.width() - size) // 2
        top = (self.height() - size) // 2
        painter.fillRect(QRectF(left, top, size, size), QColor("white"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("black"))
        for y, row in enumerate(self._matrix):
            for x, dark in enumerate(row):
                if dark:
                    painter.drawRect(
                        left + (x + QUIET_ZONE) * module,
                        top + (y + QUIET_ZONE) * module,
                        module,
                        module,
                    )
        painter.end()
