"""Is Linux's speech service answering? Asked off the GUI thread before the engine is made.

Why: Qt's speechd engine opens its connection to speech-dispatcher inside the QTextToSpeech
constructor and waits for it without a time limit. A speech-dispatcher that hangs (seen here when
its audio output had no sound server) froze the whole window at the first 朗读. So the thread
pool first asks the daemon a harmless question with a 2-second limit; only when it answers is the
engine made in the GUI thread.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
from pathlib import Path

log = logging.getLogger(__name__)

TIMEOUT_S = 2.0


def socket_path() -> Path:
    """Where speech-dispatcher listens (SPEECHD_ADDRESS, else the runtime or cache folder)."""
    address = os.environ.get("SPEECHD_ADDRESS", "")
    if address.startswith("unix_socket:"):
        return Path(address.split(":", 1)[1])
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    base = Path(runtime) if runtime else Path.home() / ".cache"
    return base / "speech-dispatcher" / "speechd.sock"


def speech_service_answers(timeout_s: float = TIMEOUT_S) -> bool:
    """Start speech-dispatcher when needed and check that it answers within ``timeout_s``."""
    path = socket_path()
    if not path.exists() and not _spawn(timeout_s):
        return False
    answered = _ask(path, timeout_s)
    if answered is None and _spawn(timeout_s):  # a socket left behind by a daemon that died
        answered = _ask(path, timeout_s)
    return bool(answered)


def _spawn(timeout_s: float) -> bool:
    daemon = shutil.which("speech-dispatcher")
    if daemon is None:
        return False
    try:  # --spawn: starts it once per user, returns at once when it already runs
        subprocess.run([daemon, "--spawn"], timeout=timeout_s * 2, capture_output=True)
    except (OSError, subprocess.TimeoutExpired):
        log.warning("speech-dispatcher did not start in time")
        return False
    return True


def _ask(path: Path, timeout_s: float) -> bool | None:
    """True/False: the daemon answered well/badly or not in time; None: nobody listens."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conversation:
            conversation.settimeout(timeout_s)
            try:
                conversation.connect(str(path))
            except (ConnectionRefusedError, FileNotFoundError):
                return None
            conversation.sendall(b"SET SELF CLIENT_NAME user:hearing-helper:probe\r\n")
            reply = conversation.recv(256)
            conversation.sendall(b"QUIT\r\n")
    except OSError as exc:  # includes socket.timeout: the daemon does not answer
        log.warning("speech-dispatcher does not answer at %s: %s", path, exc)
        return False
    return reply.startswith(b"2")
