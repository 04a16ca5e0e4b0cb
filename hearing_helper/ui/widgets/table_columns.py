"""Table columns that share the table's width: every column on screen without scrolling sideways,
a value too long for its column elided ("…") with the whole value as its tooltip.

Columns as wide as their content (Qt's ResizeToContents) ran the History list past the clerk's
888-pixel window beside the litigant's. Here each column gets what its shown rows need while all
fit; when they do not, the widest give way first, none below its title's width.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
)


def share_width(needs: list[int], floors: list[int], room: int) -> list[int]:
    """Column widths: ``needs`` when they fit in ``room``; else every need capped at one level
    (the largest that fits), never below its ``floor``."""
    if sum(needs) <= room:
        return list(needs)
    low, high = 0, max(needs)
    while low < high:  # the largest cap whose widths still fit
        cap = (low + high + 1) // 2
        if (
            sum(max(floor, min(need, cap)) for need, floor in zip(needs, floors, strict=True))
            <= room
        ):
            low = cap
        else:
            high = cap - 1
    return [max(floor, min(need, low)) for need, floor in zip(needs, floors, strict=True)]


def _cell_rect(view: QAbstractItemView, index: QModelIndex | QPersistentModelIndex) -> QRect:
    return view.visualRect(view.model().index(index.row(), index.column(), index.parent()))


class ElidedTooltipDelegate(QStyledItemDelegate):
    """Shows the whole value as a tooltip on a cell whose text is elided, and none otherwise."""

    def tooltip(self, view: QAbstractItemView, index: QModelIndex | QPersistentModelIndex) -> str:
        """The cell's whole text when its column is too narrow for it, else ""."""
        text = index.data()
        if not isinstance(text, str) or not text:
            return ""
        option = QStyleOptionViewItem()
        option.initFrom(view.viewport())
        option.font = view.font()
        option.rect = _cell_rect(view, index)
        return text if self.sizeHint(option, index).width() > option.rect.width() else ""

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if event.type() != QEvent.Type.ToolTip:
            return super().helpEvent(event, view, option, index)
        text = self.tooltip(view, index)
        if text:
            QToolTip.showText(event.globalPos(), text, view, _cell_rect(view, index))
        else:
            QToolTip.hideText()
        return True


class FittedColumns(QObject):
    """Keeps ``table``'s columns within its width as rows, values and the window change (the
    clerk may still drag a column; the next change fits them again)."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.delegate = ElidedTooltipDelegate(table)
        table.setItemDelegate(self.delegate)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)  # fit() hands the last column what is left
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        model = table.model()
        for signal in (model.modelReset, model.dataChanged, model.layoutChanged):
            signal.connect(self._timer.start)
        model.headerDataChanged.connect(self._timer.start)
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._timer.start()
        return False

    def fit(self) -> None:
        """Size the columns now (from the rows on screen, not every row of the model)."""
        table, header = self.table, self.table.horizontalHeader()
        count = header.count()
        if count == 0:
            return
        floors = [header.sectionSizeHint(column) for column in range(count)]
        needs = [max(floor, table.sizeHintForColumn(column)) for column, floor in enumerate(floors)]
        room = table.viewport().width()
        widths = share_width(needs, floors, room)
        widths[-1] += max(0, room - sum(widths))
        for column, width in enumerate(widths):
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)
