"""The litigant's own phone, checked by the clerk item by item (pass / fail / not applicable).

Answers are stored in the record as ``{"phone_checklist": {item_id: answer}}`` in the CHECKS
step's data; :func:`checklist_result` sums them up as a ``phone`` check result for reports.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from hearing_helper.checks.base import CheckResult, CheckStatus
from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP

PHONE_CHECK_ID = "phone"
PHONE_TITLE = QT_TRANSLATE_NOOP("checks", "Litigant's phone")


class Answer(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    NOT_APPLICABLE = "na"


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    question: str  # translation source, context "checks"
    remedy: str  # translation source, context "checks": read out when the item fails


PHONE_ITEMS: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        "os_version",
        QT_TRANSLATE_NOOP("checks", "The phone's system is recent enough for the hearing app"),
        QT_TRANSLATE_NOOP(
            "checks",
            "The phone's system is too old. Update it in Settings, or use the court's terminal.",
        ),
    ),
    ChecklistItem(
        "storage",
        QT_TRANSLATE_NOOP("checks", "At least 1 GB of free storage"),
        QT_TRANSLATE_NOOP(
            "checks",
            "The phone is almost full. Delete old videos or unused apps to free at least 1 GB.",
        ),
    ),
    ChecklistItem(
        "network",
        QT_TRANSLATE_NOOP("checks", "Connected to Wi-Fi, 4G or 5G with enough data"),
        QT_TRANSLATE_NOOP(
            "checks",
            "Connect the phone to the court's Wi-Fi, or make sure mobile data is on and "
            "not used up.",
        ),
    ),
    ChecklistItem(
        "permissions",
        QT_TRANSLATE_NOOP("checks", "The hearing app may use the camera and microphone"),
        QT_TRANSLATE_NOOP(
            "checks",
            "Open Settings, find the hearing app and allow the camera and the microphone.",
        ),
    ),
    ChecklistItem(
        "app_store",
        QT_TRANSLATE_NOOP("checks", "The app store account and its password are known"),
        QT_TRANSLATE_NOOP(
            "checks",
            "Without the app store password the app cannot be installed. Reset the password "
            "by SMS, or ask a family member.",
        ),
    ),
    ChecklistItem(
        "wechat",
        QT_TRANSLATE_NOOP("checks", "WeChat is installed and signed in"),
        QT_TRANSLATE_NOOP(
            "checks",
            "Install WeChat and sign in, or use the hearing app's own sign-in instead.",
        ),
    ),
)

ITEMS_BY_ID: dict[str, ChecklistItem] = {item.id: item for item in PHONE_ITEMS}


def parse_answers(raw: object) -> dict[str, Answer]:
    """Answers from stored data; unknown items and values are dropped."""
    answers: dict[str, Answer] = {}
    if isinstance(raw, Mapping):
        for key, value in raw.items():
            if key in ITEMS_BY_ID and value in Answer._value2member_map_:
                answers[key] = Answer(value)
    return answers


def checklist_result(answers: Mapping[str, Answer]) -> CheckResult:
    """All items answered and none failed -> pass; any failed -> fail; else skipped."""
    failed = [item.id for item in PHONE_ITEMS if answers.get(item.id) is Answer.FAIL]
    answered = sum(1 for item in PHONE_ITEMS if item.id in answers)
    metrics = {
        "items": len(PHONE_ITEMS),
        "items_answered": answered,
        "items_failed": len(failed),
        "failed_items": ",".join(failed),
    }
    if failed:
        status, code = CheckStatus.FAIL, "phone.items_failed"
    elif answered == len(PHONE_ITEMS):
        status, code = CheckStatus.PASS, "phone.ok"
    else:
        status, code = CheckStatus.SKIPPED, "phone.incomplete"
    return CheckResult(PHONE_CHECK_ID, status, code, metrics)
