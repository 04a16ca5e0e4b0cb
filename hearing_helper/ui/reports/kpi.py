"""The reports window's figure tiles and the filter choices it offers (ui/reports/view.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.store.report_source import ReportSource


class KpiTile(QFrame):
    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("kpiTile")
        layout = QVBoxLayout(self)
        self.value = QLabel("–", self)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(caption, self)
        self.caption.setWordWrap(True)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        self.setAccessibleName(caption)

    def set_value(self, text: str) -> None:
        self.value.setText(text)
        self.setAccessibleDescription(text)


def _options(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted({(text or value, value) for text, value in rows if value})


def load_filter_options(
    source: ReportSource, filters: ReportFilters, platform_names: dict[str, str] | None = None
) -> dict[str, list[tuple[str, str]]]:
    """Courts, desks, clerks and platforms that have records in the period."""
    names_of_platforms = platform_names or {}
    found = source.filter_options(filters)
    rows, names = found.combinations, found.clerk_names
    return {
        "court": _options([(r[0], r[0]) for r in rows]),
        "desk": _options([(r[1], r[1]) for r in rows]),
        "clerk": _options([(f"{names.get(r[2], r[2])} ({r[2]})", r[2]) for r in rows]),
        "platform": _options([(names_of_platforms.get(r[3], r[3]), r[3]) for r in rows]),
    }
