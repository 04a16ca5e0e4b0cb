"""Storage errors with messages a clerk or court IT can act on."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base of all storage errors; ``str()`` is a complete, user-presentable message."""


class NewerDatabaseError(StoreError):
    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.path, self.found, self.supported = path, found, supported
        super().__init__(
            f"The database {path} was written by a newer version of Hearing Helper "
            f"(schema {found}; this version understands up to {supported}). It was left "
            "untouched. Install the newer version, or start with another --data-dir."
        )


class CorruptDatabaseError(StoreError):
    def __init__(self, path: Path, detail: str) -> None:
        self.path, self.detail = path, detail
        super().__init__(
            f"The database {path} cannot be read ({detail}). It was not changed or deleted. "
            "Ask court IT to restore it from a backup, or move it aside to start afresh."
        )


class RecordNotFoundError(StoreError):
    def __init__(self, record_id: str) -> None:
        self.record_id = record_id
        super().__init__(f"No assistance record with id {record_id}.")


class RecordFinishedError(StoreError):
    def __init__(self, record_id: str) -> None:
        self.record_id = record_id
        super().__init__(
            f"The assistance record {record_id} is finished and cannot be changed; "
            "make a correction instead."
        )
