"""Menus that show their whole labels.

Qt (6.11, Fusion style) sizes a menu for its widest label but then draws labels that end after
a mnemonic, such as "统计报表(&R)…", into a narrower space, and reserves the widest shortcut
("Ctrl+N") in every item: the widest labels were elided in the middle ("未完成的…U)…",
"统计报…R)…"). Giving each menu that room back shows them whole; tests/test_ui_fit.py reads
what a menu really paints and fails on any cut label.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu


def _widen(menu: QMenu) -> None:
    metrics = menu.fontMetrics()
    shortcuts = [
        metrics.horizontalAdvance(
            action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        )
        for action in menu.actions()
        if not action.shortcut().isEmpty()
    ]
    menu.setMinimumWidth(0)
    gap = metrics.horizontalAdvance("\u3000\u3000\u3000")  # three ideographic spaces of air
    menu.setMinimumWidth(menu.sizeHint().width() + max(shortcuts, default=0) + gap)


def keep_labels_whole(menu: QMenu) -> QMenu:
    """Size ``menu`` (now and whenever it opens) so that no label is cut; returns it."""
    _widen(menu)
    menu.aboutToShow.connect(lambda: _widen(menu))
    return menu
