"""The keys of one visit at the desk (tests/desk_visit.py runs them), as the README's keyboard
map documents them: a preparation visit, the same litigant back on the hearing day, their own
rating, a follow-up, the reports with all three exports, English, and the reports again.

Each step raises KeyRouteError when a key does not do what the map says; then it finishes the
step another way (marked "fallback"), so the rest of the visit is still driven and checked.
"""

from __future__ import annotations

from typing import Any

from tests.desk_visit import CASE, LINK, PASSWORD, KeyRouteError, Visit, _modal_title

STEPS = (
    "start",
    "preparation_intake",
    "preparation_hearing_time",
    "preparation_install",
    "preparation_join",
    "preparation_outcome",
    "preparation_finish",
    "hearing_day_intake",
    "hearing_day_carry_over",
    "hearing_day_join",
    "litigant_rating",
    "hearing_day_finish",
    "follow_up",
    "reports",
    "export_csv",
    "export_xlsx",
    "export_pdf",
    "language_switch",
    "reports_after_switch",
)


def run_visit(v: Visit, lang: str) -> None:
    v.until(lambda: v.window is not None and v.window.isVisible(), 30, "no main window")
    v.until(lambda: v.window.isActiveWindow(), 5)
    problems: list[str] = []

    def checked(name: str, action: Any, **kwargs: Any) -> None:
        v.step(name, action, **kwargs)
        if v.steps[-1]["keyboard"] != "ok":
            problems.append(name)

    checked("start", lambda: start(v))
    checked("preparation_intake", lambda: preparation_intake(v))
    checked("preparation_hearing_time", lambda: preparation_hearing_time(v), speak=False)
    checked("preparation_install", lambda: to_step(v, 3))
    checked("preparation_join", lambda: join_link(v))
    checked("preparation_outcome", lambda: preparation_outcome(v), speak=False)
    checked("preparation_finish", lambda: finish(v))
    checked("hearing_day_intake", lambda: hearing_day_intake(v), speak=False)
    checked("hearing_day_carry_over", lambda: carry_over(v))
    checked("hearing_day_join", lambda: hearing_day_join(v))
    checked("litigant_rating", lambda: litigant_rating(v))
    checked("hearing_day_finish", lambda: hearing_day_finish(v))
    checked("follow_up", lambda: follow_up(v))
    # The reports window has the keyboard there: the clerk's Ctrl+R is not in it.
    checked("reports", lambda: open_reports(v), speak=False)
    for fmt in ("csv", "xlsx", "pdf"):
        checked(f"export_{fmt}", lambda fmt=fmt: export(v, fmt), speak=False)
    checked("language_switch", lambda: switch_language(v, "en" if lang == "zh_CN" else "zh_CN"))
    checked("reports_after_switch", lambda: open_reports(v), speak=False)


# --- helpers ---------------------------------------------------------------------------------


def wizard(v: Visit) -> Any:
    return v.window.wizard


def page_index(v: Visit) -> int:
    """(In the GUI thread.) The wizard's step, 0-4, or -1 without a wizard."""
    return -1 if wizard(v) is None else wizard(v).pages.index(wizard(v).current_page())


def to_step(v: Visit, number: int) -> None:
    v.key(f"alt+{number}")
    v.until(lambda: wizard(v) is not None and page_index(v) == number - 1, 5, f"Alt+{number}")


def focused(v: Visit) -> Any:
    from PySide6.QtWidgets import QApplication

    return v.gui(QApplication.focusWidget)


def tick_consent(v: Visit) -> None:
    """Alt+I: a check box's letter ticks it, or goes to it; then Space ticks it (README)."""
    intake = v.gui(lambda: wizard(v).current_page())
    v.key("alt+i")
    if not v.gui(lambda: intake.consent.isChecked()) and v.gui(intake.consent.hasFocus):
        v.key("space")


# --- the steps -------------------------------------------------------------------------------


def start(v: Visit) -> None:
    v.key("ctrl+l")
    v.until(
        lambda: (shown := v.window.litigant_screen.window) is not None and shown.isVisible(),
        5,
        "Ctrl+L did not show the litigant screen",
    )
    v.until(lambda: v.window.isActiveWindow(), 5, "the litigant screen took the keyboard")


def preparation_intake(v: Visit) -> None:
    v.key("ctrl+n")
    v.until(lambda: wizard(v) is not None, 5, "Ctrl+N did not open a new assistance")
    intake = v.gui(lambda: wizard(v).current_page())
    v.until(lambda: intake.case_number.hasFocus(), 3, "the cursor is not in the case number")
    v.type(CASE)
    v.key("alt+y")  # the visit type: the arrow keys move to 庭前准备
    v.key("Right")
    from hearing_helper.domain.visit import VisitKind

    if not v.gui(lambda: wizard(v).record.kind is VisitKind.PREPARATION):
        v.key("Down")
    v.until(
        lambda: wizard(v).record.kind is VisitKind.PREPARATION, 3, "Alt+Y, arrow: no preparation"
    )
    v.key("alt+a")
    v.type("陈桂兰")
    v.key("alt+u")
    v.type("13812345678")
    for field in ("alt+p", "alt+r", "alt+d"):  # platform, role, device: the first real choice
        v.key(field, "Down")
    tick_consent(v)
    v.until(lambda: wizard(v).record.intake.consent, 3, "Alt+I (Space) did not tick the consent")
    v.until(lambda: wizard(v).record.intake.litigant_name == "陈桂兰", 3, "the name was not typed")


def preparation_hearing_time(v: Visit) -> None:
    """Alt+M: the hearing date, typed over the whole field (three days ahead)."""
    from datetime import date, timedelta

    intake = v.gui(lambda: wizard(v).current_page())
    hearing_day = date.today() + timedelta(days=3)
    v.key("alt+m")
    if not v.until(lambda: intake.hearing_date.hasFocus(), 1.5):
        _set_hearing(v, intake)
        raise KeyRouteError("Alt+M does not reach the hearing date (fallback: set directly)")
    v.key("ctrl+a")
    v.type(hearing_day.isoformat())
    v.key("Tab")
    record = v.gui(lambda: wizard(v).record)
    v.until(
        lambda: (
            record.intake.hearing_at is not None and record.intake.hearing_at.date() == hearing_day
        ),
        3,
        f"Alt+M, typing {hearing_day}: the hearing date is {record.intake.hearing_at}",
    )


def _set_hearing(v: Visit, intake: Any) -> None:
    from PySide6.QtCore import QDate, QTime

    def set_it() -> None:
        intake.hearing_date.setDate(QDate.currentDate().addDays(3))
        intake.hearing_time.setTime(QTime(9, 30))

    v.gui(set_it)


def join_link(v: Visit) -> None:
    to_step(v, 4)
    join = v.gui(lambda: wizard(v).current_page())
    v.key("alt+m")
    v.until(lambda: join.editors["link"].hasFocus(), 3, "Alt+M: not in the meeting link")
    v.type(LINK)
    v.until(lambda: join.editors["link"].text() == LINK, 3, "the link was not typed")


def preparation_outcome(v: Visit) -> None:
    from hearing_helper.domain.visit import PreparationOutcome

    to_step(v, 5)
    v.key("alt+u", "space")
    record = v.gui(lambda: wizard(v).record)
    ok = v.until(
        lambda: (
            record.preparation is not None
            and record.preparation.outcome is PreparationOutcome.READY
            and record.outcome is None
        ),
        3,
    )
    v.key("KP_4")  # the litigant rates this visit too, on the keypad handed to them
    v.until(lambda: record.satisfaction == 4, 3, "keypad 4 did not record the litigant's rating")
    if not ok:
        page = v.gui(lambda: wizard(v).current_page())
        v.gui(lambda: page.preparation.outcome_buttons[PreparationOutcome.READY].click())
        raise KeyRouteError(
            f"Alt+U, Space chose {record.outcome or record.preparation}"
            " (fallback: clicked 已准备好)"
        )


def finish(v: Visit) -> None:
    v.key("ctrl+Return")
    if not v.until(lambda: wizard(v) is None, 3):
        message = v.gui(lambda: v.window.statusBar().currentMessage())

        def finish_anyway() -> None:
            record = wizard(v).record
            if record.preparation is not None:
                record.outcome = None  # a hearing-day outcome chosen on a preparation visit
            wizard(v).finish()

        v.gui(finish_anyway)
        v.until(lambda: wizard(v) is None, 5, f"Ctrl+Return did not finish: {message!r}")
        raise KeyRouteError(f"Ctrl+Return did not finish: {message!r} (fallback: finished)")


def hearing_day_intake(v: Visit) -> None:
    v.key("ctrl+n")
    v.until(lambda: wizard(v) is not None, 5, "Ctrl+N did not open a new assistance")
    intake = v.gui(lambda: wizard(v).current_page())
    v.until(lambda: intake.case_number.hasFocus(), 3, "the cursor is not in the case number")
    v.type(CASE)
    v.until(
        lambda: intake.earlier.isVisible() and intake.earlier.carry_button.isEnabled(),
        8,
        "the earlier visit of this case was not shown",
    )


def carry_over(v: Visit) -> None:
    """The earlier-visits panel's 沿用信息并关联 by its Alt letter, hearing time included."""
    intake = v.gui(lambda: wizard(v).current_page())
    button = v.gui(lambda: intake.earlier.carry_button)
    text = v.gui(button.text)
    letter = text.split("&", 1)[1][:1].lower() if "&" in text else ""
    if letter:
        v.key(f"alt+{letter}")
    record = v.gui(lambda: wizard(v).record)
    problems = []
    if not v.until(lambda: record.previous_record_id, 1.5):
        v.gui(button.click)
        problems.append(f"{text!r} has no working Alt letter (fallback: clicked)")
    tick_consent(v)  # consent is asked again at every visit
    if not v.until(lambda: record.intake.consent, 3):
        v.gui(lambda: intake.consent.setChecked(True))
        problems.append("Alt+I did not tick the consent (fallback: ticked)")
    hearing = v.gui(lambda: record.intake.hearing_at)
    wanted = v.gui(lambda: v.window.services.repo.get(record.previous_record_id).intake.hearing_at)
    if hearing != wanted:
        problems.append(f"carried hearing time {hearing}, the preparation had {wanted}")
    if problems:
        raise KeyRouteError("; ".join(problems))


def hearing_day_join(v: Visit) -> None:
    join_link(v)
    v.key("alt+j")  # ✓ 当事人已入会
    from hearing_helper.domain.enums import StepId

    record = v.gui(lambda: wizard(v).record)
    v.until(lambda: record.step(StepId.JOIN).data.get("joined_at"), 3, "Alt+J: not joined")


def litigant_rating(v: Visit) -> None:
    from hearing_helper.domain.visit import RatingSource

    to_step(v, 5)
    v.key("KP_5")  # the keypad handed to the litigant
    record = v.gui(lambda: wizard(v).record)
    v.until(
        lambda: record.satisfaction == 5 and record.rating_source is RatingSource.LITIGANT,
        3,
        "keypad 5 did not record the litigant's own rating",
    )
    v.until(
        lambda: v.window.litigant_screen.window.rating_panel.buttons[5].isChecked(),
        3,
        "the litigant screen does not show the chosen rating",
    )


def hearing_day_finish(v: Visit) -> None:
    from hearing_helper.domain.enums import Outcome

    record = v.gui(lambda: wizard(v).record)
    if not v.gui(lambda: record.outcome):  # after 当事人已入会 it should be there already
        v.key("alt+u", "space")
    v.until(lambda: record.outcome is not None, 3, "Alt+U, Space chose no outcome")
    problem = ""
    if v.gui(lambda: record.outcome) not in (Outcome.JOINED, Outcome.JOINED_AFTER_HELP):
        problem = f"outcome {record.outcome} after the litigant joined"
    finish(v)
    if problem:
        raise KeyRouteError(problem)


def follow_up(v: Visit) -> None:
    from hearing_helper.ui.visits.follow_ups import FollowUpDialog

    panel = v.gui(lambda: v.window.home.follow_ups)
    v.until(lambda: bool(panel.due), 8, "the prepared hearing of yesterday is not due")
    v.key("alt+r")
    dialog = v.until(lambda: _active(FollowUpDialog), 5, "Alt+R did not open the follow-up")
    dialog = v.gui(lambda: _active(FollowUpDialog))
    v.key("alt+w")
    v.key("space")  # choose the result that has focus
    v.key("Return")
    v.until(lambda: not dialog.isVisible(), 3, "Enter did not save the follow-up")
    v.until(lambda: not panel.due, 5, "the follow-up is still due")


def _active(kind: type) -> Any:
    from PySide6.QtWidgets import QApplication

    widget = QApplication.activeModalWidget() or QApplication.activeWindow()
    return (
        widget if widget is not None and isinstance(widget, kind) and widget.isVisible() else None
    )


def open_reports(v: Visit) -> None:
    from hearing_helper.ui.reports.supervisor import PasswordDialog
    from hearing_helper.ui.reports.view import ReportsWindow

    v.key("alt+t")
    v.key("r")
    v.until(lambda: _active(PasswordDialog), 3, "Tools > Reports asked for no password")
    v.type(PASSWORD)
    v.key("Return")
    v.until(lambda: _active(ReportsWindow), 10, "the reports window did not open")
    reports = v.gui(lambda: _active(ReportsWindow))
    v.until(lambda: reports.report is not None, 20, "the report was not shown")


def export(v: Visit, fmt: str) -> None:
    from hearing_helper.ui.reports import open_reports_window
    from hearing_helper.ui.reports.view import ReportsWindow

    reports = v.gui(lambda: open_reports_window(v.window.services))
    if not v.gui(lambda: isinstance(reports, ReportsWindow) and reports.isActiveWindow()):
        raise KeyRouteError("the reports window is not there")
    letter = {"csv": "c", "xlsx": "e", "pdf": "p"}[fmt]
    v.key(f"alt+{letter}")
    if fmt != "pdf":
        v.until(lambda: _modal_title() != "", 5, f"Alt+{letter.upper()}: no export options")
        v.key("Return")  # masked, as offered
    v.until(lambda: "QFileDialog" in _modal_class(), 5, "no file dialog")
    path = v.out / f"visit-export.{fmt}"
    v.key("ctrl+a")
    v.type(str(path))
    v.key("Return")
    v.until(lambda: path.exists() and path.stat().st_size > 0, 20, f"{path.name} was not written")
    v.until(lambda: reports.isActiveWindow(), 5)


def _modal_class() -> str:
    from PySide6.QtWidgets import QApplication

    modal = QApplication.activeModalWidget()
    return type(modal).__name__ if modal is not None else ""


def switch_language(v: Visit, lang: str) -> None:
    """Close the reports (Esc), then Language > 中文 / English from the clerk's window (the
    menu opens on its first item, 中文)."""
    from hearing_helper.ui.reports.supervisor import PasswordDialog

    v.key("Escape")
    v.until(lambda: v.window.isActiveWindow(), 5, "Esc did not close the reports window")
    old = v.gui(lambda: v.window)
    v.key("alt+g")
    v.key(*(["Down"] if lang == "en" else []), "Return")
    if v.until(lambda: _active(PasswordDialog), 1.5):  # the Language menu may be protected
        v.type(PASSWORD)
        v.key("Return")
    v.until(lambda: v.window is not old and v.window.language == lang, 10, f"not in {lang}")
    v.until(lambda: v.window.isActiveWindow(), 5, "the rebuilt window has no keyboard")
