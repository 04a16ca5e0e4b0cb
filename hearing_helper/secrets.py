"""Secrets in the OS keyring (service "HearingHelper"); never in config files or logs.

A machine without a usable keyring backend (a headless server, a locked-down PC) raises
:class:`KeyringUnavailableError` with a message saying so, never a traceback.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from hearing_helper.audit_key import AuditKey

if TYPE_CHECKING:
    # keyring is imported where a secret is first read or written, not at start: importing it
    # and discovering its backend costs 100-300 ms (on Linux its macOS backend runs
    # ctypes.util.find_library, which spawns ldconfig), and a clerk's session may need no secret
    # before the first audit entry (see AppServices.open).
    from keyring.backend import KeyringBackend

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


def _backend() -> KeyringBackend:
    import keyring
    from keyring.backends import fail

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
    import keyring.errors

    try:
        return backend.get_password(SERVICE, name)
    except keyring.errors.NoKeyringError as exc:
        raise KeyringUnavailableError("no backend") from exc
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailableError(type(exc).__name__) from exc


def set_secret(name: str, value: str) -> None:
    backend = _backend()
    import keyring.errors

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
    import keyring.errors

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


# --- the audit chain's key ------------------------------------------------------------------
#
# One per desk, made once with 32 random bytes and kept only in the keyring, so that the audit
# chain (store/audit.py) cannot be rewritten by someone who can only edit the data folder. It is
# named by the desk id (the ``desk_id`` file in the data folder), not the folder's path, so a
# folder moved or restored elsewhere on the same account verifies with the same key; a key kept
# under the older path-based name is copied to the desk name when first read. Where there is no
# keyring the chain stays unkeyed and verify-log says so. A chain that records being keyed is
# never given a new key when its key is missing (verify-log reports the missing key instead).


def audit_key_name(data_dir: Path) -> str:
    """The key's keyring entry name; raises ValueError for a damaged desk id file."""
    from hearing_helper.desk_identity import desk_id

    return f"audit-key:{desk_id(data_dir)}"


def _path_audit_key_name(data_dir: Path) -> str:
    """The name used before issue 18 (by the folder's path): read once, then copied."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"audit-key:{digest}"


def _parse_key(stored: str) -> AuditKey | None:
    try:
        data = json.loads(stored)
        key = AuditKey(bytes.fromhex(data["key"]), int(data["from_seq"]))
    except (ValueError, TypeError, KeyError):
        log.warning("The audit key in the keyring is damaged; the chain is verified without it")
        return None
    return key if len(key.secret) >= 16 and key.from_seq >= 1 else None


def load_audit_key(data_dir: Path) -> AuditKey | None:
    """The desk's audit key; None when there is no keyring or no (readable) key. Raises
    ValueError when the desk id file is damaged (the key cannot be named)."""
    if not keyring_available():
        return None
    name = audit_key_name(data_dir)
    try:
        stored = get_secret(name)
        if not stored:
            stored = get_secret(_path_audit_key_name(data_dir))
            if stored:
                set_secret(name, stored)  # the old entry stays: a restore may still need it
                log.info("Audit key copied to its desk-id name %s", name)
    except KeyringUnavailableError:
        return None
    return _parse_key(stored) if stored else None


def load_desk_audit_key(desk_id: str) -> AuditKey | None:
    """The audit key kept under a desk id (``restore``: court IT put the replaced desk's key
    back into this keyring); None when there is none, or no keyring."""
    try:
        if not keyring_available():
            return None
        stored = get_secret(f"audit-key:{desk_id}")
    except KeyringUnavailableError:
        return None
    return _parse_key(stored) if stored else None


def ensure_audit_key(
    data_dir: Path, next_seq: int, *, chain_keyed: bool = False
) -> AuditKey | None:
    """The desk's audit key, created (signing from entry ``next_seq`` on) when there is none
    yet; None when there is no usable keyring, or when ``chain_keyed`` (the chain records a
    key) and the key is missing: a new key would hide a chain rewritten without the old one."""
    existing = load_audit_key(data_dir)
    if existing is not None:
        return existing
    if chain_keyed:
        log.warning(
            "The audit log of %s is keyed but its key %s is not in this keyring; entries are "
            "written unkeyed and verify-log reports the missing key",
            data_dir,
            audit_key_name(data_dir),
        )
        return None
    key = AuditKey(os.urandom(32), max(1, next_seq))
    try:
        if not keyring_available():
            log.warning(
                "No system keyring: the audit log of %s is written unkeyed "
                "(verify-log says so); see README, Export",
                data_dir,
            )
            return None
        name = audit_key_name(data_dir)
        if get_secret(name):  # present but damaged: never overwrite it silently
            return None
        set_secret(name, json.dumps({"key": key.secret.hex(), "from_seq": key.from_seq}))
    except KeyringUnavailableError:
        return None
    # Some backends accept a secret and keep nothing (the null keyring): only a key that
    # reads back is used, otherwise entries would be signed with a key nobody holds.
    return key if load_audit_key(data_dir) == key else None
