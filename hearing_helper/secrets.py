"""Secrets in the OS keyring (service "HearingHelper"); never in config files or logs.

A machine without a usable keyring backend (a headless server, a locked-down PC) raises
:class:`KeyringUnavailableError` with a message saying so, never a traceback.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import keyring
import keyring.errors
from keyring.backends import fail

log = logging.getLogger(__name__)

SERVICE = "HearingHelper"


class KeyringUnavailableError(Exception):
    """No OS keyring can be used here; ``str()`` tells the user what to do."""

    def __init__(self, detail: str = "") -> None:
        self.detail = detail
        super().__init__(
            "No system keyring is available on this computer, so the secret cannot be "
            "remembered. Use a desktop session with a keyring (Windows Credential Manager, "
            "macOS Keychain, GNOME Keyring/KWallet) or enter it each time."
            + (f" ({detail})" if detail else "")
        )


def _backend() -> keyring.backend.KeyringBackend:
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        raise KeyringUnavailableError("no backend")
    return backend


def keyring_available() -> bool:
    try:
        _backend()
    except KeyringUnavailableError:
        return False
    return True


def get_secret(name: str) -> str | None:
    """The stored secret ``name``, or None when there is none."""
    backend = _backend()
    try:
        return backend.get_password(SERVICE, name)
    except keyring.errors.NoKeyringError as exc:
        raise KeyringUnavailableError("no backend") from exc
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailableError(type(exc).__name__) from exc


def set_secret(name: str, value: str) -> None:
    backend = _backend()
    try:
        backend.set_password(SERVICE, name, value)
    except keyring.errors.NoKeyringError as exc:
        raise KeyringUnavailableError("no backend") from exc
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailableError(type(exc).__name__) from exc
    log.info("Stored secret %s in the keyring", name)  # the name only, never the value


def delete_secret(name: str) -> bool:
    """Remove ``name``; False when it was not stored."""
    backend = _backend()
    try:
        backend.delete_password(SERVICE, name)
    except keyring.errors.PasswordDeleteError:
        return False
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailableError(type(exc).__name__) from exc
    return True


def supervisor_secret_name(data_dir: Path) -> str:
    """Keyring entry of the supervisor password for one data directory (each has its own)."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"supervisor-password:{digest}"
