"""``hearing-helper demo-data --count N [--seed S]``: fill the data dir with synthetic records.

The records are marked as demo records (``AssistRecord.demo``): a court's central database keeps
them apart from real ones and court-wide reports leave them out unless ``--include-demo``. On a
desk joined to a central database the command refuses (exit 2): use another data folder."""

from __future__ import annotations

import argparse
import sys
import time

from hearing_helper.commands import open_services


def _positive(text: str) -> int:
    value = int(text)
    if value < 1 or value > 10_000_000:
        raise argparse.ArgumentTypeError("expected a whole number from 1 to 10000000")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--count", type=_positive, required=True, help="how many records")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--days", type=_positive, default=365, help="spread over N days")
    parser.add_argument(
        "--no-visits",
        action="store_true",
        help="only hearing-day assistance (no preparation visits, follow-ups or returning "
        "litigants), as before visit kinds existed",
    )


def run(args: argparse.Namespace) -> int:
    from hearing_helper.demo import generate_records, make_clerks

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
    started = time.perf_counter()
    try:
        import random

        for clerk in make_clerks(random.Random(args.seed)):
            services.repo.save_staff(clerk)
        written = services.repo.import_finished(
            generate_records(args.count, args.seed, days=args.days, visits=not args.no_visits),
            actor="demo-data",
        )
    finally:
        services.close()
    elapsed = time.perf_counter() - started
    print(
        f"{written} demo records written to {services.repo.location} in {elapsed:.1f} s",
        file=sys.stdout,
    )
    return 0
