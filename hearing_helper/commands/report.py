"""``hearing-helper report --from D --to D [filters] [--json]``: the KPIs of a period.

Aggregates only (no personal data), so no password is needed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from hearing_helper.commands import open_services
from hearing_helper.commands.scope import add_scope_argument, court_source, waiting_here
from hearing_helper.reports.filters import FILTER_FIELDS, FilterError, ReportFilters, parse_date

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
    parser.add_argument("--json", action="store_true", help="print JSON")
    add_scope_argument(parser)


def _court_report(services: object, args: argparse.Namespace, filters: ReportFilters) -> dict | int:
    """The court-wide KPIs with the desks they include, or the exit code (reason printed)."""
    from hearing_helper.reports.aggregate import report_for

    source = court_source(services, args)
    if isinstance(source, int):
        return source
    try:
        data = report_for(source, filters).to_json()
        desks = source.desks()
    finally:
        source.close()
    return data | {
        "scope": "court",
        "desks": [
            {"desk_id": d.desk_id, "name": d.name, "last_delivery": d.last_seen} for d in desks
        ],
        # Records of this desk the central total does not include yet.
        "this_desk_waiting": waiting_here(services),
    }


def _print_text(data: dict) -> None:
    def pct(value: float | None) -> str:
        return "-" if value is None else f"{value * 100:.1f}%"

    def minutes(value: int | None) -> str:
        return "-" if value is None else f"{value / 60:.1f} min"

    period = data["period"]
    print(f"Period              {period['from']} to {period['to']}")
    for key, value in data["filters"].items():
        print(f"  {key:<18}{value}")
    if data.get("scope") == "court":
        print(f"Scope               the court: {len(data['desks'])} desks")
        for desk in data["desks"]:
            print(f"  {desk['name'] or desk['desk_id']:<18}last delivery {desk['last_delivery']}")
        if data["this_desk_waiting"]:
            print(f"  (this desk has {data['this_desk_waiting']} items not yet sent)")
    print(f"Assisted            {data['assisted']}")
    print(f"Joined              {data['joined']} ({pct(data['joined_rate'])})")
    print(f"Median time         {minutes(data['duration_s']['median'])}")
    print(f"90% within          {minutes(data['duration_s']['p90'])}")
    sat = data["satisfaction"]
    average = "-" if sat["average"] is None else f"{sat['average']:.2f}"
    print(f"Satisfaction        {average} (response rate {pct(sat['response_rate'])})")
    print("Top failure reasons")
    for reason in data["failure_reasons"][:10]:
        share = pct(reason["cumulative_share"])
        print(f"  {reason['count']:>8}  {reason['kind']}:{reason['code']}  (cumulative {share})")
    _print_visits(data["visits"], pct)
    _print_damaged(data.get("damaged", {}))


def _print_damaged(damaged: dict) -> None:
    """Damaged cells (reports/damage.py): the figures above are computed around them."""
    if not damaged.get("count"):
        return
    print(f"Damaged cells       {damaged['count']} (values no version of the app writes)")
    for cell in damaged["cells"][:10]:
        print(f"  record {cell['record_id']}  {cell['column']} = {cell['value']!r}")
    if damaged["count"] > 10:
        print("  ... (all of them: report --json)")


def _print_visits(visits: dict, pct: Callable[[float | None], str]) -> None:
    prep = visits["preparation"]
    print(
        f"Preparation visits  {prep['visits']} (ready {prep['ready']}, another visit "
        f"{prep['another_visit']}, in person {prep['in_person']})"
    )
    funnel = visits["funnel"]
    print(
        f"Readiness funnel    ready {funnel['prepared']} -> followed up {funnel['followed_up']}"
        f" -> went ahead {funnel['went_ahead']} -> joined on time {funnel['joined_on_time']}"
        f" ({pct(funnel['on_time_rate'])} of those followed up)"
    )
    for mode, stages in visits["by_join_mode"].items():
        print(
            f"  {mode:<16}  {stages['prepared']:>6} ready, on time "
            f"{pct(stages['on_time_rate'])} of {stages['followed_up']} followed up"
        )
    day = visits["hearing_day"]
    print(
        f"Hearing-day problems prepared {pct(day['prepared']['problem_share'])} of "
        f"{day['prepared']['assisted']}, not prepared {pct(day['not_prepared']['problem_share'])}"
        f" of {day['not_prepared']['assisted']}"
    )
    repeat = visits["repeat_visits"]
    print(
        f"Repeat visits       {repeat['visits']} visits by {repeat['litigants']} litigants, "
        f"{repeat['returning_litigants']} came more than once"
    )
    follow = visits["follow_ups"]
    print(f"Follow-ups          {follow['due']} due, {follow['overdue']} overdue")
    rating = visits["rating"]
    print(
        f"Ratings             {rating['litigant']} by the litigant, {rating['staff']} by staff"
        f" (litigant response rate {pct(rating['litigant_response_rate'])})"
    )


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
        if args.scope == "court":
            data = _court_report(services, args, filters)
            if isinstance(data, int):
                return data
        else:
            data = report_for(services.reports, filters).to_json()
    except StoreError as exc:
        print(f"hearing-helper: {exc}", file=sys.stderr)
        return 1
    finally:
        services.close()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        _print_text(data)
    return 0
