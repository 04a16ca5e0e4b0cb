"""The contract between the wizard and its step pages.

The wizard owns the current :class:`AssistRecord` and saves it; a page shows it and edits it in
place, then emits ``changed`` so the wizard autosaves (debounced, within one second). Pages never
talk to the database directly for the record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from hearing_helper.domain.enums import StepId
from hearing_helper.domain.record import AssistRecord
from hearing_helper.services import AppServices


@dataclass
class LitigantContent:
    """What the litigant-facing window shows for the current step (already translated)."""

    title: str
    lines: list[str] = field(default_factory=list)  # one short instruction per line
    qr_payload: str = ""  # shown as a large QR code when not empty
    qr_caption: str = ""


class StepPage(QWidget):
    """Base of every wizard page."""

    step_id: StepId
    changed = Signal()  # the page edited the record
    litigant_content_changed = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.record: AssistRecord | None = None

    def title(self) -> str:
        """Translated step title for the navigator."""
        raise NotImplementedError

    def load(self, record: AssistRecord) -> None:
        """Show ``record``; edits go into it in place. Called on open and on every visit."""
        self.record = record

    def flush(self) -> None:
        """Write any pending widget state into the record (before a save or leaving the page)."""

    def leave(self) -> None:
        """The clerk moves to another step: stop previews, cancel running work."""

    def litigant_content(self) -> LitigantContent:
        return LitigantContent(title=self.title())

    def initial_focus(self) -> QWidget | None:
        """Where the clerk types or acts next on arriving at this page (None: leave focus)."""
        return None
