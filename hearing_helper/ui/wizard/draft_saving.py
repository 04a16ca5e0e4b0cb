"""The wizard's autosave: the draft is saved at most ``AUTOSAVE_DELAY_MS`` after a change (the
timer is not restarted by further typing, so continuous edits are still durable within a second),
at once on every step change and when the wizard closes.

Saving goes through :mod:`hearing_helper.ui.pending_writes`: with a database server it never
waits on the GUI thread, and a save the server cannot take now is kept on this PC and sent later.
"""

from __future__ import annotations

import logging
from typing import Protocol, cast

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from hearing_helper.domain.enums import StepId
from hearing_helper.domain.record import AssistRecord, now_local
from hearing_helper.services import AppServices
from hearing_helper.ui.pending_writes import FAILED, KEPT, pending_for
from hearing_helper.ui.store_calls import alive
from hearing_helper.ui.wizard.base import StepPage
from hearing_helper.ui.wizard.intake_values import nothing_entered

log = logging.getLogger(__name__)

AUTOSAVE_DELAY_MS = 400


class WizardView(Protocol):
    """What saving and finishing use of the wizard (``wizard.py``), named here so that these
    parts need not import the wizard that imports them."""

    services: AppServices
    record: AssistRecord
    actor: str
    pages: list[StepPage]
    save_status: QLabel

    @property
    def current_index(self) -> int: ...
    def current_page(self) -> StepPage: ...
    def page_for(self, step: StepId) -> StepPage: ...
    def go_to(self, index: int) -> None: ...
    def save_now(self) -> bool: ...
    def set_buttons_enabled(self, enabled: bool) -> None: ...


class DraftSaving(QObject):
    """Saves the wizard's record as a draft and shows how that went on its save-status label."""

    saved = Signal()  # in the database, or kept on this PC until it is

    def __init__(self, wizard: QObject, services: AppServices) -> None:
        super().__init__(wizard)
        self.pending = pending_for(services)
        self.stopped = False  # finished (or finishing): no more draft saves
        self._last_state = ""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_DELAY_MS)
        self.timer.timeout.connect(self.save_now)

    @property
    def wizard(self) -> WizardView:
        # The parent, not an attribute: a Python reference back to it would make a cycle that
        # keeps a deleted window's wrapper alive until the garbage collector runs.
        return cast("WizardView", self.parent())

    def changed(self) -> None:
        if not self.timer.isActive():
            self.timer.start()

    def has_unsaved_changes(self) -> bool:
        return self.timer.isActive()

    def is_idle(self) -> bool:
        """No change waits for the timer and the database has taken (or refused) the last save."""
        return not self.timer.isActive() and self.pending.is_idle()

    def save_now(self) -> bool:
        """Write the current page into the record and save the draft; False if it failed (known
        at once on the desk's own file; a server's answer comes later, on the label)."""
        self.timer.stop()
        wizard = self.wizard
        if self.stopped or wizard.record.is_finished:
            return True
        if wizard.current_index >= 0:
            wizard.current_page().flush()
        self._last_state = ""
        self.pending.save_draft(wizard.record, self._saved)
        return self._last_state != FAILED

    def _saved(self, state: str, message: str) -> None:
        if not alive(self):
            return  # the wizard closed meanwhile
        self._last_state = state
        label = self.wizard.save_status
        if state == FAILED:
            log.error("Autosave of draft %s failed: %s", self.wizard.record.id, message)
            label.setStyleSheet("color: #b00020; font-weight: bold;")
            label.setText(self.tr("NOT saved: %1").replace("%1", message))
            return
        label.setStyleSheet("")
        time = now_local().strftime("%H:%M:%S")
        if state == KEPT:
            text = self.tr("Kept on this PC %1; waiting for the server")
            label.setToolTip(message)
        else:
            text = self.tr("Saved %1")
            label.setToolTip("")
        label.setText(text.replace("%1", time))
        self.saved.emit()

    def discard_if_blank(self) -> bool:
        """Discard the draft when the clerk entered nothing; True when discarded."""
        wizard = self.wizard
        if wizard.current_index >= 0:
            wizard.current_page().flush()
        if not nothing_entered(wizard.record):
            return False
        self.timer.stop()
        self.stopped = True
        self.pending.discard(wizard.record.id, wizard.actor)
        return True
