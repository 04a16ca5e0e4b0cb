"""``hearing-helper check``: run the automatic device and network checks without a window.

Exit 0 when every check passes (or is skipped), 1 when any warns, fails or breaks, 2 on bad
arguments. Speakers have no listener here: they are tested by loop-back (tone played and looked
for in the microphone) or skipped.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import Any
from urllib.parse import urlsplit

from hearing_helper.checks.base import CheckContext, CheckResult, CheckStatus
from hearing_helper.checks.loopback import apply_loopback_credit
from hearing_helper.checks.registry import (
    UnknownCheckError,
    available_ids,
    build_checks,
    parse_ids,
)
from hearing_helper.checks.remedies import describe, remedy_text, title
from hearing_helper.checks.thresholds import effective_thresholds
from hearing_helper.config import Settings
from hearing_helper.paths import resolve_data_dir

log = logging.getLogger(__name__)

DEVICE_CHECKS = {"camera", "microphone", "speakers"}
STATUS_WORDS = {"pass": "PASS", "warn": "WARN", "fail": "FAIL", "skipped": "SKIP", "error": "ERROR"}
TABLE_METRICS = (  # the figures worth a glance, per check
    "fps",
    "width_px",
    "height_px",
    "rms_dbfs",
    "peak_dbfs",
    "loopback_snr_db",
    "latency_median_ms",
    "jitter_ms",
    "failures_pct",
    "download_mbps",
    "disk_free_gb",
    "memory_free_mb",
    "cpu_load_pct",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--platform", metavar="P", help="hearing platform id from the catalog (network endpoints)"
    )
    parser.add_argument(
        "--only",
        metavar="IDS",
        help="comma-separated check ids to run (default: all): " + ",".join(available_ids()),
    )
    parser.add_argument(
        "--url",
        action="append",
        type=_http_url,
        default=[],
        metavar="U",
        help="network test address (repeatable); replaces the catalog's endpoints",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    recommend = parser.add_argument_group("recommended way to join")
    recommend.add_argument(
        "--recommend",
        action="store_true",
        help="also recommend a way to join (own_phone, desk_pc, audio_phone, in_person); "
        'with --json prints {"results": [...], "recommendation": {...}}',
    )
    recommend.add_argument(
        "--device",
        metavar="D",
        help="the litigant's device: own_android, own_iphone, court_terminal, own_laptop",
    )
    recommend.add_argument(
        "--needs", metavar="N", help="comma-separated needs: elderly, hearing, sight, dialect"
    )
    recommend.add_argument(
        "--phone",
        metavar="ITEM=ANSWER",
        help="phone checklist answers, e.g. os_version=fail,storage=pass (answers: pass, fail, na)",
    )


def _http_url(text: str) -> str:
    """``--url`` checked while parsing: an address typed on the command line that does not
    parse is bad usage (exit 2), not a network failure blamed on the settings."""
    url = text.strip()
    problem = ""
    try:
        parts = urlsplit(url)
        if parts.port == 0:
            problem = "the port must be a number from 1 to 65535"
        elif parts.scheme.lower() not in ("http", "https"):
            problem = "it is not a web address"
        elif not parts.hostname:
            problem = "the host name is missing"
    except ValueError as exc:  # a port that is not a number or past 65535, a broken [IPv6]
        bad_port = "port" in str(exc).lower()
        problem = "the port must be a number from 1 to 65535" if bad_port else f"malformed ({exc})"
    if problem:
        raise argparse.ArgumentTypeError(
            f"{text!r}: {problem}; expected an http:// or https:// address such as "
            "https://meeting.example.cn/"
        )
    return url


def _usage_error(message: str) -> int:
    print(f"hearing-helper check: error: {message}", file=sys.stderr)
    return 2


def _network_targets(
    args: argparse.Namespace, settings: Settings, data_dir: Any
) -> tuple[list[str], list[str]] | str:
    """(endpoints, stun servers), or an error message for a bad --platform / --url."""
    endpoints: list[str] = []
    stun: list[str] = []
    if args.platform:
        from hearing_helper.catalog import load_catalog

        catalog = load_catalog(data_dir)
        platform = catalog.platform(args.platform)
        if platform is None:
            known = ", ".join(p.id for p in catalog.platforms) or "none"
            return f"--platform {args.platform!r}: unknown platform (known: {known})"
        endpoints = list(getattr(platform, "network_endpoints", []) or [])
        stun = list(getattr(platform, "stun_servers", []) or [])
    if args.url:
        return list(args.url), stun
    extra = [u for u in settings.get("network_urls") if isinstance(u, str)]
    return endpoints + [u for u in extra if u not in endpoints], stun


def run(args: argparse.Namespace) -> int:
    try:
        checks = build_checks(parse_ids(args.only) if args.only is not None else None)
    except UnknownCheckError as exc:
        return _usage_error(str(exc))
    visit: Any = None
    if args.recommend:
        from hearing_helper.commands.recommend import VisitArgumentError, visit_from_args

        try:
            visit = visit_from_args(args)
        except VisitArgumentError as exc:
            return _usage_error(str(exc))
    elif args.device or args.needs or args.phone:
        return _usage_error("--device, --needs and --phone need --recommend")
    if not checks:
        return _usage_error("--only needs at least one check id")
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    settings = Settings(data_dir)
    targets = _network_targets(args, settings, data_dir)
    if isinstance(targets, str):
        return _usage_error(targets)
    endpoints, stun = targets
    ctx = CheckContext(
        thresholds=effective_thresholds(settings.get("thresholds")),
        platform_id=args.platform or "",
        endpoints=endpoints,
        stun_servers=stun,
        interactive=False,
        options={
            "camera_id": settings.get("camera_id"),
            "microphone_id": settings.get("microphone_id"),
            "speaker_id": settings.get("speaker_id"),
            "network_timeout_s": settings.get("network_timeout_s"),
            "disk_path": str(data_dir if data_dir.exists() else data_dir.parent),
        },
    )
    printer = None if args.json else _print_row
    if printer:
        print(f"{'CHECK':<12} {'RESULT':<6} FINDING")
    if any(check.id in DEVICE_CHECKS for check in checks):
        from hearing_helper.ui.devices.headless import run_with_devices

        results = run_with_devices(checks, ctx, on_result=printer)
    else:
        from hearing_helper.checks.runner import run_checks

        results = run_checks(checks, ctx, on_result=printer)
    credited = apply_loopback_credit(results)
    if printer and credited != results:
        print("The speakers' test sound reached the microphone: the microphone check passes.")
    results = credited
    order = {check.id: i for i, check in enumerate(checks)}
    results.sort(key=lambda r: order.get(r.check_id, len(order)))
    if visit is not None:
        from hearing_helper.commands.recommend import print_recommendation, recommendation_for

        recommendation = recommendation_for(visit, results, data_dir)
        if args.json:
            output = {
                "results": [r.to_json() for r in results],
                "recommendation": recommendation.to_json(),
            }
            print(json.dumps(output, ensure_ascii=False, indent=2))
        else:
            print_recommendation(recommendation)
    elif args.json:
        print(json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=2))
    ok = all(r.status in (CheckStatus.PASS, CheckStatus.SKIPPED) for r in results)
    return 0 if ok else 1


def _figures(result: CheckResult) -> str:
    parts = []
    for key in TABLE_METRICS:
        value = result.metrics.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            parts.append(f"{key}={value:g}")
    return ", ".join(parts)


def _print_row(result: CheckResult) -> None:
    finding = describe(result.code) or result.code
    print(f"{title(result.check_id):<12} {STATUS_WORDS[str(result.status)]:<6} {finding}")
    figures = _figures(result)
    if figures:
        print(f"{'':<19} {figures}")
    remedy = remedy_text(result.remedy_code)
    if remedy:
        print(f"{'':<19} What to do: {remedy}")
    sys.stdout.flush()
