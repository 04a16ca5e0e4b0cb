"""Keep QtMultimedia's start-up notes about absent optional back-ends out of the warnings.

On many desk PCs and on CI QtMultimedia reports that it found no PipeWire library or no
PulseAudio server. Those are expected and answered by a "no device" check result, so while the
back-end loads they are logged at INFO; every other Qt message goes to the previous handler.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

log = logging.getLogger(__name__)

_BACKEND_NOTES = (
    "pipewire",
    "PulseAudioService",
    "No audio device detected",
    "Using Qt multimedia with FFmpeg",
)


@contextlib.contextmanager
def quiet_backend_notes() -> Iterator[None]:
    previous: Any = None

    def handler(kind: QtMsgType, context: Any, message: str) -> None:
        if any(note in message for note in _BACKEND_NOTES):
            log.info("QtMultimedia: %s", message)
        elif previous is not None:
            previous(kind, context, message)
        else:
            log.warning("Qt: %s", message)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)
