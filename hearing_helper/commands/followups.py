"""``hearing-helper followups [--json]``: prepared hearings whose outcome is still unknown.

A finished preparation visit is due for follow-up some hours after its hearing time and overdue
three days later (hearing_helper.domain.visit). Names and phones are masked, as in history.
Exit 0 (also when nothing is due), 1 when the database cannot be opened.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import Any

from hearing_helper.commands import open_services
from hearing_helper.domain.local_time import local_text
from hearing_helper.domain.masking import mask_free_text, mask_name, mask_phone
from hearing_helper.domain.record import now_local
from hearing_helper.domain.visit import FollowUpState, VisitKind, follow_up_due_at, follow_up_state
from hearing_helper.store.repository import PreparedHearing
from hearing_helper.visits.labels import JOIN_MODE_LABELS, label


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")


def follow_up_item(row: PreparedHearing, now: datetime) -> dict[str, Any]:
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
        "litigant_name": mask_name(row.litigant_name),
        "phone": mask_phone(row.phone),
        "platform_id": row.platform_id,
        "preparation_outcome": row.prep_outcome,
        "join_mode": row.chosen_mode,
        "prepared_by": row.clerk_name,
        "prepared_at": row.started_at,
    }


def run(args: argparse.Namespace) -> int:
    services = open_services(args)
    if services is None:
        return 1
    now = now_local()
    try:
        rows = services.repo.follow_ups(now)
    finally:
        services.close()
    items = [follow_up_item(row, now) for row in rows]
    if args.json:
        print(
            json.dumps({"now": now.isoformat(), "follow_ups": items}, ensure_ascii=False, indent=1)
        )
        return 0
    if not items:
        print("No follow-up is due.")
        return 0
    overdue = sum(1 for item in items if item["state"] == FollowUpState.OVERDUE)
    print(f"{len(items)} follow-ups due ({overdue} overdue):")
    for item in items:
        mode = label(JOIN_MODE_LABELS, item["join_mode"]) or "-"
        print(
            f"  {local_text(item['hearing_at'])}  {item['state']:<8} "
            f"{item['case_number']}  {item['litigant_name']}  {item['phone']}  {mode}"
        )
    sys.stdout.flush()
    return 0
