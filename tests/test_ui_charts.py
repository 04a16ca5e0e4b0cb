"""Charts of counts have whole-number axes (people are counted, never 0.5)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtSvg import QSvgGenerator
from pytestqt.qtbot import QtBot

from hearing_helper.ui.pdf.charts import count_ticks
from hearing_helper.ui.widgets.charts import VBarChart


@pytest.mark.parametrize("largest", [0, 1, 2, 3, 7, 12, 99, 101, 1234])
def test_ticks_are_whole_numbers_reaching_the_largest(largest: int) -> None:
    ticks = count_ticks(largest)
    assert all(isinstance(t, int) for t in ticks)
    assert ticks[0] == 0 and ticks[-1] >= largest and len(ticks) <= 6


@pytest.mark.parametrize("values", [[1], [1, 0, 1], [2, 1], [5, 3, 1]])
def test_the_people_chart_draws_no_fractions(qtbot: QtBot, values: list[int]) -> None:
    chart = VBarChart("协助人数")
    qtbot.addWidget(chart)
    chart.resize(600, 320)
    chart.set_data([f"11-{d:02d}" for d in range(1, len(values) + 1)], values)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    svg = QSvgGenerator()
    svg.setOutputDevice(buffer)
    svg.setSize(chart.size())
    chart.render(svg)
    drawn = re.findall(r">([^<>]+)</text>", bytes(buffer.data().data()).decode("utf-8"))
    fractions = [text for text in drawn if re.fullmatch(r"\d+\.\d+", text.strip())]
    assert not fractions, drawn
    assert "0" in [text.strip() for text in drawn]
