"""QtMultimedia device adapters (the only Qt code under ``checks/``).

``QtDeviceProvider`` is imported lazily: QtMultimedia loads its back-ends on import, and their
notes about absent optional back-ends are routed to the log first (see :mod:`.qt_notes`).
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    if name == "QtDeviceProvider":
        from hearing_helper.ui.devices.qt_notes import quiet_backend_notes

        with quiet_backend_notes():
            from hearing_helper.ui.devices.provider import QtDeviceProvider
        return QtDeviceProvider
    raise AttributeError(name)
