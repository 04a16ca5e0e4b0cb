"""demo-data's records made ready to import in a second process while the first writes them.

Generating a record and turning it into its payload and rows (store/sqlite/prepared.py) is pure
Python; writing them is mostly SQLite. On a machine with two cores the two overlap: a child
process (forked before the database is opened) generates and prepares batch after batch and
hands each over as a file in a temporary folder (the pipe carries only its name: 15 MB through
a 64 KB pipe took hundreds of hand-overs per batch, each a wait for the scheduler on a busy
machine), at most two ahead of the writer (issue 23). The records are the same
as made in one process: the child runs the same generator with the same seed. Where a process
cannot be forked (Windows, a frozen build), or no core is free to run it, the batches are made
in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from hearing_helper.demo import generate_records
from hearing_helper.store.batching import in_batches
from hearing_helper.store.sqlite.prepared import PreparedRecord, prepare_batch

BATCHES_AHEAD = 2  # batches the child may have made before the writer takes them


class DemoDataError(Exception):
    """The process making the demo records stopped; the message says how."""


def _batches(
    count: int, seed: int, days: int, visits: bool, actor: str, size: int
) -> Iterator[list[PreparedRecord]]:
    records = generate_records(count, seed, days=days, visits=visits)
    return (prepare_batch(batch, actor) for batch in in_batches(records, size))


def _produce(sender: Connection, ahead: Any, folder: str, options: tuple[Any, ...]) -> None:
    writer = os.getppid()
    try:
        for number, batch in enumerate(_batches(*options)):
            while not ahead.acquire(timeout=1):  # released by the writer as it takes a batch
                if os.getppid() != writer:
                    return  # the writer was killed: no one will take it
            path = Path(folder) / f"{number}.pickle"
            with path.open("wb") as handle:
                pickle.dump(batch, handle, protocol=pickle.HIGHEST_PROTOCOL)
            sender.send(str(path))
        sender.send(None)
    except (BrokenPipeError, KeyboardInterrupt):  # the writer stopped: nothing to send to
        pass
    except Exception as exc:  # noqa: BLE001 - told to the writer, which stops with the message
        sender.send(("error", f"making the demo records failed: {type(exc).__name__}: {exc}"))


def can_fork() -> bool:
    """A child helps only with a core to run on: on a machine already busy (load average at
    least the cores less one) it only adds the hand-over's cost, measured at ~30 % more CPU
    time at load 10 on 2 cores (README, Test)."""
    if not sys.platform.startswith("linux") or getattr(sys, "frozen", False):
        return False
    cores = os.cpu_count() or 1
    return cores >= 2 and os.getloadavg()[0] < cores - 1


class DemoBatches:
    """Batches of ``size`` prepared demo records; iterate once, then :meth:`close`."""

    def __init__(
        self,
        count: int,
        seed: int,
        *,
        days: int,
        visits: bool,
        actor: str,
        size: int,
        in_background: bool | None = None,
    ) -> None:
        self.options = (count, seed, days, visits, actor, size)
        self.child: multiprocessing.process.BaseProcess | None = None
        self.receiver: Connection | None = None
        self.folder: str | None = None
        if can_fork() if in_background is None else in_background:
            context = multiprocessing.get_context("fork")
            self.folder = tempfile.mkdtemp(prefix="hh-demo-batches-")
            self.ahead = context.Semaphore(BATCHES_AHEAD)
            self.receiver, sender = context.Pipe(duplex=False)
            self.child = context.Process(
                target=_produce,
                args=(sender, self.ahead, self.folder, self.options),
                name="demo-data",
                daemon=True,
            )
            self.child.start()
            sender.close()  # the child's copy is the one left: EOF when the child ends

    def __iter__(self) -> Iterator[list[PreparedRecord]]:
        if self.receiver is None:
            yield from _batches(*self.options)
            return
        while True:
            try:
                message = self.receiver.recv()
            except EOFError:
                code = self.child.exitcode if self.child is not None else None
                raise DemoDataError(
                    f"the process making the demo records ended early (exit code {code})"
                ) from None
            if message is None:
                return
            if isinstance(message, tuple):
                raise DemoDataError(message[1])
            path = Path(message)
            data = path.read_bytes()
            path.unlink()
            self.ahead.release()
            yield pickle.loads(data)  # noqa: S301 - written by our own child just now

    def close(self) -> None:
        """Stop the child (when the writer stopped first) and wait for it."""
        if self.receiver is not None:
            self.receiver.close()
        if self.child is not None:
            if self.child.is_alive():
                self.child.terminate()
            self.child.join()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
