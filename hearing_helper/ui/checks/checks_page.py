"""Step 2, Device checks: run the automatic checks, show each result with the sentence to read
out, the live camera picture and microphone meter, the speaker question, the phone checklist.

Results go into ``record.checks`` (replaced by check id); the phone answers into
``record.steps[CHECKS].data["phone_checklist"]``. The devices, their remembered choices and the
live picture are :class:`LiveDevices`' (live_devices.py); the progress and litigant lines are
worded by run_summary.py; this page keeps the layout, the run's bookkeeping and the record.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHideEvent, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hearing_helper.checks.base import CheckContext, CheckResult, CheckStatus
from hearing_helper.checks.loopback import credit_microphone
from hearing_helper.checks.phone_checklist import PHONE_CHECK_ID, checklist_result, parse_answers
from hearing_helper.checks.registry import available_ids, build_checks
from hearing_helper.domain.enums import StepId
from hearing_helper.domain.record import AssistRecord, CheckRecord
from hearing_helper.services import AppServices
from hearing_helper.ui.checks.context import build_context
from hearing_helper.ui.checks.controller import ChecksController
from hearing_helper.ui.checks.device_panel import DevicePanel
from hearing_helper.ui.checks.heard_question import HeardQuestion
from hearing_helper.ui.checks.litigant_texts import litigant_results
from hearing_helper.ui.checks.live_devices import LiveDevices
from hearing_helper.ui.checks.phone_panel import PhoneChecklist
from hearing_helper.ui.checks.result_row import CheckRow
from hearing_helper.ui.checks.run_summary import (
    activity_now,
    litigant_first_line,
    progress_summary,
)
from hearing_helper.ui.checks.texts import network_phase
from hearing_helper.ui.labels import step_label
from hearing_helper.ui.wizard.base import LitigantContent, StepPage

log = logging.getLogger(__name__)

PHONE_KEY = "phone_checklist"
NARROW_WIDTH = 760  # below this the device choice goes above the results


class ChecksPage(StepPage):
    step_id = StepId.CHECKS

    def __init__(
        self, services: AppServices, parent: QWidget | None = None, provider: Any = None
    ) -> None:
        super().__init__(services, parent)
        self._given_provider: Any = provider
        self._activity = ""  # what the litigant should do now: "", camera, microphone, speakers
        self._pending: set[str] = set()  # checks of the current run without a result yet
        self._running: set[str] = set()  # checks started and not finished
        self._asking = False  # the speaker question is on screen
        self._total = 0
        self.controller = ChecksController(self)
        self.controller.check_started.connect(self._on_started)
        self.controller.result_ready.connect(self._on_result)
        self.controller.finished.connect(self._on_finished)
        self.controller.heard_question.connect(self._on_heard_question)
        self.controller.network_progress.connect(self._on_network_progress)
        self._build()

    # --- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.run_button = QPushButton()
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run_all)
        run_key = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        run_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        run_key.activated.connect(self.run_all)
        self.cancel_button = QPushButton()
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(12)
        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)  # it names the checks that need attention
        top = QHBoxLayout()
        top.addWidget(self.run_button)
        top.addWidget(self.cancel_button)
        top.addWidget(self.progress, 1)
        top.addWidget(self.progress_label)

        self.heard_box = HeardQuestion()
        self.heard_box.answered.connect(self._answer)

        self.devices = DevicePanel()
        self.live = LiveDevices(self.services, self.devices, self._given_provider, self)
        self.rows: dict[str, CheckRow] = {}
        results = QVBoxLayout()
        results.setSpacing(6)
        for check_id in available_ids():
            row = CheckRow(check_id)
            row.rerun_requested.connect(self.rerun)
            self.rows[check_id] = row
            results.addWidget(row)
        results.addStretch(1)
        # Devices beside the results on a wide window, above them on a narrow one (the clerk's
        # window shares a 1366-pixel screen with the litigant window).
        middle = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        middle.addWidget(self.devices, 0)
        middle.addLayout(results, 1)
        self._middle = middle

        self.phone = PhoneChecklist()
        self.phone.answers_changed.connect(self._on_phone_answers)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.intro)
        layout.addLayout(top)
        layout.addWidget(self.heard_box)
        layout.addLayout(middle)
        layout.addWidget(self.phone)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.retranslate()

    def retranslate(self) -> None:
        self.intro.setText(
            self.tr(
                "Check the camera, microphone, speakers and network with the litigant present."
                " When a check fails, read out what to do, fix it, then check again."
            )
        )
        self.run_button.setText(self.tr("Run all checks (F5)"))
        self.cancel_button.setText(self.tr("Stop"))
        self.devices.retranslate()
        self.phone.retranslate()
        for row in self.rows.values():
            row.retranslate()
        self._update_progress()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def title(self) -> str:
        return step_label(StepId.CHECKS)

    def resizeEvent(self, event: QResizeEvent) -> None:
        narrow = event.size().width() < NARROW_WIDTH
        self._middle.setDirection(
            QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        )
        super().resizeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.live.showing and self.live.made:
            self.live.start_live()  # back from a minimised window

    def hideEvent(self, event: QHideEvent) -> None:
        # The window closed or another step shows: the camera light must not stay on.
        self.live.stop_live()
        super().hideEvent(event)

    # --- wizard hooks ------------------------------------------------------------------------

    def load(self, record: AssistRecord) -> None:
        super().load(record)
        self.live.showing = True
        stored = {c.check_id: c for c in record.checks}
        for check_id, row in self.rows.items():
            check = stored.get(check_id)
            if check is None:
                row.set_waiting()
            else:
                row.set_result(check.status, check.code, check.remedy_code, dict(check.metrics))
        data = record.step(StepId.CHECKS).data
        self.phone.set_answers(parse_answers(data.get(PHONE_KEY)))
        self.live.fill()
        self.live.start_live()
        self._update_progress()

    def leave(self) -> None:
        self.live.showing = False
        self.controller.cancel()
        self.heard_box.hide()
        self.live.stop_live()

    def initial_focus(self) -> QWidget | None:
        return self.run_button

    def is_complete(self) -> bool:
        if self.record is None:
            return False
        done = {c.check_id for c in self.record.checks}
        return all(check_id in done for check_id in self.rows)

    def litigant_content(self) -> LitigantContent:
        statuses = {
            check_id: row.status
            for check_id, row in self.rows.items()
            if row.status not in ("waiting", "running")
        }
        phone = self.record and next(
            (c for c in self.record.checks if c.check_id == PHONE_CHECK_ID), None
        )
        if phone is not None:
            statuses[PHONE_CHECK_ID] = str(phone.status)
        results = litigant_results(statuses)
        running = [check_id for check_id in self.rows if check_id in self._running]
        first = litigant_first_line(self._activity, running, bool(results))
        return LitigantContent(
            title=self.title(), lines=[line for line in [first, *results] if line]
        )

    def _update_activity(self) -> None:
        activity = activity_now(self._asking, self._running)
        if activity != self._activity:
            self._activity = activity
            self.litigant_content_changed.emit()

    # --- running -----------------------------------------------------------------------------

    def _context(self) -> CheckContext:
        screen = self.screen()
        size = (screen.size().width(), screen.size().height()) if screen is not None else None
        return build_context(
            self.services,
            self.record.intake.platform_id if self.record else "",
            self.live.provider(),
            self.devices.chosen(),
            self.devices.loopback.isChecked(),
            size,
        )

    def run_all(self) -> None:
        self._run(list(self.rows))

    def rerun(self, check_id: str) -> None:
        self._run([check_id])

    def _run(self, ids: list[str]) -> None:
        if self.controller.running:
            return
        if "network" in ids and self.record is not None and not self.record.intake.platform_id:
            # The network check tests the chosen platform's servers: say what is missing
            # instead of "this platform has no test address, call court IT".
            ids = [check_id for check_id in ids if check_id != "network"]
            self._on_result(
                CheckResult(
                    "network",
                    CheckStatus.SKIPPED,
                    "network.no_platform",
                    remedy_code="network.choose_platform",
                )
            )
            if not ids:
                return
        checks = build_checks(ids)
        self._pending = {check.id for check in checks}
        self._total = len(checks)
        for check in checks:
            self.rows[check.id].set_waiting()
        self._set_running(True)
        self.controller.run(checks, self._context())
        self._update_progress()

    def cancel(self) -> None:
        self.controller.cancel()
        self.heard_box.hide()

    def _set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        for combo in (
            self.devices.camera_combo,
            self.devices.microphone_combo,
            self.devices.speaker_combo,
        ):  # the running checks use the devices chosen when they started
            combo.setEnabled(not running and combo.itemData(0) is not None)
        self.devices.loopback.setEnabled(not running)
        for row in self.rows.values():
            row.set_rerun_enabled(not running)

    def _on_started(self, check_id: str) -> None:
        if check_id in self.rows:
            self.rows[check_id].set_running()
        self._running.add(check_id)
        self._update_activity()
        self.litigant_content_changed.emit()  # "Now checking: ..."

    def _on_network_progress(self, phase: str) -> None:
        row = self.rows.get("network")
        if row is not None and row.status == "running":
            detail = self.tr("Testing the connection: %1\u2026")
            row.set_running(detail.replace("%1", network_phase(phase)))

    def _on_result(self, result: CheckResult) -> None:
        row = self.rows.get(result.check_id)
        if row is not None:
            row.set_result(str(result.status), result.code, result.remedy_code, result.metrics)
        if result.check_id == "speakers":
            self.heard_box.hide()
            self._asking = False
        self._pending.discard(result.check_id)
        self._running.discard(result.check_id)
        self._update_activity()
        self.litigant_content_changed.emit()
        self._store(result)
        self._update_progress()
        if result.check_id == "speakers":
            self._credit_microphone(result)

    def _credit_microphone(self, speakers: CheckResult) -> None:
        """A loop-back that heard the tone proves the microphone too (no one has to speak)."""
        stored = next(
            (c for c in (self.record.checks if self.record else []) if c.check_id == "microphone"),
            None,
        )
        microphone = None if stored is None else CheckResult.from_record(stored)
        credited = credit_microphone(microphone, speakers)
        if credited is not None:
            self._on_result(credited)

    def _on_finished(self) -> None:
        self._set_running(False)
        self.heard_box.hide()
        self._asking = False
        self._running.clear()
        self._update_activity()
        self._update_progress()

    def _on_heard_question(self) -> None:
        self.heard_box.ask()
        self._asking = True
        self._update_activity()

    def _answer(self, heard: bool) -> None:
        self._asking = False
        self._update_activity()
        self.controller.answer_heard(heard)

    def _update_progress(self) -> None:
        statuses = {check_id: row.status for check_id, row in self.rows.items()}
        maximum, value, text = progress_summary(
            statuses, self._total, len(self._pending), self.controller.running
        )
        self.progress.setRange(0, maximum)
        self.progress.setValue(value)
        self.progress_label.setText(text)

    # --- the record --------------------------------------------------------------------------

    def _store(self, result: CheckResult) -> None:
        if self.record is None:
            return
        self._replace_check(result.to_record())
        self.changed.emit()

    def _replace_check(self, check: CheckRecord) -> None:
        assert self.record is not None
        self.record.checks = [c for c in self.record.checks if c.check_id != check.check_id]
        self.record.checks.append(check)

    def _on_phone_answers(self) -> None:
        if self.record is None:
            return
        answers = self.phone.answers()
        data = self.record.step(StepId.CHECKS).data
        data[PHONE_KEY] = {item: answer.value for item, answer in answers.items()}
        self._replace_check(checklist_result(answers).to_record())
        self.changed.emit()
        self.litigant_content_changed.emit()
