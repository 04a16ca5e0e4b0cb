"""The conflicts page (supervisor, court IT): this desk's conflicts on the central database, a
record's two copies side by side (personal data masked), and settling one by keeping a copy.

Keeping a copy writes it as the record's next version (an audited correction that names the
conflict) and sends it at once; the server marks the conflict settled and the count clears.
Reading the server and settling run in workers: the window never waits on the network.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hearing_helper.domain.masking import mask_name, mask_phone
from hearing_helper.domain.record import AssistRecord
from hearing_helper.services import AppServices
from hearing_helper.store.errors import StoreError
from hearing_helper.store.sync.conflicts import KEEP_DESK, KEEP_SERVER, Conflict
from hearing_helper.ui.background import Task, start_task
from hearing_helper.ui.sync.controller import SyncController


def _fields(record: AssistRecord | None) -> list[str]:
    """The values compared, in the order of ConflictsDialog.FIELD_NAMES (masked)."""
    if record is None:
        return ["—"] * 9
    intake = record.intake
    return [
        intake.case_number,
        mask_name(intake.litigant_name),
        mask_phone(intake.phone),
        str(record.outcome or ""),
        str(record.outcome_reason or ""),
        "" if record.satisfaction is None else str(record.satisfaction),
        record.started_at.isoformat(timespec="minutes"),
        record.ended_at.isoformat(timespec="minutes") if record.ended_at else "",
        record.notes,
    ]


class ConflictsDialog(QDialog):
    def __init__(
        self,
        services: AppServices,
        controller: SyncController,
        actor: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.controller = controller
        self.actor = actor
        self.conflicts: list[Conflict] = []
        self._task: Task | None = None
        self.setWindowTitle(self.tr("Conflicts on the central database"))
        self.field_names = [
            self.tr("Case number"),
            self.tr("Litigant"),
            self.tr("Phone"),
            self.tr("Outcome"),
            self.tr("Reason"),
            self.tr("Satisfaction"),
            self.tr("Started"),
            self.tr("Ended"),
            self.tr("Notes"),
        ]
        self.state = QLabel(self.tr("Reading the central database…"))
        self.state.setWordWrap(True)
        self.items = QListWidget()
        self.items.setAccessibleName(self.tr("Conflicts"))
        self.items.currentRowChanged.connect(self._show)
        self.table = QTableWidget(len(self.field_names), 2)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Central database's copy"), self.tr("This desk's copy")]
        )
        self.table.setVerticalHeaderLabels(self.field_names)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.keep_server = QPushButton(self.tr("Keep the central database's copy"))
        self.keep_desk = QPushButton(self.tr("Keep this desk's copy"))
        self.keep_server.clicked.connect(lambda: self._settle(KEEP_SERVER))
        self.keep_desk.clicked.connect(lambda: self._settle(KEEP_DESK))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        sides = QHBoxLayout()
        sides.addWidget(self.items, 1)
        sides.addWidget(self.table, 3)
        choice = QHBoxLayout()
        choice.addWidget(self.keep_server)
        choice.addWidget(self.keep_desk)
        choice.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addLayout(sides, 1)
        layout.addLayout(choice)
        layout.addWidget(buttons)
        self.resize(900, 480)
        self._enable(False)
        controller.status_changed.connect(lambda _status: self.reload())
        self.reload()

    def _enable(self, on: bool) -> None:
        self.keep_server.setEnabled(on)
        self.keep_desk.setEnabled(on)

    def reload(self) -> None:
        if self._task is not None or not self.controller.joined:
            return
        from hearing_helper.desk_identity import desk_id
        from hearing_helper.store.sync.conflicts import open_conflicts
        from hearing_helper.store.sync.desk import central_address

        url = self.controller.central_url
        ident = desk_id(self.services.data_dir)
        task = Task(
            lambda _task: open_conflicts(central_address(url), ident),
            expected_errors=(StoreError, ValueError),
        )
        task.signals.finished.connect(self._loaded)
        task.signals.failed.connect(self._failed)
        self._task = task
        start_task(task, pool="conflicts", owner=self)

    def _loaded(self, conflicts: list[Conflict]) -> None:
        self._task = None
        self.conflicts = conflicts
        self.items.clear()
        for conflict in conflicts:
            self.items.addItem(QListWidgetItem(f"{conflict.key}  ({conflict.received_at})"))
        if conflicts:
            self.state.setText(
                self.tr("%1 conflict(s). Compare the two copies and keep the right one.").replace(
                    "%1", str(len(conflicts))
                )
            )
            self.items.setCurrentRow(0)
        else:
            self.state.setText(self.tr("No conflicts: the central database agrees with this desk."))
            self.table.clearContents()
            self._enable(False)

    def _failed(self, message: str) -> None:
        self._task = None
        self.state.setText(
            self.tr("The central database cannot be read now: %1").replace("%1", message)
        )
        self._enable(False)

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.conflicts):
            return
        conflict = self.conflicts[row]
        left, right = _fields(conflict.server_copy), _fields(conflict.desk_copy)
        bold = QFont()
        bold.setBold(True)
        for index, (a, b) in enumerate(zip(left, right, strict=True)):
            for column, text in ((0, a), (1, b)):
                cell = QTableWidgetItem(text)
                if a != b:
                    cell.setFont(bold)
                    cell.setBackground(QBrush(QColor("#FFF4CE")))
                self.table.setItem(index, column, cell)
        self._enable(conflict.settleable and conflict.server_copy is not None)
        if not conflict.settleable:
            self.state.setText(
                self.tr(
                    "This is an audit or export entry: court IT checks it on the central "
                    "database (see the README)."
                )
            )

    def _settle(self, keep: str) -> None:
        row = self.items.currentRow()
        if not 0 <= row < len(self.conflicts) or self._task is not None:
            return
        from hearing_helper.store.sync.conflicts import settle

        conflict = self.conflicts[row]
        repo = self.services.repo
        actor = self.actor
        task = Task(
            lambda _task: settle(repo, conflict, keep, actor), expected_errors=(StoreError,)
        )
        task.signals.finished.connect(self._settled)
        task.signals.failed.connect(self._failed)
        self._task = task
        self._enable(False)
        self.state.setText(self.tr("Saving the chosen copy and sending it…"))
        start_task(task, pool="conflicts", owner=self)

    def _settled(self, _record: object) -> None:
        self._task = None
        self.controller.sync_now_forced()  # the status change reloads this page


def show_conflicts_page(
    window: QWidget, services: AppServices, controller: SyncController, actor: str
) -> ConflictsDialog | None:
    """The conflicts page, after a supervisor's password (it shows records and settles them);
    None when the password was not given."""
    from hearing_helper.ui.reports.supervisor import require_supervisor

    purpose = QCoreApplication.translate("sync", "settle conflicts")
    if not require_supervisor(window, services, purpose):
        return None
    dialog = ConflictsDialog(services, controller, actor, window)
    dialog.open()
    return dialog
