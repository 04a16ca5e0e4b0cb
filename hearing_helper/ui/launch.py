"""Start the GUI: the application, translations, the main window and the event loop.

Kept apart from :mod:`hearing_helper.ui.app` (application-wide setup that the windows use), so
the window modules import ``app`` and nothing imports back: no circle between files.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QThreadPool, QTimer

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
from hearing_helper.ui.shell.window_host import MainWindowHost

log = logging.getLogger(__name__)


def run_gui(services: AppServices) -> int:
    """Build the main window, run the event loop and return its exit code."""
    setup_file_logging(services.data_dir)
    install_exception_logging()
    app = create_application(sys.argv[:1], services.settings.get("font_scale"))
    install_translators(app, current_language(services))
    host = MainWindowHost(services)
    host.show_initial()
    # The window first, then the keyring (chain_keying.py): a write that comes before the
    # keying ends waits for it; the pool is waited for at quit.
    QTimer.singleShot(0, lambda: QThreadPool.globalInstance().start(lambda: _key_chain(services)))
    freeze_startup_objects()
    log.info("Hearing Helper %s started with data dir %s", __version__, services.data_dir)
    code = int(app.exec())
    QThreadPool.globalInstance().waitForDone(3000)  # let background work end cleanly
    return code


def _key_chain(services: AppServices) -> None:
    """Key the audit chain in the background. A failure (a damaged desk id made unreadable
    since the start, say) is logged here; the next write tries again and reports it."""
    try:
        services.key_the_chain()
    except Exception:
        log.exception("The audit log could not be keyed; the next save tries again")
