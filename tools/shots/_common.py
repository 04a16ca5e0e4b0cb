"""Helpers every screenshot module shares: let the event loop run, wait for a signal, save."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QWidget


def settle(ms: int = 150) -> None:
    """Run the event loop for ``ms`` so layouts, paints and queued signals finish."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(signal: object, timeout_ms: int = 20_000) -> None:
    """Run the event loop until ``signal`` fires or ``timeout_ms`` passes."""
    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def save(widget: QWidget, path: Path) -> Path:
    """Show ``widget``, let it paint, and write it to ``path`` as PNG."""
    widget.show()
    settle()
    widget.grab().save(str(path))
    return path
