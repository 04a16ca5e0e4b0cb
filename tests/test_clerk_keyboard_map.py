"""The README's keyboard map is what the keys do (issue 17, "Done when"): each row of the table is
read from README.md and pressed on the real windows, in Chinese and in English; the F1 list has
the same rows; and every shortcut the clerk's window answers is in the map."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeyEvent, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from hearing_helper.checks.phone_checklist import PHONE_ITEMS, Answer
from hearing_helper.domain.enums import Outcome
from hearing_helper.domain.visit import RatingSource, VisitKind
from hearing_helper.services import AppServices
from hearing_helper.ui.checks.checks_page import ChecksPage
from hearing_helper.ui.main_window import MainWindow
from hearing_helper.ui.shell.keyboard_help import KEYBOARD_MAP, KeyboardDialog
from hearing_helper.ui.shell.litigant_screen import LitigantScreen
from hearing_helper.ui.wizard.finish_page import FinishPage
from hearing_helper.ui.wizard.intake_page import IntakePage
from hearing_helper.ui.wizard.wizard import AssistanceWizard
from tests.clerk_fixtures import intake_done, open_main_window, press
from tests.ui_fixtures import OFFSCREEN_NOISE, finished_record, page_now, services  # noqa: F401
from tests.ui_windows import language

pytestmark = OFFSCREEN_NOISE
README = Path(__file__).resolve().parent.parent / "README.md"
MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def readme_keyboard_map() -> list[tuple[str, str]]:
    """The rows (keys, what it does) of the README's "Keyboard map" table."""
    text = README.read_text(encoding="utf-8")
    section = text.split("### Keyboard map", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 2 and line.startswith("|") and cells[0] not in ("keys", "---"):
            rows.append((cells[0], cells[1]))
    return rows


ROWS = readme_keyboard_map()


def test_the_f1_list_has_the_readme_rows() -> None:
    assert [keys for keys, _ in ROWS] == [keys for keys, _ in KEYBOARD_MAP]


def _focused() -> QWidget | None:
    return QApplication.focusWidget()


def _keyboard_target(widget: QWidget | None) -> QWidget | None:
    """The widget that takes the keyboard for ``widget`` (its focus proxy's, if any)."""
    while widget is not None and widget.focusProxy() is not None:
        widget = widget.focusProxy()
    return widget


def _wizard_at(
    qtbot: QtBot, window: MainWindow, step: int, kind: VisitKind = VisitKind.HEARING_DAY
) -> AssistanceWizard:
    window.open_wizard(intake_done(kind, days_ahead=0))
    press(qtbot, f"Alt+{step}")
    assert window.wizard is not None
    return window.wizard


# --- one check per row: press the keys on the real window, see the effect ------------------------


def ctrl_n(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, "Ctrl+N")
    assert window.wizard is not None
    assert _focused() is page_now(window.wizard, IntakePage).case_number


def ctrl_l(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, "Ctrl+L")
    assert window.litigant_screen.window is not None and window.litigant_screen.window.isVisible()
    assert QApplication.activeWindow() is window  # it never takes the keyboard
    press(qtbot, "Ctrl+L")
    assert not window.litigant_screen.window.isVisible()


def ctrl_r(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.main_actions.read_aloud.triggered, timeout=2000):
        press(qtbot, "Ctrl+R")


def ctrl_f11(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, "Ctrl+F11")
    litigant = window.litigant_screen.window
    assert litigant is not None and litigant.windowState() & Qt.WindowState.WindowFullScreen
    press(qtbot, "Ctrl+F11")
    assert not litigant.windowState() & Qt.WindowState.WindowFullScreen


def alt_digits(qtbot: QtBot, window: MainWindow) -> None:
    wizard = _wizard_at(qtbot, window, 3)
    assert wizard.current_index == 2
    for number in (5, 1):
        press(qtbot, f"Alt+{number}")
        assert wizard.current_index == number - 1


def ctrl_pages(qtbot: QtBot, window: MainWindow) -> None:
    wizard = _wizard_at(qtbot, window, 2)
    press(qtbot, "Ctrl+PgDown")
    assert wizard.current_index == 2
    press(qtbot, "Ctrl+PgUp")
    assert wizard.current_index == 1


def ctrl_return(qtbot: QtBot, window: MainWindow) -> None:
    wizard = _wizard_at(qtbot, window, 1)
    press(qtbot, "Ctrl+Return")
    assert wizard.current_index == 1


def ctrl_s(qtbot: QtBot, window: MainWindow) -> None:
    wizard = _wizard_at(qtbot, window, 1)
    with qtbot.waitSignal(wizard.saved, timeout=2000):
        press(qtbot, "Ctrl+S")


def _walk_labels(qtbot: QtBot, wizard: AssistanceWizard) -> None:
    """Each labelled field of the current page: Alt+letter puts the keyboard there and changes
    nothing in the record."""
    page = wizard.current_page()
    before = wizard.record.to_dict()
    labels = [
        label
        for label in page.findChildren(QLabel)
        if label.buddy() is not None
        and label.buddy().isEnabled()  # a field switched off cannot take the keyboard
        and label.isVisible()
        and MNEMONIC.search(label.text())
    ]
    assert len(labels) >= 3, page.step_id
    for label in labels:
        found = MNEMONIC.search(label.text())
        assert found is not None
        letter = found.group(1).upper()
        press(qtbot, f"Alt+{letter}")
        assert _focused() is _keyboard_target(label.buddy()), label.text()
    after = wizard.record.to_dict()
    for part in ("intake", "kind", "outcome", "satisfaction", "preparation", "join"):
        assert after.get(part) == before.get(part), (page.step_id, part)


def alt_letters(qtbot: QtBot, window: MainWindow) -> None:
    """Intake and Finish of both kinds of visit: Alt+letter goes there, choosing nothing."""
    wizard = _wizard_at(qtbot, window, 1)
    _walk_labels(qtbot, wizard)
    press(qtbot, "Alt+5")
    _walk_labels(qtbot, wizard)
    wizard.close_wizard()
    wizard = _wizard_at(qtbot, window, 5, VisitKind.PREPARATION)
    _walk_labels(qtbot, wizard)
    press(qtbot, "Alt+1")  # Alt+Y on a preparation visit used to make it a hearing-day one
    _walk_labels(qtbot, wizard)


def f5(qtbot: QtBot, window: MainWindow) -> None:
    wizard = _wizard_at(qtbot, window, 2)
    checks = page_now(wizard, ChecksPage)
    press(qtbot, "F5")
    # F5 started the checks: some are running or have a result (this used to test the bound
    # method ``results`` itself, always true, before a ``busy`` that no page has).
    controller = checks.controller
    qtbot.waitUntil(lambda: bool(controller.results()) or controller.running, timeout=5000)


def y_n_question(qtbot: QtBot, window: MainWindow) -> None:
    wizard = _wizard_at(qtbot, window, 2)
    checklist = page_now(wizard, ChecksPage).phone
    press(qtbot, "Alt+P")
    for key, answer in (("Y", Answer.PASS), ("N", Answer.FAIL), ("?", Answer.NOT_APPLICABLE)):
        press(qtbot, key)
        assert answer in checklist.answers().values(), key
    assert _focused() is checklist._buttons[(PHONE_ITEMS[3].id, Answer.PASS)]


def arrow_keys(qtbot: QtBot, window: MainWindow) -> None:
    wizard = _wizard_at(qtbot, window, 5)
    finish = page_now(wizard, FinishPage)
    press(qtbot, "Alt+U")
    press(qtbot, "Down")
    assert _focused() is finish.outcome_buttons[Outcome.JOINED_AFTER_HELP]
    assert wizard.record.outcome is None  # moving chooses nothing


def space(qtbot: QtBot, window: MainWindow) -> None:
    wizard = _wizard_at(qtbot, window, 5)
    press(qtbot, "Alt+U")
    press(qtbot, "Space")
    assert wizard.record.outcome is Outcome.JOINED


def keypad(qtbot: QtBot, window: MainWindow) -> None:
    wizard = _wizard_at(qtbot, window, 5)
    event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_4, Qt.KeyboardModifier.KeypadModifier, "4")
    focused = _focused()
    assert focused is not None
    QApplication.sendEvent(focused, event)
    assert wizard.record.satisfaction == 4
    assert wizard.record.rating_source is RatingSource.LITIGANT


def tab(qtbot: QtBot, window: MainWindow) -> None:
    wizard = _wizard_at(qtbot, window, 1)
    page = page_now(wizard, IntakePage)
    page.case_number.setFocus()
    press(qtbot, "Tab")
    assert _focused() is page.hearing_date
    press(qtbot, "Shift+Tab")
    assert _focused() is page.case_number


def enter(qtbot: QtBot, window: MainWindow) -> None:
    window.services.repo.import_finished([finished_record("（2026）冀1126民初5号", "李四")], "t")
    window.home.history.refresh()
    qtbot.waitUntil(lambda: window.home.history.model.rowCount() == 1, timeout=5000)
    window.home.history.table.setFocus()
    window.home.history.table.selectRow(0)
    press(qtbot, "Return")
    qtbot.waitUntil(lambda: getattr(window, "detail_dialog", None) is not None, timeout=3000)
    assert window.detail_dialog is not None
    window.detail_dialog.close()


def esc(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, "F1")
    dialog = window.desk_settings.keyboard_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: (_focused() or window).window() is dialog, timeout=2000)
    press(qtbot, "Esc")
    assert not dialog.isVisible()


def ctrl_q(qtbot: QtBot, window: MainWindow) -> None:
    wizard = _wizard_at(qtbot, window, 1)
    record_id = wizard.record.id
    press(qtbot, "Ctrl+Q")
    assert not window.isVisible()
    assert window.services.repo.get(record_id).intake.case_number  # the assistance is saved


def f1(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, "F1")
    assert isinstance(window.desk_settings.keyboard_dialog, KeyboardDialog)
    assert window.desk_settings.keyboard_dialog.isVisible()
    window.desk_settings.keyboard_dialog.close()


def f9(qtbot: QtBot, window: MainWindow) -> None:
    window.services.settings.set("central", "postgresql://desk1@127.0.0.1:1/court")
    controller = window.sync.controller
    with qtbot.waitSignal(controller.push_started, timeout=2000):
        press(qtbot, "F9")
    controller.stop(0)


CHECKS: dict[str, Callable[..., None]] = {
    "Ctrl+N": ctrl_n,
    "Ctrl+L": ctrl_l,
    "Ctrl+R": ctrl_r,
    "Ctrl+F11": ctrl_f11,
    "Alt+1 \u2026 Alt+5": alt_digits,
    "Ctrl+PgDown / Ctrl+PgUp": ctrl_pages,
    "Ctrl+Return": ctrl_return,
    "Ctrl+S": ctrl_s,
    "Alt+underlined letter": alt_letters,
    "F5": f5,
    "F9": f9,
    "Y / N / ?": y_n_question,
    "Arrow keys": arrow_keys,
    "Space": space,
    "Keypad 1-5": keypad,
    "Tab / Shift+Tab": tab,
    "Enter": enter,
    "Esc": esc,
    "Ctrl+Q": ctrl_q,
    "F1": f1,
}


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("keys", [keys for keys, _ in ROWS])
def test_each_row_of_the_readme_map_does_what_it_says(
    qtbot: QtBot,
    qapp: QApplication,
    services: AppServices,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    keys: str,
    lang: str,
) -> None:
    assert keys in CHECKS, f"the README lists {keys!r} but no test presses it"
    # stub: no sound in tests: speaking needs a speech engine (test_ui_speech.py has one)
    monkeypatch.setattr(LitigantScreen, "speak", lambda _self, _text: None)  # no sound in tests
    with language(qapp, lang):
        window = open_main_window(qtbot, services)
        window.start(offer_drafts=False)
        CHECKS[keys](qtbot, window)


def _shortcut_texts(window: MainWindow) -> set[str]:
    found = set()
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            found.add(sequence.toString())
    for shortcut in window.findChildren(QShortcut):
        found.add(shortcut.key().toString())
    return {text for text in found if text}


def test_every_shortcut_of_the_clerks_window_is_in_the_map(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
) -> None:
    window = open_main_window(qtbot, services)
    window.open_wizard(intake_done(VisitKind.HEARING_DAY, days_ahead=0))
    wizard = window.wizard
    assert wizard is not None
    for index in range(len(wizard.pages)):
        wizard.go_to(index)  # pages add their own (F5 on the checks)
    mapped = " ".join(keys for keys, _ in ROWS).replace("\u2026", "")
    tokens = set(re.split(r"[\s/]+", mapped))
    digits = {f"Alt+{n}" for n in range(1, 6)}
    missing = {
        text for text in _shortcut_texts(window) if text not in tokens and text not in digits
    }
    assert not missing, f"shortcuts not in the README's keyboard map: {sorted(missing)}"


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_underlined_letter_leads_somewhere(
    qtbot: QtBot,
    qapp: QApplication,
    services: AppServices,  # noqa: F811
    lang: str,
) -> None:
    """A label's Alt letter in any window must reach a field that takes the keyboard (Alt+M
    on the hearing time used to go to a box that could not); a letter shown on a label without
    a field does nothing at all."""
    from tests.ui_windows import all_windows

    dead: list[str] = []
    with language(qapp, lang):
        for name, window in all_windows(qtbot, services):
            for label in window.findChildren(QLabel):
                rich = label.textFormat() == Qt.TextFormat.RichText or label.text().startswith("<")
                if rich or not label.isVisibleTo(window) or not MNEMONIC.search(label.text()):
                    continue  # rich text has no Alt letters (an "&" there is HTML)
                target = _keyboard_target(label.buddy())
                if target is None or target.focusPolicy() == Qt.FocusPolicy.NoFocus:
                    dead.append(f"{name}: {label.text()!r}")
    assert not dead, dead
