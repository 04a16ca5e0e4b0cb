"""What the checks page says about a run: the progress line for the clerk and the first line of
the litigant window. Plain functions of the run's state, translated at call time in the page's
context ("ChecksPage"), so the page keeps only the bookkeeping."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from PySide6.QtCore import QCoreApplication

from hearing_helper.ui.checks.texts import check_title

ATTENTION = ("warn", "fail", "error")


def activity_now(asking: bool, running: Collection[str]) -> str:
    """The one thing the litigant should do now: answering beats speaking beats looking."""
    if asking:
        return "speakers"
    return next((c for c in ("microphone", "camera") if c in running), "")


def litigant_first_line(activity: str, running: list[str], has_results: bool) -> str:
    """The instruction for ``activity``, else the checks running (ids, in row order), else the
    promise of what will be checked before any result; "" once results speak for themselves."""
    if activity == "microphone":
        return QCoreApplication.translate(
            "ChecksPage", 'Please say into the microphone: "The weather is nice today"'
        )
    if activity == "speakers":
        return QCoreApplication.translate(
            "ChecksPage", "Can you hear the test sound? Please tell the clerk."
        )
    if activity == "camera":
        return QCoreApplication.translate("ChecksPage", "Please look at the camera.")
    if running:
        names = QCoreApplication.translate("ChecksPage", ", ").join(check_title(c) for c in running)
        return QCoreApplication.translate("ChecksPage", "Now checking: %1").replace("%1", names)
    if not has_results:
        return QCoreApplication.translate(
            "ChecksPage", "The clerk will check the camera, microphone, sound and internet."
        )
    return ""


def progress_summary(
    statuses: Mapping[str, str], total: int, pending: int, running: bool
) -> tuple[int, int, str]:
    """``(maximum, value, text)`` of the progress bar and its line.

    While a run goes: how many of its ``total`` checks are done. Otherwise: the rows with a
    result, and the checks that need attention named (a count alone sends the clerk hunting).
    ``statuses`` maps every row's check id to its status, in row order.
    """
    if running and total:
        done = total - pending
        text = QCoreApplication.translate("ChecksPage", "%1 of %2 checks done")
        return total, done, text.replace("%1", str(done)).replace("%2", str(total))
    shown = [status for status in statuses.values() if status != "waiting"]
    maximum = max(1, len(statuses))
    if not shown:
        return maximum, 0, QCoreApplication.translate("ChecksPage", "Not checked yet")
    attention = [check_title(c) for c, status in statuses.items() if status in ATTENTION]
    passed = str(sum(1 for status in shown if status == "pass"))
    if attention:
        text = QCoreApplication.translate("ChecksPage", "%1 passed; needs attention: %2")
        names = QCoreApplication.translate("ChecksPage", ", ").join(attention)
        text = text.replace("%2", names)
    else:
        text = QCoreApplication.translate("ChecksPage", "%1 passed, none needs attention")
    return maximum, len(shown), text.replace("%1", passed)
