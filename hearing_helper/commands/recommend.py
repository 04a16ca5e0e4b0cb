"""The ``--recommend`` part of ``hearing-helper check``: what the command line knows about the
visit (device, needs, phone checklist answers) and the recommended way to join it prints."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hearing_helper.checks.base import CheckResult
from hearing_helper.checks.phone_checklist import ITEMS_BY_ID, Answer
from hearing_helper.domain.enums import AccessibilityNeed, DeviceKind
from hearing_helper.visits.join_rules import load_join_rules
from hearing_helper.visits.labels import JOIN_MODE_LABELS, label, reason_text
from hearing_helper.visits.recommend import Recommendation, VisitFacts, recommend


class VisitArgumentError(ValueError):
    """A bad --device / --needs / --phone value; the message says which and what is expected."""


@dataclass(frozen=True)
class VisitArguments:
    device: DeviceKind | None
    needs: tuple[AccessibilityNeed, ...]
    phone: dict[str, Answer]


def _choices(kind: type[DeviceKind] | type[AccessibilityNeed]) -> str:
    return ", ".join(member.value for member in kind)


def visit_from_args(args: argparse.Namespace) -> VisitArguments:
    device = None
    if args.device:
        if args.device not in DeviceKind._value2member_map_:
            raise VisitArgumentError(
                f"--device {args.device!r}: expected one of {_choices(DeviceKind)}"
            )
        device = DeviceKind(args.device)
    needs: list[AccessibilityNeed] = []
    for part in (args.needs or "").split(","):
        name = part.strip()
        if not name:
            continue
        if name not in AccessibilityNeed._value2member_map_:
            raise VisitArgumentError(
                f"--needs {name!r}: expected one of {_choices(AccessibilityNeed)}"
            )
        needs.append(AccessibilityNeed(name))
    phone: dict[str, Answer] = {}
    for part in (args.phone or "").split(","):
        if not part.strip():
            continue
        item, _, answer = part.partition("=")
        item, answer = item.strip(), answer.strip()
        if item not in ITEMS_BY_ID:
            raise VisitArgumentError(
                f"--phone {part.strip()!r}: unknown item; expected one of {', '.join(ITEMS_BY_ID)}"
            )
        if answer not in Answer._value2member_map_:
            raise VisitArgumentError(
                f"--phone {part.strip()!r}: expected ITEM=pass, ITEM=fail or ITEM=na"
            )
        phone[item] = Answer(answer)
    return VisitArguments(device, tuple(needs), phone)


def recommendation_for(
    visit: VisitArguments, results: Sequence[CheckResult], data_dir: Path
) -> Recommendation:
    load = load_join_rules(data_dir)
    for error in load.errors:
        print(f"hearing-helper: join rules: {error} (using the shipped rules)", file=sys.stderr)
    facts = VisitFacts.from_results(
        results, phone_answers=visit.phone, device=visit.device, needs=visit.needs
    )
    return recommend(facts, load.rules)


def print_recommendation(recommendation: Recommendation) -> None:
    print()
    print(f"Recommended way to join: {label(JOIN_MODE_LABELS, recommendation.mode)}")
    for reason in recommendation.reasons:
        print(f"  - {reason_text(reason.code)}")
