"""Work done off the GUI thread at start-up, with results handed back through a signal."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives in the GUI thread; a worker emits ``done`` and the slot runs in the GUI thread."""

    done = Signal(object)
    finished = Signal()

    def release(self) -> None:
        # A method of this QObject, so it runs in the GUI thread (queued), after ``done``.
        _pending.discard(self)


# Relays waiting for their worker; kept referenced (not parented) so a window closing early
# never deletes one while a worker thread is emitting through it.
_pending: set[_Relay] = set()


def run_in_background(
    owner: QObject, work: Callable[[], Any], on_done: Callable[[Any], None]
) -> None:
    """Run ``work()`` in the thread pool, then ``on_done(result)`` in the GUI thread.

    ``on_done`` should be a method of ``owner`` (a QObject), so a deleted owner gets no call.
    """
    relay = _Relay()
    _pending.add(relay)
    relay.done.connect(on_done)
    relay.finished.connect(relay.release)

    def run() -> None:
        try:
            result = work()
        except Exception:  # noqa: BLE001 - reported as a failed result
            log.exception("Background work failed")
            result = None
        try:
            relay.done.emit(result)
            relay.finished.emit()
        except RuntimeError:  # the application is shutting down
            log.debug("Background result dropped during shutdown")

    QThreadPool.globalInstance().start(run)


def load_catalog_in_background(
    owner: QObject, data_dir: Path, on_loaded: Callable[[Any], None]
) -> None:
    """Parse the platform catalog in the thread pool, then call ``on_loaded(catalog)``.

    ``on_loaded`` should be a method of ``owner`` (a QObject): Qt then drops the call if the
    owner was deleted meanwhile.
    """
    relay = _Relay()
    _pending.add(relay)
    relay.done.connect(on_loaded)
    relay.finished.connect(relay.release)

    def load() -> None:
        from hearing_helper.catalog import load_catalog

        try:
            catalog = load_catalog(data_dir)
        except Exception:  # noqa: BLE001 - the owner loads it again in the GUI thread
            log.exception("Loading the catalog in the background failed")
            catalog = None
        try:
            if catalog is not None:
                relay.done.emit(catalog)
            relay.finished.emit()
        except RuntimeError:  # the application is shutting down
            log.debug("Catalog loaded during shutdown; dropped")

    QThreadPool.globalInstance().start(load)
