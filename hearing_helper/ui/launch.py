"""Start the GUI: the application, translations, the main window and the event loop.

Kept apart from :mod:`hearing_helper.ui.app` (application-wide setup that the windows use), so
the window modules import ``app`` and nothing imports back: no circle between files.
"""

from __future__ import annotations

import logging
import sys

from hearing_helper import __version__
from hearing_helper.services import AppServices
from hearing_helper.ui.app import (
    create_application,
    current_language,
    freeze_startup_objects,
    install_exception_logging,
    install_translators,
    setup_file_logging,
)
from hearing_helper.ui.background import drain, run_in_background
from hearing_helper.ui.shell.window_host import MainWindowHost

log = logging.getLogger(__name__)


def run_gui(services: AppServices) -> int:
    """Build the main window, run the event loop and return its exit code."""
    setup_file_logging(services.data_dir)
    if services.settings_set_aside is not None:  # said at open, before the log file was set up
        log.warning("%s", services.settings_set_aside.line())
    install_exception_logging()
    app = create_application(sys.argv[:1], services.settings.get("font_scale"))
    install_translators(app, current_language(services))
    host = MainWindowHost(services)
    # The window first; once it has painted: its start (history, profile, drafts), then the
    # keyring (chain_keying.py: a write that comes before the keying ends waits for it; a
    # failure is logged, the next write tries again and reports it), then freezing what start
    # made out of the collector's sight.
    host.show_initial(
        lambda: run_in_background(
            host,
            services.key_the_chain,
            lambda _result: None,
            on_failed=lambda message: log.error("The audit log could not be keyed: %s", message),
        ),
        freeze_startup_objects,
    )
    log.info("Hearing Helper %s started with data dir %s", __version__, services.data_dir)
    code = int(app.exec())
    drain()  # let background work end cleanly (also run at aboutToQuit; a second is cheap)
    return code
