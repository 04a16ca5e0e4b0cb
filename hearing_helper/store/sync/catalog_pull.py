"""A desk takes the catalog version court IT published, on its sync (issue 21).

While the sender has the central database open it asks for the newest version (one short row).
A version other than the one in use (normally a newer one) is fetched, checked against its
checksum, validated again on this desk with the rules of ``catalog --validate``, and switched
to atomically (``catalog/published.py``); a version that fails is refused, logged and reported
in the sync status (``sync --json``: ``catalog.refused``) and not fetched again until court IT
publishes another one. A desk that cannot reach the server keeps the version it has.

An idle desk (nothing to send) does not connect for this on every timer tick: the check falls
due every ``check_every_s`` (10 minutes); any push that connects anyway checks too, and so does
"Sync now".
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg

from hearing_helper.atomic_file import write_json_atomically
from hearing_helper.catalog.published import (
    VersionInfo,
    court_folder,
    install_version,
    same_version,
)
from hearing_helper.catalog.published import version_in_use as published_version_in_use
from hearing_helper.catalog.schema import CatalogError
from hearing_helper.store.postgres import catalog_versions
from hearing_helper.visits.court_files import folder_problems

log = logging.getLogger(__name__)

CHECK_EVERY_S = 600.0
STATE_FILE = "sync_state.json"
MAX_PROBLEMS_KEPT = 50


@dataclass(frozen=True)
class RefusedVersion:
    version: int
    checksum: str
    problems: tuple[str, ...]  # "file:line [field]: problem", in English for court IT
    at: str  # ISO time of the refusal on this desk's clock


@dataclass(frozen=True)
class CatalogStatus:
    """Which published catalog version this desk uses, and the last one it refused."""

    version: int | None  # None: no published version yet (the shipped catalog applies)
    published_at: str | None
    published_by: str | None
    last_check: str | None  # ISO time this desk last asked the server
    refused: RefusedVersion | None


def _now() -> datetime:
    return datetime.now().astimezone()


class CatalogPuller:
    """Keeps one desk's published catalog up to date; state in ``court_catalog/``."""

    def __init__(self, data_dir: Path, *, check_every_s: float = CHECK_EVERY_S) -> None:
        self.data_dir = Path(data_dir)
        self.check_every_s = check_every_s

    @property
    def _state_path(self) -> Path:
        return court_folder(self.data_dir) / STATE_FILE

    def _state(self) -> dict[str, Any]:
        try:
            value = json.loads(self._state_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning(
                "%s cannot be read (%s); the catalog is checked again", self._state_path, exc
            )
            return {}
        return value if isinstance(value, dict) else {}

    def due(self) -> bool:
        """Whether it is time to ask the server again (a cheap look at a local file)."""
        checked = self._state().get("checked_epoch")
        if not isinstance(checked, int | float):
            return True
        elapsed = time.time() - checked
        return elapsed < 0 or elapsed >= self.check_every_s  # < 0: the clock was set back

    def status(self) -> CatalogStatus:
        state = self._state()
        in_use = published_version_in_use(self.data_dir)
        refused = state.get("refused")
        return CatalogStatus(
            version=in_use.version if in_use else None,
            published_at=in_use.published_at if in_use else None,
            published_by=in_use.published_by if in_use else None,
            last_check=state.get("checked_at"),
            refused=RefusedVersion(
                version=int(refused["version"]),
                checksum=str(refused["checksum"]),
                problems=tuple(refused.get("problems", ())),
                at=str(refused.get("at", "")),
            )
            if isinstance(refused, dict)
            else None,
        )

    def pull(self, conn: psycopg.Connection[Any]) -> int | None:
        """Ask the server for its newest version; switch to it when it is not the one in use
        and it checks out.
        Returns the version switched to, or None. Connection errors propagate (the sender
        reports them); a refused version is recorded, never half-applied."""
        newest = catalog_versions.latest(conn)
        in_use = published_version_in_use(self.data_dir)
        refused = self._state().get("refused")
        switched: int | None = None
        # The server's newest version is the court's catalog: normally a newer number; after
        # the server was restored from a backup, possibly an older or reused one.
        if newest is not None and (in_use is None or not same_version(newest, in_use)):
            already_refused = isinstance(refused, dict) and (
                refused.get("version"),
                refused.get("checksum"),
            ) == (newest.version, newest.checksum)
            if not already_refused:
                problems = self._install(conn, newest)
                if problems:
                    refused = self._refusal(newest, problems)
                elif problems is not None:
                    refused, switched = None, newest.version
        else:
            refused = None  # the server's newest is the version in use (or there is none)
        now = _now()
        state = {
            "checked_at": now.isoformat(timespec="seconds"),
            "checked_epoch": now.timestamp(),
            "refused": refused,
        }
        try:
            write_json_atomically(self._state_path, state, ensure_ascii=False, indent=1)
        except OSError as exc:  # this PC's disk, not the server: the records' sync goes on
            log.warning("%s could not be written: %s", self._state_path, exc)
        return switched

    def _install(
        self, conn: psycopg.Connection[Any], newest: VersionInfo
    ) -> list[CatalogError] | None:
        """The version's problems ([]: switched to it; None: this PC could not write it)."""
        try:
            files = catalog_versions.files_of(conn, newest.version)
        except catalog_versions.DamagedVersionError as exc:
            return [CatalogError(f"version {newest.version}", "sha256", str(exc))]
        try:
            problems = install_version(self.data_dir, newest, files, folder_problems)
        except OSError as exc:
            # This PC's fault (disk full, folder not writable), not the version's: the old
            # version stays in use and the next check tries again.
            log.warning("Catalog version %d could not be written here: %s", newest.version, exc)
            return None
        if not problems:
            log.info(
                "Switched to catalog version %d (published %s by %s)",
                newest.version,
                newest.published_at,
                newest.published_by,
            )
        return problems

    def _refusal(self, newest: VersionInfo, problems: list[CatalogError]) -> dict[str, Any]:
        words = [str(problem) for problem in problems[:MAX_PROBLEMS_KEPT]]
        log.warning(
            "Catalog version %d from the central database refused; this desk keeps %s: %s",
            newest.version,
            "its version" if published_version_in_use(self.data_dir) else "the shipped catalog",
            "; ".join(words),
        )
        return {
            "version": newest.version,
            "checksum": newest.checksum,
            "problems": words,
            "at": _now().isoformat(timespec="seconds"),
        }
