"""The audit chain's key: its secret and the first entry it signs.

A leaf module: :mod:`hearing_helper.secrets` reads and stores the key in the OS keyring and
:mod:`hearing_helper.store.audit` signs entries with it, so the keyring module needs nothing
from ``store/`` (the import contracts in pyproject.toml keep ``secrets`` below ``store``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class AuditKey:
    """The chain's secret and the first entry it signs (older entries stay unkeyed)."""

    secret: bytes
    from_seq: int

    def __repr__(self) -> str:  # never print the secret
        return f"AuditKey(from_seq={self.from_seq})"

    @property
    def key_id(self) -> str:
        """A name for the key that does not reveal it (recorded in the ``audit.keyed`` entry)."""
        return hashlib.sha256(b"hearing-helper audit key id\x00" + self.secret).hexdigest()[:16]
