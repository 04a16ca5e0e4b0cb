"""An exclusive lock on a small ``<file>.lock`` beside a file, between threads and processes.

Settings and the supervisor's failed-attempt counter are read, changed and written under it, so
two writers (the app and a ``hearing-helper`` command, or two threads) never lose each other's
updates. ``flock`` on POSIX (per open file, so it also separates threads), ``msvcrt.locking`` on
Windows. The lock file is created readable by the current user only.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

DEFAULT_TIMEOUT_S = 10.0
_POLL_S = 0.02


class LockTimeoutError(TimeoutError):
    """Another program kept the lock for longer than we wait."""

    def __init__(self, path: Path, waited_s: float) -> None:
        self.path = path
        super().__init__(
            f"{path} is in use by another Hearing Helper program (waited {waited_s:g} s); "
            "nothing was changed. Try again, or close the other program."
        )


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


@contextmanager
def locked(
    path: Path,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    give_up: Callable[[], bool] | None = None,
) -> Iterator[None]:
    """Hold the lock of ``path`` (the file ``path.lock``); raises LockTimeoutError after
    ``timeout_s``, or as soon as ``give_up()`` is true while waiting."""
    lock_path = path.with_name(path.name + ".lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + timeout_s
        while not _try_lock(fd):
            if time.monotonic() >= deadline or (give_up is not None and give_up()):
                raise LockTimeoutError(path, timeout_s)
            time.sleep(_POLL_S)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)
