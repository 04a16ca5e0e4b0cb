"""``hearing-helper sync [--once] [--json]``: send this desk's outbox to the central database.

``--once``: one attempt to send everything now (it connects even when nothing waits).
Without it, failed attempts are retried with the sender's backoff until everything is sent
(Ctrl+C stops). Exit 0 when the outbox is empty afterwards and nothing is in conflict or set
aside; 1 when something is left, in conflict or set aside (the reason is printed; ``--json``
lists the items set aside with their reasons under ``held``); 2 for bad usage (no central
database configured). The catalog version in use, and one refused on this desk with its
problems, are printed too (``--json``: ``catalog``); a refused catalog does not change the exit
code (the records' state does).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from hearing_helper.commands import open_services
from hearing_helper.store.sync.catalog_pull import CatalogStatus
from hearing_helper.store.sync.sender import Backoff, PushResult, SyncStatus


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--once", action="store_true", help="one attempt, no retries")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument(
        "--resend-all",
        action="store_true",
        help="queue this desk's whole history again first (after the central database was "
        "restored from an older backup; what the server has is ignored)",
    )
    parser.add_argument(
        "--retry-held",
        action="store_true",
        help="send the items set aside again (after court IT fixed why the server refused them)",
    )


def describe(status: SyncStatus) -> str:
    """The sync state in one plain sentence (English; the window shows its own words)."""
    if status.conflicts:
        keys = "".join(f"\n  {key}" for key in status.conflict_keys[:20])
        return (
            f"{status.conflicts} items are in conflict on the central database (it already has "
            "a different copy): a supervisor settles record versions on Tools → Conflicts…; "
            "court IT checks audit and export entries. "
            + (f"{status.waiting} items are waiting." if status.waiting else "")
        ).strip() + keys
    if status.unreachable_since:
        return (
            f"{status.waiting} items are waiting; the central database has not been reachable "
            f"since {status.unreachable_since}: {status.last_error}"
        )
    if status.held:
        lines = [
            f"{len(status.held)} items were set aside: the central database refused them "
            "(the rest was sent). Court IT checks the reasons, then runs "
            "`hearing-helper sync --retry-held`:"
        ]
        lines += [f"  {item.key}: {item.reason}" for item in status.held[:20]]
        if len(status.held) > 20:
            lines.append(f"  ... and {len(status.held) - 20} more (sync --json lists them all)")
        if status.waiting:
            lines.append(f"{status.waiting} items are waiting to be sent.")
        return "\n".join(lines)
    if status.waiting:
        return f"{status.waiting} items are waiting to be sent."
    return "All records are on the central database."


def describe_catalog(catalog: CatalogStatus | None) -> str:
    """Which catalog version court IT published this desk uses, and any version it refused."""
    if catalog is None:
        return ""
    if catalog.version is None:
        words = "Catalog: the shipped one (no version published by court IT taken yet)."
    else:
        words = (
            f"Catalog: court version {catalog.version} (published {catalog.published_at} "
            f"by {catalog.published_by})."
        )
    refused = catalog.refused
    if refused is not None:
        kept = f"version {catalog.version}" if catalog.version else "the shipped catalog"
        words += (
            f"\nCatalog version {refused.version} from the central database was refused on "
            f"this desk, which keeps {kept}; court IT fixes the files and publishes again:"
        )
        words += "".join(f"\n  {problem}" for problem in refused.problems[:20])
    return words


def _report(result: PushResult, sent: int, as_json: bool) -> int:
    status = result.status
    if as_json:
        print(json.dumps({"sent": sent, "ok": result.ok} | status.to_json(), ensure_ascii=False))
    else:
        print(f"Sent {sent} items. {describe(status)}")
        catalog = describe_catalog(status.catalog)
        if catalog:
            print(catalog)
        if status.clock_skewed:
            print(
                f"Warning: this PC's clock is {status.skew_s:+.0f} s off the server's; "
                "hearing times and durations depend on it. Ask court IT to set the time."
            )
    return 0 if result.ok else 1


def run(args: argparse.Namespace) -> int:
    from hearing_helper.store.errors import StoreError
    from hearing_helper.store.sync.desk import NotJoinedError, open_sender

    services = open_services(args)
    if services is None:
        return 1
    try:
        url = getattr(args, "central", None) or str(services.settings.get("central") or "")
        desk_name = str(services.settings.get("desk_name") or "")
        sender = open_sender(services.data_dir, url, desk_name, services.repo)
    except NotJoinedError as exc:
        services.close()
        print(f"hearing-helper: {exc}", file=sys.stderr)
        return 2
    except StoreError as exc:
        services.close()
        print(f"hearing-helper: {exc}", file=sys.stderr)
        return 1
    # A sync someone runs also asks the court for answers to this desk's follow-ups.
    sender.outbox.update_state(last_exchange=None)
    if args.resend_all:
        queued = sender.outbox.requeue_all()
        if not args.json:
            print(f"Queued {queued} items of this desk's history again.")
    if args.retry_held:
        released = sender.outbox.release_held()
        if not args.json:
            print(f"Queued {released} items set aside again.")
    sent = 0
    backoff = Backoff()
    try:
        while True:
            # Asked for by a person or a job: connect even with nothing waiting, so the
            # conflicts and the catalog court IT published are checked now.
            result = sender.push(force=True)
            sent += result.sent
            if args.once or result.ok or result.status.conflicts:
                break
            if result.status.held and not result.status.waiting and not result.status.last_error:
                break  # everything else is sent; what is set aside waits for court IT
            delay = backoff.delay(result.status.failures) if result.status.last_error else 0.0
            if not args.json:
                print(f"{describe(result.status)} Retrying in {delay:.0f} s.", file=sys.stderr)
            time.sleep(delay)
    except KeyboardInterrupt:
        result = PushResult(sent=0, batches=0, status=sender.status())
    finally:
        sender.outbox.close()
        services.close()
    return _report(result, sent, args.json)
