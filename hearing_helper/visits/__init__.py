"""Visits (issue 13): the recommended way to join, the shared list of failure causes, the
labels of visit codes and the follow-up list. Pure Python, no Qt.

``load_join_rules(data_dir)`` reads the rules (``assets/join_modes/join_modes.toml``, or the
court's own copy in the data dir); ``recommend(VisitFacts..., rules)`` applies them.
"""

from __future__ import annotations

from hearing_helper.visits.join_rules import JoinRules, JoinRulesLoad, load_join_rules
from hearing_helper.visits.recommend import Reason, Recommendation, VisitFacts, recommend

__all__ = [
    "JoinRules",
    "JoinRulesLoad",
    "Reason",
    "Recommendation",
    "VisitFacts",
    "load_join_rules",
    "recommend",
]
