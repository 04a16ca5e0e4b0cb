"""The automatic checks by id, in the order they are shown and run."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import cast

from hearing_helper.checks.base import Check
from hearing_helper.checks.device_checks import CameraCheck, MicrophoneCheck, SpeakersCheck
from hearing_helper.checks.system_check import SystemCheck

log = logging.getLogger(__name__)


class UnknownCheckError(ValueError):
    def __init__(self, unknown: list[str], known: list[str]) -> None:
        super().__init__(f"unknown check id(s): {', '.join(unknown)}; known: {', '.join(known)}")
        self.unknown = unknown
        self.known = known


def _network_factory() -> Callable[[], Check] | None:
    """The network feature's check, when it is installed."""
    try:
        from hearing_helper.checks.network import NetworkCheck
    except ImportError:
        return None
    return cast("Callable[[], Check]", NetworkCheck)


def check_factories() -> dict[str, Callable[[], Check]]:
    """id -> factory, in display and run order (system first: it is quick and tells the most
    about a slow PC; audio checks last so the clerk can read the camera result meanwhile)."""
    factories: dict[str, Callable[[], Check]] = {
        "system": SystemCheck,
        "camera": CameraCheck,
    }
    network = _network_factory()
    if network is not None:
        factories["network"] = network
    factories["microphone"] = MicrophoneCheck
    factories["speakers"] = SpeakersCheck
    return factories


def available_ids() -> list[str]:
    return list(check_factories())


def parse_ids(text: str) -> list[str]:
    """ "camera, microphone" -> ["camera", "microphone"] (order kept, duplicates dropped)."""
    seen: list[str] = []
    for part in text.split(","):
        name = part.strip().lower()
        if name and name not in seen:
            seen.append(name)
    return seen


def build_checks(ids: Iterable[str] | None = None) -> list[Check]:
    """New check objects for ``ids`` (all when None), in registry order. Raises
    UnknownCheckError naming the unknown ids."""
    factories = check_factories()
    if ids is None:
        return [factory() for factory in factories.values()]
    wanted = list(ids)
    unknown = [i for i in wanted if i not in factories]
    if unknown:
        raise UnknownCheckError(unknown, list(factories))
    return [factory() for name, factory in factories.items() if name in wanted]
