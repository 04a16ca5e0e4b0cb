"""A report in words: the rows the Reports window, the monthly PDF and ``report`` (text) share.

Qt-free: ``translate(context, text)`` is handed in (``QCoreApplication.translate`` in the app,
:func:`hearing_helper.ui.pdf.translator.translator_for` in the PDF and on the command line, the
identity for English). Codes become labels here; ``report --json`` keeps the codes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP
from hearing_helper.reports.aggregate import Report
from hearing_helper.reports.labels import (
    CONTEXT,
    KPI_LABELS,
    OUTCOME_LABELS,
    Translate,
    kind_label,
    label,
    minutes_text,
    percent_text,
    reason_label,
)
from hearing_helper.visits.labels import CONTEXT as VISITS_CONTEXT
from hearing_helper.visits.labels import JOIN_MODE_LABELS, PREPARATION_OUTCOME_LABELS

Rows = list[tuple[str, str]]

HEARING_DAY_OUTCOMES = QT_TRANSLATE_NOOP("reports", "Hearing-day outcomes")
KIND_AND_REASON = QT_TRANSLATE_NOOP("reports", "%1: %2")
CUMULATIVE_NOTE = QT_TRANSLATE_NOOP("reports", "%1 · cumulative %2")
PREPARATION = QT_TRANSLATE_NOOP("reports", "Preparation visits (hearing later)")
READINESS = QT_TRANSLATE_NOOP("reports", "Readiness and follow-up")
READINESS_FUNNEL = QT_TRANSLATE_NOOP("reports", "Ready → followed up → went ahead → on time")
ON_TIME_SHARE = QT_TRANSLATE_NOOP("reports", "Joined on time, of those followed up")
MODE_STAGES = QT_TRANSLATE_NOOP("reports", "%1 ready · %2 followed up · on time %3")
FOLLOW_UPS_DUE = QT_TRANSLATE_NOOP("reports", "Follow-ups due")
FOLLOW_UPS_OVERDUE = QT_TRANSLATE_NOOP("reports", "Follow-ups overdue")
HEARING_DAY = QT_TRANSLATE_NOOP("reports", "Hearing day: prepared or not")
PREPARED_PROBLEMS = QT_TRANSLATE_NOOP("reports", "Prepared litigants with a problem")
UNPREPARED_PROBLEMS = QT_TRANSLATE_NOOP("reports", "Litigants not prepared with a problem")
SHARE_OF = QT_TRANSLATE_NOOP("reports", "%1 of %2")
REPEAT_AND_RATINGS = QT_TRANSLATE_NOOP("reports", "Repeat visits and ratings")
REPEAT_VISITS = QT_TRANSLATE_NOOP("reports", "Visits / litigants (by phone)")
RETURNING = QT_TRANSLATE_NOOP("reports", "Litigants who came more than once")
RATED_BY_LITIGANT = QT_TRANSLATE_NOOP("reports", "Rated by the litigant (average)")
RATED_BY_STAFF = QT_TRANSLATE_NOOP("reports", "Entered by staff (average)")
LITIGANT_RESPONSES = QT_TRANSLATE_NOOP("reports", "Litigant response rate")
COUNT_AND_AVERAGE = QT_TRANSLATE_NOOP("reports", "%1 (%2)")
# The command line's own rows.
PERIOD_ROW = QT_TRANSLATE_NOOP("reports", "Period")
PERIOD_RANGE = QT_TRANSLATE_NOOP("reports", "%1 to %2")
FILTER_ROW = QT_TRANSLATE_NOOP("reports", "Filter")
SCOPE_ROW = QT_TRANSLATE_NOOP("reports", "Scope")
SCOPE_COURT = QT_TRANSLATE_NOOP("reports", "the court: %1 desks")
LAST_DELIVERY = QT_TRANSLATE_NOOP("reports", "last delivery %1")
WAITING_HERE = QT_TRANSLATE_NOOP("reports", "This desk has %1 items not yet sent")
DAMAGED_CELLS = QT_TRANSLATE_NOOP(
    "reports", "Damaged cells: %1 (values no version of the app writes)"
)
DAMAGED_CELL = QT_TRANSLATE_NOOP("reports", "record %1  %2 = %3")
DAMAGED_MORE = QT_TRANSLATE_NOOP("reports", "... (all of them: report --json)")
DEMO_LEFT_OUT = QT_TRANSLATE_NOOP(
    "reports", "Left out %1 demo records (made by demo-data); --include-demo counts them."
)
DAMAGED_SHOWN = 10  # the text names the first ten; report --json names them all
KEY_FIGURES = QT_TRANSLATE_NOOP("reports", "Key figures")
TOP_REASONS = QT_TRANSLATE_NOOP("reports", "What went wrong most (count · cumulative share)")
NONE = QT_TRANSLATE_NOOP("reports", "none")


def kpi_rows(report: Report, tr: Translate) -> Rows:
    """The KPI table (label, value) shared by the PDF, the report view and ``report``."""
    average = report.satisfaction_average
    return [
        (tr(CONTEXT, KPI_LABELS["assisted"]), f"{report.assisted:,}"),
        (tr(CONTEXT, KPI_LABELS["joined"]), f"{report.joined:,}"),
        (tr(CONTEXT, KPI_LABELS["joined_rate"]), percent_text(report.joined_rate)),
        (tr(CONTEXT, KPI_LABELS["preparation"]), f"{report.preparation_visits:,}"),
        (tr(CONTEXT, KPI_LABELS["median"]), minutes_text(report.median_duration_s, tr)),
        (tr(CONTEXT, KPI_LABELS["p90"]), minutes_text(report.p90_duration_s, tr)),
        (tr(CONTEXT, KPI_LABELS["satisfaction"]), "–" if average is None else f"{average:.2f}"),
        (tr(CONTEXT, KPI_LABELS["response_rate"]), percent_text(report.satisfaction_response_rate)),
    ]


def outcome_rows(report: Report, tr: Translate) -> Rows:
    """Hearing-day outcomes with their count and share of the hearing-day assistance."""
    return [
        (label(OUTCOME_LABELS, code, tr), f"{n:,} · {percent_text(n / report.assisted)}")
        for code, n in report.outcomes.items()
        if code and report.assisted
    ]


def cumulative_note(count: int, cumulative_share: float, tr: Translate) -> str:
    """'12 · cumulative 40.0%': a Pareto bar's count and the running share up to it."""
    note = tr(CONTEXT, CUMULATIVE_NOTE).replace("%1", f"{count:,}")
    return note.replace("%2", percent_text(cumulative_share))


def _visits_label(table: Mapping[str, str], code: str, tr: Translate) -> str:
    source = table.get(code)
    return tr(VISITS_CONTEXT, source) if source else code


def visit_sections(visits: Mapping[str, Any], tr: Translate) -> list[tuple[str, Rows]]:
    """The visit figures (reports/visits.py) as titled tables of (label, value)."""
    if not visits:
        return []
    prep, funnel = visits["preparation"], visits["funnel"]
    day, repeat = visits["hearing_day"], visits["repeat_visits"]
    follow, rating = visits["follow_ups"], visits["rating"]

    def share(part: Mapping[str, Any]) -> str:
        text = tr(CONTEXT, SHARE_OF).replace("%1", percent_text(part["problem_share"]))
        return text.replace("%2", f"{part['assisted']:,}")

    def rated(count: int, average: float | None) -> str:
        text = tr(CONTEXT, COUNT_AND_AVERAGE).replace("%1", f"{count:,}")
        return text.replace("%2", "–" if average is None else f"{average:.2f}")

    preparation: Rows = [(tr(CONTEXT, KPI_LABELS["preparation"]), f"{prep['visits']:,}")]
    preparation += [
        (_visits_label(PREPARATION_OUTCOME_LABELS, code, tr), f"{prep[code]:,}")
        for code in PREPARATION_OUTCOME_LABELS
    ]
    stages = (
        f"{funnel['prepared']:,} → {funnel['followed_up']:,} → {funnel['went_ahead']:,}"
        f" → {funnel['joined_on_time']:,}"
    )
    readiness: Rows = [
        (tr(CONTEXT, READINESS_FUNNEL), stages),
        (tr(CONTEXT, ON_TIME_SHARE), percent_text(funnel["on_time_rate"])),
    ]
    for mode, counts in visits["by_join_mode"].items():
        text = tr(CONTEXT, MODE_STAGES).replace("%1", f"{counts['prepared']:,}")
        text = text.replace("%2", f"{counts['followed_up']:,}")
        readiness.append(
            (_visits_label(JOIN_MODE_LABELS, mode, tr), text.replace("%3", percent_text(
                counts["on_time_rate"]
            )))
        )  # fmt: skip
    readiness += [
        (tr(CONTEXT, FOLLOW_UPS_DUE), f"{follow['due']:,}"),
        (tr(CONTEXT, FOLLOW_UPS_OVERDUE), f"{follow['overdue']:,}"),
    ]
    hearing_day: Rows = [
        (tr(CONTEXT, PREPARED_PROBLEMS), share(day["prepared"])),
        (tr(CONTEXT, UNPREPARED_PROBLEMS), share(day["not_prepared"])),
    ]
    repeat_and_ratings: Rows = [
        (tr(CONTEXT, REPEAT_VISITS), f"{repeat['visits']:,} / {repeat['litigants']:,}"),
        (tr(CONTEXT, RETURNING), f"{repeat['returning_litigants']:,}"),
        (tr(CONTEXT, RATED_BY_LITIGANT), rated(rating["litigant"], rating["litigant_average"])),
        (tr(CONTEXT, RATED_BY_STAFF), rated(rating["staff"], rating["staff_average"])),
        (tr(CONTEXT, LITIGANT_RESPONSES), percent_text(rating["litigant_response_rate"])),
    ]
    return [
        (tr(CONTEXT, PREPARATION), preparation),
        (tr(CONTEXT, READINESS), readiness),
        (tr(CONTEXT, HEARING_DAY), hearing_day),
        (tr(CONTEXT, REPEAT_AND_RATINGS), repeat_and_ratings),
    ]


# --- the command line's text report ----------------------------------------------------------


def display_width(text: str) -> int:
    """Columns the text takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(rows: Rows, indent: str = "  ") -> list[str]:
    width = max((display_width(name) for name, _ in rows), default=0)
    return [
        f"{indent}{name}{' ' * (width - display_width(name))}  {value}".rstrip()
        for name, value in rows
    ]


def text_report(
    report: Report,
    tr: Translate,
    *,
    filter_labels: Mapping[str, str] | None = None,
    court: Mapping[str, Any] | None = None,
) -> list[str]:
    """The lines ``report`` prints: every figure with its label, codes in words.

    ``filter_labels`` shows the chosen filters (field -> value in words); ``court`` holds the
    court scope's extra facts (``desks``, ``this_desk_waiting``) of ``report --scope court``."""
    filters = report.filters
    period = tr(CONTEXT, PERIOD_RANGE).replace("%1", filters.start_key)
    head: Rows = [(tr(CONTEXT, PERIOD_ROW), period.replace("%2", filters.date_to.isoformat()))]
    head += [(tr(CONTEXT, FILTER_ROW), text) for text in (filter_labels or {}).values()]
    if court is not None:
        desks = court["desks"]
        head.append(
            (tr(CONTEXT, SCOPE_ROW), tr(CONTEXT, SCOPE_COURT).replace("%1", str(len(desks))))
        )
        head += [
            (f"  {d['name'] or d['desk_id']}", tr(CONTEXT, LAST_DELIVERY).replace(
                "%1", str(d["last_delivery"] or "–")
            ))
            for d in desks
        ]  # fmt: skip
    lines = _table(head, indent="")
    if court is not None and court.get("this_desk_waiting"):
        lines.append(tr(CONTEXT, WAITING_HERE).replace("%1", str(court["this_desk_waiting"])))
    sections: list[tuple[str, Rows]] = [
        (tr(CONTEXT, KEY_FIGURES), kpi_rows(report, tr)),
        (tr(CONTEXT, HEARING_DAY_OUTCOMES), outcome_rows(report, tr)),
    ]
    reasons: Rows = []
    for reason in report.failure_reasons[:10]:
        text = tr(CONTEXT, KIND_AND_REASON).replace("%1", kind_label(reason.kind, tr))
        text = text.replace("%2", reason_label(reason.kind, reason.code, tr))
        reasons.append((text, cumulative_note(reason.count, reason.cumulative_share, tr)))
    sections.append((tr(CONTEXT, TOP_REASONS), reasons))
    sections += visit_sections(report.visits, tr)
    for title, rows in sections:
        lines += ["", title]
        lines += _table(rows) if rows else [f"  {tr(CONTEXT, NONE)}"]
    return lines


def damaged_lines(damaged: Mapping[str, Any], tr: Translate) -> list[str]:
    """The damaged cells (reports/damage.py) the figures were computed around; [] for none."""
    count = int(damaged.get("count") or 0)
    if not count:
        return []
    lines = [tr(CONTEXT, DAMAGED_CELLS).replace("%1", str(count))]
    for cell in damaged["cells"][:DAMAGED_SHOWN]:
        text = tr(CONTEXT, DAMAGED_CELL).replace("%1", str(cell["record_id"]))
        lines.append(
            "  " + text.replace("%2", str(cell["column"])).replace("%3", repr(cell["value"]))
        )
    if count > DAMAGED_SHOWN:
        lines.append("  " + tr(CONTEXT, DAMAGED_MORE))
    return lines


def demo_left_out_line(left_out: int, tr: Translate) -> str:
    """What the court scope left out ('' when nothing)."""
    return tr(CONTEXT, DEMO_LEFT_OUT).replace("%1", str(left_out)) if left_out else ""
