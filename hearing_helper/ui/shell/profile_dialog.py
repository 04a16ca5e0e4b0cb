"""Choose or create the clerk profile (no password: the desk PC is shared)."""

from __future__ import annotations

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

from hearing_helper.domain.record import ClerkProfile
from hearing_helper.domain.validation import FieldError, normalize_name

STAFF_ID_MAX = 32
TEXT_MAX = 100


class ProfileDialog(QDialog):
    """Pick a known clerk or fill in a new profile; ``profile()`` is the result."""

    def __init__(
        self,
        known: list[ClerkProfile],
        current: ClerkProfile | None = None,
        default_court: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.known = known
        self.setWindowTitle(self.tr("Clerk profile"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 30)
        intro = QLabel(
            self.tr("Who is at the desk today? Choose your name, or fill in a new profile.")
            if known
            else self.tr("Welcome! Please fill in your profile once; it is remembered.")
        )
        intro.setWordWrap(True)
        self.known_combo = QComboBox()
        self.known_combo.addItem(self.tr("New profile\u2026"), "")
        for profile in known:
            self.known_combo.addItem(f"{profile.name} ({profile.staff_id})", profile.staff_id)
        self.known_combo.setAccessibleName(self.tr("Known clerks"))
        self.name = QLineEdit()
        self.staff_id = QLineEdit()
        self.staff_id.setMaxLength(STAFF_ID_MAX)
        self.desk = QLineEdit()
        self.desk.setMaxLength(TEXT_MAX)
        self.court = QLineEdit(default_court)
        self.court.setMaxLength(TEXT_MAX)
        form = QFormLayout()
        if known:
            form.addRow(self._label(self.tr("&Clerk:"), self.known_combo), self.known_combo)
        for text, editor, accessible in (
            (self.tr("&Name:"), self.name, self.tr("Name")),
            (self.tr("&Staff ID:"), self.staff_id, self.tr("Staff ID")),
            (self.tr("&Desk:"), self.desk, self.tr("Desk")),
            (self.tr("C&ourt:"), self.court, self.tr("Court")),
        ):
            editor.setAccessibleName(accessible)
            form.addRow(self._label(text, editor), editor)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.known_combo.currentIndexChanged.connect(self._on_known)
        if current is not None:
            index = self.known_combo.findData(current.staff_id)
            self.known_combo.setCurrentIndex(max(0, index))
            self._fill(current)
        elif known:
            self.known_combo.setCurrentIndex(1)
        (self.known_combo if known else self.name).setFocus()

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _fill(self, profile: ClerkProfile) -> None:
        self.name.setText(profile.name)
        self.staff_id.setText(profile.staff_id)
        self.desk.setText(profile.desk)
        self.court.setText(profile.court)

    def _on_known(self) -> None:
        staff_id = self.known_combo.currentData()
        chosen = next((p for p in self.known if p.staff_id == staff_id), None)
        if chosen is not None:
            self._fill(chosen)
        else:
            for editor in (self.name, self.staff_id, self.desk):
                editor.clear()

    def profile(self) -> ClerkProfile:
        return ClerkProfile(
            staff_id=self.staff_id.text().strip(),
            name=self.name.text().strip(),
            desk=self.desk.text().strip(),
            court=self.court.text().strip(),
        )

    def problem(self) -> tuple[QWidget, str] | None:
        """The first field that is wrong and what is expected, or None."""
        try:
            normalize_name(self.name.text(), "name")
        except FieldError:
            return self.name, self.tr("Please enter your name (1 to 50 characters, no digits).")
        if not self.staff_id.text().strip():
            return self.staff_id, self.tr("Please enter your staff ID (as on your badge).")
        return None

    def _accept_if_valid(self) -> None:
        problem = self.problem()
        if problem is not None:
            widget, message = problem
            self.error.setText(message)
            widget.setFocus()
            return
        self.accept()
