"""The supervisor gate: password prompt, first-time setup and change-password dialogs.

``require_supervisor(parent, services, purpose)`` is what other windows call before a
supervisor-only action (settings, exports, personal data in reports). On a desk without a
supervisor password the gate says so and offers to set one as a step of its own -- the password
twice and a confirmation that the person is the desk's supervisor, audited -- and then asks for
it like every other time: whoever happens to open Settings first is never made the supervisor
as a side effect.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hearing_helper.auth import MAX_LENGTH, MIN_LENGTH, AuthResult, PasswordPolicyError, auth_for
from hearing_helper.config import SettingsFileError
from hearing_helper.file_lock import LockTimeoutError
from hearing_helper.services import AppServices
from hearing_helper.store.errors import StoreError


def ui_actor(services: AppServices) -> str:
    """Who acts, for the audit log: the desk's current clerk profile, if any."""
    staff = services.settings.get("last_staff_id") or "desk"
    return f"supervisor@{staff}"


def _password_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    field.setMinimumWidth(260)
    return field


class PasswordDialog(QDialog):
    """Asks for the supervisor password; wrong ones slow down (the OK button waits)."""

    def __init__(self, services: AppServices, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.purpose = purpose
        self.auth = auth_for(services)
        self.setWindowTitle(self.tr("Supervisor password"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("A supervisor must enter the password to %1.").replace("%1", purpose)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.password = _password_field(self, self.tr("Supervisor password"))
        form = QFormLayout()
        form.addRow(self.tr("Password:"), self.password)
        layout.addLayout(form)
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #B3261E;")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._try)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._tick)
        self._tick()

    def _ok_button(self) -> Any:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _tick(self) -> None:
        wait = self.auth.wait_seconds()
        self._ok_button().setEnabled(wait <= 0)
        if wait > 0:
            self.message.setText(
                self.tr("Too many wrong passwords. Please wait %1 seconds.").replace(
                    "%1", str(int(wait + 0.999))
                )
            )
            if not self._timer.isActive():
                self._timer.start()
        elif self._timer.isActive():
            self._timer.stop()
            self.message.setText(self.tr("You can try again now."))

    def _try(self) -> None:
        try:
            result: AuthResult = self.auth.check(
                self.password.text(), ui_actor(self.services), purpose=self.purpose
            )
        except (StoreError, LockTimeoutError) as exc:
            self.message.setText(str(exc))
            return
        if result.ok:
            self.accept()
            return
        self.password.clear()
        self.password.setFocus()
        if result.code == "wrong":
            self.message.setText(self.tr("Wrong password."))
        elif result.code == "lost":
            self.message.setText(_lost_text())
            return
        self._tick()


def _lost_text() -> str:
    # One text for both dialogs, so one translation context.
    return QCoreApplication.translate(
        "SupervisorPassword",
        "A supervisor password was set, but its record from an older version (in the "
        "settings file) is missing or damaged. Restore the data folder's settings.json from a "
        "backup, or ask court IT.",
    )


class NoPasswordDialog(QDialog):
    """Says that the desk has no supervisor password yet, so ``purpose`` is locked, and offers
    to set one (``set_button``: accepted) or to leave it (rejected)."""

    def __init__(self, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("No supervisor password"))
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr(
                "No supervisor password is set on this desk yet, so you cannot %1.\n\n"
                "The supervisor password protects the settings, the reports, exports and"
                " litigants' personal data. The desk's supervisor (or court IT) sets it once:"
                " here, or with the command “hearing-helper supervisor set-password”. Whoever"
                " sets it is this desk's supervisor; setting it is recorded in the audit log."
            ).replace("%1", purpose),
            self,
        )
        text.setWordWrap(True)
        text.setMinimumWidth(420)
        layout.addWidget(text)
        buttons = QDialogButtonBox(self)
        self.set_button = QPushButton(self.tr("&Set a supervisor password…"), self)
        self.set_button.setAutoDefault(False)  # Enter alone does not start it
        buttons.addButton(self.set_button, QDialogButtonBox.ButtonRole.AcceptRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class SetPasswordDialog(QDialog):
    """Sets (first use) or changes the supervisor password."""

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.auth = auth_for(services)
        self.changing = self.auth.is_set()
        self.setWindowTitle(
            self.tr("Change supervisor password")
            if self.changing
            else self.tr("Set a supervisor password")
        )
        layout = QVBoxLayout(self)
        if not self.changing:
            intro = QLabel(
                self.tr(
                    "No supervisor password is set yet. Choose one now; it protects exports, "
                    "personal data and settings."
                )
            )
            intro.setWordWrap(True)
            layout.addWidget(intro)
        form = QFormLayout()
        # Only when changing: a field made but never laid out would float, unlabelled, over
        # the intro and take the focus.
        self.current: QLineEdit | None = None
        if self.changing:
            self.current = _password_field(self, self.tr("Current password"))
            form.addRow(self.tr("Current password:"), self.current)
        self.new = _password_field(self, self.tr("New password"))
        self.again = _password_field(self, self.tr("New password again"))
        form.addRow(self.tr("New password:"), self.new)
        form.addRow(self.tr("New password again:"), self.again)
        layout.addLayout(form)
        hint = QLabel(self.tr("At least %1 characters.").replace("%1", str(MIN_LENGTH)))
        layout.addWidget(hint)
        # The first password makes its setter the desk's supervisor: said and confirmed.
        self.confirm: QCheckBox | None = None
        if not self.changing:
            self.confirm = QCheckBox(
                self.tr("I &am this desk's supervisor (or court IT setting it up for them)."),
                self,
            )
            layout.addWidget(self.confirm)
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #B3261E;")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.current or self.new).setFocus()

    def _save(self) -> None:
        actor = ui_actor(self.services)
        try:
            self._save_as(actor)
        except (StoreError, SettingsFileError, LockTimeoutError) as exc:
            # E.g. the database is locked by another program: nothing was changed.
            self.message.setText(
                self.tr("The password was not changed: %1").replace("%1", str(exc))
            )

    def _save_as(self, actor: str) -> None:
        if self.confirm is not None and not self.confirm.isChecked():
            self.message.setText(self.tr("Please confirm that you are this desk's supervisor."))
            self.confirm.setFocus()
            return
        if self.current is not None:
            result = self.auth.check(self.current.text(), actor, purpose="change password")
            if not result.ok:
                self.current.clear()
                if result.code == "locked":
                    text = self.tr("Too many wrong passwords. Please wait %1 seconds.")
                    self.message.setText(text.replace("%1", str(int(result.wait_seconds + 0.999))))
                elif result.code == "lost":
                    self.message.setText(_lost_text())
                else:
                    self.message.setText(self.tr("The current password is wrong."))
                return
        try:
            self.auth.set_password(self.new.text(), actor, confirm=self.again.text())
        except PasswordPolicyError as exc:
            if exc.code == "mismatch":
                self.message.setText(self.tr("The two new passwords are not the same."))
            elif exc.code == "too_long":
                text = self.tr("The new password must have at most %1 characters.")
                self.message.setText(text.replace("%1", str(MAX_LENGTH)))
            else:
                text = self.tr("The new password must have at least %1 characters.")
                self.message.setText(text.replace("%1", str(MIN_LENGTH)))
            return
        self.accept()


def require_supervisor(parent: QWidget | None, services: AppServices, purpose: str) -> bool:
    """True once a supervisor has entered the password for ``purpose``, a translated phrase
    such as "open the settings". A desk without a password says so first and offers to set
    one (a separate, confirmed and audited step); the gate then asks for it as usual."""
    accepted = QDialog.DialogCode.Accepted
    if not auth_for(services).is_set():
        if NoPasswordDialog(purpose, parent).exec() != accepted:
            return False
        if SetPasswordDialog(services, parent).exec() != accepted:
            return False
    return PasswordDialog(services, purpose, parent).exec() == accepted


def change_password(parent: QWidget | None, services: AppServices) -> bool:
    return SetPasswordDialog(services, parent).exec() == QDialog.DialogCode.Accepted
