"""The join-mode rules of a session, read once (a small local file) and kept in the
session (``services.session.join_rules``)."""

from __future__ import annotations

import logging

from hearing_helper.services import AppServices
from hearing_helper.visits.join_rules import JoinRules, load_join_rules

log = logging.getLogger(__name__)


def join_rules_for(services: AppServices) -> JoinRules:
    rules = services.session.join_rules
    if rules is None:
        load = load_join_rules(services.data_dir)
        for error in load.errors:
            log.warning("Join rules: %s (the shipped rules apply)", error)
        rules = load.rules
        services.session.join_rules = rules
    return rules


def forget_join_rules(services: AppServices) -> None:
    """The rules are read again at their next use (a new catalog version was switched to)."""
    services.session.join_rules = None
