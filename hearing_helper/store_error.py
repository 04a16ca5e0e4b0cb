"""The base of every storage error, alone in a leaf module so that the leaf modules that find a
data folder unusable (``paths.py``, ``desk_identity.py``) raise it without importing ``store/``
(the import contracts in pyproject.toml keep leaf modules below the store). The concrete errors
are in :mod:`hearing_helper.store.errors`, which re-exports this one."""

from __future__ import annotations


class StoreError(Exception):
    """Base of all storage errors; ``str()`` is a complete, user-presentable message."""
