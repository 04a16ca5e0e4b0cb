"""The Finish step's satisfaction scale: five large score buttons and "Not asked", and who gave
the rating (the litigant on their screen, or the clerk typing in what the litigant said)."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.visit import RatingSource
from hearing_helper.ui.visits.texts import rating_choice_label, rating_source_label

# The chosen score must be obvious at a glance, also to the litigant looking at the screen.
SATISFACTION_STYLE = (
    "QPushButton { border: 2px solid #7a8699; border-radius: 6px; background: #ffffff; }"
    " QPushButton:checked { background: #1f5fbf; color: #ffffff; border-color: #123f80; }"
    " QPushButton:focus { border: 3px solid #ffb000; }"
)


class SatisfactionScale(QWidget):
    """``group`` holds the scores by their value (1-5) and "Not asked" as 0."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        scale = QWidget()
        scale_layout = QHBoxLayout(scale)
        scale_layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.buttons: dict[int, QPushButton] = {}
        side = self.fontMetrics().height() * 3
        for value in range(1, 6):
            button = QPushButton(str(value))
            button.setCheckable(True)
            button.setFixedSize(side, side)
            font = button.font()
            font.setPointSizeF(font.pointSizeF() * 1.6)
            font.setBold(True)
            button.setFont(font)
            button.setAccessibleName(self.tr("Satisfaction %1 of 5").replace("%1", str(value)))
            button.setStyleSheet(SATISFACTION_STYLE)
            self.group.addButton(button, value)
            self.buttons[value] = button
            scale_layout.addWidget(button)
        self.not_asked = QPushButton(self.tr("Not asked"))
        self.not_asked.setCheckable(True)
        self.not_asked.setFixedHeight(side)
        self.not_asked.setStyleSheet(
            SATISFACTION_STYLE.replace("{ border", "{ padding: 0 12px; border", 1)
        )
        self.group.addButton(self.not_asked, 0)
        scale_layout.addWidget(self.not_asked)
        scale_layout.addStretch(1)
        hint = QLabel(self.tr("1 = very dissatisfied \u2026 5 = very satisfied"))
        # Who gave the rating: the litigant on their screen (then it cannot be changed here,
        # only withdrawn as "not asked"), or the clerk typing in what the litigant said.
        self.source_label = QLabel()
        self.source_label.setObjectName("ratingSource")
        self.source_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scale)
        layout.addWidget(hint)
        layout.addWidget(self.source_label)

    def show_choice(self, satisfaction: int | None) -> None:
        """Check the stored score (none checked for no score), without choosing "Not asked"."""
        self.group.setExclusive(False)
        for value, button in self.buttons.items():
            button.setChecked(satisfaction == value)
        self.not_asked.setChecked(False)
        self.group.setExclusive(True)

    def show_source(self, record: AssistRecord | None) -> None:
        by_litigant = record is not None and record.rating_given_by is RatingSource.LITIGANT
        for button in self.buttons.values():
            button.setEnabled(not by_litigant)
        if record is None or record.satisfaction is None:
            self.source_label.setText(self.tr("The litigant can choose on the litigant screen."))
        elif by_litigant:
            score = f"{record.satisfaction} \u2013 {rating_choice_label(record.satisfaction)}"
            text = self.tr("Given by the litigant on their screen: %1 (only Not asked undoes it)")
            self.source_label.setText(text.replace("%1", score))
        else:
            self.source_label.setText(rating_source_label(record.rating_given_by))
