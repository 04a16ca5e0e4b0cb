"""Read-only view of one assisted hearing, with its versions and a "Correct…" action."""

from __future__ import annotations

import html
import logging
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hearing_helper.catalog import CatalogLoad
from hearing_helper.domain.enums import StepId
from hearing_helper.domain.local_time import local_text
from hearing_helper.domain.masking import mask_free_text, mask_name, mask_phone
from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.step_marks import step_mark
from hearing_helper.services import AppServices
from hearing_helper.store.repository import AssistRepository, RecordVersion
from hearing_helper.ui.checks.texts import (
    check_title,
    figures_text,
    finding_text,
    remedy_sentence,
    status_word,
)
from hearing_helper.ui.install.shared import problem_label, problem_note_text
from hearing_helper.ui.labels import (
    accessibility_label,
    device_label,
    field_label,
    format_duration,
    not_joined_reason_label,
    outcome_label,
    record_status_label,
    role_label,
    step_label,
    step_mark_text,
)
from hearing_helper.ui.store_calls import alive, calls_for
from hearing_helper.ui.visits.detail_rows import visit_rows
from hearing_helper.ui.widgets.fit import fit_to_screen
from hearing_helper.ui.wizard.rating_prompt import RATING_ANSWER, RATING_DECLINED

log = logging.getLogger(__name__)


def _fmt_time(value: object) -> str:
    return local_text(value) if isinstance(value, datetime | str) else ""


class RecordDetailDialog(QDialog):
    """Shows a record (any stored version) read-only; finished records can be corrected.

    The record is read (and a correction saved) through ``ui/store_calls.py``: off the GUI
    thread when the database is a server, the dialog showing "Loading…" meanwhile."""

    reloaded = Signal()  # the record and its versions are shown
    load_failed = Signal(str)  # a message for the clerk

    def __init__(
        self,
        services: AppServices,
        record_id: str,
        actor: str,
        catalog: CatalogLoad,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.record_id = record_id
        self.actor = actor
        self.catalog = catalog
        self.language = services.settings.get("language")
        self.record: AssistRecord | None = None
        self.versions: list[RecordVersion] = []
        self._staff_names: dict[str, str] = {}
        self.setWindowTitle(self.tr("Assistance record"))
        fit_to_screen(self, 760, 680)
        self.version_combo = QComboBox()
        self.version_combo.setAccessibleName(self.tr("Version"))
        version_label = QLabel(self.tr("&Version:"))
        version_label.setBuddy(self.version_combo)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(self.tr("Record details"))
        self.browser.setOpenLinks(False)
        self.correct_button = QPushButton(self.tr("&Correct\u2026"))
        self.correct_button.setToolTip(
            self.tr("Save a corrected copy as a new version (the original is kept)")
        )
        self.correct_button.clicked.connect(self.start_correction)
        # Personal data masked by default; a supervisor may see it in full (audited), as in the
        # reports' drill-down.
        self.unmasked = False
        self.unmask_button = QPushButton(self.tr("&Show full name and phone\u2026"))
        self.unmask_button.clicked.connect(self.show_personal_data)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.unmask_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.correct_button, QDialogButtonBox.ButtonRole.ActionRole)
        top = QHBoxLayout()
        top.addWidget(version_label)
        top.addWidget(self.version_combo, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.version_combo.currentIndexChanged.connect(self._show_selected)
        self.reload()

    def _who(self, staff_id: str) -> str:
        name = self._staff_names.get(staff_id)
        return f"{name} ({staff_id})" if name else staff_id

    def reload(self) -> None:
        """Read the record, its versions and the clerks' names, then show them."""
        self.correct_button.setEnabled(False)
        if self.record is None:
            self.browser.setPlainText(self.tr("Loading\u2026"))
        record_id = self.record_id

        def read(
            repo: AssistRepository,
        ) -> tuple[dict[str, str], AssistRecord, list[RecordVersion]]:
            names = {p.staff_id: p.name for p in repo.list_staff()}
            return names, repo.get(record_id), repo.versions(record_id)

        calls_for(self.services).run(read, self._loaded, self._not_loaded)

    def _not_loaded(self, exc: Exception) -> None:
        if not alive(self):
            return
        log.error("Reading record %s failed: %s", self.record_id, exc)
        self.browser.setPlainText(str(exc))
        self.load_failed.emit(str(exc))

    def _loaded(self, found: tuple[dict[str, str], AssistRecord, list[RecordVersion]]) -> None:
        if not alive(self):
            return
        self._staff_names, self.record, self.versions = found
        self.version_combo.blockSignals(True)
        self.version_combo.clear()
        for version in self.versions:
            if version.reason:
                text = self.tr("Version %1 \u2014 corrected %2 by %3: %4")
                text = text.replace("%4", version.reason)
            else:
                text = self.tr("Version %1 \u2014 finished %2 by %3")
            text = text.replace("%1", str(version.version)).replace(
                "%2", local_text(version.created_at)
            )
            self.version_combo.addItem(
                text.replace("%3", self._who(version.created_by)), version.version
            )
        if not self.versions:
            self.version_combo.addItem(self.tr("Unfinished draft (no versions yet)"), 0)
        self.version_combo.setCurrentIndex(self.version_combo.count() - 1)
        self.version_combo.blockSignals(False)
        self.correct_button.setEnabled(self.record.is_finished)
        self._show_selected()
        self.reloaded.emit()

    def shown_record(self) -> AssistRecord:
        number = self.version_combo.currentData()
        for version in self.versions:
            if version.version == number:
                return version.record
        assert self.record is not None, "shown only once loaded"
        return self.record

    def _show_selected(self) -> None:
        self.browser.setHtml(self.record_html(self.shown_record()))

    def show_personal_data(self) -> None:
        """After the supervisor password: the litigant's name, phone and typed numbers in full,
        for this window only; recorded in the audit log."""
        from hearing_helper.ui.reports.supervisor import require_supervisor, ui_actor

        purpose = self.tr("see the litigant's full name and phone number")
        if not require_supervisor(self, self.services, purpose):
            return
        actor = ui_actor(self.services)
        record_id = self.record_id
        calls_for(self.services).run(
            lambda repo: repo.append_audit(
                actor, "record.personal_data_shown", {"record_id": record_id}
            ),
            lambda _entry: self._personal_data_audited(),
            self._personal_data_not_audited,
            owner=self,
        )

    def _personal_data_audited(self) -> None:
        self.unmasked = True
        self.unmask_button.setVisible(False)
        self._show_selected()

    def _personal_data_not_audited(self, exc: Exception) -> None:
        """Not audited: not shown."""
        log.error("Audit of showing %s failed: %s", self.record_id, exc)
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(self, self.tr("Not shown"), str(exc))

    def _personal(self, kind: str, value: str) -> str:
        """``value`` as shown: masked unless a supervisor unmasked this window."""
        if self.unmasked:
            return value
        if kind == "name":
            return mask_name(value)
        if kind == "phone":
            return mask_phone(value)
        return mask_free_text(value)  # typed text: phone- and ID-like runs (issue 18)

    def _platform(self, platform_id: str) -> str:
        platform = self.catalog.platform(platform_id) if platform_id else None
        return platform.display_name(self.language) if platform else platform_id

    def record_html(self, record: AssistRecord) -> str:
        """The record as simple HTML (escaped), sections in the order of the wizard."""
        esc = html.escape
        intake = record.intake
        rows = [
            (field_label("case_number"), self._personal("text", intake.case_number)),
            (field_label("litigant_name"), self._personal("name", intake.litigant_name)),
            (field_label("role"), role_label(intake.role)),
            (field_label("phone"), self._personal("phone", intake.phone)),
            (field_label("hearing_at"), _fmt_time(intake.hearing_at)),
            (field_label("court"), intake.court or record.clerk.court),
            (field_label("platform_id"), self._platform(intake.platform_id)),
            (field_label("device"), device_label(intake.device)),
            (
                field_label("accessibility"),
                ", ".join(accessibility_label(a) for a in intake.accessibility),
            ),
            (field_label("consent"), self.tr("Yes") if intake.consent else self.tr("No")),
        ]
        case_number = self._personal("text", intake.case_number)
        parts = [f"<h2>{esc(case_number or self.tr('(no case number)'))}</h2>"]
        parts.append(
            "<p>"
            + esc(
                self.tr("%1 \u00b7 clerk %2 (%3) \u00b7 desk %4")
                .replace("%1", record_status_label(record.status))
                .replace("%2", record.clerk.name)
                .replace("%3", record.clerk.staff_id)
                .replace("%4", record.clerk.desk)
            )
            + "</p>"
        )
        parts.append(self._table(self.tr("Intake"), rows))
        step_rows = []
        for step, state in record.steps.items():
            text = step_mark_text(step_mark(record, step))
            if state.skip_reason:
                text += " \u2014 " + state.skip_reason
            step_rows.append((step_label(step), text))
        parts.append(self._table(self.tr("Steps"), step_rows))
        if record.checks:
            check_rows = []
            for check in record.checks:
                # The same words and figures the Device checks page showed the clerk.
                lines = [
                    self.tr("%1: %2")
                    .replace("%1", status_word(check.status))
                    .replace("%2", finding_text(check.code, check.metrics)),
                    figures_text(check.check_id, check.metrics, check.code),
                    remedy_sentence(check.remedy_code),
                ]
                detail = "\n".join(line for line in lines if line)
                check_rows.append((check_title(check.check_id), detail))
            parts.append(self._table(self.tr("Check results"), check_rows))
        if record.problems:
            device = record.intake.device
            os_name = (device.phone_os if device else None) or ""
            guide = self.catalog.guide(record.intake.platform_id, os_name)
            problem_rows = [
                (
                    step_label(p.step),
                    " \u2014 ".join(
                        x for x in (problem_label(p.code), problem_note_text(p.note, guide)) if x
                    ),
                )
                for p in record.problems
            ]
            parts.append(self._table(self.tr("Problems"), problem_rows))
        outcome_text = outcome_label(record.outcome)
        if record.outcome_reason:
            outcome_text += " \u2014 " + not_joined_reason_label(record.outcome_reason)
        result_rows = [
            (field_label("outcome"), outcome_text),
            (
                field_label("satisfaction"),
                str(record.satisfaction)
                if record.satisfaction
                else self.tr("The litigant declined")
                if record.step(StepId.FINISH).data.get(RATING_ANSWER) == RATING_DECLINED
                else self.tr("Not asked"),
            ),
            (self.tr("Started"), _fmt_time(record.started_at)),
            (self.tr("Ended"), _fmt_time(record.ended_at)),
            (self.tr("Duration"), format_duration(record.duration_seconds)),
            (field_label("notes"), self._personal("text", record.notes)),
        ]
        if record.correction:
            result_rows.append(
                (
                    self.tr("Correction"),
                    f"{record.correction.by}, {_fmt_time(record.correction.at)}: "
                    f"{record.correction.reason}",
                )
            )
        parts.append(self._table(self.tr("Result"), result_rows))
        parts.append(self._table(self.tr("Visit"), visit_rows(record)))
        return "".join(parts)

    @staticmethod
    def _table(title: str, rows: list[tuple[str, str]]) -> str:
        esc = html.escape
        body = "".join(
            f"<tr><td valign='top' style='padding-right:16px;color:#555'>{esc(k)}</td>"
            f"<td valign='top'>{esc(v).replace(chr(10), '<br>')}</td></tr>"
            for k, v in rows
        )
        return f"<h3>{esc(title)}</h3><table cellspacing='2'>{body}</table>"

    def start_correction(self) -> None:
        from hearing_helper.ui.shell.correction_dialog import CorrectionDialog

        if self.record is None:
            return
        dialog = CorrectionDialog(self.services, self.record, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.save_correction(dialog.corrected, dialog.reason_text())

    def save_correction(self, corrected: AssistRecord, reason: str) -> None:
        """Store ``corrected`` as a new version, then show it (``reloaded``)."""
        actor = self.actor
        self.correct_button.setEnabled(False)
        calls_for(self.services).run(
            lambda repo: repo.correct(corrected, actor, reason),
            lambda _stored: self.reload() if alive(self) else None,
            self._correction_failed,
        )

    def _correction_failed(self, exc: Exception) -> None:
        from PySide6.QtWidgets import QMessageBox

        if not alive(self):
            return
        log.error("Correction of %s failed: %s", self.record_id, exc)
        self.correct_button.setEnabled(True)
        QMessageBox.critical(self, self.tr("Not saved"), str(exc))
