"""What a check run on the page gets: thresholds and settings, the devices chosen, and the
network targets of the record's platform (catalog) plus the extra addresses in settings."""

from __future__ import annotations

import logging
from typing import Any

from hearing_helper.checks.base import CheckContext
from hearing_helper.checks.thresholds import effective_thresholds
from hearing_helper.services import AppServices

log = logging.getLogger(__name__)


def network_targets(services: AppServices, platform_id: str) -> tuple[list[str], list[str]]:
    """(endpoints, STUN servers) of the record's platform plus the extra addresses in settings."""
    endpoints: list[str] = []
    stun: list[str] = []
    if platform_id:
        try:
            from hearing_helper.ui.catalog_cache import catalog_for

            platform = catalog_for(services).platform(platform_id)
        except Exception:  # a broken catalog must not stop the device checks
            log.exception("catalog unavailable for the network check")
            platform = None
        if platform is not None:
            endpoints = list(getattr(platform, "network_endpoints", []) or [])
            stun = list(getattr(platform, "stun_servers", []) or [])
    for url in services.settings.get("network_urls"):
        if isinstance(url, str) and url not in endpoints:
            endpoints.append(url)
    return endpoints, stun


def build_context(
    services: AppServices,
    platform_id: str,
    devices: Any,
    chosen: tuple[str, str, str],
    loopback: bool,
    screen_size: tuple[int, int] | None,
) -> CheckContext:
    settings = services.settings
    camera_id, microphone_id, speaker_id = chosen
    endpoints, stun = network_targets(services, platform_id)
    options: dict[str, Any] = {
        "camera_id": camera_id,
        "microphone_id": microphone_id,
        "speaker_id": speaker_id,
        "loopback": loopback,
        "network_timeout_s": settings.get("network_timeout_s"),
        "disk_path": str(services.data_dir),
    }
    if screen_size is not None:
        options["screen"] = screen_size
    return CheckContext(
        thresholds=effective_thresholds(settings.get("thresholds")),
        platform_id=platform_id,
        endpoints=endpoints,
        stun_servers=stun,
        devices=devices,
        interactive=True,
        options=options,
    )
