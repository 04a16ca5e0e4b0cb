"""``hearing-helper`` / ``hearing-helper gui``: open the application window."""

from __future__ import annotations

import argparse
import contextlib
import logging

from hearing_helper.config import Settings, SettingsFileError
from hearing_helper.paths import resolve_data_dir
from hearing_helper.services import AppServices
from hearing_helper.store import StoreError

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The GUI takes only the common options (``--data-dir``, ``--database``, ``--central``)."""


def run(args: argparse.Namespace) -> int:
    """Open the services and run the GUI; a bad database gets a message box, exit code 1."""
    # Qt is imported lazily: the core commands must not pay for it, and this module stays Qt-free.
    from hearing_helper.ui import launch
    from hearing_helper.ui.app import show_startup_error

    data_dir = getattr(args, "data_dir", None)
    try:
        services = AppServices.open(data_dir, getattr(args, "database", None))
    except StoreError as exc:
        log.error("Cannot open the data directory: %s", exc)
        lang = "zh_CN"
        with contextlib.suppress(OSError, SettingsFileError):
            lang = Settings(resolve_data_dir(data_dir)).get("language")
        show_startup_error(exc, lang)
        return 1
    services.central_override = getattr(args, "central", None) or None
    try:
        return launch.run_gui(services)
    finally:
        services.close()
