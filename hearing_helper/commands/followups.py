"""``hearing-helper followups [--scope desk|court] [--json]``: prepared hearings whose outcome
is still unknown.

A finished preparation visit is due for follow-up some hours after its hearing time and overdue
three days later (hearing_helper.domain.visit). Names and phones are masked, as in history.
``--scope court`` (issue 21): the whole court's, from the central database, each with the desk
that prepared it and who has claimed it (is calling); when the court cannot be reached the
command says so and names ``--scope desk``. Exit 0 (also when nothing is due), 1 when a
database cannot be used, 2 when the desk is not joined to a court.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import Any

from hearing_helper.commands import open_services
from hearing_helper.commands.scope import add_scope_argument
from hearing_helper.domain.local_time import local_text
from hearing_helper.domain.masking import mask_free_text, mask_name, mask_phone
from hearing_helper.domain.record import now_local
from hearing_helper.domain.visit import FollowUpState, VisitKind, follow_up_due_at, follow_up_state
from hearing_helper.services import AppServices
from hearing_helper.store.court_channel import CourtFollowUp
from hearing_helper.store.repository import PreparedHearing
from hearing_helper.visits.labels import JOIN_MODE_LABELS, label


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_scope_argument(parser)
    parser.add_argument("--json", action="store_true", help="print JSON")


def follow_up_item(row: PreparedHearing, now: datetime, *, masked: bool = False) -> dict[str, Any]:
    hearing_at = datetime.fromisoformat(row.hearing_at)
    state = follow_up_state(
        kind=VisitKind.PREPARATION, finished=True, hearing_at=hearing_at, follow_up=None, now=now
    )
    due_at = follow_up_due_at(hearing_at)
    return {
        "id": row.id,
        "state": str(state),
        "hearing_at": row.hearing_at,
        "due_at": due_at.isoformat() if due_at else None,
        "case_number": mask_free_text(row.case_number),
        "litigant_name": row.litigant_name if masked else mask_name(row.litigant_name),
        "phone": row.phone if masked else mask_phone(row.phone),
        "platform_id": row.platform_id,
        "preparation_outcome": row.prep_outcome,
        "join_mode": row.chosen_mode,
        "prepared_by": row.clerk_name,
        "prepared_at": row.started_at,
    }


def court_item(found: CourtFollowUp, now: datetime) -> dict[str, Any]:
    """A follow-up of the court's list: which desk prepared it, who is calling."""
    claim = found.claim
    return follow_up_item(found.hearing, now, masked=found.masked) | {
        "desk_id": found.desk_id or None,
        "desk_name": found.desk_name or None,
        "claimed_by": claim.clerk if claim else None,
        "claimed_at_desk": claim.desk_name if claim else None,
        "claimed_until": claim.expires_at.isoformat() if claim else None,
    }


def _court_items(
    args: argparse.Namespace, services: AppServices, now: datetime
) -> list[dict[str, Any]]:
    """The court's list; raises _RefusedError with the exit code after saying why it cannot."""
    from hearing_helper.store.court_channel import SCOPE_COURT, CourtLimitError, find_follow_ups
    from hearing_helper.store.errors import StoreError
    from hearing_helper.store.sync.desk import NotJoinedError

    try:  # --central was given to the services when opened
        court = services.court_channel()
    except StoreError as exc:
        print(f"hearing-helper: the court scope is not available: {exc}", file=sys.stderr)
        raise _RefusedError(2 if isinstance(exc, NotJoinedError) else 1) from None
    if court is None:
        print(f"hearing-helper: {NotJoinedError()}", file=sys.stderr)
        raise _RefusedError(2)
    desk_name = str(services.settings.get("desk_name") or "")
    found = find_follow_ups(services.repo, court, now, desk_name)
    if found.scope != SCOPE_COURT:
        limited = CourtLimitError.MARK in found.court_error  # its reason names the limit
        why = "" if limited else "the court cannot be reached: "
        print(
            f"hearing-helper: {why}{found.court_error} This desk's own follow-ups: --scope desk.",
            file=sys.stderr,
        )
        raise _RefusedError(1)
    return [court_item(item, now) for item in found.items]


class _RefusedError(Exception):
    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def run(args: argparse.Namespace) -> int:
    services = open_services(args)
    if services is None:
        return 1
    now = now_local()
    try:
        if args.scope == "court":
            items = _court_items(args, services, now)
        else:
            items = [follow_up_item(row, now) for row in services.repo.follow_ups(now)]
    except _RefusedError as refused:
        return refused.code
    finally:
        services.close()
    if args.json:
        print(
            json.dumps(
                {"now": now.isoformat(), "scope": args.scope, "follow_ups": items},
                ensure_ascii=False,
                indent=1,
            )
        )
        return 0
    if not items:
        print("No follow-up is due.")
        return 0
    overdue = sum(1 for item in items if item["state"] == FollowUpState.OVERDUE)
    print(f"{len(items)} follow-ups due ({overdue} overdue):")
    for item in items:
        mode = label(JOIN_MODE_LABELS, item["join_mode"]) or "-"
        line = (
            f"  {local_text(item['hearing_at'])}  {item['state']:<8} "
            f"{item['case_number']}  {item['litigant_name']}  {item['phone']}  {mode}"
        )
        if item.get("desk_name"):
            line += f"  prepared at {item['desk_name']}"
        if item.get("claimed_by"):
            until = local_text(item["claimed_until"], "%H:%M")
            who = f"{item['claimed_by']} at {item['claimed_at_desk']}"
            line += f"  (claimed by {who} until {until})"
        print(line)
    sys.stdout.flush()
    return 0
