"""Chart drawing with QPainter, shared by the on-screen chart widgets and the PDF summary.

Each function paints into a rectangle of any paint device (widget, QPdfWriter, QImage) and
returns the rectangles of what it drew, so widgets can hit-test clicks for drill-down. Sizes
are derived from the rectangle and the painter's font, so the same code suits a 96-dpi screen
and a 300-dpi page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

PRIMARY = QColor("#2F6DB5")
SECONDARY = QColor("#7FB069")
ALERT = QColor("#C8553D")
GRID = QColor("#D0D5DB")
TEXT = QColor("#1F2328")
MUTED = QColor("#5B6570")
HIGHLIGHT = QColor("#F2A541")


@dataclass(frozen=True)
class HBarItem:
    label: str
    value: float
    annotation: str = ""  # drawn after the bar, e.g. "123 · 45%"
    part: float = 0.0  # a second, red portion at the bar's end (e.g. failed)


def _text_height(painter: QPainter) -> float:
    return QFontMetricsF(painter.font()).height()


def paint_title(painter: QPainter, rect: QRectF, title: str) -> QRectF:
    """Draw ``title`` at the top of ``rect`` in bold; return the space left below it."""
    if not title:
        return rect
    font = painter.font()
    bold = painter.font()
    bold.setBold(True)
    painter.setFont(bold)
    height = _text_height(painter) * 1.3
    painter.setPen(TEXT)
    painter.drawText(
        QRectF(rect.left(), rect.top(), rect.width(), height),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        title,
    )
    painter.setFont(font)
    return rect.adjusted(0, height, 0, 0)


def count_ticks(value: float) -> list[int]:
    """Whole-number axis ticks from 0 to at least ``value``: people are counted, never 0.5.

    At most six ticks, 1, 2 or 5 times a power of ten apart (0 1 2 / 0 5 10 15 / 0 250 500 ...).
    """
    if value <= 0:
        return [0, 1]
    step = 1
    while value / step > 5:
        for factor in (2, 5, 10):
            magnitude = 10 ** (len(str(step)) - 1)
            candidate = factor * magnitude
            if candidate > step:
                step = candidate
                break
    top = -(-int(value) // step) * step  # ceil to a whole step
    if top < value:
        top += step
    return list(range(0, top + 1, step))


def paint_vbar_chart(
    painter: QPainter,
    rect: QRectF,
    labels: Sequence[str],
    values: Sequence[float],
    *,
    overlay: Sequence[float] | None = None,
    title: str = "",
    highlight: int = -1,
    legend: Sequence[str] = (),
) -> list[QRectF]:
    """Vertical bars (e.g. assisted per day) with an optional overlay (e.g. joined)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    area = paint_title(painter, rect, title)
    line = _text_height(painter)
    metrics = QFontMetricsF(painter.font())
    tick_values = count_ticks(max(values, default=0))
    top = float(tick_values[-1])
    fractions = [tick / top for tick in tick_values]
    ticks = [f"{tick:,}" for tick in tick_values]
    axis_width = max(metrics.horizontalAdvance(tick) for tick in ticks) + line * 0.5
    legend_height = line * 1.2 if legend else 0.0
    plot = area.adjusted(axis_width, line * 0.5, -line * 0.3, -(line * 1.4 + legend_height))
    bars: list[QRectF] = []
    painter.setPen(QPen(GRID, 0))
    for fraction, tick in zip(fractions, ticks, strict=True):
        y = plot.bottom() - plot.height() * fraction
        painter.setPen(QPen(GRID, 0))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(MUTED)
        painter.drawText(
            QRectF(area.left(), y - line / 2, axis_width - line * 0.3, line),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            tick,
        )
    count = len(values)
    if count:
        slot = plot.width() / count
        gap = min(slot * 0.2, line * 0.4)
        # Label as many slots as fit without overlapping.
        widest = max((metrics.horizontalAdvance(text) for text in labels), default=0.0)
        every = max(1, int((widest + line * 0.6) // max(slot, 1e-6)) + 1)
        for index, value in enumerate(values):
            height = plot.height() * (value / top)
            bar = QRectF(
                plot.left() + index * slot + gap / 2, plot.bottom() - height, slot - gap, height
            )
            bars.append(QRectF(bar.left(), plot.top(), bar.width(), plot.height()))
            painter.fillRect(bar, HIGHLIGHT if index == highlight else PRIMARY)
            if overlay is not None and index < len(overlay):
                inner = plot.height() * (overlay[index] / top)
                painter.fillRect(
                    QRectF(
                        bar.left() + bar.width() * 0.25,
                        plot.bottom() - inner,
                        bar.width() * 0.5,
                        inner,
                    ),
                    SECONDARY,
                )
            if index % every == 0 and index < len(labels):
                painter.setPen(MUTED)
                painter.drawText(
                    QRectF(
                        bar.center().x() - slot * every / 2,
                        plot.bottom() + line * 0.2,
                        slot * every,
                        line,
                    ),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    labels[index],
                )
    if legend:
        x = plot.left()
        y = plot.bottom() + line * 1.4
        for colour, text in zip((PRIMARY, SECONDARY), legend, strict=False):
            painter.fillRect(QRectF(x, y + line * 0.25, line * 0.6, line * 0.6), colour)
            painter.setPen(TEXT)
            width = metrics.horizontalAdvance(text)
            painter.drawText(
                QRectF(x + line * 0.8, y, width + line, line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            x += width + line * 2
    painter.restore()
    return bars


def paint_hbar_chart(
    painter: QPainter,
    rect: QRectF,
    items: Sequence[HBarItem],
    *,
    title: str = "",
    highlight: int = -1,
) -> list[QRectF]:
    """Horizontal bars with labels on the left and an annotation after each bar."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    area = paint_title(painter, rect, title)
    metrics = QFontMetricsF(painter.font())
    line = metrics.height()
    # Failure reasons are short sentences: give them up to 55 % of the width before eliding
    # (the full text is in the tooltip and the drill-down).
    label_width = min(
        area.width() * 0.55,
        max((metrics.horizontalAdvance(item.label) for item in items), default=0.0) + line * 0.5,
    )
    note_width = max((metrics.horizontalAdvance(item.annotation) for item in items), default=0.0)
    plot_left = area.left() + label_width
    plot_width = max(area.width() - label_width - note_width - line * 0.8, line)
    top = max((item.value for item in items), default=0.0) or 1.0
    row = min(line * 1.6, area.height() / max(len(items), 1))
    bars: list[QRectF] = []
    for index, item in enumerate(items):
        y = area.top() + index * row
        painter.setPen(TEXT)
        label = metrics.elidedText(
            item.label, Qt.TextElideMode.ElideRight, label_width - line * 0.4
        )
        painter.drawText(
            QRectF(area.left(), y, label_width - line * 0.4, row),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            label,
        )
        width = plot_width * (item.value / top)
        bar = QRectF(plot_left, y + row * 0.15, width, row * 0.7)
        painter.fillRect(bar, HIGHLIGHT if index == highlight else PRIMARY)
        if item.part > 0:
            part = plot_width * (item.part / top)
            painter.fillRect(QRectF(bar.right() - part, bar.top(), part, bar.height()), ALERT)
        painter.setPen(MUTED)
        painter.drawText(
            QRectF(bar.right() + line * 0.3, y, note_width + line, row),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            item.annotation,
        )
        bars.append(QRectF(area.left(), y, area.width(), row))
    painter.restore()
    return bars


def paint_heatmap(
    painter: QPainter,
    rect: QRectF,
    matrix: Sequence[Sequence[int]],
    row_labels: Sequence[str],
    col_labels: Sequence[str],
    *,
    title: str = "",
    col_filter: Callable[[int], bool] | None = None,
) -> list[list[QRectF]]:
    """A grid of cells shaded by value (e.g. weekday x hour load); returns cells[row][col]."""
    painter.save()
    area = paint_title(painter, rect, title)
    metrics = QFontMetricsF(painter.font())
    line = metrics.height()
    columns = [c for c in range(len(col_labels)) if col_filter is None or col_filter(c)]
    label_width = max((metrics.horizontalAdvance(t) for t in row_labels), default=0.0) + line * 0.5
    grid = area.adjusted(label_width, 0, 0, -line * 1.3)
    rows = len(matrix)
    cell_w = grid.width() / max(len(columns), 1)
    cell_h = grid.height() / max(rows, 1)
    top = max((max(r) for r in matrix if r), default=0) or 1
    cells: list[list[QRectF]] = [[QRectF() for _ in col_labels] for _ in range(rows)]
    for r in range(rows):
        painter.setPen(TEXT)
        painter.drawText(
            QRectF(area.left(), grid.top() + r * cell_h, label_width - line * 0.3, cell_h),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            row_labels[r],
        )
        for position, c in enumerate(columns):
            cell = QRectF(grid.left() + position * cell_w, grid.top() + r * cell_h, cell_w, cell_h)
            share = matrix[r][c] / top
            colour = QColor(PRIMARY)
            colour.setAlphaF(0.06 + 0.94 * share)
            painter.fillRect(cell.adjusted(0.5, 0.5, -0.5, -0.5), colour)
            cells[r][c] = cell
    every = max(1, int((metrics.horizontalAdvance("00") + line * 0.4) // max(cell_w, 1e-6)) + 1)
    painter.setPen(MUTED)
    for position, c in enumerate(columns):
        if position % every == 0:
            painter.drawText(
                QRectF(
                    grid.left() + position * cell_w - cell_w,
                    grid.bottom() + line * 0.2,
                    cell_w * 3,
                    line,
                ),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                col_labels[c],
            )
    painter.restore()
    return cells
