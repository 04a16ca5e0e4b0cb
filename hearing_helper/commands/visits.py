"""``hearing-helper visits --case CASE | --phone PHONE [--scope desk|court] [--json]``: a
returning litigant's earlier visits, as intake shows them (issue 21).

``desk`` (default): this desk's own file. ``court``: every desk of the court, through the
central database's narrow look-up (one case number or one phone, at most 20 visits, masked, with
each desk's name), merged with this desk's own file. Names and phones are always masked. When
the court cannot be reached the command says so and names ``--scope desk`` (exit 1); exit 2 for
a value that is not a case number or phone, or a desk that is not joined to a court.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from hearing_helper.commands import open_services
from hearing_helper.commands.scope import add_scope_argument
from hearing_helper.domain.labels import OUTCOME_LABELS
from hearing_helper.domain.masking import mask_free_text, mask_name, mask_phone
from hearing_helper.domain.returning import EarlierVisit, lookup_keys
from hearing_helper.domain.visit import VisitKind
from hearing_helper.visits.labels import (
    JOIN_MODE_LABELS,
    PREPARATION_OUTCOME_LABELS,
    VISIT_KIND_LABELS,
    label,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    key = parser.add_mutually_exclusive_group(required=True)
    key.add_argument(
        "--case", metavar="CASE", help="the case number, e.g. （2021）冀1126民初1234号"
    )
    key.add_argument("--phone", metavar="PHONE", help="the litigant's phone, e.g. 13812345678")
    add_scope_argument(parser)
    parser.add_argument("--json", action="store_true", help="print JSON")


def visit_item(visit: EarlierVisit) -> dict[str, Any]:
    """One visit as printed: personal data masked (the court's come masked already)."""
    masked = visit.masked
    return {
        "id": visit.record_id,
        "started_at": visit.started_at.isoformat(),
        "kind": str(visit.kind),
        "outcome": visit.outcome or None,
        "failed_checks": list(visit.failed_checks),
        "join_mode": visit.join_mode or None,
        "case_number": mask_free_text(visit.case_number),
        "litigant_name": visit.litigant_name if masked else mask_name(visit.litigant_name),
        "phone": visit.phone if masked else mask_phone(visit.phone),
        "hearing_at": visit.hearing_at.isoformat() if visit.hearing_at else None,
        "clerk_name": visit.clerk_name,
        "desk_id": visit.desk_id or None,
        "desk_name": visit.desk_name or None,
    }


def _line(item: dict[str, Any]) -> str:
    if item["kind"] == VisitKind.PREPARATION:
        outcome = label(PREPARATION_OUTCOME_LABELS, item["outcome"])
    else:
        outcome = label(OUTCOME_LABELS, item["outcome"])
    parts = [
        item["started_at"][:10],
        label(VISIT_KIND_LABELS, item["kind"]),
        outcome or "-",
        label(JOIN_MODE_LABELS, item["join_mode"]) or "-",
        f"{item['litigant_name']} {item['phone']}".strip(),
        item["case_number"],
        item["desk_name"] or "this desk",
    ]
    if item["failed_checks"]:
        parts.append("failed: " + ", ".join(item["failed_checks"]))
    return "  " + " · ".join(parts)


def _key_problem(args: argparse.Namespace) -> str:
    case_key, phone_key = lookup_keys(args.case or "", args.phone or "")
    if args.case is not None and not case_key:
        return f"--case: '{args.case}' is not a case number (e.g. （2021）冀1126民初1234号)."
    if args.phone is not None and not phone_key:
        return f"--phone: '{args.phone}' is not a phone number (e.g. 13812345678 or 010-12345678)."
    return ""


def run(args: argparse.Namespace) -> int:
    from hearing_helper.store.court_channel import SCOPE_COURT, find_earlier_visits
    from hearing_helper.store.errors import StoreError
    from hearing_helper.store.sync.desk import NotJoinedError

    problem = _key_problem(args)
    if problem:
        print(f"hearing-helper visits: {problem}", file=sys.stderr)
        return 2
    services = open_services(args)
    if services is None:
        return 1
    try:
        court = None
        if args.scope == SCOPE_COURT:  # --central was given to the services when opened
            try:
                court = services.court_channel()
            except StoreError as exc:
                print(f"hearing-helper: the court scope is not available: {exc}", file=sys.stderr)
                return 2 if isinstance(exc, NotJoinedError) else 1
            if court is None:
                print(f"hearing-helper: {NotJoinedError()}", file=sys.stderr)
                return 2
        found = find_earlier_visits(services.repo, court, args.case or "", args.phone or "")
    finally:
        services.close()
    if court is not None and found.scope != SCOPE_COURT:
        print(
            f"hearing-helper: the court cannot be reached: {found.court_error} "
            "This desk's own visits: --scope desk.",
            file=sys.stderr,
        )
        return 1
    items = [visit_item(visit) for visit in found.visits]
    if args.json:
        print(json.dumps({"scope": found.scope, "visits": items}, ensure_ascii=False, indent=1))
        return 0
    which = "case number" if args.case is not None else "phone"
    where = "the court" if found.scope == SCOPE_COURT else "this desk"
    if not items:
        print(f"No earlier visit with this {which} at {where}.")
        return 0
    print(f"{len(items)} earlier visits with this {which} at {where}:")
    for item in items:
        print(_line(item))
    return 0
