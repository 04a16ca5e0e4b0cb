"""Alt+letter that goes to a choice without choosing it (DESIGN §11, README keyboard map).

Qt clicks a button, radio or check box reached by its own mnemonic or as a label's buddy, so
Alt+S would tick the first special need and Alt+I then Space would leave consent unticked. These
helpers move the keyboard there; Space then chooses."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QScrollArea, QWidget


def focus_proxy_box(container: QWidget, first: QWidget) -> QWidget:
    """Make ``container`` a label buddy that hands the keyboard to ``first`` (nothing clicked);
    Tab still stops only on the choices themselves. Returns ``container``."""
    container.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    container.setFocusProxy(first)
    return container


class FocusOnlyCheckBox(QCheckBox):
    """A check box whose own Alt+letter moves the keyboard to it and ticks nothing."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut:
            self.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
        return super().event(event)


def scroll_into_view(*widgets: QWidget, margin: int = 24) -> None:
    """Scroll every scroll area around ``widgets`` so that they are in sight (the keyboard moved
    there by code, which Qt does not follow the way it follows Tab)."""

    def scroll() -> None:
        for widget in widgets:
            parent = widget.parentWidget()
            while parent is not None:
                if isinstance(parent, QScrollArea):
                    parent.ensureWidgetVisible(widget, margin, margin)
                parent = parent.parentWidget()

    scroll()
    # Once more after the layouts settle: an answer that shows or hides a remedy moves the rows.
    if widgets:
        QTimer.singleShot(0, widgets[0], scroll)  # dropped if the widget is gone by then
