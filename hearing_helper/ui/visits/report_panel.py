"""The visit figures in the Reports window (the same numbers as ``report --json``'s "visits"):
preparation outcomes, the readiness funnel overall and per way to join, hearing-day problems of
prepared and unprepared litigants, repeat visits, follow-ups due, and who gave the ratings."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from hearing_helper.domain.report_filters import Drill
from hearing_helper.ui.visits.texts import join_mode_label, preparation_outcome_label
from hearing_helper.ui.widgets.focus_only import scroll_into_view


def _pct(value: float | None) -> str:
    return "\u2013" if value is None else f"{value * 100:.1f}%"


class VisitFiguresPanel(QGroupBox):
    """Underlined figures open the records behind them (``drill_requested(drill, title)``)."""

    drill_requested = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Alt+V: to the figures (below the charts, out of sight until then); Tab then moves
        # from one underlined figure to the next and Enter opens its records.
        self.setTitle(self.tr("Preparation and follow-up (&visits)"))
        self.summary = QLabel()
        self.summary.setObjectName("visitFigures")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.summary.linkActivated.connect(self._on_link)
        self.summary.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.summary.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut:  # the title's Alt+letter
            self.summary.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.summary and event.type() == QEvent.Type.FocusIn:
            scroll_into_view(self)  # reached by Tab or Alt+V: bring the figures into sight
        return super().eventFilter(watched, event)

    def show_figures(self, visits: dict[str, Any]) -> None:
        if not visits:
            self.summary.clear()
            return
        esc = html.escape
        prep, funnel = visits["preparation"], visits["funnel"]
        day, repeat = visits["hearing_day"], visits["repeat_visits"]
        follow, rating = visits["follow_ups"], visits["rating"]
        lines = [
            self.tr("Preparation visits: %1 (ready %2, another visit %3, in person %4)"),
            self.tr(
                "Readiness: %5 ready \u2192 %6 followed up \u2192 %7 hearings went ahead"
                " \u2192 %8 joined on time (%9)"
            ),
            self.tr("Hearing-day problems: prepared %10 of %11, not prepared %12 of %13"),
            self.tr("Repeat visits: %14 visits by %15 litigants; %16 came more than once"),
            self.tr("Follow-ups: %17 due, %18 overdue"),
            self.tr(
                "Ratings: %19 by the litigant (average %20), %21 entered by staff (average %22);"
                " litigant response rate %23"
            ),
        ]
        values = [
            prep["visits"], prep["ready"], prep["another_visit"], prep["in_person"],
            funnel["prepared"], funnel["followed_up"], funnel["went_ahead"],
            funnel["joined_on_time"], _pct(funnel["on_time_rate"]),
            _pct(day["prepared"]["problem_share"]), day["prepared"]["assisted"],
            _pct(day["not_prepared"]["problem_share"]), day["not_prepared"]["assisted"],
            repeat["visits"], repeat["litigants"], repeat["returning_litigants"],
            follow["due"], follow["overdue"],
            rating["litigant"], rating["litigant_average"] or "\u2013",
            rating["staff"], rating["staff_average"] or "\u2013",
            _pct(rating["litigant_response_rate"]),
        ]  # fmt: skip
        text = "<br>".join(lines)
        # Figures that open their records: placeholder number -> drill key.
        links = {
            2: "preparation:ready", 3: "preparation:another_visit", 4: "preparation:in_person",
            5: "funnel:prepared:", 6: "funnel:followed_up:", 7: "funnel:went_ahead:",
            8: "funnel:on_time:",
        }  # fmt: skip
        # Highest placeholder first, so %1 does not eat the start of %10.
        for number in range(len(values), 0, -1):
            shown = esc(str(values[number - 1]))
            if number in links:
                shown = f"<a href='{links[number]}'>{shown}</a>"
            text = text.replace(f"%{number}", shown)
        head = self.tr("Way to join"), self.tr("Ready"), self.tr("Followed up"), self.tr("On time")
        rows = "".join(
            f"<tr><td>{esc(join_mode_label(mode))}</td>"
            f"<td align='right'><a href='funnel:prepared:{mode}'>{s['prepared']}</a></td>"
            f"<td align='right'><a href='funnel:followed_up:{mode}'>{s['followed_up']}</a></td>"
            f"<td align='right'>{esc(_pct(s['on_time_rate']))}</td></tr>"
            for mode, s in visits["by_join_mode"].items()
        )
        table = (
            "<table cellspacing='0' cellpadding='3'><tr>"
            + "".join(f"<th align='left'>{esc(h)}</th>" for h in head)
            + f"</tr>{rows}</table>"
        )
        self.summary.setText(f"<p>{text}</p>{table}")

    def _on_link(self, href: str) -> None:
        key = tuple(href.split(":"))
        titles = {
            "prepared": self.tr("Ready"),
            "followed_up": self.tr("Followed up"),
            "went_ahead": self.tr("Hearing went ahead"),
            "on_time": self.tr("On time"),
        }
        if key[0] == "funnel":
            title = titles.get(key[1], key[1])
            if len(key) > 2 and key[2]:
                title = f"{join_mode_label(key[2])} \u00b7 {title}"
        else:
            title = preparation_outcome_label(key[1])
        self.drill_requested.emit(Drill("visit", key), title)
