"""English source texts of report and export labels (translated by the UI or the PDF writer).

Codes stay codes in the core; these tables let the UI, the PDF and the exports show words.
``translate(context, text)`` is a callable such as ``QCoreApplication.translate``; the identity
(English) is used where no translator is loaded.
"""

from __future__ import annotations

from hearing_helper.catalog.model import PROBLEM_CODES
from hearing_helper.checks import remedies
from hearing_helper.domain.labels import (
    CONTEXT as LABELS_CONTEXT,
)
from hearing_helper.domain.labels import (
    DEVICE_LABELS,
    NOT_JOINED_REASON_LABELS,
    OUTCOME_LABELS,
    ROLE_LABELS,
    STEP_LABELS,
    Translate,
    english,
    label,
)
from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP

__all__ = [
    "CONTEXT",
    "DEVICE_LABELS",
    "LABELS_CONTEXT",
    "OUTCOME_LABELS",
    "REASON_LABELS",
    "ROLE_LABELS",
    "STEP_LABELS",
    "Translate",
    "english",
    "label",
]

CONTEXT = "reports"  # the reports' own texts; code tables are translated in context "labels"

# The code -> English tables are the domain's (one wording everywhere); re-exported here so the
# reports code has one place to import them from.
OUTCOME_LABELS = OUTCOME_LABELS
REASON_LABELS = NOT_JOINED_REASON_LABELS
ROLE_LABELS = ROLE_LABELS
DEVICE_LABELS = DEVICE_LABELS
STEP_LABELS = STEP_LABELS

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

# "assisted", "joined" and "joined_rate" count hearing-day assistance only; "preparation" the
# visits before a hearing; the others every visit (reports/aggregate.py).
KPI_LABELS: dict[str, str] = {
    "assisted": QT_TRANSLATE_NOOP("reports", "Assisted on hearing day"),
    "joined": QT_TRANSLATE_NOOP("reports", "Joined their hearing"),
    "joined_rate": QT_TRANSLATE_NOOP("reports", "Join rate (hearing day)"),
    "preparation": QT_TRANSLATE_NOOP("reports", "Preparation visits"),
    "median": QT_TRANSLATE_NOOP("reports", "Median time per visit"),
    "p90": QT_TRANSLATE_NOOP("reports", "90% of visits within"),
    "satisfaction": QT_TRANSLATE_NOOP("reports", "Average satisfaction (1-5)"),
    "response_rate": QT_TRANSLATE_NOOP("reports", "Satisfaction response rate"),
}


def kind_label(kind: str, translate: Translate = english) -> str:
    """The kind of a failure reason ("Not joined", "Problem", "Check failed"), translated."""
    source = REASON_KIND_LABELS.get(kind)
    return translate(CONTEXT, source) if source else kind


def _sentence(text: str) -> str:
    # Check findings are full sentences; in a bar label the closing full stop is noise.
    return text.rstrip("。.")


def reason_label(kind: str, code: str, translate: Translate = english) -> str:
    """Label of a failure reason of the Pareto list: a not-joined reason (context "labels"), an
    install problem (``PROBLEM_CODES``, context "catalog") or a failed check ``check_id:code``
    (its finding, context "checks"). An unknown code is shown as it is."""
    if kind == "not_joined":
        return label(NOT_JOINED_REASON_LABELS, code, translate)
    if kind == "problem":
        source = PROBLEM_CODES.get(code)
        return translate("catalog", source) if source else code
    if kind == "check":
        # The finding is a sentence that names the device ("The camera sent no picture ..."):
        # a check-title prefix would only repeat it and push the words out of the bar label.
        _check_id, _, result_code = code.partition(":")
        finding = remedies.describe(result_code) if result_code else ""
        return _sentence(translate("checks", finding)) if finding else code
    return code


MINUTES = QT_TRANSLATE_NOOP("reports", "%1 min")
UNDER_MINUTES = QT_TRANSLATE_NOOP("reports", "under %1 min")


def minutes_text(seconds: int | None, translate: Translate = english) -> str:
    if seconds is None:
        return "–"
    if 0 < seconds < 60:  # rounded, it read "0 min" (or "1 min") for visits of seconds
        return translate(CONTEXT, UNDER_MINUTES).replace("%1", "1")
    return translate(CONTEXT, MINUTES).replace("%1", f"{seconds / 60:.0f}")


def percent_text(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.1f}%"
