"""Finishing an assistance: the page's and the record rules' checks, the litigant's rating asked
once, then the record stored -- off the GUI thread when the database is a server, and kept on
this PC until the server takes it when it is away (``ui/pending_writes.py``)."""

from __future__ import annotations

import logging
from typing import cast

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from hearing_helper.domain.enums import RecordStatus, StepId, StepStatus
from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.step_marks import StepMark, step_mark, sync_step_statuses
from hearing_helper.domain.visit import RatingSource
from hearing_helper.store import StoreError
from hearing_helper.store.errors import IncompleteRecordError
from hearing_helper.store.lifecycle import check_finishable
from hearing_helper.ui.labels import field_label
from hearing_helper.ui.store_calls import alive
from hearing_helper.ui.wizard.draft_saving import DraftSaving, WizardView
from hearing_helper.ui.wizard.rating_prompt import RATING_ANSWER, RatingPromptBox

log = logging.getLogger(__name__)

FINISH_FIELDS = {
    "outcome",
    "outcome_reason",
    "failure_cause",
    "satisfaction",
    "notes",
    # a preparation visit (ui/visits/preparation_panel.py)
    "preparation_outcome",
    "another_visit_reason",
    "next_visit_on",
    "in_person_reason",
    "preparation_note",
    "join_mode",
    "override_reason",
}


class FinishFlow(QObject):
    record_finished = Signal(object)  # the stored AssistRecord (or the one waiting here)

    def __init__(self, wizard: QObject, saving: DraftSaving) -> None:
        super().__init__(wizard)
        self.saving = saving
        self.rating_asked = False  # Finish asks for a missing rating once per assistance
        self.busy = False  # the record is on its way to the database
        self._undo: dict[StepId, tuple[StepStatus, str]] = {}
        self._previous_end: object = None
        self.incomplete_box: QMessageBox | None = None
        self.rating_box: RatingPromptBox | None = None

    @property
    def dialog_parent(self) -> QWidget:
        return cast("QWidget", self.parent())

    @property
    def wizard(self) -> WizardView:
        # The parent, not an attribute: a Python reference back to it would make a cycle that
        # keeps a deleted window's wrapper alive until the garbage collector runs.
        return cast("WizardView", self.parent())

    def finish(self) -> bool:
        """Finish and store the record; on missing fields show them and lose nothing. True when
        the record passed the checks and is on its way (``record_finished`` follows)."""
        wizard = self.wizard
        if self.busy:
            return False
        page = wizard.current_page()
        page.flush()
        record = wizard.record
        own_checks = getattr(page, "problems", None)  # optional page hook (e.g. notes length)
        page_problems = own_checks() if own_checks else []
        if page_problems:
            wizard.save_now()  # refused, but everything typed is kept
            self.show_incomplete(IncompleteRecordError(page_problems))
            return False
        try:
            check_finishable(record)
        except IncompleteRecordError as exc:
            wizard.save_now()
            self.show_incomplete(exc)
            return False
        if self._rating_still_to_ask():
            wizard.save_now()
            self._ask_for_rating()
            return False
        self._undo = {step: (s.status, s.skip_reason) for step, s in record.steps.items()}
        self._previous_end = record.ended_at
        record.step(StepId.FINISH).status = StepStatus.DONE
        sync_step_statuses(record)
        self._settle_unfinished_steps()
        self.busy = True
        self.saving.stopped = True  # no autosave may overtake the finish
        if self.saving.pending.keeps_copies:  # a server answers later: one Finish at a time
            wizard.set_buttons_enabled(False)
        wizard.save_status.setText(self.tr("Saving\u2026"))
        self.saving.pending.finish(record, wizard.actor, self._finished, self._refused)
        return True

    def _finished(self, stored: AssistRecord | None) -> None:
        """``stored`` is None when the server is away: the record waits on this PC."""
        if not alive(self):
            return
        self.busy = False
        wizard = self.wizard
        wizard.set_buttons_enabled(True)
        if stored is None:
            log.info("Record %s finished; waiting for the server", wizard.record.id)
            wizard.record.status = RecordStatus.FINISHED
            self.record_finished.emit(wizard.record)
            return
        log.info("Record %s finished by %s", stored.id, wizard.actor)
        wizard.record = stored
        self.record_finished.emit(stored)

    def _refused(self, exc: StoreError) -> None:
        if not alive(self):
            return
        self.busy = False
        wizard = self.wizard
        wizard.set_buttons_enabled(True)
        record = wizard.record
        for step, (status, reason) in self._undo.items():
            record.step(step).status, record.step(step).skip_reason = status, reason
        record.status, record.ended_at = RecordStatus.DRAFT, self._previous_end  # type: ignore[assignment]
        self.saving.stopped = False
        wizard.save_now()
        if isinstance(exc, IncompleteRecordError):
            self.show_incomplete(exc)
            return
        log.error("Finishing record %s failed: %s", record.id, exc)
        QMessageBox.critical(
            self.dialog_parent,
            self.tr("Not saved"),
            self.tr("The record could not be finished: %1\nThe draft is kept.").replace(
                "%1", str(exc)
            ),
        )

    def _settle_unfinished_steps(self) -> None:
        """A finished record shows no step "in progress": the intake passed the finish checks,
        any other step left half-done was not completed, and says so."""
        record = self.wizard.record
        for step in record.steps:
            if step_mark(record, step) is not StepMark.IN_PROGRESS:
                continue
            state = record.step(step)
            if step is StepId.INTAKE:
                state.status = StepStatus.DONE
            else:
                state.status = StepStatus.SKIPPED
                state.skip_reason = state.skip_reason or self.tr(
                    "Not completed when the assistance was finished"
                )

    # --- the litigant's rating, asked once -------------------------------------------------

    def _rating_still_to_ask(self) -> bool:
        record = self.wizard.record
        answered = record.step(StepId.FINISH).data.get(RATING_ANSWER)
        return record.satisfaction is None and not answered and not self.rating_asked

    def _ask_for_rating(self) -> None:
        self.rating_asked = True
        box = RatingPromptBox(self.dialog_parent)
        box.buttonClicked.connect(lambda button: self._rating_answered(box.answer(button)))
        box.open()
        self.rating_box = box

    def _rating_answered(self, answer: str | None) -> None:
        wizard = self.wizard
        if answer is None:  # ask now: back to the rating
            wizard.go_to(wizard.pages.index(wizard.page_for(StepId.FINISH)))
            self.focus_field("satisfaction")
            return
        wizard.record.step(StepId.FINISH).data[RATING_ANSWER] = answer
        wizard.record.rating_source = RatingSource.NOT_ASKED
        self.finish()

    # --- what is missing ---------------------------------------------------------------------

    def show_incomplete(self, exc: IncompleteRecordError) -> None:
        wizard = self.wizard
        lines = []
        for problem in exc.problems:
            message = problem.format(QCoreApplication.translate("validation", problem.message))
            lines.append(f"\u2022 {field_label(problem.field)}: {message}")
        first = exc.problems[0].field if exc.problems else "outcome"
        step = StepId.FINISH if first in FINISH_FIELDS else StepId.INTAKE
        wizard.go_to(wizard.pages.index(wizard.page_for(step)))
        page = wizard.current_page()
        show_errors = getattr(page, "show_errors", None)  # optional page hook
        if show_errors:
            show_errors(exc.problems)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Some details are missing"),
            self.tr("The record cannot be finished yet. Please check:") + "\n" + "\n".join(lines),
            QMessageBox.StandardButton.Ok,
            self.dialog_parent,
        )
        box.setObjectName("incompleteBox")
        box.open()
        box.finished.connect(lambda _code: self.focus_field(first))
        self.incomplete_box = box

    def focus_field(self, name: str) -> None:
        focus = getattr(self.wizard.current_page(), "focus_field", None)  # optional page hook
        if focus:
            focus(name)
