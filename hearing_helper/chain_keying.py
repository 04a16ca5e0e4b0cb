"""The audit chain's key, fetched from the OS keyring off the start-up path (issue 23).

Importing keyring and discovering its backend costs 100-300 ms (on Linux its macOS backend runs
ctypes.util.find_library, which spawns ldconfig), and a locked keyring may ask to be unlocked.
The GUI therefore opens the data folder with the keying deferred and runs it in the background
once the window is shown (ui/launch.py). The guarantee of issue 18 stays: the repository calls
:meth:`ChainKeying.ensure` before every write transaction, so no audited write can go out
before the chain is keyed -- a write that comes first does the keying itself, or waits for the
background keying to end. A keying that fails is not marked done: the next write tries again
and reports the failure, so nothing is ever written unkeyed because of an error.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from hearing_helper.desk_identity import DESK_ID_FILENAME, DamagedDeskIdError, desk_id


class ChainKeying:
    """Runs ``key`` (services._key_the_chain) once, whichever thread asks first."""

    def __init__(self, key: Callable[[], None]) -> None:
        self._key = key
        self._lock = threading.RLock()
        self._running = False
        self.done = False

    def ensure(self) -> None:
        """Key the chain now unless it is keyed; other threads wait until it is."""
        if self.done:
            return
        with self._lock:
            # _running: the keying's own marker entry (audit.keyed) is written by this thread,
            # re-entering here through the repository's write transaction.
            if self.done or self._running:
                return
            self._running = True
            try:
                self._key()
            finally:
                self._running = False
            self.done = True


def desk_id_damaged(data_dir: Path) -> bool:
    """True when the desk id file exists but cannot be read as one. Keying such a desk is not
    deferred: opening it fails (or not) exactly as before, at open."""
    if not (data_dir / DESK_ID_FILENAME).exists():
        return False
    try:
        desk_id(data_dir)
    except DamagedDeskIdError:
        return True
    return False
