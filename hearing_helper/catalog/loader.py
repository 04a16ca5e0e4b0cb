"""Loading the shipped catalog and guides plus the court's own files from the data directory.

Files in ``<data dir>/catalog`` replace a shipped platform with the same id (the file name is the
id) or add a new one; files in ``<data dir>/guides`` replace the shipped guide with the same file
name or add one. A broken file never stops the app: its platform (or guide) is left out and the
problem is reported in :attr:`CatalogLoad.errors`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from hearing_helper.catalog.guide_schema import parse_guide
from hearing_helper.catalog.model import Guide, Platform
from hearing_helper.catalog.published import version_folder_in_use, version_in_use
from hearing_helper.catalog.regex_safety import trial_run
from hearing_helper.catalog.schema import MAX_FILE_BYTES, CatalogError, parse_platform
from hearing_helper.paths import asset_path

log = logging.getLogger(__name__)

MAX_FILES = 200  # a folder with more files than this is surely not a catalog
# Files a folder given to validate_dir may hold that are neither platforms nor guides
# (the join-mode rules are validated by hearing_helper.visits.join_rules).
NOT_CATALOG_FILES = frozenset({"join_modes.toml"})


@dataclass
class CatalogLoad:
    platforms: list[Platform] = field(default_factory=list)
    errors: list[CatalogError] = field(default_factory=list)
    guides: list[Guide] = field(default_factory=list)
    disabled: list[str] = field(default_factory=list)  # platform ids left out by an error
    court_version: int | None = None  # the version court IT published that is in use, if any

    def platform(self, platform_id: str) -> Platform | None:
        return next((p for p in self.platforms if p.id == platform_id), None)

    def platform_names(self, language: str) -> dict[str, str]:
        """Platform id -> its name in ``language``, for tables and exports."""
        return {p.id: p.display_name(language) for p in self.platforms}

    def guide(self, platform_id: str, os_name: str) -> Guide | None:
        return next(
            (g for g in self.guides if g.platform_id == platform_id and os_name in g.os), None
        )

    def guide_coverage(self, platform_id: str) -> list[str]:
        """The systems that have a guide for this platform, in catalog order."""
        covered: list[str] = []
        for guide in self.guides:
            if guide.platform_id == platform_id:
                covered += [os_name for os_name in guide.os if os_name not in covered]
        return covered


def _toml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    files = sorted(p for p in folder.glob("*.toml") if p.is_file())
    if len(files) > MAX_FILES:
        log.warning("%s has %d files; only the first %d are read", folder, len(files), MAX_FILES)
    return files[:MAX_FILES]


def _image_dirs(guide_folder: Path) -> list[Path]:
    """Pictures next to a court's guides win over the shipped ones."""
    shipped = asset_path("images", "guides")
    local = [guide_folder / "images", guide_folder.parent / "images" / "guides"]
    return [d for d in local if d.resolve() != shipped.resolve()] + [shipped]


def _merged(*layers: list[Path]) -> list[Path]:
    """One file per name: a file of a later layer replaces the file of the same name before."""
    by_name: dict[str, Path] = {}
    for layer in layers:
        by_name.update({p.name: p for p in layer})
    return [by_name[name] for name in sorted(by_name)]


def load_catalog(data_dir: Path | None = None, *, shipped_dir: Path | None = None) -> CatalogLoad:
    """Every valid platform and guide, and the errors of the rest: the shipped files, replaced
    or extended by the version court IT published (if this desk has one, see
    ``catalog/published.py``), replaced or extended in turn by the files in the data dir."""
    root = shipped_dir or asset_path()
    local_root = Path(data_dir) if data_dir else None
    result = CatalogLoad()
    court = version_in_use(local_root)
    court_root = version_folder_in_use(local_root) if court else None
    result.court_version = court.version if court else None

    def layers(sub: str) -> list[list[Path]]:
        return [
            _toml_files(root / sub),
            _toml_files(court_root / sub) if court_root else [],
            _toml_files(local_root / sub) if local_root else [],
        ]

    platform_files = _merged(*layers("catalog"))
    for path in platform_files:
        platform, errors = parse_platform(path)
        result.errors += errors
        if platform is None:
            result.disabled.append(path.stem)
            log.warning("Platform %s disabled: %s", path.stem, "; ".join(map(str, errors)))
        else:
            result.platforms.append(platform)
    guide_files = _merged(*layers("guides"))
    for path in guide_files:
        guide, errors = parse_guide(path, _image_dirs(path.parent))
        result.errors += errors
        if guide is None:
            continue
        if guide.platform_id in result.disabled:
            continue  # its platform is already reported as disabled
        if result.platform(guide.platform_id) is None:
            result.errors.append(
                CatalogError(path.name, "platform", f"no platform with id {guide.platform_id!r}")
            )
            continue
        clash = next((os for os in guide.os if result.guide(guide.platform_id, os)), None)
        if clash:
            result.errors.append(
                CatalogError(
                    path.name,
                    "os",
                    f"a guide for {guide.platform_id} on {clash} "
                    "is already loaded from another file",
                )
            )
            continue
        result.guides.append(guide)
    _sort_platforms(result)
    return result


def _sort_platforms(result: CatalogLoad) -> None:
    """By each file's ``order`` field, then by id (stable for files without one)."""
    result.platforms.sort(key=lambda p: (p.order, p.id))


def _looks_like_guide(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(MAX_FILE_BYTES)
    except OSError:
        return False  # read_toml reports it
    return b"[[steps]]" in head


def validate_dir(folder: Path) -> tuple[CatalogLoad, int]:
    """Check a folder of court-edited files as IT would before deploying them.

    The folder may hold ``catalog/`` and ``guides/`` sub-folders (a data-dir layout) or the
    TOML files directly (a file with ``steps`` is a guide). Guides may refer to shipped
    platforms. Returns the load (with every problem) and the number of files checked.
    """
    folder = Path(folder)
    if (folder / "catalog").is_dir() or (folder / "guides").is_dir():
        platform_files = _toml_files(folder / "catalog")
        guide_files = _toml_files(folder / "guides")
    else:
        platform_files, guide_files = [], []
        for path in _toml_files(folder):
            if path.name in NOT_CATALOG_FILES:
                continue
            (guide_files if _looks_like_guide(path) else platform_files).append(path)
    result = CatalogLoad()
    for path in platform_files:
        platform, errors = parse_platform(path)
        if platform and platform.meeting.link_patterns:
            # The bounded trial run (catalog/regex_safety.py) on top of the static check.
            sources = [pattern.pattern for pattern in platform.meeting.link_patterns]
            problem = trial_run(sources)
            if problem:
                errors = [*errors, CatalogError(path.name, "meeting.link_patterns", problem)]
                platform = None
        result.errors += errors
        if platform:
            result.platforms.append(platform)
        else:
            result.disabled.append(path.stem)
    shipped = load_catalog(None)
    known = {p.id for p in result.platforms} | {p.id for p in shipped.platforms}
    known |= set(result.disabled)
    for path in guide_files:
        guide, errors = parse_guide(path, _image_dirs(path.parent))
        result.errors += errors
        if guide and guide.platform_id not in known:
            result.errors.append(
                CatalogError(path.name, "platform", f"no platform with id {guide.platform_id!r}")
            )
        elif guide:
            result.guides.append(guide)
    return result, len(platform_files) + len(guide_files)
