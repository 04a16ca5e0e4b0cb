"""Step 4, Join: the meeting details, the join QR code, opening it on the PC, the join slip.

Fields validate against the platform's formats as the clerk types; what was typed is kept in the
record even while invalid (nothing is lost), in ``steps[JOIN].data`` (see join_data.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hearing_helper.catalog import (
    Platform,
    format_meeting_id,
    is_openable,
)
from hearing_helper.domain.enums import StepId
from hearing_helper.domain.record import AssistRecord, now_local
from hearing_helper.domain.validation import FieldError
from hearing_helper.services import AppServices
from hearing_helper.ui.catalog_cache import catalog_for
from hearing_helper.ui.install.shared import field_error_text, qr_side_px, ui_language
from hearing_helper.ui.join.invitation_box import InvitationBox
from hearing_helper.ui.join.join_data import (
    CHECKS,
    FIELDS,
    add_attempt,
    attempts_so_far,
    valid_values,
)
from hearing_helper.ui.join.slip import SlipContent, build_slip_content
from hearing_helper.ui.join.slip_panel import SlipPanel
from hearing_helper.ui.widgets.qr_view import QrView
from hearing_helper.ui.wizard.base import LitigantContent, StepPage

log = logging.getLogger(__name__)

ERROR_STYLE = "color: #b00020;"


class JoinPage(StepPage):
    step_id = StepId.JOIN

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.platform: Platform | None = None
        self._loading = False
        # Replaceable so tests never start a real browser.
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self._build()

    # --- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.platform_label = QLabel()
        font = self.platform_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.platform_label.setFont(font)
        self.editors: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        grid = QGridLayout()
        captions = {
            "link": self.tr("&Meeting link:"),
            "meeting_id": self.tr("Meeting &ID:"),
            "passcode": self.tr("Pass&code:"),
        }
        placeholders = {
            "link": "https://…",
            "meeting_id": "123 456 789",
            "passcode": self.tr("leave empty if none"),
        }
        for row, name in enumerate(FIELDS):
            editor = QLineEdit()
            editor.setMaxLength(4096)
            editor.setPlaceholderText(placeholders[name])
            editor.setAccessibleName(captions[name].replace("&", "").rstrip(":："))
            editor.textEdited.connect(lambda _text, n=name: self._on_edited(n))
            caption = QLabel(captions[name])
            caption.setBuddy(editor)
            error = QLabel()
            error.setWordWrap(True)
            error.setStyleSheet(ERROR_STYLE)
            # The message goes under its field, so the page stays narrow enough to share a
            # 1366-pixel screen with the litigant window.
            grid.addWidget(caption, 2 * row, 0)
            grid.addWidget(editor, 2 * row, 1)
            grid.addWidget(error, 2 * row + 1, 1)
            self.editors[name], self.errors[name] = editor, error
        grid.setColumnStretch(1, 1)

        self.invitation_box = InvitationBox(lambda: self.platform)
        self.invitation_box.found.connect(self._fill_from_invitation)
        box = self.invitation_box  # its parts, as the page's own (tests, the desk test)
        self.invitation, self.invitation_status = box.invitation, box.status
        self.read_button, self.paste_button = box.read_button, box.paste_button

        self.open_button = QPushButton(self.tr("&Open on this PC"))
        self.open_button.clicked.connect(self.open_on_pc)
        self.open_button.setEnabled(False)
        self.editors["link"].textChanged.connect(
            lambda text: self.open_button.setEnabled(bool(text.strip()))
        )
        self.joined_button = QPushButton(self.tr("✓ The litigant has &joined"))
        self.joined_button.clicked.connect(self.mark_joined)
        self.failed_button = QPushButton(self.tr("✗ Joining did not &work"))
        self.failed_button.clicked.connect(lambda: self._add_attempt("phone", "failed"))
        actions = QGridLayout()
        actions.addWidget(self.joined_button, 0, 0)
        actions.addWidget(self.failed_button, 0, 1)
        actions.addWidget(self.open_button, 1, 0)
        actions.setColumnStretch(2, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.slip_panel = SlipPanel(
            self.slip_content,
            lambda: self.record.intake.case_number if self.record else "",
            problem=self.slip_problem,
            kept_folder=self.services.data_dir,
        )
        self.slip_panel.message.connect(lambda text, error: self._set_status(text, error=error))
        self.paper = self.slip_panel.paper

        left = QVBoxLayout()
        left.addWidget(self.platform_label)
        left.addLayout(grid)
        left.addWidget(self.invitation_box)
        left.addSpacing(8)
        left.addLayout(actions)
        left.addWidget(self.status)
        left.addWidget(self.slip_panel)
        left.addStretch(1)

        self.qr = QrView(minimum=240)
        self.qr_caption = QLabel()
        self.qr_caption.setWordWrap(True)
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.qr_caption.setMaximumWidth(260)
        right = QVBoxLayout()
        right.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        right.addWidget(self.qr_caption)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 1)
        layout.addLayout(right, 0)  # the QR code keeps its size; the fields take the rest

    # --- StepPage ----------------------------------------------------------------------------

    def initial_focus(self) -> QWidget | None:
        return self.editors["link"]

    def title(self) -> str:
        return self.tr("Join")

    def load(self, record: AssistRecord) -> None:
        super().load(record)
        catalog = catalog_for(self.services)
        platform_id = record.intake.platform_id
        self.platform = catalog.platform(platform_id) if platform_id else None
        if self.platform is not None:
            record.catalog_version = self.platform.version
            self.platform_label.setText(
                self.tr("Platform: %1").replace("%1", self.platform.display_name(ui_language()))
            )
        else:
            self.platform_label.setText(
                self.tr(
                    "No platform chosen on the intake step; the details are checked only loosely."
                )
            )
        data = record.step(StepId.JOIN).data
        self._loading = True
        for name in FIELDS:
            self.editors[name].setText(str(data.get(name, "")))
        self._loading = False
        side = qr_side_px(self)
        self.qr.setFixedSize(side, side)
        self._validate_all()
        self._refresh_status()

    def is_complete(self) -> bool:
        return bool(self.record and self.record.step(StepId.JOIN).data.get("joined_at"))

    def litigant_content(self) -> LitigantContent:
        link, meeting_id, passcode = self.valid_values()
        language = ui_language()
        lines = []
        if self.platform is not None:
            lines.append(
                self.tr("Platform: %1").replace("%1", self.platform.display_name(language))
            )
        if meeting_id:
            shown = format_meeting_id(meeting_id, self.platform.meeting if self.platform else None)
            lines.append(self.tr("Meeting ID: %1").replace("%1", shown))
        if passcode:
            lines.append(self.tr("Passcode: %1").replace("%1", passcode))
        if not lines:
            lines.append(self.tr("The clerk is entering the meeting details."))
        return LitigantContent(
            title=self.tr("Join the hearing"),
            lines=lines,
            qr_payload=link,
            qr_caption=self.tr("Scan with the phone's camera to join") if link else "",
        )

    # --- validation --------------------------------------------------------------------------

    def valid_values(self) -> tuple[str, str, str]:
        """(link, meeting ID digits, passcode), each "" when empty or invalid."""
        return valid_values({name: self.editors[name].text() for name in FIELDS}, self.platform)

    def _validate(self, name: str) -> str:
        text = self.editors[name].text()
        self.errors[name].clear()
        self.editors[name].setAccessibleDescription("")
        if not text.strip():
            return ""
        try:
            return CHECKS[name](text, self.platform)
        except FieldError as exc:
            name_shown = self.platform.display_name(ui_language()) if self.platform else ""
            message = field_error_text(exc, name_shown)
            self.errors[name].setText(message)
            self.editors[name].setAccessibleDescription(message)
            return ""

    def _validate_all(self) -> None:
        for name in FIELDS:
            self._validate(name)
        self._refresh_qr()

    def _on_edited(self, name: str) -> None:
        if self._loading or self.record is None:
            return
        valid = self._validate(name)
        data = self.record.step(StepId.JOIN).data
        # Keep the normalised value when valid, otherwise exactly what was typed.
        data[name] = valid or self.editors[name].text().strip()
        self._refresh_qr()
        self.changed.emit()
        self.litigant_content_changed.emit()

    def _refresh_qr(self) -> None:
        link = self.valid_values()[0]
        self.qr.set_payload(link)
        self.qr.setVisible(bool(link))
        self.qr_caption.setText(
            self.tr("Let the litigant scan this with the phone's camera to join.")
            if link
            else self.tr("The join QR code appears here once a valid link is entered.")
        )

    # --- actions -----------------------------------------------------------------------------

    def set_fields(self, link: str = "", meeting_id: str = "", passcode: str = "") -> None:
        """Fill the fields (e.g. from an invitation) as if typed; empty values are left alone."""
        for name, value in (("link", link), ("meeting_id", meeting_id), ("passcode", passcode)):
            if value:
                self.editors[name].setText(value)
                self._on_edited(name)

    def _fill_from_invitation(self, link: str, meeting_id: str, passcode: str) -> None:
        shown = self.platform.meeting if self.platform else None
        self.set_fields(link, format_meeting_id(meeting_id, shown), passcode)

    def read_invitation(self) -> None:
        self.invitation_box.read_invitation()

    def paste_invitation(self) -> None:
        self.invitation_box.paste_invitation()

    def open_on_pc(self) -> bool:
        """Open the link in the PC's browser/app; only http(s) links are ever opened."""
        text = self.editors["link"].text().strip()
        if not is_openable(text):
            self._add_attempt("open_pc", "refused")
            self._set_status(
                self.tr(
                    "This link was not opened: only web addresses starting with"
                    " https:// or http:// can be opened."
                ),
                error=True,
            )
            return False
        opened = bool(self.open_url(QUrl(text, QUrl.ParsingMode.StrictMode)))
        self._add_attempt("open_pc", "opened" if opened else "failed")
        if opened:
            self._set_status(
                self.tr(
                    "Opened on this PC. When the litigant is in the meeting,"
                    " press “The litigant has joined”."
                )
            )
        else:
            self._set_status(
                self.tr(
                    "The link could not be opened on this PC; check that a"
                    " web browser is installed."
                ),
                error=True,
            )
        return opened

    def mark_joined(self) -> None:
        if self.record is None:
            return
        self.record.step(StepId.JOIN).data["joined_at"] = now_local().isoformat()
        self._add_attempt("phone", "joined")

    def _add_attempt(self, how: str, result: str) -> None:
        if self.record is None:
            return
        add_attempt(self.record.step(StepId.JOIN).data, how, result)
        self._refresh_status()
        self.changed.emit()

    def _set_status(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(text)

    def _refresh_status(self) -> None:
        if self.record is None:
            return
        tries, joined_at = attempts_so_far(self.record.step(StepId.JOIN).data)
        text = self.tr("Attempts so far: %1.").replace("%1", str(tries))
        if joined_at:
            text += " " + self.tr("Joined at %1.").replace("%1", joined_at)
        self._set_status(text)

    # --- join slip ---------------------------------------------------------------------------

    def slip_content(self) -> SlipContent:
        assert self.record is not None
        link, meeting_id, passcode = self.valid_values()
        return build_slip_content(
            self.record,
            self.platform,
            link=link,
            meeting_id=meeting_id,
            passcode=passcode,
            help_phone=self.services.settings.get("help_desk_phone"),
            language=ui_language(),
        )

    def slip_problem(self) -> str:
        """Why a join slip cannot be made now: an invalid entry, or no way to join at all."""
        values = dict(zip(FIELDS, self.valid_values(), strict=True))
        invalid = [
            name for name in FIELDS if self.editors[name].text().strip() and not values[name]
        ]
        if invalid:
            return self.tr(
                "Correct the %1 first: the join slip would be printed without it."
            ).replace("%1", self.tr(", ").join(self._field_name(name) for name in invalid))
        if not values["link"] and not values["meeting_id"]:
            return self.tr("Enter the meeting link or the meeting ID first.")
        return ""

    def _field_name(self, name: str) -> str:
        names = {
            "link": self.tr("meeting link"),
            "meeting_id": self.tr("meeting ID"),
            "passcode": self.tr("passcode"),
        }
        return names[name]

    def save_slip(self, path: Path) -> bool:
        return self.slip_panel.save(path)
