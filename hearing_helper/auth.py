"""The supervisor password: a salted scrypt hash in the audited database, never the password.

The hash is kept in the audit entry that records setting it (``supervisor.password_set``, or
``supervisor.password_moved`` for a hash moved out of an older installation's settings file):
the newest such entry holds the current hash. So the fact that a password was set, and the
hash itself, are covered by the audit chain; no settings file -- damaged, emptied or replaced
-- can remove them, and ``set-password`` always asks for the current password once one exists.

Wrong passwords slow down: after each failure the next attempt must wait an exponentially growing
delay (1 s, 2 s, 4 s ... capped). The failure counter lives in a small state file in the data dir,
so quitting the app does not reset it; it is read and counted under a file lock, so simultaneous
attempts are checked one at a time. Every failure, and every attempt refused during the delay,
is written to the audit log; a password change is made in the same step as its audit entry.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Protocol

from hearing_helper.atomic_file import write_json_atomically
from hearing_helper.config import Settings, SettingsFileError
from hearing_helper.file_lock import locked

if TYPE_CHECKING:  # the services are built below this module (pyproject.toml, layers)
    from hearing_helper.services import AppServices

log = logging.getLogger(__name__)

SETTING_KEY: Final = "supervisor_password_hash"
STATE_FILENAME = "supervisor_state.json"
MIN_LENGTH = 6
# Longer adds no security and a megabyte pasted by mistake would be hashed and stored as the
# password; one rule here for `supervisor set-password` and the set-password dialog.
MAX_LENGTH = 256
MAX_DELAY_S = 300.0
MAX_COUNTED_FAILURES = 10_000  # consecutive failures recorded (the delay is capped long before)
DAMAGED_STATE_FAILURES = 5  # a damaged state file counts as this many failures (16 s)

# scrypt cost: ~50 ms and 16 MiB on a desk PC. Stored with the hash so it can be raised later.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
KEY_BYTES = 32


PASSWORD_ACTIONS = ("supervisor.password_set", "supervisor.password_moved")
HASH_DETAIL = "password_hash"


class AuditSink(Protocol):
    def append_audit(
        self,
        actor: str,
        action: str,
        details: dict[str, Any],
        before_commit: Callable[[], None] | None = None,
    ) -> Any: ...

    def latest_audit(self, actions: tuple[str, ...]) -> Any: ...


class PasswordPolicyError(ValueError):
    """The new password is unacceptable; ``code`` says why (``too_short``, ``too_long``,
    ``mismatch``)."""

    def __init__(self, code: str) -> None:
        self.code = code
        messages = {
            "too_short": f"The password must have at least {MIN_LENGTH} characters.",
            "too_long": f"The password must have at most {MAX_LENGTH} characters.",
            "mismatch": "The two passwords are not the same.",
        }
        super().__init__(messages.get(code, code))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """``scrypt$n$r$p$salt$key`` (base64 salt and key) for a fresh random salt."""
    salt = os.urandom(SALT_BYTES)
    key = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=KEY_BYTES
    )
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(key)}"


def verify_hash(password: str, stored: str) -> bool:
    """True when ``password`` matches the stored hash; False for any malformed hash."""
    try:
        scheme, n_text, r_text, p_text, salt_text, key_text = stored.split("$")
        if scheme != "scrypt":
            return False
        salt = base64.b64decode(salt_text, validate=True)
        expected = base64.b64decode(key_text, validate=True)
        key = hashlib.scrypt(
            password.encode("utf-8"),
            salt=salt,
            n=int(n_text),
            r=int(r_text),
            p=int(p_text),
            maxmem=256 * 1024 * 1024,
            dklen=len(expected),
        )
    except (ValueError, TypeError) as exc:
        log.warning("The stored supervisor password hash is malformed (%s)", type(exc).__name__)
        return False
    return hmac.compare_digest(key, expected)


def delay_after(failures: int) -> float:
    """Seconds the next attempt must wait after ``failures`` consecutive wrong passwords."""
    if failures <= 0:
        return 0.0
    # 2 ** 9 already passes the cap; a larger exponent would only risk an OverflowError.
    return min(MAX_DELAY_S, 2.0 ** min(failures - 1, 32))


@dataclass(frozen=True)
class AuthResult:
    ok: bool
    code: str  # 'ok', 'wrong', 'locked' (must wait), 'not_set', 'lost' (set, hash damaged)
    wait_seconds: float = 0.0  # for 'wrong'/'locked': how long until the next attempt

    def message(self) -> str:
        """English message for the command line (the UI translates the code itself)."""
        if self.code == "ok":
            return "Password accepted."
        if self.code == "not_set":
            return (
                "No supervisor password is set yet: run 'hearing-helper supervisor set-password'."
            )
        if self.code == "lost":
            return (
                "A supervisor password was set, but its hash (kept in settings.json before this "
                "version) is missing or damaged. Restore settings.json from a backup of the "
                "data folder, or ask court IT."
            )
        wait = f" Try again in {int(self.wait_seconds + 0.999)} s." if self.wait_seconds else ""
        if self.code == "locked":
            return "Too many wrong passwords." + wait
        return "Wrong supervisor password." + wait


class SupervisorAuth:
    """Set and check the supervisor password of one data directory."""

    def __init__(
        self,
        settings: Settings,
        audit: AuditSink,
        data_dir: Path,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.settings = settings
        self.audit = audit
        self.state_path = data_dir / STATE_FILENAME
        self.clock = clock

    # --- state of failed attempts ----------------------------------------------------------
    #
    # Read, counted and written under the state file's lock (hearing_helper/file_lock.py), so
    # simultaneous attempts -- threads or processes -- are checked one at a time and each sees
    # the failures before it: twenty wrong passwords at once cost one check, not twenty.

    def _load_state(self) -> dict[str, Any]:
        try:
            raw = json.loads(self.state_path.read_text(encoding="utf-8"))
            failures = int(raw.get("failures", 0))
            last = float(raw.get("last_failure_at", 0.0))
            if failures < 0 or not math.isfinite(last):
                raise ValueError("out of range")
        except FileNotFoundError:
            return {"failures": 0, "last_failure_at": 0.0}
        except (OSError, ValueError, TypeError, AttributeError, RecursionError, OverflowError):
            # A damaged state file must not unlock anything, nor lock anyone out for good:
            # it counts as DAMAGED_STATE_FAILURES failures from now, which the caller writes
            # back, so the delay runs out once (bounded by delay_after()).
            log.warning("Supervisor state file unreadable; a bounded slow-down is in force")
            return {"failures": DAMAGED_STATE_FAILURES, "last_failure_at": self.clock(), "new": 1}
        # Clamped, never trusted: a failure "in the future" (an edited file, a clock set back)
        # counts as now, and a count beyond MAX_COUNTED_FAILURES waits no longer than the cap,
        # so no file can lock the supervisor out for longer than MAX_DELAY_S.
        now = self.clock()
        clamped = {
            "failures": min(failures, MAX_COUNTED_FAILURES),
            "last_failure_at": min(max(last, 0.0), now),
        }
        if clamped["failures"] != failures or clamped["last_failure_at"] != last:
            log.warning("Supervisor state file out of range; clamped")
            clamped["new"] = 1
        return clamped

    def _save_state(self, state: dict[str, Any]) -> None:
        write_json_atomically(
            self.state_path,
            {"failures": state["failures"], "last_failure_at": state["last_failure_at"]},
        )

    def _current_state(self) -> dict[str, Any]:
        """The state, a damaged file replaced by its bounded equivalent (call under the lock)."""
        state = self._load_state()
        if state.pop("new", None):
            self._save_state(state)
        return state

    def _wait_for(self, state: dict[str, Any]) -> float:
        ready_at = float(state["last_failure_at"]) + delay_after(state["failures"])
        return max(0.0, ready_at - self.clock())

    @property
    def failures(self) -> int:
        with locked(self.state_path):
            return int(self._current_state()["failures"])

    def wait_seconds(self) -> float:
        """How long until the next attempt is allowed (0 when it is allowed now)."""
        with locked(self.state_path):
            return self._wait_for(self._current_state())

    # --- password --------------------------------------------------------------------------

    def _stored(self) -> tuple[bool, str, bool]:
        """(a password was set, its hash or "" when lost, the hash is only in the settings
        file of an older installation)."""
        entry = self.audit.latest_audit(PASSWORD_ACTIONS)
        legacy = self.settings.get(SETTING_KEY)
        if entry is None:
            # Never set through the audited path: at most an older installation's settings.
            return bool(legacy), legacy, bool(legacy)
        stored = entry.details.get(HASH_DETAIL) if isinstance(entry.details, dict) else None
        if isinstance(stored, str) and stored:
            return True, stored, False
        return True, legacy, True  # set before the hash moved into the database

    def is_set(self) -> bool:
        return self._stored()[0]

    def is_current(self, password: str) -> bool:
        """Whether ``password`` is the current one, without counting a failure: for a password
        remembered in the keyring, which goes stale when the password is changed elsewhere
        and must then be forgotten, not held against the person who types the right one."""
        stored = self._stored()[1]
        return bool(stored) and verify_hash(password, stored)

    def set_password(self, new: str, actor: str, *, confirm: str | None = None) -> None:
        """Store the hash of ``new`` (raises PasswordPolicyError) in its audit entry: the
        change and its record are one database write, so a password cannot be changed
        unaudited, and a locked database changes nothing. Callers ask for the current
        password first whenever :meth:`is_set`."""
        if confirm is not None and confirm != new:
            raise PasswordPolicyError("mismatch")
        if len(new) < MIN_LENGTH:
            raise PasswordPolicyError("too_short")
        if len(new) > MAX_LENGTH:
            raise PasswordPolicyError("too_long")
        was_set = self.is_set()
        self.audit.append_audit(
            actor,
            "supervisor.password_set",
            {"replaced_existing": was_set, HASH_DETAIL: hash_password(new)},
        )
        self._forget_settings_copy()
        with locked(self.state_path):
            self._save_state({"failures": 0, "last_failure_at": 0.0})

    def _forget_settings_copy(self) -> None:
        """An older installation's copy in settings.json is not used any more: removed."""
        if self.settings.get(SETTING_KEY):
            try:
                self.settings.update({SETTING_KEY: None})
            except SettingsFileError as exc:
                log.warning("Old supervisor hash left in the settings file: %s", exc)

    def _move_legacy_hash(self, stored: str, actor: str) -> None:
        """After a right password: the hash from an older installation's settings file goes
        into the database, so the settings file no longer decides who is supervisor."""
        self.audit.append_audit(actor, "supervisor.password_moved", {HASH_DETAIL: stored})
        self._forget_settings_copy()

    def check(self, password: str, actor: str, *, purpose: str = "") -> AuthResult:
        """Check ``password``; a failure is counted, audited and delays the next attempt. An
        attempt refused because of the delay is audited too (without checking it)."""
        was_set, stored, legacy = self._stored()
        if not was_set:
            return AuthResult(False, "not_set")
        if not stored:
            return AuthResult(False, "lost")
        with locked(self.state_path):
            state = self._current_state()
            wait = self._wait_for(state)
            if wait > 0:
                self.audit.append_audit(
                    actor,
                    "supervisor.login_refused",
                    {"purpose": purpose, "wait_seconds": round(wait, 1)},
                )
                return AuthResult(False, "locked", wait)
            if verify_hash(password, stored):
                if state["failures"]:
                    self._save_state({"failures": 0, "last_failure_at": 0.0})
                if legacy:
                    self._move_legacy_hash(stored, actor)
                return AuthResult(True, "ok")
            failures = min(state["failures"] + 1, MAX_COUNTED_FAILURES)
            self._save_state({"failures": failures, "last_failure_at": self.clock()})
        self.audit.append_audit(
            actor, "supervisor.login_failed", {"purpose": purpose, "consecutive_failures": failures}
        )
        return AuthResult(False, "wrong", delay_after(failures))


def auth_for(services: AppServices, *, clock: Callable[[], float] = time.time) -> SupervisorAuth:
    """The SupervisorAuth of an :class:`~hearing_helper.services.AppServices`."""
    return SupervisorAuth(services.settings, services.repo, services.data_dir, clock=clock)
