"""Table columns that share the table's width: every column on screen without scrolling sideways,
a value too long for its column elided ("…") with the whole value as its tooltip.

Columns as wide as their content (Qt's ResizeToContents) ran the History list past the clerk's
888-pixel window beside the litigant's. Here each column gets what its shown rows need while all
fit; when they do not, the widest give way first, none below its title's width.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
)


def share_width(
    needs: list[int], floors: list[int], room: int, give_way: Sequence[Sequence[int]] = ()
) -> list[int]:
    """Column widths: ``needs`` when they fit in ``room``. Else the columns of ``give_way``'s
    first group are capped at one level (the largest that fits), never below their ``floor``;
    when they are all at their floors and it is not enough, the next group the same way, and
    so on; last, every column."""
    if sum(needs) <= room:
        return list(needs)
    widths = list(needs)
    for group in [*give_way, range(len(needs))]:
        columns = [c for c in group if widths[c] > floors[c]]
        others = sum(widths) - sum(widths[c] for c in columns)
        cap = _largest_cap([needs[c] for c in columns], [floors[c] for c in columns], room - others)
        for column in columns:
            widths[column] = max(floors[column], min(needs[column], cap))
        if sum(widths) <= room:
            break
    return widths


def _largest_cap(needs: list[int], floors: list[int], room: int) -> int:
    """The largest cap whose capped widths (never below their floors) fit in ``room``."""
    low, high = 0, max(needs, default=0)
    while low < high:
        cap = (low + high + 1) // 2
        if sum(max(f, min(n, cap)) for n, f in zip(needs, floors, strict=True)) <= room:
            low = cap
        else:
            high = cap - 1
    return low


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


class ElidedLinesDelegate(ElidedTooltipDelegate):
    """A list's lines no wider than the list: the style elides a longer one (its tooltip shows
    it whole), and the list has nothing to scroll sideways to."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(min(hint.width(), self.view.viewport().width()), hint.height())

    def tooltip(self, view: QAbstractItemView, index: QModelIndex | QPersistentModelIndex) -> str:
        text = index.data()
        if not isinstance(text, str) or not text:
            return ""
        option = QStyleOptionViewItem()
        option.initFrom(view.viewport())
        option.font = view.font()
        whole = QStyledItemDelegate.sizeHint(self, option, index).width()
        return text if whole > _cell_rect(view, index).width() else ""


def elide_long_lines(view: QListView) -> None:
    """Keep ``view``'s lines within its width (elided, whole in their tooltips)."""
    view.setItemDelegate(ElidedLinesDelegate(view))
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setResizeMode(QListView.ResizeMode.Adjust)  # lay the lines out again on a resize


def item_tooltip(view: QAbstractItemView, index: QModelIndex) -> str:
    """The whole text of a cell or line shown elided (its tooltip), "" when it fits."""
    delegate = view.itemDelegate()
    return delegate.tooltip(view, index) if isinstance(delegate, ElidedTooltipDelegate) else ""


class FittedColumns(QObject):
    """Keeps ``table``'s columns within its width as rows, values and the window change (the
    clerk may still drag a column; the next change fits them again). ``give_way``: the groups
    of columns that are narrowed first, in order (see share_width); ``widest``: per column,
    the values it must show whole (every label of a code, the longest time or duration)."""

    def __init__(
        self,
        table: QTableView,
        give_way: Sequence[Sequence[int]] = (),
        widest: Mapping[int, Callable[[], Iterable[str]]] | None = None,
    ) -> None:
        super().__init__(table)
        self.table = table
        self.give_way = give_way
        # Per column, the texts it must fit even when no row on screen shows them (rows are
        # measured only as far as they are on screen: all 500 of a page took seconds).
        self.widest = dict(widest or {})
        self.delegate = ElidedTooltipDelegate(table)
        table.setItemDelegate(self.delegate)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(24)  # the floors are the titles' widths (fit())
        header.setStretchLastSection(False)  # fit() hands the last column what is left
        self._painted = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        model = table.model()
        for signal in (
            model.modelReset,
            model.dataChanged,
            model.layoutChanged,
            model.rowsInserted,
        ):
            signal.connect(self._timer.start)
        model.headerDataChanged.connect(self._timer.start)
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Paint) and not self._painted:
            # Fitting needs the style's metrics, which PySide builds slowly: after the window's
            # first frame (its rows come later anyway), not before it.
            self._painted = event.type() == QEvent.Type.Paint
            if self._painted:
                self._timer.start()
        elif event.type() == QEvent.Type.Resize:
            self._timer.start()
        return False

    def fit(self) -> None:
        """Size the columns now (from the rows on screen, not every row of the model)."""
        table, header = self.table, self.table.horizontalHeader()
        count = header.count()
        if count == 0 or not self._painted:
            return
        floors = [self._title_width(column) for column in range(count)]
        needs = [
            max(floor, table.sizeHintForColumn(column), self._text_width(column))
            for column, floor in enumerate(floors)
        ]
        room = table.viewport().width()
        widths = share_width(needs, floors, room, self.give_way)
        widths[-1] += max(0, room - sum(widths))
        for column, width in enumerate(widths):
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def _title_width(self, column: int) -> int:
        """The width the column's title needs (room for the sort arrow on the sorted column
        only: Qt's size hint keeps it on every column, which cost the values 20 px each)."""
        header = self.table.horizontalHeader()
        from PySide6.QtWidgets import QStyle  # on first fit: PySide builds QStyle's enums slowly

        title = header.model().headerData(column, header.orientation())
        style = header.style()
        width = header.fontMetrics().horizontalAdvance(str(title or ""))
        width += 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header) + 4
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == column:
            width += style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + 4
        return width

    def _text_width(self, column: int) -> int:
        texts = self.widest.get(column)
        if texts is None:
            return 0
        metrics = self.table.fontMetrics()
        widest = max((metrics.horizontalAdvance(text) for text in texts()), default=0)
        from PySide6.QtWidgets import QStyle  # on first fit, not before the first frame

        # The item delegate's text margins: the focus frame's on each side, and one pixel more.
        margin = self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin)
        return widest + 2 * (margin + 1) + 2
