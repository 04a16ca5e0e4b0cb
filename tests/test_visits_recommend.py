"""The recommended way to join (issue 13): the shipped rules case by case, the safety rule that
no rules file can remove, and validation of court-edited rules files."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import pytest

from hearing_helper.checks.base import CheckResult, CheckStatus
from hearing_helper.checks.phone_checklist import PHONE_ITEMS, Answer
from hearing_helper.domain.enums import AccessibilityNeed, DeviceKind, StepId
from hearing_helper.domain.record import AssistRecord, CheckRecord, ClerkProfile, Problem
from hearing_helper.domain.visit import JoinMode
from hearing_helper.visits.join_rules import (
    FILE_NAME,
    FOLDER,
    JoinRules,
    load_join_rules,
    parse_join_rules,
)
from hearing_helper.visits.labels import REASON_TEXTS
from hearing_helper.visits.recommend import VisitFacts, recommend

V = TypeVar("V")

RULES = load_join_rules(None).rules
DESK_OK = {"camera": "pass", "microphone": "pass", "speakers": "pass", "network": "pass"}
PHONE_OK = {item.id: Answer.PASS for item in PHONE_ITEMS}
A = AccessibilityNeed


def _facts(
    desk: dict[str, str] | None = None,
    phone: dict[str, Answer] | None = None,
    device: DeviceKind | None = DeviceKind.OWN_ANDROID,
    needs: tuple[AccessibilityNeed, ...] = (),
    install: tuple[str, ...] = (),
) -> VisitFacts:
    return VisitFacts(
        DESK_OK if desk is None else desk,
        PHONE_OK if phone is None else phone,
        device,
        frozenset(needs),
        frozenset(install),
    )


def _with(base: dict[str, V], **changes: V) -> dict[str, V]:
    return {**base, **changes}


CASES = [
    # (name, facts, expected mode, expected reason codes in order)
    ("phone and desk fine", _facts(), JoinMode.OWN_PHONE, ["phone_ready"]),
    (
        "old phone -> desk PC",
        _facts(phone=_with(PHONE_OK, os_version=Answer.FAIL)),
        JoinMode.DESK_PC,
        ["phone_os_too_old", "desk_pc_ready"],
    ),
    (
        "install page said the phone is too old",
        _facts(install=("phone_too_old",)),
        JoinMode.DESK_PC,
        ["phone_os_too_old", "desk_pc_ready"],
    ),
    (
        "old phone, and the install page said so too: the reason once",
        _facts(phone=_with(PHONE_OK, os_version=Answer.FAIL), install=("phone_too_old",)),
        JoinMode.DESK_PC,
        ["phone_os_too_old", "desk_pc_ready"],
    ),
    (
        "old phone and failing desk camera -> audio",
        _facts(desk=_with(DESK_OK, camera="fail"), phone=_with(PHONE_OK, os_version=Answer.FAIL)),
        JoinMode.AUDIO_PHONE,
        ["phone_os_too_old", "desk_camera_failed", "audio_phone_possible"],
    ),
    (
        "old phone, failing desk microphone, hard of hearing -> in person",
        _facts(
            desk=_with(DESK_OK, microphone="fail"),
            phone=_with(PHONE_OK, os_version=Answer.FAIL),
            needs=(A.HEARING, A.ELDERLY),
        ),
        JoinMode.IN_PERSON,
        ["phone_os_too_old", "desk_microphone_failed", "hard_of_hearing", "in_person_fallback"],
    ),
    (
        "phone full",
        _facts(phone=_with(PHONE_OK, storage=Answer.FAIL)),
        JoinMode.DESK_PC,
        ["phone_storage_full", "desk_pc_ready"],
    ),
    (
        "phone without data",
        _facts(phone=_with(PHONE_OK, network=Answer.FAIL)),
        JoinMode.DESK_PC,
        ["phone_network_poor", "desk_pc_ready"],
    ),
    (
        "app may not use the camera",
        _facts(phone=_with(PHONE_OK, permissions=Answer.FAIL)),
        JoinMode.DESK_PC,
        ["phone_permissions_denied", "desk_pc_ready"],
    ),
    (
        "no app store password",
        _facts(phone=_with(PHONE_OK, app_store=Answer.FAIL)),
        JoinMode.DESK_PC,
        ["app_not_installed", "desk_pc_ready"],
    ),
    (
        "WeChat missing alone does not rule the phone out",
        _facts(phone=_with(PHONE_OK, wechat=Answer.FAIL)),
        JoinMode.OWN_PHONE,
        [],
    ),
    (
        "poor sight",
        _facts(needs=(A.SIGHT,)),
        JoinMode.DESK_PC,
        ["small_screen_poor_sight", "desk_pc_ready"],
    ),
    (
        "phone not checked",
        _facts(phone={}),
        JoinMode.DESK_PC,
        ["phone_not_checked", "desk_pc_ready"],
    ),
    (
        "phone partly checked, nothing failed",
        _facts(phone={"os_version": Answer.PASS}),
        JoinMode.OWN_PHONE,
        ["phone_partly_checked"],
    ),
    (
        "no own phone (uses the court terminal)",
        _facts(phone={}, device=DeviceKind.COURT_TERMINAL),
        JoinMode.DESK_PC,
        ["no_own_phone", "desk_pc_ready"],
    ),
    (
        "own laptop: the phone checklist does not apply",
        _facts(phone={}, device=DeviceKind.OWN_LAPTOP),
        JoinMode.OWN_PHONE,
        [],
    ),
    (
        "desk camera only warns: still fine",
        _facts(phone={}, desk=_with(DESK_OK, camera="warn")),
        JoinMode.DESK_PC,
        ["phone_not_checked", "desk_pc_ready"],
    ),
    (
        "desk camera check broke (error)",
        _facts(phone={}, desk=_with(DESK_OK, camera="error")),
        JoinMode.AUDIO_PHONE,
        ["phone_not_checked", "desk_camera_failed", "audio_phone_possible"],
    ),
    (
        "desk network fails",
        _facts(phone={}, desk=_with(DESK_OK, network="fail")),
        JoinMode.AUDIO_PHONE,
        ["phone_not_checked", "desk_network_failed", "audio_phone_possible"],
    ),
    (
        "desk speakers fail",
        _facts(phone={}, desk=_with(DESK_OK, speakers="fail")),
        JoinMode.AUDIO_PHONE,
        ["phone_not_checked", "desk_speakers_failed", "audio_phone_possible"],
    ),
    (
        "desk PC not checked: recommended with a warning",
        _facts(phone={}, desk={}),
        JoinMode.DESK_PC,
        ["phone_not_checked", "desk_pc_not_checked"],
    ),
    (
        "interpreter needed, nothing remote works",
        _facts(phone={}, desk=_with(DESK_OK, camera="fail"), needs=(A.DIALECT, A.HEARING)),
        JoinMode.IN_PERSON,
        ["phone_not_checked", "desk_camera_failed", "hard_of_hearing", "dialect_interpreter"],
    ),
]


@pytest.mark.parametrize(
    ("facts", "mode", "reasons"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_shipped_rules_case_by_case(facts: VisitFacts, mode: JoinMode, reasons: list[str]) -> None:
    result = recommend(facts, RULES)
    assert result.mode is mode
    assert list(result.reason_codes) == reasons
    assert all(code in REASON_TEXTS for code in result.reason_codes)


@pytest.mark.parametrize("status", ["fail", "error"])
@pytest.mark.parametrize("device", ["camera", "microphone"])
def test_a_broken_desk_camera_or_microphone_is_never_recommended_even_without_rules(
    status: str, device: str
) -> None:
    facts = _facts(
        phone={}, device=DeviceKind.COURT_TERMINAL, desk=_with(DESK_OK, **{device: status})
    )
    for rules in (RULES, JoinRules(order=tuple(JoinMode), rules=())):
        result = recommend(facts, rules)
        assert result.mode is not JoinMode.DESK_PC
        assert f"desk_{device}_failed" in result.ruled_out[JoinMode.DESK_PC]


def test_facts_come_from_a_record() -> None:
    record = AssistRecord(clerk=ClerkProfile("S1", "李静"))
    record.intake.device = DeviceKind.OWN_IPHONE
    record.intake.accessibility = [A.ELDERLY]
    record.checks = [
        CheckRecord("camera", "pass", "camera.ok"),
        CheckRecord("camera", "fail", "camera.black"),  # the later run counts
        CheckRecord("microphone", "pass", "microphone.ok"),
    ]
    record.step(StepId.CHECKS).data["phone_checklist"] = {"os_version": "fail", "bogus": "pass"}
    record.problems = [Problem(StepId.INSTALL, "store_password")]
    values = VisitFacts.from_record(record).as_values()
    assert values["desk.camera"] == "fail"
    assert values["desk.network"] == "not_run"
    assert values["phone.os_version"] == "fail"
    assert values["phone.storage"] == "not_answered"
    assert values["phone.checklist"] == "fail"
    assert values["device"] == "own_iphone"
    assert values["need.elderly"] is True and values["need.sight"] is False
    assert values["install.store_password"] is True and values["install.no_storage"] is False
    assert recommend(VisitFacts.from_record(record), RULES).mode is JoinMode.AUDIO_PHONE


def test_check_results_feed_the_facts() -> None:
    results = [CheckResult("camera", CheckStatus.WARN, "camera.low_fps")]
    assert VisitFacts.from_results(results).as_values()["desk.camera"] == "warn"


# --- rules files ---------------------------------------------------------------------------


def _write(folder: Path, text: str) -> Path:
    path = folder / FOLDER / FILE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """
order = ["desk_pc", "own_phone", "in_person"]

[[rule]]
mode = "own_phone"
effect = "exclude"
when = { "need.elderly" = true }
reason = "phone_not_checked"
"""


def test_a_court_file_overrides_the_shipped_rules(tmp_path: Path) -> None:
    _write(tmp_path, GOOD)
    load = load_join_rules(tmp_path)
    assert load.errors == []
    assert load.rules.order == (JoinMode.DESK_PC, JoinMode.OWN_PHONE, JoinMode.IN_PERSON)
    assert recommend(_facts(), load.rules).mode is JoinMode.DESK_PC


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        ("order = [", "", "TOML syntax error"),
        ('order = ["desk_pc", "tablet", "in_person"]', "order[1]", "unknown way to join"),
        ('order = ["desk_pc", "desk_pc", "in_person"]', "order[1]", "listed twice"),
        ('order = ["in_person", "desk_pc"]', "order", "must come last"),
        ('order = ["desk_pc"]', "order", "must include"),
        ('order = "desk_pc"', "order", "must be a list"),
        (
            'order = ["in_person"]\nsize = 3',
            "size",
            "unknown field",
        ),
        (
            'order = ["desk_pc", "in_person"]\n[[rule]]\nmode = "own_phone"\neffect = "exclude"\n'
            'reason = "no_own_phone"',
            "rule[0].mode",
            "not in order",
        ),
        (
            'order = ["desk_pc", "in_person"]\n[[rule]]\nmode = "desk_pc"\neffect = "maybe"\n'
            'reason = "no_own_phone"',
            "rule[0].effect",
            '"exclude"',
        ),
        (
            'order = ["desk_pc", "in_person"]\n[[rule]]\nmode = "in_person"\neffect = "exclude"\n'
            'reason = "no_own_phone"',
            "rule[0].effect",
            "cannot be ruled out",
        ),
        (
            'order = ["desk_pc", "in_person"]\n[[rule]]\nmode = "desk_pc"\neffect = "exclude"\n'
            'reason = "because"',
            "rule[0].reason",
            "unknown reason",
        ),
        (
            'order = ["desk_pc", "in_person"]\n[[rule]]\nmode = "desk_pc"\neffect = "exclude"\n'
            'reason = "no_own_phone"\nwhen = { "desk.webcam" = "fail" }',
            "rule[0].when.desk.webcam",
            "unknown fact",
        ),
        (
            'order = ["desk_pc", "in_person"]\n[[rule]]\nmode = "desk_pc"\neffect = "exclude"\n'
            'reason = "no_own_phone"\nwhen = { "desk.camera" = "broken" }',
            "rule[0].when.desk.camera",
            'must be one of "pass"',
        ),
        (
            'order = ["desk_pc", "in_person"]\n[[rule]]\nmode = "desk_pc"\neffect = "exclude"\n'
            'reason = "no_own_phone"\nwhen = { "need.sight" = "yes" }',
            "rule[0].when.need.sight",
            "must be one of true, false",
        ),
    ],
)
def test_a_broken_rules_file_names_field_and_problem_and_falls_back(
    tmp_path: Path, text: str, field: str, words: str
) -> None:
    path = _write(tmp_path, text)
    rules, errors = parse_join_rules(path)
    assert rules is None
    assert errors and errors[0].file == FILE_NAME
    assert errors[0].field == field
    assert words in errors[0].problem
    load = load_join_rules(tmp_path)
    assert load.rules == RULES  # the shipped rules still apply
    assert load.errors == errors


def test_errors_carry_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, 'order = ["desk_pc", "in_person"]\n\n[[rule]]\nmode = "bus"\n')
    _rules, errors = parse_join_rules(path)
    assert any(e.field == "rule[0].mode" and e.line == 4 for e in errors)


def test_every_shipped_reason_and_mode_is_used_sensibly() -> None:
    used = {rule.reason for rule in RULES.rules}
    assert used <= set(REASON_TEXTS)
    assert RULES.order[-1] is JoinMode.IN_PERSON
    assert set(RULES.order) == set(JoinMode)


def test_a_later_rules_error_points_at_its_own_line_not_the_first_rules(tmp_path: Path) -> None:
    text = (
        'order = ["desk_pc", "in_person"]\n'
        '[[rule]]\nmode = "desk_pc"\neffect = "exclude"\nreason = "desk_camera_failed"\n'
        '[[rule]]\nmode = "desk_pc"\neffect = "exclude"\nreason = "nope"\n'
    )
    _rules, errors = parse_join_rules(_write(tmp_path, text))
    assert [(e.field, e.line) for e in errors] == [("rule[1].reason", 9)]


def test_the_readme_documents_every_reason_and_fact() -> None:
    from hearing_helper.paths import asset_path
    from hearing_helper.visits.join_rules import FACT_VALUES

    readme = asset_path(FOLDER, "README.md").read_text(encoding="utf-8")
    assert all(f"`{code}`" in readme for code in REASON_TEXTS)
    prefixes = {name.split(".")[0] for name in FACT_VALUES}
    assert all(f"`{prefix}" in readme for prefix in prefixes)
