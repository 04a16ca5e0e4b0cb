"""The join-mode rules of a session, read once (a small local file) and kept with the services."""

from __future__ import annotations

import logging

from hearing_helper.services import AppServices
from hearing_helper.visits.join_rules import JoinRules, load_join_rules

log = logging.getLogger(__name__)
_ATTRIBUTE = "_join_rules"


def join_rules_for(services: AppServices) -> JoinRules:
    rules: JoinRules | None = getattr(services, _ATTRIBUTE, None)
    if rules is None:
        load = load_join_rules(services.data_dir)
        for error in load.errors:
            log.warning("Join rules: %s (the shipped rules apply)", error)
        rules = load.rules
        setattr(services, _ATTRIBUTE, rules)
    return rules


def forget_join_rules(services: AppServices) -> None:
    """The rules are read again at their next use (a new catalog version was switched to)."""
    if getattr(services, _ATTRIBUTE, None) is not None:
        setattr(services, _ATTRIBUTE, None)
