"""The application's shared services, built once at start and handed to the UI and commands."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hearing_helper.config import Settings
from hearing_helper.paths import resolve_data_dir
from hearing_helper.secrets import ensure_audit_key
from hearing_helper.store import SqliteRepository, open_repository


@dataclass
class AppServices:
    data_dir: Path
    settings: Settings
    repo: SqliteRepository
    # Filled lazily by the features that own them (catalog, check providers, ...).
    extras: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def open(cls, data_dir: str | Path | None = None) -> AppServices:
        """Resolve the data dir, open settings and the database (raises StoreError)."""
        resolved = resolve_data_dir(data_dir)
        repo = open_repository(resolved)  # creates the folder 0700 (or raises StoreError)
        # The audit chain's key lives in the OS keyring, never in the data folder.
        repo.audit_key = ensure_audit_key(resolved, repo.audit_head_seq() + 1)
        return cls(data_dir=resolved, settings=Settings(resolved), repo=repo)

    def close(self) -> None:
        self.repo.close()
