"""Checking a folder of court-edited files as a whole: platforms, guides and join-mode rules.

One set of rules for ``catalog --validate``, ``server publish-catalog`` (before anything is
stored) and a desk receiving a published version (before it switches to it). No Qt.
"""

from __future__ import annotations

from pathlib import Path

from hearing_helper.catalog.loader import CatalogLoad, validate_dir
from hearing_helper.catalog.schema import CatalogError
from hearing_helper.visits.join_rules import parse_join_rules, rules_file_in


def validate_folder(folder: Path) -> tuple[CatalogLoad, int]:
    """Every problem of the folder's files (in the load's ``errors``) and how many were
    checked: the catalog's own rules (``validate_dir``) plus the join-mode rules file."""
    load, checked = validate_dir(folder)
    rules_file = rules_file_in(folder)
    if rules_file is not None:
        _rules, rule_errors = parse_join_rules(rules_file)
        load.errors += rule_errors
        checked += 1
    return load, checked


def folder_problems(folder: Path) -> list[CatalogError]:
    """The problems that keep a published version from being used; [] when none.

    A version with no file at all is a problem too: publishing one is a mistake."""
    load, checked = validate_folder(folder)
    if not checked:
        return [CatalogError(str(folder), "", "holds no catalog, guide or join-mode rules file")]
    return list(load.errors)
