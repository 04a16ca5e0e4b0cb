"""``hearing-helper demo-data --count N [--seed S]``: fill the data dir with synthetic records.

The records are marked as demo records (``AssistRecord.demo``): a court's central database keeps
them apart from real ones and court-wide reports leave them out unless ``--include-demo``. On a
desk joined to a central database the command refuses (exit 2): use another data folder."""

from __future__ import annotations

import argparse
import sys
import time

from hearing_helper.commands import open_services

MAX_DAYS = 36_500


def _positive(text: str, most: int = 10_000_000) -> int:
    value = int(text)
    if value < 1 or value > most:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to {most}")
    return value


def _days(text: str) -> int:
    """A century at most: the calendar ends before ten million days back (a traceback before)."""
    return _positive(text, MAX_DAYS)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--count", type=_positive, required=True, help="how many records")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--days", type=_days, default=365, help="spread over N days")
    parser.add_argument(
        "--no-visits",
        action="store_true",
        help="only hearing-day assistance (no preparation visits, follow-ups or returning "
        "litigants), as before visit kinds existed",
    )


def run(args: argparse.Namespace) -> int:
    import random

    from hearing_helper.commands.demo_batches import DemoBatches, DemoDataError
    from hearing_helper.demo import generate_records, make_clerks
    from hearing_helper.store.sqlite import SqliteRepository
    from hearing_helper.store.sqlite.repository import IMPORT_BATCH

    started = time.perf_counter()
    # Started before the database is opened: the child generating the records shares nothing
    # with the writer but the pipe between them.
    batches = DemoBatches(
        args.count,
        args.seed,
        days=args.days,
        visits=not args.no_visits,
        actor="demo-data",
        size=IMPORT_BATCH,
    )
    try:
        services = open_services(args)
        if services is None:
            return 1
        central = getattr(args, "central", None) or str(services.settings.get("central") or "")
        if central:
            services.close()
            print(
                "hearing-helper: demo-data refused: this desk is joined to a court's central "
                "database, and every record written here is sent there. Make demo records in "
                "another data folder, e.g. `hearing-helper --data-dir C:\\HH-demo demo-data "
                "--count 500`.",
                file=sys.stderr,
            )
            return 2
        try:
            for clerk in make_clerks(random.Random(args.seed)):
                services.repo.save_staff(clerk)
            repo = services.repo
            if isinstance(repo, SqliteRepository) and repo.import_batch == IMPORT_BATCH:
                written = repo.import_prepared(batches, actor="demo-data")
            else:  # another store: its own import, the records made here
                batches.close()
                records = generate_records(
                    args.count, args.seed, days=args.days, visits=not args.no_visits
                )
                written = repo.import_finished(records, actor="demo-data")
        except DemoDataError as exc:
            print(f"hearing-helper: demo-data stopped: {exc}", file=sys.stderr)
            return 1
        finally:
            services.close()
    finally:
        batches.close()
    elapsed = time.perf_counter() - started
    print(
        f"{written} demo records written to {services.repo.location} in {elapsed:.1f} s",
        file=sys.stdout,
    )
    return 0
