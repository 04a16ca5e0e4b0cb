"""``hearing-helper demo-data --count N [--seed S]``: fill the data dir with synthetic records."""

from __future__ import annotations

import argparse
import queue
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

from hearing_helper.commands import open_services

T = TypeVar("T")
CHUNK = 500  # records handed over at a time by the thread that makes them


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
    started = time.perf_counter()
    try:
        import random

        for clerk in make_clerks(random.Random(args.seed)):
            services.repo.save_staff(clerk)
        written = services.repo.import_finished(
            made_ahead(
                generate_records(args.count, args.seed, days=args.days, visits=not args.no_visits)
            ),
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


def made_ahead(items: Iterable[T], chunk: int = CHUNK, chunks: int = 4) -> Iterator[T]:
    """``items``, made in a second thread up to ``chunks`` x ``chunk`` in advance: making
    records is Python work, while SQLite inserts and builds indexes without holding the GIL, so
    on two cores the two overlap (issue 23). An error while making is raised here, in order."""
    waiting: queue.Queue[list[T] | BaseException | None] = queue.Queue(maxsize=chunks)
    stop = threading.Event()

    def offer(thing: list[T] | BaseException | None) -> bool:
        while not stop.is_set():
            try:
                waiting.put(thing, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def make() -> None:
        piece: list[T] = []
        try:
            for item in items:
                piece.append(item)
                if len(piece) == chunk:
                    if not offer(piece):
                        return
                    piece = []
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, raised there
            if not piece or offer(piece):
                offer(exc)
            return
        if not piece or offer(piece):
            offer(None)

    maker = threading.Thread(target=make, name="demo-data-maker", daemon=True)
    maker.start()
    try:
        while (piece := waiting.get()) is not None:
            if isinstance(piece, BaseException):
                raise piece
            yield from piece
    finally:
        stop.set()
        maker.join(timeout=5)
