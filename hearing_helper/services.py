"""The application's shared services, built once at start and handed to the UI and commands."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hearing_helper.config import Settings
from hearing_helper.paths import resolve_data_dir
from hearing_helper.store import AssistRepository, ReportSource, Store, open_store

if TYPE_CHECKING:  # types only: the core never imports Qt or the catalog loader at start
    from PySide6.QtWidgets import QWidget

    from hearing_helper.catalog import CatalogLoad
    from hearing_helper.checks.device_api import DeviceProvider


@dataclass
class AppServices:
    data_dir: Path
    settings: Settings
    store: Store
    # Owned by the session, filled by the features that use them:
    catalog: CatalogLoad | None = None  # loaded once (ui/catalog_cache.py)
    device_provider: DeviceProvider | None = None  # shared by every wizard's checks page
    reports_window: QWidget | None = None  # the open reports window (raised, not duplicated)

    @property
    def repo(self) -> AssistRepository:
        return self.store.repository

    @property
    def reports(self) -> ReportSource:
        return self.store.reports

    @classmethod
    def open(cls, data_dir: str | Path | None = None, database: str | None = None) -> AppServices:
        """Resolve the data dir, open settings and the database (raises StoreError).

        ``database`` (``--database``) overrides the ``"database"`` setting; neither means the
        SQLite file in the data dir."""
        resolved = resolve_data_dir(data_dir)
        resolved.mkdir(parents=True, exist_ok=True)
        settings = Settings(resolved)
        url = database if database is not None else settings.get("database")
        return cls(data_dir=resolved, settings=settings, store=open_store(resolved, url))

    def close(self) -> None:
        self.store.close()
