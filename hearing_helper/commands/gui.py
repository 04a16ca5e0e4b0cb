"""``hearing-helper`` / ``hearing-helper gui``: open the application window."""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import sys

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The GUI takes only the common options (``--data-dir``, ``--database``, ``--central``)."""


def _no_display() -> str:
    """Why the window cannot be shown here ("" when it can): on Linux without an X11 or
    Wayland display Qt would abort the process (SIGABRT, a core file) instead of saying so."""
    if not sys.platform.startswith("linux"):
        return ""
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":", 1)[0]
    if platform and platform not in ("xcb", "wayland", "wayland-egl"):
        return ""  # offscreen, vnc, eglfs ...: Qt needs no display server
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return ""
    return (
        "no display to show the window on (neither DISPLAY nor WAYLAND_DISPLAY is set). Start "
        "Hearing Helper from the desktop session, or use the command-line commands "
        "(hearing-helper --help)."
    )


def run(args: argparse.Namespace) -> int:
    """Open the services and run the GUI; a bad database gets a message box, exit code 1."""
    missing = _no_display()
    if missing:
        print(f"hearing-helper: {missing}", file=sys.stderr)
        return 1
    # The cyclic collector waits until the window has painted (launch.py turns it back on, after
    # freezing what the start made): the modules, Qt wrappers and widgets made until then all
    # live as long as the app, and the ~50 collections their making set off cost 30-90 ms of a
    # start on a busy desk PC (issue 23). Back on here too, whichever way the start ends.
    gc.disable()
    try:
        return _open_and_run(args)
    finally:
        gc.enable()


def _open_and_run(args: argparse.Namespace) -> int:
    from hearing_helper.config import Settings, SettingsFileError
    from hearing_helper.paths import resolve_data_dir
    from hearing_helper.services import AppServices
    from hearing_helper.store import StoreError

    # Qt is imported lazily: the core commands must not pay for it, and this module stays Qt-free.
    from hearing_helper.ui import launch
    from hearing_helper.ui.app import show_startup_error

    data_dir = getattr(args, "data_dir", None)
    try:
        # The keyring is asked once the window is shown (chain_keying.py, issue 23).
        services = AppServices.open(
            data_dir,
            getattr(args, "database", None),
            central=getattr(args, "central", None),
            defer_chain_key=True,
            set_aside_bad_settings=True,
        )
    except StoreError as exc:
        log.error("Cannot open the data directory: %s", exc)
        lang = "zh_CN"
        with contextlib.suppress(OSError, SettingsFileError):
            lang = Settings(resolve_data_dir(data_dir)).get("language")
        show_startup_error(exc, lang)
        return 1
    try:
        return launch.run_gui(services)
    finally:
        services.close()
