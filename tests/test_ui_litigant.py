"""The litigant window: ageing-friendly sizes and contrast (computed), never takes focus, opens
beside the clerk's window, says per result what it means for the litigant, reads aloud."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QTextBlockFormat, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from hearing_helper.checks.registry import available_ids
from hearing_helper.services import AppServices
from hearing_helper.ui.checks.litigant_texts import litigant_sentence
from hearing_helper.ui.litigant_view import BACKGROUND, LitigantWindow, spoken_text
from hearing_helper.ui.main_window import MainWindow
from hearing_helper.ui.wizard.base import LitigantContent
from tests.ui_fixtures import CLERK, OFFSCREEN_NOISE, english, services  # noqa: F401

pytestmark = OFFSCREEN_NOISE

CONTENT = LitigantContent(
    title="第二步：设备检测",
    lines=[
        "\u2714 摄像头：正常，能看清您。",
        "\u2716 麦克风：还听不到您的声音，工作人员正在处理。",
    ],
    qr_payload="https://meeting.tencent.com/dm/AbCdEf123",
    qr_caption="请用手机扫码",
)


def relative_luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_widgets(window: QWidget) -> list[QWidget]:
    return [w for w in window.findChildren(QWidget) if isinstance(w, QLabel | QPushButton)]


@pytest.fixture
def litigant(qtbot: QtBot) -> LitigantWindow:
    window = LitigantWindow()
    qtbot.addWidget(window)
    window.show_content(CONTENT)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_text_sizes_follow_the_ageing_friendly_guideline(litigant: LitigantWindow) -> None:
    sizes = [w.font().pointSizeF() for w in text_widgets(litigant) if w.isVisible()]
    assert sizes and min(sizes) >= 18, sizes
    assert max(sizes) >= 30, sizes


def test_line_spacing_is_at_least_1_3(litigant: LitigantWindow) -> None:
    document = QTextDocument()
    document.setHtml(litigant.lines_label.text())
    block = document.firstBlock()
    heights = []
    while block.isValid():
        fmt = block.blockFormat()
        assert fmt.lineHeightType() == QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        heights.append(fmt.lineHeight())
        block = block.next()
    assert len(heights) == 2 and min(heights) >= 130


def test_every_text_colour_has_contrast_4_5_to_1(litigant: LitigantWindow) -> None:
    litigant.show_notice("没有安装中文语音。")
    pairs = []
    for widget in text_widgets(litigant):
        widget.ensurePolished()
        palette = widget.palette()
        if isinstance(widget, QPushButton):
            background = palette.color(QPalette.ColorRole.Button)
            foreground = palette.color(QPalette.ColorRole.ButtonText)
        else:
            background = QColor(BACKGROUND)  # labels are transparent over the window
            foreground = palette.color(QPalette.ColorRole.WindowText)
        pairs.append(
            (widget.objectName() or type(widget).__name__, contrast(foreground, background))
        )
    assert len(pairs) >= 5
    low = [(name, round(ratio, 2)) for name, ratio in pairs if ratio < 4.5]
    assert not low, low


def test_colour_is_never_the_only_signal() -> None:
    for check_id in [*available_ids(), "phone"]:
        sentences = {
            status: litigant_sentence(check_id, status) for status in ("pass", "warn", "fail")
        }
        assert all(sentences.values()), check_id
        symbols = {text.split(" ", 1)[0] for text in sentences.values()}
        assert len(symbols) == 3, (check_id, sentences)  # a different symbol per outcome


def test_it_never_takes_the_keyboard(qtbot: QtBot, services: AppServices, english: None) -> None:  # noqa: F811
    services.repo.save_staff(CLERK)
    window = MainWindow(services, CLERK)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.main_actions.litigant.trigger()
    litigant = window.litigant_screen.window
    assert litigant is not None and litigant.isVisible()
    assert litigant.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert litigant.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert litigant.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert litigant.read_button.focusPolicy() == Qt.FocusPolicy.NoFocus
    qtbot.wait(50)
    assert QApplication.activeWindow() is window


def test_on_one_monitor_it_opens_beside_the_clerk(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    window = MainWindow(services, CLERK)
    qtbot.addWidget(window)
    window.show_initial()
    qtbot.waitExposed(window)
    window.litigant_screen.set_visible(True)
    litigant = window.litigant_screen.window
    assert litigant is not None
    area = window.screen().availableGeometry()
    clerk, shown = window.frameGeometry(), litigant.frameGeometry()
    assert not clerk.intersects(shown), (clerk, shown)
    assert area.contains(shown) and area.contains(window.geometry())


def test_full_screen_drops_the_f11_hint(litigant: LitigantWindow) -> None:
    assert litigant.hint.isVisible() and "F11" in litigant.hint.text()
    litigant.toggle_full_screen()
    assert not litigant.hint.isVisible()
    litigant.toggle_full_screen()
    assert litigant.hint.isVisible()


def test_read_aloud_reads_title_lines_and_caption(litigant: LitigantWindow, qtbot: QtBot) -> None:
    with qtbot.waitSignal(litigant.read_aloud_requested) as said:
        litigant.read_button.click()
    assert said.args == [spoken_text(CONTENT)]
    text = said.args[0]
    assert text.startswith("第二步：设备检测。摄像头") and "\u2714" not in text
    assert "请用手机扫码" in text


def test_many_lines_shrink_to_fit_but_stay_large(
    qtbot: QtBot,
    services: AppServices,  # noqa: F811
    english: None,  # noqa: F811
) -> None:
    window = MainWindow(services, CLERK)
    qtbot.addWidget(window)
    window.show_initial()
    qtbot.waitExposed(window)
    window.litigant_screen.set_visible(True)
    litigant = window.litigant_screen.window
    assert litigant is not None
    sentence = "\u2716 Microphone: we cannot hear you yet. The clerk is fixing it."
    litigant.show_content(LitigantContent(title="Device checks", lines=[sentence] * 5))
    label = litigant.lines_label
    qtbot.waitUntil(lambda: label.font().pointSize() < 28, timeout=2000)
    assert label.font().pointSize() >= 18  # never below the guideline's large text
    bottom = label.mapTo(litigant, label.rect().topLeft()).y() + label.heightForWidth(label.width())
    assert bottom <= litigant.read_button.mapTo(litigant, litigant.read_button.rect().topLeft()).y()
