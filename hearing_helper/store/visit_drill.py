"""Drill-down behind the visit figures (issue 13): the extra SQL condition over ``assists a``
for a ``Drill("visit", key)``, the same for every adapter but its parameter mark.

Keys: ``("funnel", stage, mode)`` with stage ``prepared`` (ended ready), ``followed_up``,
``went_ahead`` or ``on_time`` and mode a way to join or "" for all; ``("preparation",
outcome)`` for a preparation outcome.
"""

from __future__ import annotations

from typing import Any

from hearing_helper.domain.visit import FollowUpResult, JoinMode, PreparationOutcome

_STAGES = {
    "prepared": "",
    "followed_up": " AND a.follow_up_result IS NOT NULL",
    "went_ahead": " AND a.follow_up_result IN ('on_time', 'joined_late')",
    "on_time": f" AND a.follow_up_result = '{FollowUpResult.ON_TIME.value}'",
}


def visit_drill_condition(key: tuple[Any, ...], mark: str) -> tuple[str, list[Any]]:
    """(SQL starting with " AND", parameters); ``mark`` is the adapter's "?" or "%s"."""
    if key and key[0] == "preparation" and str(key[1]) in PreparationOutcome._value2member_map_:
        return f" AND a.kind = 'preparation' AND a.prep_outcome = {mark}", [str(key[1])]
    if key and key[0] == "funnel" and str(key[1]) in _STAGES:
        sql = " AND a.kind = 'preparation' AND a.prep_outcome = 'ready'" + _STAGES[str(key[1])]
        mode = str(key[2]) if len(key) > 2 else ""
        if mode:
            if mode not in JoinMode._value2member_map_:
                raise ValueError(f"unknown way to join {mode!r}")
            return sql + f" AND a.chosen_mode = {mark}", [mode]
        return sql, []
    raise ValueError(f"unknown visit drill {key!r}")
