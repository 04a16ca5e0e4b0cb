"""English source texts of report and export labels (translated by the UI or the PDF writer).

Codes stay codes in the core; these tables let the UI, the PDF and the exports show words.
``translate(context, text)`` is a callable such as ``QCoreApplication.translate``; the identity
(English) is used where no translator is loaded.
"""

from __future__ import annotations

from collections.abc import Callable

from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP

Translate = Callable[[str, str], str]
CONTEXT = "reports"


def english(context: str, text: str) -> str:
    del context
    return text


OUTCOME_LABELS: dict[str, str] = {
    "joined": QT_TRANSLATE_NOOP("reports", "Joined"),
    "joined_after_help": QT_TRANSLATE_NOOP("reports", "Joined after help"),
    "not_joined": QT_TRANSLATE_NOOP("reports", "Not joined"),
    "rescheduled": QT_TRANSLATE_NOOP("reports", "Rescheduled"),
    "left": QT_TRANSLATE_NOOP("reports", "Left early"),
}

REASON_LABELS: dict[str, str] = {
    "device": QT_TRANSLATE_NOOP("reports", "Device unusable"),
    "network": QT_TRANSLATE_NOOP("reports", "Network problem"),
    "app_install": QT_TRANSLATE_NOOP("reports", "App could not be installed"),
    "account": QT_TRANSLATE_NOOP("reports", "Account or SMS code problem"),
    "meeting_info": QT_TRANSLATE_NOOP("reports", "Wrong or missing meeting details"),
    "platform_down": QT_TRANSLATE_NOOP("reports", "Platform not working"),
    "litigant_declined": QT_TRANSLATE_NOOP("reports", "Litigant declined"),
    "hearing_cancelled": QT_TRANSLATE_NOOP("reports", "Hearing cancelled"),
    "other": QT_TRANSLATE_NOOP("reports", "Other reason"),
}

ROLE_LABELS: dict[str, str] = {
    "plaintiff": QT_TRANSLATE_NOOP("reports", "Plaintiff"),
    "defendant": QT_TRANSLATE_NOOP("reports", "Defendant"),
    "third_party": QT_TRANSLATE_NOOP("reports", "Third party"),
    "agent": QT_TRANSLATE_NOOP("reports", "Agent"),
    "witness": QT_TRANSLATE_NOOP("reports", "Witness"),
    "other": QT_TRANSLATE_NOOP("reports", "Other"),
}

DEVICE_LABELS: dict[str, str] = {
    "own_android": QT_TRANSLATE_NOOP("reports", "Own Android phone"),
    "own_iphone": QT_TRANSLATE_NOOP("reports", "Own iPhone"),
    "court_terminal": QT_TRANSLATE_NOOP("reports", "Court terminal"),
    "own_laptop": QT_TRANSLATE_NOOP("reports", "Own laptop"),
}

STEP_LABELS: dict[str, str] = {
    "intake": QT_TRANSLATE_NOOP("reports", "Intake"),
    "checks": QT_TRANSLATE_NOOP("reports", "Device checks"),
    "install": QT_TRANSLATE_NOOP("reports", "App install"),
    "join": QT_TRANSLATE_NOOP("reports", "Join"),
    "finish": QT_TRANSLATE_NOOP("reports", "Finish"),
}

REASON_KIND_LABELS: dict[str, str] = {
    "not_joined": QT_TRANSLATE_NOOP("reports", "Not joined"),
    "problem": QT_TRANSLATE_NOOP("reports", "Problem"),
    "check": QT_TRANSLATE_NOOP("reports", "Check failed"),
}

WEEKDAY_LABELS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("reports", "Mon"),
    QT_TRANSLATE_NOOP("reports", "Tue"),
    QT_TRANSLATE_NOOP("reports", "Wed"),
    QT_TRANSLATE_NOOP("reports", "Thu"),
    QT_TRANSLATE_NOOP("reports", "Fri"),
    QT_TRANSLATE_NOOP("reports", "Sat"),
    QT_TRANSLATE_NOOP("reports", "Sun"),
)

KPI_LABELS: dict[str, str] = {
    "assisted": QT_TRANSLATE_NOOP("reports", "Litigants assisted"),
    "joined": QT_TRANSLATE_NOOP("reports", "Joined their hearing"),
    "joined_rate": QT_TRANSLATE_NOOP("reports", "Join rate"),
    "median": QT_TRANSLATE_NOOP("reports", "Median assistance time"),
    "p90": QT_TRANSLATE_NOOP("reports", "90% finished within"),
    "satisfaction": QT_TRANSLATE_NOOP("reports", "Average satisfaction (1-5)"),
    "response_rate": QT_TRANSLATE_NOOP("reports", "Satisfaction response rate"),
}


def label(table: dict[str, str], code: str | None, translate: Translate = english) -> str:
    """Translated label of ``code``; the code itself when it is unknown (new taxonomy codes)."""
    if not code:
        return ""
    source = table.get(code)
    return translate(CONTEXT, source) if source else code


def reason_label(kind: str, code: str, translate: Translate = english) -> str:
    """Label of a failure reason of the Pareto list."""
    if kind == "not_joined":
        return label(REASON_LABELS, code, translate)
    return code  # problem and check codes belong to their own taxonomies; shown as codes


MINUTES = QT_TRANSLATE_NOOP("reports", "%1 min")


def minutes_text(seconds: int | None, translate: Translate = english) -> str:
    if seconds is None:
        return "–"
    return translate(CONTEXT, MINUTES).replace("%1", f"{seconds / 60:.0f}")


def percent_text(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.1f}%"
