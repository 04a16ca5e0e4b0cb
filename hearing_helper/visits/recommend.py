"""Recommend a way to join from what the visit found out: the desk PC's checks (camera,
microphone, speakers, network), the phone checklist, install problems, the litigant's device
and needs. Pure Python; the rules are data (:mod:`hearing_helper.visits.join_rules`).

The first way in the rules' order that no rule rules out is recommended. Its reasons are, in
order, why each better way was ruled out, then why this one (one sentence each, as codes).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from hearing_helper.catalog.model import PROBLEM_CODES
from hearing_helper.checks.phone_checklist import PHONE_ITEMS, Answer, parse_answers
from hearing_helper.domain.enums import AccessibilityNeed, DeviceKind, StepId
from hearing_helper.domain.labels import Translate, english
from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.visit import JoinMode
from hearing_helper.visits.join_rules import (
    DESK_CHECKS,
    JoinRules,
    Value,
)
from hearing_helper.visits.labels import reason_text

# Whatever the rules file says, a desk PC whose camera or microphone fails is never recommended:
# the litigant would sit in front of a PC that cannot show or hear them.
SAFETY_EXCLUSIONS: tuple[tuple[str, str], ...] = (
    ("desk.camera", "desk_camera_failed"),
    ("desk.microphone", "desk_microphone_failed"),
)
BROKEN = ("fail", "error")


class _HasStatus(Protocol):
    check_id: str

    @property
    def status(self) -> Any: ...


@dataclass(frozen=True)
class VisitFacts:
    """What the recommendation looks at. ``desk_checks``: check id -> status of its latest run
    on the desk PC; ``phone_answers``: the phone checklist; ``install_problems``: problem codes
    recorded on the App install step."""

    desk_checks: Mapping[str, str] = field(default_factory=dict)
    phone_answers: Mapping[str, Answer] = field(default_factory=dict)
    device: DeviceKind | None = None
    needs: frozenset[AccessibilityNeed] = frozenset()
    install_problems: frozenset[str] = frozenset()

    @classmethod
    def from_results(
        cls,
        results: Iterable[_HasStatus],
        *,
        phone_answers: Mapping[str, Answer] | None = None,
        device: DeviceKind | None = None,
        needs: Iterable[AccessibilityNeed] = (),
        install_problems: Iterable[str] = (),
    ) -> VisitFacts:
        desk = {r.check_id: str(r.status) for r in results if r.check_id in DESK_CHECKS}
        return cls(
            desk,
            dict(phone_answers or {}),
            device,
            frozenset(needs),
            frozenset(install_problems),
        )

    @classmethod
    def from_record(cls, record: AssistRecord) -> VisitFacts:
        raw_answers = record.step(StepId.CHECKS).data.get("phone_checklist")
        return cls.from_results(
            record.checks,
            phone_answers=parse_answers(raw_answers),
            device=record.intake.device,
            needs=record.intake.accessibility,
            install_problems=(p.code for p in record.problems if p.step is StepId.INSTALL),
        )

    def as_values(self) -> dict[str, Value]:
        """The facts by the names a rule uses (see ``join_rules.FACT_VALUES``)."""
        values: dict[str, Value] = {"device": self.device.value if self.device else "unknown"}
        for check in DESK_CHECKS:
            values[f"desk.{check}"] = self.desk_checks.get(check, "not_run")
        for item in PHONE_ITEMS:
            answer = self.phone_answers.get(item.id)
            values[f"phone.{item.id}"] = answer.value if answer else "not_answered"
        values["phone.checklist"] = self._checklist_state()
        for need in AccessibilityNeed:
            values[f"need.{need.value}"] = need in self.needs
        for code in PROBLEM_CODES:
            values[f"install.{code}"] = code in self.install_problems
        return values

    def _checklist_state(self) -> str:
        answers = [self.phone_answers.get(item.id) for item in PHONE_ITEMS]
        if Answer.FAIL in answers:
            return "fail"
        if all(a is not None for a in answers):
            return "pass"
        return "incomplete" if any(a is not None for a in answers) else "not_run"


@dataclass(frozen=True)
class Reason:
    code: str
    mode: JoinMode  # the way to join the sentence is about
    effect: str  # "exclude": why not this way; "support": why this way


@dataclass(frozen=True)
class Recommendation:
    mode: JoinMode
    reasons: tuple[Reason, ...]
    ruled_out: Mapping[JoinMode, tuple[str, ...]]  # every way ruled out, with its reason codes

    @property
    def reason_codes(self) -> tuple[str, ...]:
        return tuple(reason.code for reason in self.reasons)

    def to_json(self, translate: Translate = english) -> dict[str, Any]:
        return {
            "mode": self.mode.value,
            "reasons": [
                {
                    "code": reason.code,
                    "mode": reason.mode.value,
                    "effect": reason.effect,
                    "text": reason_text(reason.code, translate),
                }
                for reason in self.reasons
            ],
            "ruled_out": {mode.value: list(codes) for mode, codes in self.ruled_out.items()},
        }


def recommend(facts: VisitFacts, rules: JoinRules) -> Recommendation:
    """The recommended way to join, with its reasons, by ``rules`` applied to ``facts``."""
    values = facts.as_values()
    order = rules.order or tuple(JoinMode)
    ruled_out: dict[JoinMode, list[str]] = {}
    support: dict[JoinMode, list[str]] = {}
    for rule in rules.rules:
        if rule.matches(values):
            target = ruled_out if rule.effect == "exclude" else support
            codes = target.setdefault(rule.mode, [])
            if rule.reason not in codes:
                codes.append(rule.reason)
    for fact, reason in SAFETY_EXCLUSIONS:
        if values[fact] in BROKEN and reason not in ruled_out.get(JoinMode.DESK_PC, []):
            ruled_out.setdefault(JoinMode.DESK_PC, []).append(reason)
    ruled_out.pop(JoinMode.IN_PERSON, None)  # attending in person always works
    chosen = next((m for m in order if m not in ruled_out), JoinMode.IN_PERSON)
    reasons: list[Reason] = []
    seen: set[str] = set()
    for mode in order:
        if mode is chosen:
            break
        for code in ruled_out.get(mode, []):
            if code not in seen:  # "phone too old" once, even if two rules say it
                seen.add(code)
                reasons.append(Reason(code, mode, "exclude"))
    why = support.get(chosen, [])
    if not why and chosen is JoinMode.IN_PERSON:
        why = ["in_person_fallback"]
    reasons += [Reason(code, chosen, "support") for code in why if code not in seen]
    return Recommendation(
        chosen, tuple(reasons), {mode: tuple(codes) for mode, codes in ruled_out.items()}
    )
