"""Step 3, App install: the platform's guide for the litigant's device, one step at a time.

The clerk reads each step out, marks it done, failed or skipped, and picks the problem (with its
remedy shown) when something goes wrong. Progress is kept in the record (install_progress.py).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hearing_helper.catalog import Guide, GuideStep, Platform
from hearing_helper.domain.enums import StepId
from hearing_helper.domain.record import AssistRecord
from hearing_helper.services import AppServices
from hearing_helper.ui.catalog_cache import catalog_for
from hearing_helper.ui.install import install_progress as progress
from hearing_helper.ui.install.install_progress import DONE, FAILED, MARK_SYMBOLS, SKIPPED
from hearing_helper.ui.install.shared import problem_label, ui_language
from hearing_helper.ui.install.step_view import StepView
from hearing_helper.ui.wizard.base import LitigantContent, StepPage

log = logging.getLogger(__name__)

REMEDY_STYLE = "background: #fff8e1; border: 1px solid #ffb300; padding: 8px;"


class InstallPage(StepPage):
    step_id = StepId.INSTALL

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.platform: Platform | None = None
        self.guide: Guide | None = None
        self.os_name = ""
        self._index = 0
        self._build()

    # --- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.empty_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.empty_label.setFont(font)

        self.header = QLabel()
        self.header.setWordWrap(True)
        self.version_label = QLabel()
        self.version_label.setStyleSheet("color: #666;")
        self.step_list = QListWidget()
        # Narrow enough to share a 1366-pixel screen with the litigant window.
        self.step_list.setMinimumWidth(170)
        self.step_list.setMaximumWidth(260)
        self.step_list.setWordWrap(True)
        self.step_list.setSpacing(3)
        self.step_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        list_font = self.step_list.font()
        list_font.setPointSizeF(list_font.pointSizeF() * 1.15)
        self.step_list.setFont(list_font)
        self.step_list.setAccessibleName(self.tr("Steps of the guide"))
        self.step_list.currentRowChanged.connect(self._on_row)
        self.view = StepView()

        self.done_button = QPushButton(self.tr("✓ &Done"))
        self.done_button.setDefault(True)
        self.done_button.setMinimumHeight(36)
        self.failed_button = QPushButton(self.tr("✗ Did not &work"))
        self.skip_button = QPushButton(self.tr("&Skip this step"))
        self.prev_button = QPushButton(self.tr("◀ &Previous step"))
        self.done_button.clicked.connect(lambda: self.mark(DONE))
        self.failed_button.clicked.connect(lambda: self.mark(FAILED))
        self.skip_button.clicked.connect(lambda: self.mark(SKIPPED))
        self.prev_button.clicked.connect(lambda: self.show_step(self._index - 1))
        # Two rows on a narrow window: Done and Did not work always side by side, on screen.
        buttons = QGridLayout()
        buttons.addWidget(self.done_button, 0, 0)
        buttons.addWidget(self.failed_button, 0, 1)
        buttons.addWidget(self.skip_button, 1, 1)
        buttons.addWidget(self.prev_button, 1, 0)
        buttons.setColumnStretch(2, 1)

        self.problem_combo = QComboBox()
        self.problem_combo.setAccessibleName(self.tr("Problem at this step"))
        self.problem_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.problem_combo.setMinimumContentsLength(8)
        self.problem_combo.currentIndexChanged.connect(self._show_remedy)
        self.problem_note = QLineEdit()
        self.problem_note.setPlaceholderText(self.tr("What happened (optional)"))
        self.problem_note.setAccessibleName(self.tr("Problem note"))
        self.problem_note.setMaxLength(500)
        self.record_problem_button = QPushButton(self.tr("&Record problem"))
        self.record_problem_button.clicked.connect(self.record_problem)
        problem_row = QGridLayout()
        problem_caption = QLabel(self.tr("Pr&oblem:"))
        problem_caption.setBuddy(self.problem_combo)
        problem_row.addWidget(problem_caption, 0, 0)
        problem_row.addWidget(self.problem_combo, 0, 1, 1, 2)
        problem_row.addWidget(self.problem_note, 1, 1)
        problem_row.addWidget(self.record_problem_button, 1, 2)
        problem_row.setColumnStretch(1, 1)
        self.remedy_label = QLabel()
        self.remedy_label.setWordWrap(True)
        self.remedy_label.setStyleSheet(REMEDY_STYLE)
        self.remedy_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems_recorded = QLabel()
        self.problems_recorded.setWordWrap(True)

        detail = QVBoxLayout()
        detail.addWidget(self.view, 1)
        detail.addLayout(buttons)
        detail.addLayout(problem_row)
        detail.addWidget(self.remedy_label)
        detail.addWidget(self.problems_recorded)
        body = QHBoxLayout()
        body.addWidget(self.step_list)
        body.addLayout(detail, 1)
        guide_page = QWidget()
        guide_layout = QVBoxLayout(guide_page)
        guide_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.version_label)
        guide_layout.addLayout(top)
        guide_layout.addLayout(body, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(guide_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    # --- StepPage ----------------------------------------------------------------------------

    def initial_focus(self) -> QWidget | None:
        return self.done_button if self.done_button.isEnabled() else None

    def title(self) -> str:
        return self.tr("App install")

    def load(self, record: AssistRecord) -> None:
        super().load(record)
        catalog = catalog_for(self.services)
        intake = record.intake
        self.platform = catalog.platform(intake.platform_id) if intake.platform_id else None
        self.os_name = (intake.device.phone_os if intake.device else None) or ""
        self.guide = catalog.guide(self.platform.id, self.os_name) if self.platform else None
        if self.platform is None or self.guide is None:
            self._show_empty(intake.platform_id)
            return
        data = record.step(StepId.INSTALL).data
        progress.start(data, self.platform, self.os_name, self.guide)
        record.catalog_version = self.platform.version
        record.guide_version = self.guide.version
        self.stack.setCurrentIndex(1)
        self._fill_header()
        ids = [step.id for step in self.guide.steps]
        current = data.get("current")
        self._index = ids.index(current) if current in ids else self._first_open_index()
        self._refresh_list()
        self.show_step(self._index, emit=False)

    def is_complete(self) -> bool:
        """Every step done or skipped (the wizard marks the step done only then)."""
        if self.guide is None:
            return True
        marks = self._marks()
        return all(marks.get(step.id) in (DONE, SKIPPED) for step in self.guide.steps)

    def litigant_content(self) -> LitigantContent:
        step = self.current_step()
        if step is None:
            return LitigantContent(
                title=self.title(), lines=[self.tr("The clerk is helping you with this step.")]
            )
        language = ui_language()
        payload = self._qr_payload(step)
        return LitigantContent(
            title=step.title(language),
            lines=[step.body(language)],
            qr_payload=payload,
            qr_caption=self.tr("Scan with the phone's camera") if payload else "",
        )

    # --- behaviour ---------------------------------------------------------------------------

    def current_step(self) -> GuideStep | None:
        if self.guide is None or not 0 <= self._index < len(self.guide.steps):
            return None
        return self.guide.steps[self._index]

    def show_step(self, index: int, *, emit: bool = True) -> None:
        if self.guide is None:
            return
        self._index = max(0, min(index, len(self.guide.steps) - 1))
        step = self.guide.steps[self._index]
        language = ui_language()
        payload = self._qr_payload(step)
        self.view.show_step(
            self.tr("Step %1 of %2")
            .replace("%1", str(self._index + 1))
            .replace("%2", str(len(self.guide.steps))),
            step.title(language),
            step.body(language),
            step.image,
            payload,
            self.tr("Let the litigant scan this with the phone's camera") if payload else "",
        )
        self.step_list.blockSignals(True)
        self.step_list.setCurrentRow(self._index)
        self.step_list.blockSignals(False)
        self.prev_button.setEnabled(self._index > 0)
        self._fill_problems(step)
        if self.record is not None:
            data = self.record.step(StepId.INSTALL).data
            if data.get("current") != step.id:
                data["current"] = step.id
                if emit:
                    self.changed.emit()
        if emit:
            self.litigant_content_changed.emit()

    def mark(self, status: str) -> None:
        """Tick the current step; done/skipped moves on to the next step not yet done."""
        step = self.current_step()
        if step is None or self.record is None:
            return
        progress.set_mark(self.record.step(StepId.INSTALL).data, step.id, status)
        self._refresh_list()
        self.changed.emit()
        if status == FAILED:
            self.problem_combo.setFocus()  # the next thing the clerk does is pick the problem
            return
        if self._index + 1 < len(self.guide.steps if self.guide else ()):
            self.show_step(self._index + 1)
        else:
            self.litigant_content_changed.emit()

    def record_problem(self) -> None:
        step = self.current_step()
        code = self.problem_combo.currentData()
        if step is None or self.record is None or not code:
            return
        progress.add_problem(self.record, step.id, str(code), self.problem_note.text().strip())
        self.problem_note.clear()
        self._refresh_problem_summary()
        self.changed.emit()

    # --- helpers -----------------------------------------------------------------------------

    def _marks(self) -> dict[str, str]:
        if self.record is None:
            return {}
        return progress.step_marks(self.record.step(StepId.INSTALL).data)

    def _first_open_index(self) -> int:
        return progress.first_open_index(self._marks(), self.guide.steps if self.guide else ())

    def _qr_payload(self, step: GuideStep) -> str:
        if step.qr == "download":
            return self.platform.download_url(self.os_name) if self.platform else ""
        return step.qr

    def _show_empty(self, platform_id: str) -> None:
        if not platform_id:
            text = self.tr(
                "No hearing platform has been chosen yet. Choose it on the intake"
                " step, then come back here."
            )
        elif self.platform is None:
            text = self.tr(
                "The platform of this hearing (%1) is not in the catalog or is"
                " disabled. Ask court IT to check the catalog files."
            ).replace("%1", platform_id)
        elif not self.os_name:
            text = self.tr(
                "Choose the litigant's device on the intake step to see the install guide."
            )
        else:
            text = self.tr(
                "There is no install guide for %1 on this device yet. Help the"
                " litigant as usual, or skip this step."
            ).replace("%1", self.platform.display_name(ui_language()))
        self.empty_label.setText(text)
        self.stack.setCurrentIndex(0)
        self.litigant_content_changed.emit()

    def _fill_header(self) -> None:
        assert self.platform is not None and self.guide is not None
        systems = {
            "android": self.tr("Android phone"),
            "ios": self.tr("iPhone"),
            "windows": self.tr("Windows computer"),
            "macos": self.tr("Mac"),
        }
        self.header.setText(
            self.tr("Install %1 on the litigant's %2")
            .replace("%1", self.platform.display_name(ui_language()))
            .replace("%2", systems.get(self.os_name, self.os_name))
        )
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        # The guide's version is a content hash for the record and court IT, not for the clerk.
        self.version_label.clear()

    def _refresh_list(self) -> None:
        if self.guide is None:
            return
        marks = self._marks()
        language = ui_language()
        status_names = {
            DONE: self.tr("done"),
            FAILED: self.tr("did not work"),
            SKIPPED: self.tr("skipped"),
            "": self.tr("not yet"),
        }
        self.step_list.blockSignals(True)
        self.step_list.clear()
        for number, step in enumerate(self.guide.steps, start=1):
            mark = marks.get(step.id, "")
            item = QListWidgetItem(
                f"{MARK_SYMBOLS.get(mark, '○')} {number}. {step.title(language)}"
            )
            label = f"{number}. {step.title(language)}: {status_names.get(mark, mark)}"
            item.setData(Qt.ItemDataRole.AccessibleTextRole, label)
            item.setToolTip(label)
            self.step_list.addItem(item)
        self.step_list.setCurrentRow(self._index)
        self.step_list.blockSignals(False)

    def _on_row(self, row: int) -> None:
        if row >= 0 and row != self._index:
            self.show_step(row)

    def _fill_problems(self, step: GuideStep) -> None:
        self.problem_combo.blockSignals(True)
        self.problem_combo.clear()
        self.problem_combo.addItem(self.tr("— choose a problem —"), "")
        codes = [p.code for p in step.problems]
        if "other" not in codes:
            codes.append("other")
        for code in codes:
            self.problem_combo.addItem(problem_label(code), code)
        self.problem_combo.blockSignals(False)
        self._show_remedy()
        self._refresh_problem_summary()

    def _show_remedy(self) -> None:
        step = self.current_step()
        code = self.problem_combo.currentData()
        self.record_problem_button.setEnabled(bool(code))
        problem = step.problem(str(code)) if step and code else None
        if problem:
            self.remedy_label.setText(
                self.tr("What to do: %1").replace("%1", problem.remedy(ui_language()))
            )
        elif code:
            self.remedy_label.setText(self.tr("Describe the problem in the note and record it."))
        else:
            self.remedy_label.setText(
                self.tr("If something goes wrong, pick the problem to see what to do.")
            )

    def _refresh_problem_summary(self) -> None:
        step = self.current_step()
        if self.record is None or step is None:
            self.problems_recorded.clear()
            return
        here = progress.problems_at(self.record, step.id)
        if not here:
            self.problems_recorded.clear()
            return
        names = "; ".join(problem_label(p.code) for p in here)
        self.problems_recorded.setText(self.tr("Recorded at this step: %1").replace("%1", names))
