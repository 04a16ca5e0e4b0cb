"""The platform catalog of the session: loaded once (in the background at start, or on first
use) and shared by every screen through ``services.session.catalog``."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from hearing_helper.services import AppServices

if TYPE_CHECKING:  # the loader is imported where the catalog is loaded (off the GUI thread)
    from hearing_helper.catalog import CatalogLoad

log = logging.getLogger(__name__)


def cached_catalog(services: AppServices) -> CatalogLoad | None:
    """The catalog if it is loaded already, without loading it."""
    return services.session.catalog


def remember_catalog(services: AppServices, catalog: CatalogLoad) -> CatalogLoad:
    """Keep ``catalog`` for the session unless one is kept already; return the kept one."""
    kept = cached_catalog(services)
    if kept is not None:
        return kept
    for error in catalog.errors:
        log.warning("Catalog file problem: %s", error)
    services.session.catalog = catalog
    return catalog


def load_catalog_from(data_dir: Path) -> CatalogLoad:
    """Parse the catalog (in a worker at start). A failure is logged by the background helper;
    the catalog is then loaded when a screen first needs it (:func:`catalog_for`)."""
    from hearing_helper.catalog import load_catalog

    return load_catalog(data_dir)


def catalog_for(services: AppServices) -> CatalogLoad:
    """The session's catalog, loading it now if the background load has not finished."""
    from hearing_helper.catalog import load_catalog

    return cached_catalog(services) or remember_catalog(services, load_catalog(services.data_dir))


def replace_catalog(services: AppServices, catalog: CatalogLoad) -> None:
    """After a switch to a catalog version court IT published: the session uses ``catalog``
    and reads the join-mode rules again (a visit already under way keeps what it recorded;
    the screens take the new catalog when a step opens)."""
    from hearing_helper.ui.visits.rules_cache import forget_join_rules

    for error in catalog.errors:
        log.warning("Catalog file problem: %s", error)
    services.session.catalog = catalog
    forget_join_rules(services)
