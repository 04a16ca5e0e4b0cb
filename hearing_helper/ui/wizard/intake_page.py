"""Step 1, Intake: who the litigant is and which hearing they need help with (DESIGN §2.1).

Each field validates while the clerk types and shows the problem right below it. The record keeps
the text as typed until it is valid, then the normalised value (so nothing typed is ever lost).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from hearing_helper.domain.enums import AccessibilityNeed, DeviceKind, Role, StepId
from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.validation import (
    CASE_NUMBER_EXAMPLE,
    FieldError,
    check_hearing_time,
    normalize_case_number,
    normalize_name,
    normalize_phone,
)
from hearing_helper.domain.visit import VisitKind
from hearing_helper.services import AppServices
from hearing_helper.ui.catalog_cache import catalog_for
from hearing_helper.ui.labels import (
    accessibility_label,
    choice_combo,
    device_label,
    role_label,
    step_label,
)
from hearing_helper.ui.visits.earlier_visits import EarlierVisitsPanel
from hearing_helper.ui.visits.kind_choice import VisitKindChoice
from hearing_helper.ui.widgets.focus_only import FocusOnlyCheckBox, focus_proxy_box
from hearing_helper.ui.wizard.base import LitigantContent, StepPage
from hearing_helper.ui.wizard.field_row import FieldRow
from hearing_helper.ui.wizard.intake_values import (
    default_hearing_time,
    is_valid_phone,
    normalised,
)
from hearing_helper.ui.wizard.phone_edit import PhoneEdit

__all__ = ["IntakePage", "default_hearing_time"]  # wizard.py proposes the same hearing time

TEXT_FIELDS = ("case_number", "litigant_name", "phone")


class IntakePage(StepPage):
    step_id = StepId.INTAKE

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self._loading = False
        self._touched: set[str] = set()
        self._rows: dict[str, FieldRow] = {}
        self._captions: dict[str, QLabel] = {}
        language = services.settings.get("language")
        self.catalog = catalog_for(services)
        self._build(language)

    # --- layout ------------------------------------------------------------------------------

    def _row(self, form: QFormLayout, name: str, label: str, editor: QWidget) -> FieldRow:
        row = FieldRow(editor)
        caption = QLabel(label)
        caption.setBuddy(editor)
        editor.setAccessibleName(label.replace("&", "").rstrip(":："))
        form.addRow(caption, row)
        self._rows[name] = row
        self._captions[name] = caption
        return row

    def _build(self, language: str) -> None:
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

        self.kind = VisitKindChoice()
        caption = QLabel(self.tr("Visit t&ype:"))
        caption.setBuddy(self.kind)  # to the chosen kind, choosing nothing
        form.addRow(caption, self.kind)

        self.case_number = QLineEdit()
        self.case_number.setPlaceholderText(CASE_NUMBER_EXAMPLE)
        self._row(form, "case_number", self.tr("&Case number:"), self.case_number)

        self.hearing_date = QDateEdit()
        self.hearing_date.setCalendarPopup(True)
        self.hearing_date.setDisplayFormat("yyyy-MM-dd")
        self.hearing_date.setAccessibleName(self.tr("Hearing date"))
        self.hearing_time = QTimeEdit()
        self.hearing_time.setDisplayFormat("HH:mm")
        self.hearing_time.setAccessibleName(self.tr("Hearing time"))
        when = QWidget()
        when_layout = QHBoxLayout(when)
        when_layout.setContentsMargins(0, 0, 0, 0)
        when_layout.addWidget(self.hearing_date)
        when_layout.addWidget(self.hearing_time)
        when_layout.addStretch(1)
        row = self._row(form, "hearing_at", self.tr("Hearing date and ti&me:"), when)
        row.editor = self.hearing_date
        self._captions["hearing_at"].setBuddy(self.hearing_date)  # the box has no focus

        self.court = QLineEdit()
        self._row(form, "court", self.tr("C&ourt:"), self.court)

        self.platform = choice_combo(
            (platform.display_name(language), platform.id) for platform in self.catalog.platforms
        )
        platform_row = self._row(form, "platform_id", self.tr("&Platform:"), self.platform)
        if not self.catalog.platforms:
            platform_row.error_label.setText(
                self.tr("No hearing platforms are set up yet; ask court IT to add the catalog.")
            )
            platform_row.error_label.setVisible(True)

        self.litigant_name = QLineEdit()
        self.litigant_name.setMaxLength(200)  # the validator explains the real limit (50)
        self._row(form, "litigant_name", self.tr("Litigant n&ame:"), self.litigant_name)

        self.role = choice_combo((role_label(role), str(role)) for role in Role)
        self._row(form, "role", self.tr("&Role:"), self.role)

        self.phone = PhoneEdit()
        self.phone.setPlaceholderText("138 1234 5678")
        self._row(form, "phone", self.tr("Phone n&umber:"), self.phone)

        self.device = choice_combo((device_label(d), str(d)) for d in DeviceKind)
        self._row(form, "device", self.tr("&Device used:"), self.device)

        needs = QWidget()
        needs_layout = QHBoxLayout(needs)
        needs_layout.setContentsMargins(0, 0, 0, 0)
        self.needs: dict[AccessibilityNeed, QCheckBox] = {}
        for need in AccessibilityNeed:
            box = QCheckBox(accessibility_label(need))
            box.setAccessibleName(accessibility_label(need))
            self.needs[need] = box
            needs_layout.addWidget(box)
        needs_layout.addStretch(1)
        caption = QLabel(self.tr("&Special needs:"))
        caption.setBuddy(focus_proxy_box(needs, self.needs[AccessibilityNeed.ELDERLY]))
        form.addRow(caption, needs)

        self.consent = FocusOnlyCheckBox(
            self.tr("The litigant agrees that these details are recorded for this ass&istance")
        )
        self.consent.setAccessibleName(self.tr("Consent to record personal data"))
        form.addRow("", self.consent)
        # Without consent, a name or phone is kept only with a reason, and stored masked.
        self.no_consent_reason = QLineEdit()
        self.no_consent_reason.setMaxLength(200)
        self.no_consent_reason.setPlaceholderText(self.tr("e.g. the litigant declined"))
        self.no_consent_reason.setAccessibleName(self.tr("Reason consent was not given"))
        reason_caption = QLabel(self.tr("Reason &without consent:"))
        reason_caption.setBuddy(self.no_consent_reason)
        form.addRow(reason_caption, self.no_consent_reason)

        # On a desk joined to a court: the whole court's earlier visits (issue 21).
        self.earlier = EarlierVisitsPanel(self.services.repo, self.services.court_channel)
        self.earlier.carried.connect(self._on_carried)
        self.earlier.proposed_hearing_at = lambda record: default_hearing_time(record.started_at)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.earlier)
        layout.addStretch(1)

        self.case_number.textEdited.connect(self._on_case_number)
        self.case_number.editingFinished.connect(self._tidy_case_number)
        self.litigant_name.textEdited.connect(self._on_name)
        self.phone.raw_edited.connect(self._on_phone)
        self.hearing_date.dateChanged.connect(self._on_hearing_time)
        self.hearing_time.timeChanged.connect(self._on_hearing_time)
        self.court.textEdited.connect(self._on_court)
        self.platform.currentIndexChanged.connect(self._on_combo)
        self.role.currentIndexChanged.connect(self._on_combo)
        self.device.currentIndexChanged.connect(self._on_combo)
        for box in self.needs.values():
            box.toggled.connect(self._on_needs)
        self.consent.toggled.connect(self._on_consent)
        self.no_consent_reason.textEdited.connect(self._on_no_consent_reason)
        self.kind.chosen.connect(self._on_kind)

    def title(self) -> str:
        return step_label(StepId.INTAKE)

    # --- record <-> widgets ------------------------------------------------------------------

    def load(self, record: AssistRecord) -> None:
        super().load(record)
        intake = record.intake
        if intake.hearing_at is None:
            intake.hearing_at = default_hearing_time(record.started_at)
        if not intake.court:
            intake.court = record.clerk.court or self.services.settings.get("court_name")
        self._loading = True
        try:
            self.case_number.setText(intake.case_number)
            self.litigant_name.setText(intake.litigant_name)
            self.phone.set_raw_text(intake.phone, maskable=is_valid_phone(intake.phone))
            when = intake.hearing_at.astimezone()
            self.hearing_date.setDate(QDate(when.year, when.month, when.day))
            self.hearing_time.setTime(QTime(when.hour, when.minute))
            self.court.setText(intake.court)
            if intake.platform_id and self.platform.findData(intake.platform_id) < 0:
                # A platform since removed from the catalog: keep showing what was chosen.
                self.platform.addItem(intake.platform_id, intake.platform_id)
            self.platform.setCurrentIndex(max(0, self.platform.findData(intake.platform_id)))
            self.role.setCurrentIndex(max(0, self.role.findData(str(intake.role or ""))))
            self.device.setCurrentIndex(max(0, self.device.findData(str(intake.device or ""))))
            for need, box in self.needs.items():
                box.setChecked(need in intake.accessibility)
            self.consent.setChecked(intake.consent)
            self.no_consent_reason.setText(intake.no_consent_reason)
            self.no_consent_reason.setEnabled(not intake.consent)
            self.kind.set_kind(record.kind)
        finally:
            self._loading = False
        self._touched = {name for name in TEXT_FIELDS if getattr(intake, name)}
        self._validate_all(only_touched=True)
        self.earlier.load(record)

    def _on_kind(self, kind: VisitKind) -> None:
        if self.record is None or self._loading:
            return
        self.record.kind = kind
        self._edited("kind")

    def _on_carried(self, filled: list[str]) -> None:
        """Contact details came over from an earlier visit: show them, save the link."""
        if self.record is not None:
            self.load(self.record)
            self._touched.update(filled)
            self._edited("previous_record_id")

    def _edited(self, name: str) -> None:
        self._touched.add(name)
        if name in ("case_number", "phone"):
            self.earlier.schedule_look_up()
        self._validate_all(only_touched=True)
        self.changed.emit()
        self.litigant_content_changed.emit()

    def _on_case_number(self, text: str) -> None:
        if self.record is None or self._loading:
            return
        self.record.intake.case_number = normalised(normalize_case_number, text)
        self._edited("case_number")

    def _tidy_case_number(self) -> None:
        # Show the normalised form once the clerk leaves the field (not while typing).
        if self.record is not None and self.case_number.text() != self.record.intake.case_number:
            self.case_number.setText(self.record.intake.case_number)

    def _on_name(self, text: str) -> None:
        if self.record is None or self._loading:
            return
        self.record.intake.litigant_name = normalised(normalize_name, text)
        self._edited("litigant_name")

    def _on_phone(self, text: str) -> None:
        if self.record is None or self._loading:
            return
        self.record.intake.phone = normalised(normalize_phone, text)
        self.phone.set_maskable(is_valid_phone(text))
        self._edited("phone")

    def _on_hearing_time(self) -> None:
        if self.record is None or self._loading:
            return
        day, clock = self.hearing_date.date(), self.hearing_time.time()
        value = datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute())
        value = value.astimezone()  # local wall-clock time, stored with its UTC offset
        self.record.intake.hearing_at = value
        if "kind" not in self._touched and value.date() > self.record.started_at.date():
            # A hearing on a later day: this is most likely a preparation visit.
            self.kind.set_kind(VisitKind.PREPARATION)
            self.record.kind = VisitKind.PREPARATION
        self._edited("hearing_at")

    def _on_court(self, text: str) -> None:
        if self.record is None or self._loading:
            return
        self.record.intake.court = text.strip()
        self._edited("court")

    def _on_combo(self) -> None:
        if self.record is None or self._loading:
            return
        intake = self.record.intake
        intake.platform_id = self.platform.currentData() or ""
        intake.role = Role(self.role.currentData()) if self.role.currentData() else None
        device = self.device.currentData()
        intake.device = DeviceKind(device) if device else None
        sender = self.sender()
        if sender is self.role:
            self._edited("role")
        elif sender is self.device:
            self._edited("device")
        else:
            self._edited("platform_id")

    def _on_needs(self) -> None:
        if self.record is None or self._loading:
            return
        self.record.intake.accessibility = [n for n, box in self.needs.items() if box.isChecked()]
        self._edited("accessibility")

    def _on_consent(self, checked: bool) -> None:
        if self.record is None or self._loading:
            return
        self.record.intake.consent = checked
        self.no_consent_reason.setEnabled(not checked)
        self._edited("consent")

    def _on_no_consent_reason(self, text: str) -> None:
        if self.record is None or self._loading:
            return
        self.record.intake.no_consent_reason = text
        self._edited("no_consent_reason")

    # --- validation --------------------------------------------------------------------------

    def problems(self) -> list[FieldError]:
        """The intake's current problems (hearing time judged against the record's start)."""
        if self.record is None:
            return []
        intake = self.record.intake
        found = intake.validate(now=self.record.started_at)
        if intake.hearing_at is not None:
            found = [p for p in found if p.field != "hearing_at"]
            try:
                check_hearing_time(intake.hearing_at, now=self.record.started_at)
            except FieldError as exc:
                found.append(exc)
        return found

    def _validate_all(self, *, only_touched: bool) -> None:
        by_field = {p.field: p for p in self.problems()}
        for name, row in self._rows.items():
            if name == "platform_id" and not self.catalog.platforms:
                continue
            shown = not only_touched or name in self._touched or name == "hearing_at"
            row.set_error(by_field.get(name) if shown else None)

    def is_complete(self) -> bool:
        return not self.problems()

    def show_errors(self, problems: list[FieldError]) -> None:
        """Show every problem (e.g. after finishing was refused), not only touched fields."""
        self._touched.update(p.field for p in problems)
        self._validate_all(only_touched=False)

    def initial_focus(self) -> QWidget | None:
        return self.case_number

    def focus_field(self, name: str) -> None:
        row = self._rows.get(name)
        if row is not None:
            row.editor.setFocus()

    def error_text(self, name: str) -> str:
        return self._rows[name].error_text()

    def flush(self) -> None:
        # Every widget writes into the record as it changes; nothing is pending.
        return

    def litigant_content(self) -> LitigantContent:
        lines = [self.tr("Please have your phone and ID card ready.")]
        if self.record is not None:
            intake = self.record.intake
            if intake.hearing_at is not None:
                lines.append(
                    self.tr("Your hearing: %1").replace(
                        "%1", intake.hearing_at.astimezone().strftime("%Y-%m-%d %H:%M")
                    )
                )
            platform = self.catalog.platform(intake.platform_id) if intake.platform_id else None
            if platform is not None:
                language = self.services.settings.get("language")
                lines.append(self.tr("Platform: %1").replace("%1", platform.display_name(language)))
        return LitigantContent(title=self.tr("Welcome to the help desk"), lines=lines)
