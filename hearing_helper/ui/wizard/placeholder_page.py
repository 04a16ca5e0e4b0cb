"""A step whose feature has not arrived yet: says so honestly and lets the clerk move on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from hearing_helper.domain.enums import StepId, StepStatus
from hearing_helper.services import AppServices
from hearing_helper.ui.labels import step_label
from hearing_helper.ui.wizard.base import LitigantContent, StepPage

# Stored as the skip reason so reports can tell "not available" from a clerk's decision.
NOT_AVAILABLE_REASON = "not available in this version"


class PlaceholderPage(StepPage):
    """Stands in for the device-check, install and join pages until they land."""

    def __init__(self, services: AppServices, step_id: StepId, parent: QWidget | None = None):
        super().__init__(services, parent)
        self.step_id = step_id
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("%1: coming in a later version").replace("%1", self.title()))
        heading.setObjectName("pageHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        body = QLabel(
            self.tr(
                "This step is not available in this version of Hearing Helper yet. Help the"
                " litigant as you usually do, then press Next to move on. Nothing is lost."
            )
        )
        body.setWordWrap(True)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addStretch(1)
        self.setAccessibleName(heading.text())

    def title(self) -> str:
        return step_label(self.step_id)

    def is_complete(self) -> bool:
        # Moving on does not make the step "done": leave() records it as not available.
        return False

    def leave(self) -> None:
        # Record honestly that the step was not done by the app, not as "done".
        if self.record is None:
            return
        state = self.record.step(self.step_id)
        if state.status is StepStatus.IN_PROGRESS:
            state.status = StepStatus.SKIPPED
            state.skip_reason = NOT_AVAILABLE_REASON

    def litigant_content(self) -> LitigantContent:
        return LitigantContent(
            title=self.title(), lines=[self.tr("The clerk is helping you with this step.")]
        )
