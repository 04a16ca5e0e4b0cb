"""A phone-number line edit that shows the number masked (138****5678) when not focused."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from hearing_helper.domain.masking import mask_phone


class PhoneEdit(QLineEdit):
    """``raw_text()`` is what was typed; the display is masked while focus is elsewhere."""

    raw_edited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._raw = ""
        self._mask_when_unfocused = False
        self.textEdited.connect(self._on_edited)

    def raw_text(self) -> str:
        return self._raw

    def set_raw_text(self, text: str, *, maskable: bool) -> None:
        """Show ``text`` (masked unless focused when ``maskable``, i.e. the number is valid)."""
        self._raw = text
        self._mask_when_unfocused = maskable
        self._show()

    def set_maskable(self, maskable: bool) -> None:
        self._mask_when_unfocused = maskable

    def _show(self) -> None:
        shown = self._raw
        if self._mask_when_unfocused and not self.hasFocus() and self._raw:
            shown = mask_phone(self._raw)
        if self.text() != shown:
            self.setText(shown)

    def _on_edited(self, text: str) -> None:
        self._raw = text
        self.raw_edited.emit(text)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._show()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._show()
