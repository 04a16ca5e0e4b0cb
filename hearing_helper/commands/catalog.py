"""``hearing-helper catalog``: list the platforms and their guides, or validate court-edited files.

hearing-helper catalog               platforms, guide coverage, any broken files, and the
                                     catalog version court IT published that is in use
hearing-helper catalog --json        the same as JSON
hearing-helper catalog --validate D  check a folder of files before deploying them (platforms,
                                     guides, join_modes.toml); exit 1 naming each broken
                                     file and problem, 0 when valid
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from hearing_helper.catalog import CatalogLoad, load_catalog
from hearing_helper.paths import resolve_data_dir
from hearing_helper.visits.court_files import validate_folder
from hearing_helper.visits.join_rules import load_join_rules


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--validate",
        metavar="DIR",
        type=_folder_name,
        help="check the catalog/guide files in DIR (or DIR/catalog and DIR/guides)",
    )


def _folder_name(text: str) -> str:
    """An empty ``--validate`` (an unset shell variable, say) must not list the installed
    catalog and exit 0 as if a folder had been validated."""
    if not text.strip():
        raise argparse.ArgumentTypeError("give the folder to check (the value is empty)")
    return text


def _as_json(load: CatalogLoad) -> dict[str, Any]:
    return {
        "platforms": [
            {
                "id": p.id,
                "name_zh": p.name_zh,
                "name_en": p.name_en,
                "kind": p.kind,
                "version": p.version,
                "guides": load.guide_coverage(p.id),
                "downloads": p.downloads,
                "mini_program": p.mini_program,
                "network_endpoints": p.network_endpoints,
                "stun_servers": p.stun_servers,
                "help_phone": p.help_phone,
                "source": p.source,
            }
            for p in load.platforms
        ],
        "guides": [
            {
                "platform": g.platform_id,
                "os": list(g.os),
                "steps": len(g.steps),
                "version": g.version,
                "source": g.source,
            }
            for g in load.guides
        ],
        "court_version": load.court_version,
        "disabled": load.disabled,
        "errors": [
            {"file": e.file, "field": e.field, "line": e.line, "problem": e.problem}
            for e in load.errors
        ],
    }


def _validate(folder: Path, as_json: bool) -> int:
    if not folder.is_dir():
        print(f"hearing-helper: {folder} is not a folder", file=sys.stderr)
        return 2
    load, checked = validate_folder(folder)
    if as_json:
        data = _as_json(load)
        data["checked_files"] = checked
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for error in load.errors:
            print(error)
        broken = sorted({e.file for e in load.errors})
        if broken:
            print(f"{len(broken)} of {checked} files have problems: {', '.join(broken)}")
        elif checked:
            print(f"All {checked} files are valid.")
        else:
            print(f"No .toml files found in {folder}.")
    return 1 if load.errors else 0


def run(args: argparse.Namespace) -> int:
    if args.validate:
        return _validate(Path(args.validate), args.json)
    data_dir = resolve_data_dir(args.data_dir)
    load = load_catalog(data_dir)
    load.errors += load_join_rules(data_dir).errors  # a broken court file: shipped rules apply
    if args.json:
        print(json.dumps(_as_json(load), ensure_ascii=False, indent=2))
        return 0
    if load.court_version is not None:
        print(f"Court catalog version {load.court_version} (published by court IT) is in use.")
    for platform in load.platforms:
        coverage = ", ".join(load.guide_coverage(platform.id)) or "no guide"
        print(f"{platform.id:<20} {platform.name_zh} / {platform.name_en}  [{coverage}]")
    for platform_id in load.disabled:
        print(f"{platform_id:<20} DISABLED (file has errors)")
    for error in load.errors:
        print(f"  {error}", file=sys.stderr)
    return 0
