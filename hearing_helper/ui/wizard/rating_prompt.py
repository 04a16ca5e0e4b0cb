"""Finish found no rating from the litigant: ask once whether to ask them now, record that they
declined, or finish without asking (the clerk's "Not asked")."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from hearing_helper.domain.visit import RatingSource

# record.step(FINISH).data[RATING_ANSWER]: why there is no rating -- "not_asked" (the clerk's
# button or this box) or "declined" (the litigant did not want to rate).
RATING_ANSWER = "rating"
RATING_DECLINED = "declined"


class RatingPromptBox(QMessageBox):
    """Non-modal; ``answer(button)`` is None for "ask now", else the RATING_ANSWER to store."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ratingPromptBox")
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("No rating yet"))
        self.setText(
            self.tr(
                "The litigant has not rated the help yet. Please ask them to choose 1 to 5 on"
                " the litigant screen (or the keypad)."
            )
        )
        self.button_ask = self.addButton(self.tr("&Ask now"), QMessageBox.ButtonRole.RejectRole)
        self.button_declined = self.addButton(
            self.tr("The litigant &declined"), QMessageBox.ButtonRole.AcceptRole
        )
        self.button_not_asked = self.addButton(
            self.tr("Finish &without asking"), QMessageBox.ButtonRole.DestructiveRole
        )
        # Enter or Esc alone goes back to ask: nothing is recorded without a choice.
        self.setDefaultButton(self.button_ask)
        self.setEscapeButton(self.button_ask)

    def answer(self, button: QAbstractButton) -> str | None:
        if button is self.button_declined:
            return RATING_DECLINED
        if button is self.button_not_asked:
            return str(RatingSource.NOT_ASKED)
        return None
