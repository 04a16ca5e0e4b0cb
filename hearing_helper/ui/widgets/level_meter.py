"""A microphone level meter: a horizontal bar from -60 to 0 dBFS with a falling peak marker.

Zones are coloured AND labelled by position (quiet on the left, too loud at the right end), and
the current level is also given as text in the accessible description.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

FLOOR_DBFS = -60.0
QUIET_DBFS = -50.0  # below: too quiet (matches the microphone warn threshold)
LOUD_DBFS = -6.0  # above: close to clipping
PEAK_HOLD_S = 1.0
PEAK_FALL_DB_PER_S = 20.0


class LevelMeter(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._level = FLOOR_DBFS
        self._peak = FLOOR_DBFS
        self._peak_at = 0.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(22)
        self.setAccessibleName(self.tr("Microphone level"))

    def sizeHint(self) -> QSize:
        return QSize(240, 26)

    def level(self) -> float:
        return self._level

    def set_level(self, dbfs: float) -> None:
        self._level = max(FLOOR_DBFS, min(0.0, float(dbfs)))
        now = time.monotonic()
        if self._level >= self._peak:
            self._peak, self._peak_at = self._level, now
        elif now - self._peak_at > PEAK_HOLD_S:
            fallen = self._peak - PEAK_FALL_DB_PER_S * (now - self._peak_at - PEAK_HOLD_S)
            self._peak = max(self._level, fallen)
        self.setAccessibleDescription(self.tr("%1 dBFS").replace("%1", f"{self._level:.0f}"))
        self.update()

    def reset(self) -> None:
        self._level = self._peak = FLOOR_DBFS
        self.update()

    @staticmethod
    def _x(rect: QRectF, dbfs: float) -> float:
        return rect.left() + rect.width() * (dbfs - FLOOR_DBFS) / -FLOOR_DBFS

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.fillRect(rect, QColor("#eeeeee"))
        # the zones, faint in the background so an empty meter still explains itself
        zones = (
            (FLOOR_DBFS, QUIET_DBFS, QColor("#ffe0b2")),
            (QUIET_DBFS, LOUD_DBFS, QColor("#dcedc8")),
            (LOUD_DBFS, 0.0, QColor("#ffcdd2")),
        )
        for low, high, colour in zones:
            painter.fillRect(
                QRectF(
                    self._x(rect, low),
                    rect.top(),
                    self._x(rect, high) - self._x(rect, low),
                    rect.height(),
                ),
                colour,
            )
        # the level itself, strong colours
        level_colour = (
            QColor("#ef6c00")
            if self._level < QUIET_DBFS
            else QColor("#2e7d32")
            if self._level < LOUD_DBFS
            else QColor("#c62828")
        )
        bar = QRectF(
            rect.left(),
            rect.top() + rect.height() * 0.2,
            self._x(rect, self._level) - rect.left(),
            rect.height() * 0.6,
        )
        painter.fillRect(bar, level_colour)
        painter.setPen(QPen(QColor("#212121"), 2))
        peak_x = self._x(rect, self._peak)
        painter.drawLine(int(peak_x), int(rect.top()), int(peak_x), int(rect.bottom()))
        painter.setPen(QPen(QColor("#9e9e9e"), 1))
        painter.drawRect(rect)
        painter.end()
