"""The visit figures (issue 13) on a hand-counted scenario: the independent oracle first."""

from __future__ import annotations

from tests.visits_oracle import visit_figures
from tests.visits_scenario import EXPECTED, NOW, PERIOD, scenario_records


def test_the_scenario_is_made_of_finishable_records() -> None:
    for record in scenario_records():
        assert record.finish_problems() == [], record.id
        assert record.intake.validate(now=record.started_at) == [], record.id


def test_the_oracle_counts_the_scenario_as_counted_by_hand() -> None:
    figures = visit_figures(scenario_records(), date_from=PERIOD[0], date_to=PERIOD[1], now=NOW)
    assert figures == EXPECTED
