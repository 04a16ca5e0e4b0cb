"""``hearing-helper report --from D --to D [filters] [--json]``: the KPIs of a period.

Aggregates only (no personal data), so no password is needed. The text report is in the
desk's language (``--lang`` to choose), every code in words; ``--json`` keeps the codes.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from hearing_helper.commands import open_services
from hearing_helper.commands.scope import (
    add_demo_argument,
    add_scope_argument,
    court_source,
    demo_note,
    waiting_here,
)
from hearing_helper.domain.report_filters import (
    FILTER_FIELDS,
    CourtFilters,
    FilterError,
    ReportFilters,
    parse_date,
)
from hearing_helper.reports.labels import Translate

if TYPE_CHECKING:
    from hearing_helper.reports.aggregate import Report
    from hearing_helper.services import AppServices

LANGUAGES = ("zh_CN", "en")

FILTER_HELP = {
    "court": "court name",
    "desk": "desk name",
    "clerk": "clerk staff ID",
    "platform": "platform ID",
    "role": "litigant role code (plaintiff, defendant, ...)",
    "outcome": "outcome code (joined, not_joined, ...)",
}


def add_period_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD")
    for name in FILTER_FIELDS:
        parser.add_argument(f"--{name}", default="", help=f"only this {FILTER_HELP[name]}")


def filters_from_args(args: argparse.Namespace) -> ReportFilters | None:
    """The filters, or None after printing which argument is wrong."""
    try:
        return ReportFilters(
            date_from=parse_date("--from", args.date_from),
            date_to=parse_date("--to", args.date_to),
            **{name: getattr(args, name).strip() for name in FILTER_FIELDS},
        )
    except FilterError as exc:
        print(f"hearing-helper: {exc}", file=sys.stderr)
        return None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_period_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print JSON (codes, not labels)")
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="language of the text report (default: the desk's language, Chinese at first)",
    )
    add_scope_argument(parser)
    add_demo_argument(parser)


def _court_report(
    services: AppServices, args: argparse.Namespace, filters: ReportFilters
) -> tuple[Report, dict[str, Any]] | int:
    """The court-wide report with the desks it includes, or the exit code (reason printed)."""
    from hearing_helper.reports.aggregate import report_for

    source = court_source(services, args)
    if isinstance(source, int):
        return source
    filters = CourtFilters.of(filters, bool(getattr(args, "include_demo", False)))
    try:
        report = report_for(source, filters)
        desks = source.desks()
        left_out = 0 if filters.include_demo else source.demo_count(filters)
    finally:
        source.close()
    return report, {
        "scope": "court",
        "demo_left_out": left_out,
        "desks": [
            {"desk_id": d.desk_id, "name": d.name, "last_delivery": d.last_seen} for d in desks
        ],
        # Records of this desk the central total does not include yet.
        "this_desk_waiting": waiting_here(services),
    }


def _filter_labels(
    filters: ReportFilters, translate: Translate, platform_names: dict[str, str]
) -> dict[str, str]:
    """The chosen filters in words: role, outcome and platform by name, not by code."""
    from hearing_helper.reports.labels import OUTCOME_LABELS, ROLE_LABELS, label

    shown: dict[str, str] = {}
    for name in FILTER_FIELDS:
        value = getattr(filters, name)
        if not value:
            continue
        if name == "role":
            value = label(ROLE_LABELS, value, translate)
        elif name == "outcome":
            value = label(OUTCOME_LABELS, value, translate)
        elif name == "platform":
            value = platform_names.get(value, value)
        shown[name] = value
    return shown


def _print_text(
    services: AppServices,
    report: Report,
    extras: dict[str, Any],
    lang: str,
) -> None:
    from hearing_helper.catalog import load_catalog
    from hearing_helper.reports.report_text import text_report
    from hearing_helper.ui.pdf.translator import translator_for

    translate = translator_for(lang)
    names = load_catalog(services.data_dir).platform_names(lang)
    lines = text_report(
        report,
        translate,
        filter_labels=_filter_labels(report.filters, translate, names),
        court=extras or None,
    )
    print("\n".join(lines))
    if extras.get("demo_left_out"):
        print(demo_note(int(extras["demo_left_out"])))
    _print_damaged(report.damaged.as_json())


def _print_damaged(damaged: dict[str, Any]) -> None:
    """Damaged cells (reports/damage.py): the figures above are computed around them."""
    if not damaged.get("count"):
        return
    print(f"Damaged cells: {damaged['count']} (values no version of the app writes)")
    for cell in damaged["cells"][:10]:
        print(f"  record {cell['record_id']}  {cell['column']} = {cell['value']!r}")
    if damaged["count"] > 10:
        print("  ... (all of them: report --json)")


def run(args: argparse.Namespace) -> int:
    filters = filters_from_args(args)
    if filters is None:
        return 2
    services = open_services(args)
    if services is None:
        return 1
    from hearing_helper.reports.aggregate import report_for
    from hearing_helper.store import StoreError

    try:
        extras: dict[str, Any] = {}
        if args.scope == "court":
            found = _court_report(services, args, filters)
            if isinstance(found, int):
                return found
            report, extras = found
        else:
            report = report_for(services.reports, filters)
        if args.json:
            # Codes, not words: the JSON is for programs.
            print(json.dumps(report.to_json() | extras, ensure_ascii=False, indent=1))
        else:
            lang = args.lang or services.settings.get("language")
            _print_text(services, report, extras, lang if lang in LANGUAGES else "zh_CN")
    except StoreError as exc:
        print(f"hearing-helper: {exc}", file=sys.stderr)
        return 1
    finally:
        services.close()
    return 0
