"""The one list of causes of a failed or late hearing: the codes the checks and the install page
already use, plus the few that only happen on the day (a power cut). No Qt.

A hearing-day failure (``AssistRecord.failure_cause``) and a follow-up's "joined late because" /
"adjourned because" (``FollowUp.cause``) pick from this list, so a report can put a problem seen
at a check next to the same problem on hearing day. Texts keep the translation context of the
module that owns the code ("checks", "catalog" or "visits").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from hearing_helper.checks.remedies import FINDINGS, all_codes
from hearing_helper.domain.enums import NotJoinedReason
from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP

# Causes no check can see in advance. The online litigation rules excuse absence for a network
# failure, damaged equipment or a power cut, so these must be recordable as such.
HEARING_DAY_CAUSES: dict[str, str] = {
    "hearing.power_cut": QT_TRANSLATE_NOOP("visits", "Power cut"),
    "hearing.device_damaged": QT_TRANSLATE_NOOP("visits", "Device damaged, lost or flat"),
    "hearing.network_outage": QT_TRANSLATE_NOOP("visits", "Network outage where the litigant was"),
    "hearing.platform_down": QT_TRANSLATE_NOOP("visits", "The hearing platform did not work"),
    "hearing.meeting_info": QT_TRANSLATE_NOOP("visits", "Meeting link or ID wrong or missing"),
    "hearing.account": QT_TRANSLATE_NOOP(
        "visits", "Could not sign in (account, real-name check, SMS code)"
    ),
    "hearing.forgot_how": QT_TRANSLATE_NOOP("visits", "The litigant did not remember how to join"),
}

GROUPS = ("device", "network", "phone", "hearing")
GROUP_LABELS: dict[str, str] = {
    "device": QT_TRANSLATE_NOOP("visits", "Camera, microphone, speakers, computer"),
    "network": QT_TRANSLATE_NOOP("visits", "Network"),
    "phone": QT_TRANSLATE_NOOP("visits", "Phone and app install"),
    "hearing": QT_TRANSLATE_NOOP("visits", "On the hearing day"),
}

# Check codes that are findings of success or of "nobody could tell", not causes.
_NOT_CAUSES = (
    ".ok",
    ".loopback_ok",
    ".heard",
    ".needs_listener",
    ".proxy_in_use",
    ".incomplete",
    ".no_endpoints",
    ".bad_address",
)

# The reason (NotJoinedReason) a cause implies, so the finish page can fill it in.
_INSTALL_REASONS: dict[str, NotJoinedReason] = {
    "no_storage": NotJoinedReason.DEVICE,
    "phone_too_old": NotJoinedReason.DEVICE,
    "permission_denied": NotJoinedReason.DEVICE,
    "no_network": NotJoinedReason.NETWORK,
    "sms_code_missing": NotJoinedReason.ACCOUNT,
}
_HEARING_REASONS: dict[str, NotJoinedReason] = {
    "hearing.power_cut": NotJoinedReason.OTHER,
    "hearing.device_damaged": NotJoinedReason.DEVICE,
    "hearing.network_outage": NotJoinedReason.NETWORK,
    "hearing.platform_down": NotJoinedReason.PLATFORM_DOWN,
    "hearing.meeting_info": NotJoinedReason.MEETING_INFO,
    "hearing.account": NotJoinedReason.ACCOUNT,
    "hearing.forgot_how": NotJoinedReason.APP_INSTALL,
}


@dataclass(frozen=True)
class Cause:
    code: str
    group: str  # one of GROUPS
    context: str  # translation context of ``text``
    text: str  # English source text
    reason: NotJoinedReason  # the not-joined reason this cause implies


@cache
def causes() -> tuple[Cause, ...]:
    """Every cause, grouped (device, network, phone, hearing day), in a stable order."""
    from hearing_helper.catalog.model import PROBLEM_CODES  # here: not needed to show the window

    found: list[Cause] = []
    for code, text in FINDINGS.items():
        if code.startswith("phone.") or code.endswith(_NOT_CAUSES):
            continue
        found.append(Cause(code, "device", "checks", text, NotJoinedReason.DEVICE))
    for code, text in all_codes().items():
        is_finding = code.startswith("network.") and ".remedy." not in code
        if is_finding and not code.endswith(_NOT_CAUSES):
            found.append(Cause(code, "network", "checks", text, NotJoinedReason.NETWORK))
    for code, text in PROBLEM_CODES.items():
        if code != "other":  # "other" is no cause; the note says what happened
            reason = _INSTALL_REASONS.get(code, NotJoinedReason.APP_INSTALL)
            found.append(Cause(code, "phone", "catalog", text, reason))
    for code, text in HEARING_DAY_CAUSES.items():
        found.append(Cause(code, "hearing", "visits", text, _HEARING_REASONS[code]))
    return tuple(found)


@cache
def _by_code() -> dict[str, Cause]:
    return {cause.code: cause for cause in causes()}


def cause(code: str) -> Cause | None:
    """The cause with this code, or None when it is not (or no longer) on the list."""
    return _by_code().get(code)


def is_known_cause(code: str) -> bool:
    return code in _by_code()
