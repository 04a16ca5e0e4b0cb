"""Table model of history rows (the view runs the searches off the GUI thread)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from hearing_helper.domain.local_time import local_text
from hearing_helper.domain.masking import mask_free_text, mask_name
from hearing_helper.domain.visit import VisitKind
from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP
from hearing_helper.store.repository import AssistSummary
from hearing_helper.ui.labels import format_duration, outcome_label, record_status_label, role_label
from hearing_helper.ui.visits.texts import preparation_text

if TYPE_CHECKING:
    from hearing_helper.catalog import CatalogLoad

log = logging.getLogger(__name__)

# (header, HistoryQuery sort column or "" when not sortable)
COLUMNS: tuple[tuple[str, str], ...] = (
    (QT_TRANSLATE_NOOP("HistoryModel", "Started"), "started_at"),
    (QT_TRANSLATE_NOOP("HistoryModel", "Case number"), "case_number"),
    (QT_TRANSLATE_NOOP("HistoryModel", "Litigant"), "litigant_name"),
    (QT_TRANSLATE_NOOP("HistoryModel", "Role"), ""),
    (QT_TRANSLATE_NOOP("HistoryModel", "Platform"), "platform_id"),
    (QT_TRANSLATE_NOOP("HistoryModel", "Clerk"), "clerk_name"),
    (QT_TRANSLATE_NOOP("HistoryModel", "Duration"), "duration_s"),
    (QT_TRANSLATE_NOOP("HistoryModel", "Outcome"), "outcome"),
    (QT_TRANSLATE_NOOP("HistoryModel", "Status"), ""),
)


def short_time(iso: str | None) -> str:
    return local_text(iso)


def widest_values(model: HistoryModel) -> dict[int, Callable[[], set[str]]]:
    """Per column that must never be cut, the values it has to show whole: the roles and
    statuses of the rows found (a few distinct codes of at most a page: no cell is measured),
    and the widest time and durations (in the language of the moment)."""
    return {
        0: lambda: {short_time("2026-12-28T20:58:00+08:00")},
        3: lambda: {role_label(code) for code in {row.role for row in model.rows}},
        6: lambda: {format_duration(59 * 60 + 58), format_duration(10 * 3600 + 58 * 60)},
        8: lambda: {record_status_label(code) for code in {row.status for row in model.rows}},
    }


class HistoryModel(QAbstractTableModel):
    def __init__(
        self, catalog: CatalogLoad | None, language: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.rows: list[AssistSummary] = []
        self.catalog = catalog
        self.language = language

    def set_catalog(self, catalog: CatalogLoad) -> None:
        """Platform names arrive after start-up (the catalog loads once the window shows)."""
        self.catalog = catalog
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1)
            )

    def set_rows(self, rows: list[AssistSummary]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("HistoryModel", COLUMNS[section][0])
        return None

    def _platform_name(self, platform_id: str | None) -> str:
        if not platform_id:
            return ""
        if self.catalog is None:
            return ""  # still loading: the names follow in a moment, never the raw id
        platform = self.catalog.platform(platform_id)
        if platform is None:
            return QCoreApplication.translate("HistoryModel", "(platform no longer listed)")
        return platform.display_name(self.language)

    def text(self, row: AssistSummary, column: int) -> str:
        # Only the asked column: the view asks cell by cell, many times over at a repaint.
        if column == 0:
            return short_time(row.started_at)
        # Litigant data masked, as everywhere by default (the search still matches what was
        # typed in full; the record's detail view shows it in full to a supervisor).
        if column == 1:
            return mask_free_text(row.case_number)  # a phone or ID typed in (issue 18)
        if column == 2:
            return mask_name(row.litigant_name)
        if column == 3:
            return role_label(row.role)
        if column == 4:
            return self._platform_name(row.platform_id)
        if column == 5:
            return row.clerk_name
        if column == 6:
            return format_duration(row.duration_s)
        if column == 7:
            # The outcome of the visit's own kind (a stale one of the other kind is not shown).
            if row.kind == VisitKind.PREPARATION:
                return preparation_text(row.prep_outcome)
            return outcome_label(row.outcome)
        return record_status_label(row.status)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(row, index.column())
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None
