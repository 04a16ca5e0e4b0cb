"""The sync page for court IT: this desk's identity, the central database, what waits, the last
error in plain words, "Sync now", and the central database settings (supervisor password)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hearing_helper.catalog.published import version_in_use
from hearing_helper.config import Settings
from hearing_helper.desk_identity import desk_id
from hearing_helper.services import AppServices
from hearing_helper.store.backend import BadDatabaseUrlError, check_database_url, redact_url
from hearing_helper.store.sync.sender import SyncStatus
from hearing_helper.ui.store_calls import calls_for
from hearing_helper.ui.sync import texts
from hearing_helper.ui.sync.controller import SyncController

if TYPE_CHECKING:  # imported when first opened: it needs the PostgreSQL driver
    from hearing_helper.ui.sync.conflicts_dialog import ConflictsDialog


class SyncDialog(QDialog):
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
        self.conflicts_dialog: ConflictsDialog | None = None
        self.setWindowTitle(self.tr("Central database"))
        self.desk = QLabel()
        self.central = QLabel()
        self.state = QLabel()
        self.waiting = QLabel()
        self.last_success = QLabel()
        self.skew = QLabel()
        self.catalog = QLabel()  # the catalog version court IT published that is in use
        self.catalog.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("color: #555;")
        self.held_list = QLabel()  # items the server refused, each with its reason
        self.held_list.setWordWrap(True)
        # The desk's id and the server's own words (English) are for court IT: shown on request.
        self.details_button = QPushButton(self.tr("&Details for court IT"))
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self._show_details)
        self.detail.hide()
        for label in (self.desk, self.central, self.detail):
            label.setTextInteractionFlags(label.textInteractionFlags() | _selectable())
        form = QFormLayout()
        for caption, widget in (
            (self.tr("This desk:"), self.desk),
            (self.tr("Central database:"), self.central),
            (self.tr("State:"), self.state),
            (self.tr("Waiting:"), self.waiting),
            (self.tr("Last complete send:"), self.last_success),
            (self.tr("Clock:"), self.skew),
            (self.tr("Catalog:"), self.catalog),
        ):
            form.addRow(caption, widget)
        self.sync_button = QPushButton(self.tr("&Sync now"))
        self.sync_button.clicked.connect(self._sync_now)
        self.change_button = QPushButton(self.tr("&Change…"))
        self.change_button.clicked.connect(self._change)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.sync_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.change_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.details_button, QDialogButtonBox.ButtonRole.HelpRole)
        self.conflicts_button = QPushButton(self.tr("C&onflicts…"))
        self.conflicts_button.clicked.connect(self._conflicts)
        buttons.addButton(self.conflicts_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.detail)
        layout.addWidget(self.held_list)
        layout.addWidget(buttons)
        controller.status_changed.connect(self.show_status)
        controller.push_started.connect(self._busy)
        self.show_status(controller.status)

    def show_status(self, status: SyncStatus | None) -> None:
        name = str(self.services.settings.get("desk_name") or "")
        self.desk.setText(name or self.tr("no name yet (Change… gives it one)"))
        url = self.controller.central_url
        self.central.setText(redact_url(url) if url else self.tr("none: this desk works alone"))
        if url and self.services.central_override:
            self.central.setText(
                self.tr("%1 (given on the command line)").replace("%1", redact_url(url))
            )
        self.sync_button.setEnabled(self.controller.joined and not self.controller.busy)
        self.catalog.setText(self._catalog_text(status))
        if status is None:
            self.state.setText(texts.summary(None) if self.controller.joined else "-")
            for label in (self.waiting, self.last_success, self.skew, self.error):
                label.setText("")
            self.held_list.setText("")
            self.detail.setText(self._details_text(None))
            self._grow_to_fit()
            return
        self.state.setText(texts.summary(status))
        self.waiting.setText(str(status.waiting))
        self.last_success.setText(texts.clock(status.last_success) or self.tr("never"))
        if status.skew_s is None:  # compared at a delivery: none has been made yet
            self.skew.setText(
                self.tr("not compared: the server was not reached")
                if status.state == "unreachable"
                else self.tr("not compared yet: at the next send")
            )
        else:
            self.skew.setText(
                self.tr("%1 s off the server's clock").replace("%1", f"{status.skew_s:+.0f}")
            )
        self.error.setText(texts.error_words(status))
        self.held_list.setText(texts.held_words(status))
        self.detail.setText(self._details_text(status))
        self._grow_to_fit()

    def _catalog_text(self, status: SyncStatus | None) -> str:
        """The published version in use (read from this desk's files, so it shows before the
        first push too) and a version this desk refused."""
        in_use = version_in_use(self.services.data_dir)
        if in_use is None:
            text = self.tr("the one shipped with the program (court IT has published none yet)")
        else:
            text = (
                self.tr("court version %1, published %2 by %3")
                .replace("%1", str(in_use.version))
                .replace("%2", texts.clock(in_use.published_at) or in_use.published_at)
                .replace("%3", in_use.published_by)
            )
        refused = status.catalog.refused if status and status.catalog else None
        if refused is not None:
            text += "\n" + self.tr(
                "Version %1 from the central database was refused: its files have problems "
                "(Details for court IT). This desk keeps using the catalog above."
            ).replace("%1", str(refused.version))
        return text

    def _details_text(self, status: SyncStatus | None) -> str:
        lines = [self.tr("Desk id: %1").replace("%1", desk_id(self.services.data_dir))]
        if status is not None and status.last_error:
            lines.append(status.last_error)
        refused = status.catalog.refused if status and status.catalog else None
        if refused is not None:
            lines += list(refused.problems[:10])
        return "\n".join(lines)

    def _show_details(self, shown: bool) -> None:
        self.detail.setText(self._details_text(self.controller.status))
        self.detail.setVisible(shown)
        self._grow_to_fit()

    def _grow_to_fit(self) -> None:
        """Grow (never shrink) so that wrapped lines keep their height: a top-level window does
        not follow its labels' height-for-width, and a long error squeezed the rows together."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        width = max(self.width(), layout.minimumSize().width())
        height = (
            layout.totalHeightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        self.setMinimumHeight(height)
        if self.height() < height:
            self.resize(width, height)

    def _busy(self) -> None:
        self.sync_button.setEnabled(False)
        self.state.setText(self.tr("Sending…"))

    def _sync_now(self) -> None:
        self.controller.sync_now_forced()

    def _conflicts(self) -> None:
        from hearing_helper.ui.sync.conflicts_dialog import show_conflicts_page

        self.conflicts_dialog = show_conflicts_page(
            self, self.services, self.controller, self.actor
        )

    def _change(self) -> None:
        from hearing_helper.ui.reports.supervisor import require_supervisor

        if not require_supervisor(self, self.services, self.tr("change the central database")):
            return
        dialog = CentralSettingsDialog(self.services.settings, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        changed = dialog.apply()
        if changed:
            actor = self.actor
            calls_for(self.services).run(
                lambda repo: repo.append_audit(actor, "settings.changed", changed),
                lambda _entry: self._changed(),
                lambda exc: QMessageBox.warning(self, self.tr("Not recorded"), str(exc)),
                owner=self,
            )

    def _changed(self) -> None:
        self.controller.settings_changed()
        self.show_status(self.controller.status)


class CentralSettingsDialog(QDialog):
    """The central database's URL (no password: that is in the keyring) and the desk name."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Central database settings"))
        self.url = QLineEdit(str(settings.get("central") or ""))
        self.url.setPlaceholderText("postgresql://desk1@court-db:5432/court")
        self.url.setAccessibleName(self.tr("Central database address"))
        self.desk_name = QLineEdit(str(settings.get("desk_name") or ""))
        self.desk_name.setMaxLength(100)
        self.desk_name.setAccessibleName(self.tr("Desk name"))
        form = QFormLayout()
        form.addRow(self.tr("&Address:"), self.url)
        form.addRow(self.tr("Desk &name:"), self.desk_name)
        note = QLabel(
            self.tr(
                "Leave the address empty for a desk that works alone. The password is never "
                "entered here: court IT stores it in this PC's keyring."
            )
        )
        note.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _accept_if_valid(self) -> None:
        url = self.url.text().strip()
        try:
            checked = check_database_url(url)
        except BadDatabaseUrlError:
            checked = None
        if url and (checked is None or not checked.startswith("postgres")):
            self.problem.setText(
                self.tr(
                    "Not a usable address: expected postgresql://user@host:port/dbname, "
                    "without a password."
                )
            )
            self.url.setFocus()
            return
        self.accept()

    def apply(self) -> dict[str, object]:
        values: dict[str, object] = {
            "central": self.url.text().strip(),
            "desk_name": self.desk_name.text().strip(),
        }
        changed = {k: v for k, v in values.items() if self.settings.get(k) != v}
        for key, value in changed.items():
            self.settings.set(key, value)
        return changed


def _selectable() -> Qt.TextInteractionFlag:
    return Qt.TextInteractionFlag.TextSelectableByMouse
