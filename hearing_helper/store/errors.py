"""Storage errors with messages a clerk or court IT can act on.

Every adapter (SQLite, PostgreSQL) raises only these for failures a user can meet; a raw driver
exception escaping an adapter is a bug.
"""

from __future__ import annotations

from pathlib import Path

from hearing_helper.domain.validation import FieldError
from hearing_helper.store_error import StoreError as StoreError  # re-exported

# StoreError, the base of the errors below, is defined low in the layers (store_error.py).


class NewerDatabaseError(StoreError):
    def __init__(self, path: Path | str, found: int, supported: int) -> None:
        self.path, self.found, self.supported = path, found, supported
        super().__init__(
            f"The database {path} was written by a newer version of Hearing Helper "
            f"(schema {found}; this version understands up to {supported}). It was left "
            "untouched. Install the newer version, or start with another --data-dir."
        )


class CorruptDatabaseError(StoreError):
    """The database is damaged (or not a database at all)."""

    def __init__(self, path: Path | str, detail: str) -> None:
        self.path, self.detail = path, detail
        super().__init__(
            f"The database {path} cannot be read ({detail}). It was not changed or deleted. "
            "Ask court IT to restore it from a backup, or move it aside to start afresh."
        )


DamagedDatabaseError = CorruptDatabaseError  # the name the storage issue uses


class DatabaseLockedError(StoreError):
    """Another program held the database's write lock for longer than we wait."""

    def __init__(self, path: Path | str, waited_s: float) -> None:
        self.path, self.waited_s = path, waited_s
        super().__init__(
            f"The database {path} is busy: another program (a second Hearing Helper window, "
            f"a backup or a database tool) kept it locked for more than {waited_s:g} seconds. "
            "Nothing was changed. Close the other program and try again."
        )


class ReadOnlyDatabaseError(StoreError):
    """The database (or its folder) cannot be written."""

    def __init__(self, path: Path | str, detail: str = "") -> None:
        self.path, self.detail = path, detail
        extra = f" ({detail})" if detail else ""
        super().__init__(
            f"The database {path} cannot be written{extra}. Nothing was changed. Check that "
            "the file and its folder are writable by this user and the disk is not full or "
            "read-only, or ask court IT."
        )


class StoreUnavailableError(StoreError):
    """The configured storage backend cannot be used (driver missing, server unreachable)."""


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


class RecordConflictError(RecordFinishedError):
    """A finished record with this id already exists with different content.

    A subclass of :class:`RecordFinishedError`: finishing or importing over a finished record
    is refused either way; this one says the two copies differ."""

    def __init__(self, record_id: str) -> None:
        super().__init__(record_id)
        self.args = (
            f"A different assistance record with the id {record_id} is already stored "
            "(finished, with other content). Nothing was changed. If this record was copied "
            "from another desk, check which copy is right with court IT; to change the stored "
            "one, make a correction.",
        )


class IncompleteRecordError(StoreError):
    """Finishing was refused because fields are missing or invalid."""

    def __init__(self, problems: list[FieldError]) -> None:
        self.problems = problems
        fields = ", ".join(sorted({p.field for p in problems}))
        super().__init__(f"The record cannot be finished yet; check: {fields}.")


class RecordRuleError(StoreError):
    """A change to a finished record that the record rules do not allow (a follow-up on the
    wrong kind of visit, a correction of the litigant's own rating ...)."""

    def __init__(self, problems: list[FieldError]) -> None:
        self.problems = problems
        super().__init__(" ".join(str(problem) for problem in problems))


class UnreadableAuditEntryError(StoreError):
    """An audit entry's stored details are no longer JSON: it was edited outside the app."""

    def __init__(self, seq: int) -> None:
        self.seq = seq
        super().__init__(f"Audit entry {seq} cannot be read (its details were edited).")
