"""Small QPainter chart widgets: vertical bars, horizontal bars, heatmap.

The drawing itself is :mod:`hearing_helper.ui.pdf.charts`, shared with the PDF summary, so
what the supervisor sees is what gets printed. Clicking a bar or cell emits its index for
drill-down; the keyboard can do the same (arrows move, Enter/Space opens).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from hearing_helper.ui.pdf.charts import (
    HBarItem,
    paint_hbar_chart,
    paint_heatmap,
    paint_vbar_chart,
)


class _Chart(QWidget):
    """Common parts: white card, title, hover tooltips, click and keyboard selection."""

    activated = Signal(int)  # index of the bar (row * columns + column for heatmaps)

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self._hits: list[QRectF] = []
        self._tips: list[str] = []
        self._current = -1
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(title)
        self.setMinimumSize(260, 180)

    def set_title(self, title: str) -> None:
        self._title = title
        self.setAccessibleName(title)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 260)

    def current_index(self) -> int:
        return self._current

    def _hit(self, point: QPointF) -> int:
        for index, rect in enumerate(self._hits):
            if rect.contains(point):
                return index
        return -1

    def _draw(self, painter: QPainter, rect: QRectF) -> list[QRectF]:
        raise NotImplementedError

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        painter.setFont(self.font())
        inner = QRectF(self.rect()).adjusted(8, 6, -8, -6)
        self._hits = self._draw(painter, inner)
        if self.hasFocus():
            pen = painter.pen()
            pen.setColor(self.palette().highlight().color())
            painter.setPen(pen)
            painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -1.5, -1.5))
        painter.end()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self._hit(event.position())
        if 0 <= index < len(self._tips) and self._tips[index]:
            QToolTip.showText(event.globalPosition().toPoint(), self._tips[index], self)
        else:
            QToolTip.hideText()
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self._hit(event.position())
        if event.button() == Qt.MouseButton.LeftButton and index >= 0:
            self._current = index
            self.update()
            self.activated.emit(index)
            return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        count = len(self._hits)
        key = event.key()
        if count and key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self._current = min(count - 1, self._current + 1)
        elif count and key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self._current = max(0, self._current - 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self._current >= 0:
            self.activated.emit(self._current)
            return
        else:
            super().keyPressEvent(event)
            return
        self.update()


class VBarChart(_Chart):
    """Bars over time (e.g. assisted per day) with an optional overlay series."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._labels: list[str] = []
        self._values: list[float] = []
        self._overlay: list[float] | None = None
        self._legend: list[str] = []

    def set_data(
        self,
        labels: Sequence[str],
        values: Sequence[float],
        *,
        overlay: Sequence[float] | None = None,
        legend: Sequence[str] = (),
        tips: Sequence[str] = (),
    ) -> None:
        self._labels, self._values = list(labels), list(values)
        self._overlay = list(overlay) if overlay is not None else None
        self._legend = list(legend)
        self._tips = list(tips)
        self._current = -1
        self.update()

    def _draw(self, painter: QPainter, rect: QRectF) -> list[QRectF]:
        return paint_vbar_chart(
            painter,
            rect,
            self._labels,
            self._values,
            overlay=self._overlay,
            title=self._title,
            highlight=self._current,
            legend=self._legend,
        )


class HBarChart(_Chart):
    """Labelled horizontal bars (Pareto of failure reasons, step funnel)."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._items: list[HBarItem] = []

    def set_items(self, items: Sequence[HBarItem], tips: Sequence[str] = ()) -> None:
        self._items = list(items)
        self._tips = list(tips) or [f"{item.label}: {item.annotation}" for item in self._items]
        self._current = -1
        self.update()

    def _draw(self, painter: QPainter, rect: QRectF) -> list[QRectF]:
        return paint_hbar_chart(
            painter, rect, self._items, title=self._title, highlight=self._current
        )


class HeatmapChart(_Chart):
    """A rows x columns grid (weekday x hour load); ``activated`` gives row * columns + col."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._matrix: list[list[int]] = []
        self._rows: list[str] = []
        self._cols: list[str] = []
        self._first_col = 0
        self._last_col = 23

    def set_data(
        self,
        matrix: Sequence[Sequence[int]],
        row_labels: Sequence[str],
        col_labels: Sequence[str],
        *,
        visible_cols: tuple[int, int] | None = None,
    ) -> None:
        self._matrix = [list(row) for row in matrix]
        self._rows, self._cols = list(row_labels), list(col_labels)
        self._first_col, self._last_col = visible_cols or (0, len(self._cols) - 1)
        columns = len(self._cols)
        self._tips = [
            f"{self._rows[r]} {self._cols[c]}: {self._matrix[r][c]:,}"
            for r in range(len(self._rows))
            for c in range(columns)
        ]
        self._current = -1
        self.update()

    def _draw(self, painter: QPainter, rect: QRectF) -> list[QRectF]:
        cells = paint_heatmap(
            painter,
            rect,
            self._matrix,
            self._rows,
            self._cols,
            title=self._title,
            col_filter=lambda c: self._first_col <= c <= self._last_col,
        )
        return [cell for row in cells for cell in row]
