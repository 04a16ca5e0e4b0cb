"""Desk settings: language, text size, court name, help-desk phone (supervisor-gated)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hearing_helper.config import Settings
from hearing_helper.domain.validation import FieldError, normalize_phone

FONT_SCALES = (1.0, 1.15, 1.3, 1.5, 1.75)
TEXT_MAX = 100


class SettingsDialog(QDialog):
    """Edits a few options; ``apply()`` stores them. Language and text size apply at once."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox()
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get("language"))))
        self.font_scale = QComboBox()
        current_scale = settings.get("font_scale")
        for scale in FONT_SCALES:
            self.font_scale.addItem(f"{round(scale * 100)} %", scale)
        closest = min(range(len(FONT_SCALES)), key=lambda i: abs(FONT_SCALES[i] - current_scale))
        self.font_scale.setCurrentIndex(closest)
        self.court = QLineEdit(settings.get("court_name"))
        self.court.setMaxLength(TEXT_MAX)
        self.phone = QLineEdit(settings.get("help_desk_phone"))
        self.phone.setPlaceholderText("010-12345678")
        form = QFormLayout()
        for text, editor, name in (
            (self.tr("&Language:"), self.language, self.tr("Language")),
            (self.tr("&Text size:"), self.font_scale, self.tr("Text size")),
            (self.tr("Default &court:"), self.court, self.tr("Default court")),
            (self.tr("Help-desk &phone:"), self.phone, self.tr("Help-desk phone")),
        ):
            label = QLabel(text)
            label.setBuddy(editor)
            editor.setAccessibleName(name)
            form.addRow(label, editor)
        note = QLabel(
            self.tr(
                "Language and text size change at once; an open assistance stays open."
                " The help-desk phone is printed on the join slip."
            )
        )
        note.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def chosen_font_scale(self) -> float:
        return float(self.font_scale.currentData())

    def _accept_if_valid(self) -> None:
        phone = self.phone.text().strip()
        if phone:
            try:
                self.phone.setText(normalize_phone(phone))
            except FieldError:
                self.error.setText(
                    self.tr(
                        "Help-desk phone not recognised: use a landline with area code"
                        " (e.g. 010-12345678) or an 11-digit mobile number."
                    )
                )
                self.phone.setFocus()
                return
        self.accept()

    def changes(self) -> dict[str, object]:
        """The values the clerk changed (written by :meth:`apply`, or by the caller)."""
        values: dict[str, object] = {
            "language": self.chosen_language(),
            "font_scale": self.chosen_font_scale(),
            "court_name": self.court.text().strip(),
            "help_desk_phone": self.phone.text().strip(),
        }
        return {k: v for k, v in values.items() if self.settings.get(k) != v}

    def apply(
        self, audited: Callable[[dict[str, object], Callable[[], None]], object] | None = None
    ) -> dict[str, object]:
        """Store the values that changed, key by key; returns them. With ``audited``, the write
        is handed to it (``audited(changes, write)``) so it runs inside the audit transaction:
        the change and its audit entry are made together or not at all."""
        changed = self.changes()
        if not changed:
            return changed

        def write() -> None:
            self.settings.update(changed)

        if audited is None:
            write()
        else:
            audited(changed, write)
        return changed
