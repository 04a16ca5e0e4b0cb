"""The application's shared services, built once at start and handed to the UI and commands."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hearing_helper.config import Settings
from hearing_helper.paths import resolve_data_dir
from hearing_helper.private_files import make_private_dir
from hearing_helper.secrets import ensure_audit_key
from hearing_helper.store import AssistRepository, ReportSource, Store, StoreError, open_store

if TYPE_CHECKING:  # types only: the catalog loader is not imported at start
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
    # The open reports window (ui/reports checks its type), raised instead of opened twice;
    # typed loosely so that the core does not name a Qt class.
    reports_window: object | None = None

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
        try:
            str(resolved).encode("utf-8")
        except UnicodeEncodeError:
            # Bytes in another encoding ($HEARING_HELPER_DATA, say): nothing downstream could
            # store or hash the name, so refuse it here, before any folder is made.
            shown = str(resolved).encode("utf-8", "backslashreplace").decode("utf-8")
            raise StoreError(
                f"The data folder {shown} cannot be used: its name is not UTF-8 text. "
                "Give --data-dir (or HEARING_HELPER_DATA) a folder with a UTF-8 name."
            ) from None
        try:
            make_private_dir(resolved)  # 0700 (private_files.py)
        except OSError as exc:
            raise StoreError(
                f"The data folder {resolved} cannot be used: {exc.strerror or exc}. "
                "Give --data-dir a folder this user can write."
            ) from exc
        settings = Settings(resolved)
        url = database if database is not None else settings.get("database")
        store = open_store(resolved, url)
        # The audit chain's key lives in the OS keyring, never in the data folder; it is fetched
        # when the first entry is signed (opening the keyring is slow; store/audit.py).
        store.repository.load_audit_key_on_first_use(
            lambda next_seq: ensure_audit_key(resolved, next_seq)
        )
        return cls(data_dir=resolved, settings=settings, store=store)

    def warm_audit_key(self) -> None:
        """Fetch the audit key now (in a worker, once the window is shown), so that the
        clerk's first finished record does not wait for the keyring."""
        repo = self.store.repository
        repo.audit_key_for(repo.audit_head_seq() + 1)

    def close(self) -> None:
        self.store.close()
