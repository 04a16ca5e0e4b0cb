"""Visits (issue 13): the recommended way to join, the shared list of failure causes, the
labels of visit codes and the follow-up list. Pure Python, no Qt.

``load_join_rules(data_dir)`` reads the rules (``assets/join_modes/join_modes.toml``, or the
court's own copy in the data dir); ``recommend(VisitFacts..., rules)`` applies them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hearing_helper.lazy_exports import lazy_getattr

if TYPE_CHECKING:
    from hearing_helper.visits.join_rules import JoinRules, JoinRulesLoad, load_join_rules
    from hearing_helper.visits.recommend import Reason, Recommendation, VisitFacts, recommend

# Name -> submodule, imported on first use (PEP 562): the window's start needs the visit labels,
# not the join rules' loader and the recommendation (issue 23, start-up).
_SUBMODULE = {
    "JoinRules": "join_rules",
    "JoinRulesLoad": "join_rules",
    "load_join_rules": "join_rules",
    "Reason": "recommend",
    "Recommendation": "recommend",
    "VisitFacts": "recommend",
    "recommend": "recommend",
}


__getattr__ = lazy_getattr(__name__, _SUBMODULE, globals())


__all__ = [
    "JoinRules",
    "JoinRulesLoad",
    "Reason",
    "Recommendation",
    "VisitFacts",
    "load_join_rules",
    "recommend",
]
