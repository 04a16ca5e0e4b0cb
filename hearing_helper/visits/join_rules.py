"""The rules that recommend a way to join, as data: ``assets/join_modes/join_modes.toml``,
overridden by ``<data dir>/join_modes/join_modes.toml``. No Qt.

The file lists the ways to join best first (``order``) and rules: "rule this way out when ..."
(``effect = "exclude"``) or "say this when this way is recommended and ..." (``"support"``).
Each rule names facts about the visit (``when``, see :data:`FACT_VALUES`) and a reason code
(:data:`hearing_helper.visits.labels.REASON_TEXTS`). It is validated like the catalog: every
problem names the file, the field, the line and what is expected; a broken court file falls
back to the shipped rules and says why.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hearing_helper.catalog.model import PROBLEM_CODES
from hearing_helper.catalog.published import version_folder_in_use
from hearing_helper.catalog.schema import CatalogError, Checker, content_hash, read_toml
from hearing_helper.checks.phone_checklist import PHONE_ITEMS
from hearing_helper.domain.enums import AccessibilityNeed, DeviceKind
from hearing_helper.domain.visit import JoinMode
from hearing_helper.paths import asset_path
from hearing_helper.visits.labels import REASON_TEXTS

log = logging.getLogger(__name__)

FOLDER = "join_modes"
FILE_NAME = "join_modes.toml"
EFFECTS = ("exclude", "support")
MAX_RULES = 200

DESK_CHECKS = ("camera", "microphone", "speakers", "network", "system")
CHECK_STATES = ("pass", "warn", "fail", "skipped", "error", "not_run")
PHONE_ANSWERS = ("pass", "fail", "na", "not_answered")
CHECKLIST_STATES = ("pass", "fail", "incomplete", "not_run")
DEVICES = (*(d.value for d in DeviceKind), "unknown")

Value = str | bool

# Every fact a rule may name, with the values it can take.
FACT_VALUES: dict[str, tuple[Value, ...]] = {
    "device": DEVICES,
    **{f"desk.{check}": CHECK_STATES for check in DESK_CHECKS},
    "phone.checklist": CHECKLIST_STATES,
    **{f"phone.{item.id}": PHONE_ANSWERS for item in PHONE_ITEMS},
    **{f"need.{need.value}": (True, False) for need in AccessibilityNeed},
    **{f"install.{code}": (True, False) for code in PROBLEM_CODES},
}


@dataclass(frozen=True)
class Rule:
    mode: JoinMode
    effect: str  # "exclude" or "support"
    when: tuple[tuple[str, frozenset[Value]], ...]  # every fact must have one of its values
    reason: str

    def matches(self, facts: dict[str, Value]) -> bool:
        return all(_fact_in(facts.get(name), allowed) for name, allowed in self.when)


def _fact_in(value: Value | None, allowed: frozenset[Value]) -> bool:
    # bool is an int subclass: compare by type too, so True never equals a stray 1.
    return any(type(value) is type(option) and value == option for option in allowed)


@dataclass(frozen=True)
class JoinRules:
    order: tuple[JoinMode, ...]
    rules: tuple[Rule, ...]
    version: str = ""  # content hash of the file
    source: str = ""


@dataclass
class JoinRulesLoad:
    rules: JoinRules
    errors: list[CatalogError] = field(default_factory=list)


# Used only when even the shipped file is unreadable: the safety rules in recommend.py still
# keep a broken desk PC from being recommended.
FALLBACK = JoinRules(order=tuple(JoinMode), rules=(), source="built-in")


def _order(check: Checker, raw: dict[str, Any]) -> tuple[JoinMode, ...]:
    value = raw.get("order")
    known = ", ".join(m.value for m in JoinMode)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        check.error("order", f'must be a list of ways to join, e.g. ["{JoinMode.DESK_PC}"]')
        return ()
    order: list[JoinMode] = []
    for index, item in enumerate(value):
        if item not in JoinMode._value2member_map_:
            check.error(f"order[{index}]", f"unknown way to join {item!r}; use one of {known}")
        elif JoinMode(item) in order:
            check.error(f"order[{index}]", f"{item!r} is listed twice")
        else:
            order.append(JoinMode(item))
    if JoinMode.IN_PERSON.value in value and value[-1] != JoinMode.IN_PERSON.value:
        check.error("order", f"{JoinMode.IN_PERSON.value!r} must come last: it always works")
    elif JoinMode.IN_PERSON.value not in value:
        check.error("order", f"must include {JoinMode.IN_PERSON.value!r}: it always works")
    return tuple(order)


class _RuleChecker:
    """Reports a problem of the index-th [[rule]] at the line of its key inside that rule (the
    catalog's line finder would find the first rule's key of the same name)."""

    def __init__(self, check: Checker, index: int) -> None:
        self.check = check
        self.index = index

    def line_of(self, key: str) -> int | None:
        seen = -1
        start = None
        for number, line in enumerate(self.check.lines, start=1):
            stripped = line.strip()
            if stripped.startswith("[[rule]]"):
                seen += 1
                if seen == self.index:
                    start = number
                elif start is not None:
                    break
            elif start is not None and re.match(rf"{re.escape(key)}\s*=", stripped):
                return number
        return start

    def error(self, key: str, problem: str, detail: str = "") -> None:
        field_name = f"rule[{self.index}].{key}" + (f".{detail}" if detail else "")
        self.check.errors.append(
            CatalogError(self.check.file.name, field_name, problem, self.line_of(key))
        )


def _when(rule: _RuleChecker, raw: Any) -> tuple[tuple[str, frozenset[Value]], ...]:
    if not isinstance(raw, dict):
        rule.error("when", 'must be a table of facts, e.g. { "desk.camera" = "fail" }')
        return ()
    conditions: list[tuple[str, frozenset[Value]]] = []
    for name, expected in raw.items():
        if name not in FACT_VALUES:
            rule.error("when", f"unknown fact {name!r}; see the README for the facts", name)
            continue
        allowed = FACT_VALUES[name]
        values = expected if isinstance(expected, list) else [expected]
        wrong = [v for v in values if not any(type(v) is type(a) and v == a for a in allowed)]
        if not values or wrong:
            shown = ", ".join(str(a).lower() if isinstance(a, bool) else f'"{a}"' for a in allowed)
            rule.error("when", f"must be one of {shown} (or a list of them)", name)
            continue
        conditions.append((name, frozenset(values)))
    return tuple(conditions)


def _word(rule: _RuleChecker, raw: dict[str, Any], key: str) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str) or not value.strip():
        rule.error(key, "is required: a word in quotes")
        return ""
    return value.strip()


def _rule(check: Checker, raw: Any, index: int, order: tuple[JoinMode, ...]) -> Rule | None:
    rule = _RuleChecker(check, index)
    if not isinstance(raw, dict):
        check.error(f"rule[{index}]", "must be a [[rule]] table")
        return None
    errors_before = len(check.errors)
    for key in raw:
        if key not in {"mode", "effect", "when", "reason"}:
            rule.error(key, "unknown field (allowed: effect, mode, reason, when)")
    mode_text = _word(rule, raw, "mode")
    if mode_text and mode_text not in JoinMode._value2member_map_:
        known = ", ".join(m.value for m in JoinMode)
        rule.error("mode", f"unknown way to join {mode_text!r}; use one of {known}")
    elif mode_text and order and JoinMode(mode_text) not in order:
        rule.error("mode", f"{mode_text!r} is not in order")
    effect = _word(rule, raw, "effect")
    if effect and effect not in EFFECTS:
        rule.error("effect", 'must be "exclude" (rule it out) or "support" (say why)')
    if effect == "exclude" and mode_text == JoinMode.IN_PERSON.value:
        rule.error("effect", "attending in person cannot be ruled out: it always works")
    reason = _word(rule, raw, "reason")
    if reason and reason not in REASON_TEXTS:
        rule.error("reason", f"unknown reason {reason!r}; use one of {', '.join(REASON_TEXTS)}")
    when = _when(rule, raw.get("when", {}))
    if len(check.errors) > errors_before:
        return None
    return Rule(JoinMode(mode_text), effect, when, reason)


def parse_join_rules(path: Path) -> tuple[JoinRules | None, list[CatalogError]]:
    """Validate one rules file. Returns the rules only when the file has no problem."""
    raw, data, errors = read_toml(path)
    if raw is None:
        return None, errors
    check = Checker(path, data.decode("utf-8"))
    check.unknown_keys(raw, {"order", "rule"})
    order = _order(check, raw)
    rules_raw = raw.get("rule", [])
    rules: list[Rule] = []
    if not isinstance(rules_raw, list):
        check.error("rule", "must be a list of [[rule]] tables")
    elif len(rules_raw) > MAX_RULES:
        check.error("rule", f"has {len(rules_raw)} rules, at most {MAX_RULES}")
    else:
        for index, item in enumerate(rules_raw):
            rule = _rule(check, item, index, order)
            if rule is not None:
                rules.append(rule)
    if check.errors:
        return None, check.errors
    return JoinRules(tuple(order), tuple(rules), content_hash(data), str(path)), []


def load_join_rules(data_dir: Path | None = None, *, shipped: Path | None = None) -> JoinRulesLoad:
    """The data dir's rules when it has a valid file, else those of the catalog version court
    IT published, else the shipped ones; with the errors of the files not used."""
    shipped_path = shipped or asset_path(FOLDER, FILE_NAME)
    errors: list[CatalogError] = []
    if data_dir is not None:
        # The data dir's own file first, then the version court IT published (if any).
        court = version_folder_in_use(Path(data_dir))
        candidates = [Path(data_dir) / FOLDER / FILE_NAME]
        candidates += [court / FOLDER / FILE_NAME] if court else []
        for candidate in candidates:
            if not candidate.is_file():
                continue
            rules, found = parse_join_rules(candidate)
            if rules is not None:
                return JoinRulesLoad(rules, errors)
            errors += found
            log.warning("%s has errors; it is not used: %s", candidate, found)
    rules, shipped_errors = parse_join_rules(shipped_path)
    if rules is None:
        log.error("Shipped join rules broken: %s", shipped_errors)
        return JoinRulesLoad(FALLBACK, errors + shipped_errors)
    return JoinRulesLoad(rules, errors)


def rules_file_in(folder: Path) -> Path | None:
    """The rules file of a folder laid out like the data dir, or a loose one, for validation."""
    for candidate in (folder / FOLDER / FILE_NAME, folder / FILE_NAME):
        if candidate.is_file():
            return candidate
    return None
