"""Edit a copy of a finished record; saved as a new version with a required reason."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.validation import FieldError
from hearing_helper.services import AppServices
from hearing_helper.store.errors import IncompleteRecordError, RecordRuleError
from hearing_helper.store.lifecycle import PERSONAL_FIELDS, check_correction_content
from hearing_helper.ui.labels import field_label
from hearing_helper.ui.widgets.fit import fit_to_screen
from hearing_helper.ui.wizard.finish_flow import FINISH_FIELDS
from hearing_helper.ui.wizard.finish_page import FinishPage
from hearing_helper.ui.wizard.intake_page import IntakePage

REASON_MAX = 500


class CorrectionDialog(QDialog):
    """Reuses the intake and finish pages on a copy; ``corrected`` is the edited copy."""

    def __init__(
        self, services: AppServices, record: AssistRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Correct record"))
        fit_to_screen(self, 820, 720)
        self.original = record
        self.corrected = AssistRecord.from_dict(record.to_dict())  # a deep copy
        self.intake_page = IntakePage(services)
        self.finish_page = FinishPage(services)
        self.intake_page.load(self.corrected)
        self.finish_page.load(self.corrected)
        self.finish_page.leave()  # no live clock: the end time is fixed
        tabs = QTabWidget()
        # Scrolled: a page taller than the dialog (e.g. a preparation visit's outcome) must not
        # push the dialog off a 1366x768 screen.
        for page in (self.intake_page, self.finish_page):
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(page)
            tabs.addTab(scroll, page.title())
        self.tabs = tabs
        self.reason = QLineEdit()
        self.reason.setMaxLength(REASON_MAX)
        self.reason.setPlaceholderText(self.tr("e.g. wrong case number typed"))
        self.reason.setAccessibleName(self.tr("Reason for the correction"))
        reason_label = QLabel(self.tr("R&eason for the correction (required):"))
        reason_label.setBuddy(self.reason)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(
            self.tr("Save as new &version")
        )
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _rule_problems(self) -> list[FieldError]:
        """The pages' problems and the rules the store runs on a correction (the finish rules,
        store/lifecycle.py): a name or phone left as stored, masked or not, is unchanged."""
        unchanged = {
            name
            for name in PERSONAL_FIELDS
            if getattr(self.corrected.intake, name) == getattr(self.original.intake, name)
        }
        problems = [
            problem
            for problem in self.intake_page.problems() + self.finish_page.problems()
            if problem.field not in unchanged
        ]
        if problems:
            return problems
        candidate = AssistRecord.from_dict(self.corrected.to_dict())
        try:
            check_correction_content(self.original, candidate)
        except IncompleteRecordError as exc:
            return list(exc.problems)
        except RecordRuleError as exc:
            return list(exc.problems)
        return []

    def reason_text(self) -> str:
        return self.reason.text().strip()

    def _accept_if_valid(self) -> None:
        self.intake_page.flush()
        self.finish_page.flush()
        problems = self._rule_problems()
        if problems:
            self.intake_page.show_errors(problems)
            self.finish_page.show_errors(problems)
            first = problems[0]
            message = first.format(QCoreApplication.translate("validation", first.message))
            self.error.setText(f"{field_label(first.field)}: {message}")
            in_intake = first.field not in FINISH_FIELDS
            self.tabs.setCurrentIndex(0 if in_intake else 1)
            return
        if not self.reason_text():
            self.error.setText(self.tr("Please say why the record is corrected."))
            self.reason.setFocus()
            return
        self.accept()
