"""Platform catalog and install guides: loading, validation, meeting-link parsing. No Qt.

Skeleton API (the catalog feature fills it in): ``load_catalog(data_dir)`` returns every
platform that loaded, plus the errors of the files that did not.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from hearing_helper.paths import asset_path


@dataclass(frozen=True)
class Platform:
    id: str
    name_zh: str
    name_en: str
    version: str = ""  # content hash of the file it came from

    def display_name(self, language: str) -> str:
        return self.name_zh if language.startswith("zh") else self.name_en


@dataclass(frozen=True)
class CatalogError:
    file: str
    field: str
    problem: str


@dataclass
class CatalogLoad:
    platforms: list[Platform] = field(default_factory=list)
    errors: list[CatalogError] = field(default_factory=list)

    def platform(self, platform_id: str) -> Platform | None:
        return next((p for p in self.platforms if p.id == platform_id), None)


def load_catalog(data_dir: Path | None = None) -> CatalogLoad:
    result = CatalogLoad()
    for path in sorted(asset_path("catalog").glob("*.toml")):
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
            result.platforms.append(Platform(raw["id"], raw["name_zh"], raw["name_en"]))
        except (OSError, ValueError, KeyError) as exc:
            result.errors.append(CatalogError(path.name, "", str(exc)))
    return result
