"""Small helpers the install and join pages share: language, problem labels, QR size."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QWidget

from hearing_helper.catalog import PROBLEM_CODES, Guide
from hearing_helper.domain.validation import FieldError

QR_MIN_CM = 5.5  # the QR code's side on screen: a phone camera reads it from ~40 cm


def ui_language() -> str:
    """'zh_CN' or 'en', following the language the app's translators were installed for."""
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"


def qr_side_px(widget: QWidget, centimetres: float = QR_MIN_CM) -> int:
    """Pixels for ``centimetres`` on the widget's screen (at least 240 px)."""
    screen = widget.screen()
    dpi = screen.physicalDotsPerInch() if screen else 96.0
    if not 50 <= dpi <= 400:  # offscreen/virtual screens report nonsense
        dpi = 96.0
    # Physical DPI may be device pixels while widgets are in logical pixels.
    ratio = screen.devicePixelRatio() if screen else 1.0
    return max(240, round(centimetres / 2.54 * dpi / max(ratio, 1.0)))


def problem_label(code: str) -> str:
    source = PROBLEM_CODES.get(code, code)
    return QCoreApplication.translate("catalog", source)


def problem_note_text(note: str, guide: Guide | None) -> str:
    """A problem's note as a person reads it: the guide step's title, not its id.

    The install page stores "<guide step id>: <note>" (or just the id).
    """
    step_id, _sep, rest = note.partition(": ")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", step_id):
        return note
    step = next((s for s in guide.steps if s.id == step_id), None) if guide else None
    title = step.title(ui_language()) if step else ""
    return " \u2014 ".join(part for part in (title, rest) if part) if title else rest


def field_error_text(error: FieldError, platform_name: str) -> str:
    """The translated message of a meeting-field error, with the platform's display name."""
    template = QCoreApplication.translate("catalog", error.message)
    params = {**error.params, "platform": platform_name}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
