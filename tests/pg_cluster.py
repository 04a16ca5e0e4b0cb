"""A private PostgreSQL cluster the tests start themselves (never a server something else started).

Debian's ``postgresql`` package provides the binaries (``/usr/lib/postgresql/<major>/bin``;
``tools/system_deps.sh test`` installs it). The cluster lives in a temporary folder, listens only
on 127.0.0.1 on a free port, and is stopped at the end of the session even when tests fail (the
fixture's ``finally`` plus an ``atexit`` guard for an interrupted run).

initdb and the server refuse to run as root, so when the tests run as root (CI, the containers
here) both run as the ``postgres`` system user and the folder is chowned to it.

Authentication (pg_hba.conf): the superuser ``postgres`` and every other role connect without a
password over 127.0.0.1 (``trust``), except members of the group role ``password_users``, who
must give their password (SCRAM): the tests of passwords read from the keyring use those.

Without the binaries the PostgreSQL tests are skipped with the reason, except in CI
(``CI=true``), where that is a failure: CI must never silently skip the contract suite.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

LOOPBACK = "127.0.0.1"
SUPERUSER = "postgres"
MIN_MAJOR = 15
START_TIMEOUT_S = 60


class ClusterUnavailableError(Exception):
    """The PostgreSQL server binaries are not installed here."""


def find_bindir() -> Path:
    """The newest ``/usr/lib/postgresql/<major>/bin`` with initdb, major >= 15."""
    override = os.environ.get("HH_TEST_PG_BINDIR")
    candidates = [override] if override else glob.glob("/usr/lib/postgresql/*/bin")
    found: list[tuple[int, Path]] = []
    for candidate in candidates:
        path = Path(candidate)
        if not (path / "initdb").exists() or not (path / "pg_ctl").exists():
            continue
        try:
            major = int(path.parent.name)
        except ValueError:
            major = MIN_MAJOR  # an override folder not named by version: trust it
        if major >= MIN_MAJOR:
            found.append((major, path))
    if not found:
        raise ClusterUnavailableError(
            "PostgreSQL server binaries (initdb, pg_ctl; version 15 or newer) are not installed: "
            "install Debian's 'postgresql' package (tools/system_deps.sh test does it as root)"
        )
    return max(found)[1]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


def _service_user() -> tuple[int, int] | None:
    """(uid, gid) to run the server as when we are root; None when we are not."""
    if os.name != "posix" or os.geteuid() != 0:
        return None
    import pwd  # POSIX only; a Windows developer's run never needs it

    try:
        entry = pwd.getpwnam("postgres")
    except KeyError as exc:
        raise ClusterUnavailableError(
            "running as root, but there is no 'postgres' system user to run the server as "
            "(Debian's postgresql package creates it)"
        ) from exc
    return entry.pw_uid, entry.pw_gid


HBA = f"""\
# Written by tests/pg_cluster.py: loopback only.
local all all trust
host all +password_users {LOOPBACK}/32 scram-sha-256
host all all {LOOPBACK}/32 trust
"""


@dataclass
class PgCluster:
    """One running test server. ``url(db)`` is what the app is given."""

    bindir: Path
    root: Path
    port: int = 0
    _user: tuple[int, int] | None = None
    _counter: int = 0
    _running: bool = False
    log_lines: list[str] = field(default_factory=list)

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "sock"

    @property
    def logfile(self) -> Path:
        return self.root / "server.log"

    def url(self, dbname: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@{LOOPBACK}:{self.port}/{dbname}"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        kwargs: dict[str, object] = {}
        if self._user is not None:
            kwargs = {"user": self._user[0], "group": self._user[1], "extra_groups": []}
        # The user/group keywords only when running as root (typeshed cannot match a dict).
        return subprocess.run(  # type: ignore[call-overload, no-any-return]
            [str(self.bindir / args[0]), *args[1:]],
            check=check,
            capture_output=True,
            text=True,
            cwd=self.root,
            timeout=START_TIMEOUT_S,
            **kwargs,
        )

    def init(self) -> None:
        self._user = _service_user()
        self.socket_dir.mkdir()
        if self._user is not None:
            for path in (self.root, self.socket_dir):
                os.chown(path, *self._user)
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",  # a test cluster: speed over crash safety of the OS
        )
        hba = self.data / "pg_hba.conf"
        hba.write_text(HBA, encoding="utf-8")
        with (self.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write(
                f"\nlisten_addresses = '{LOOPBACK}'\n"
                f"unix_socket_directories = '{self.socket_dir}'\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                "max_connections = 60\nshared_buffers = 64MB\n"
                "log_min_messages = warning\n"
            )
        if self._user is not None:
            os.chown(hba, *self._user)

    def start(self) -> None:
        """Start (or restart after :meth:`stop`) on a free port, or the same port again."""
        last_error = ""
        for _attempt in range(5):
            port = self.port or free_port()
            result = self._run(
                "pg_ctl",
                "-D",
                str(self.data),
                "-l",
                str(self.logfile),
                "-o",
                f"-p {port}",
                "-w",
                "-t",
                str(START_TIMEOUT_S),
                "start",
                check=False,
            )
            if result.returncode == 0:
                self.port = port
                self._running = True
                return
            last_error = result.stderr + self._log_tail()
            if self.port:  # a restart must keep its port; retrying another one is no restart
                break
        raise RuntimeError(f"PostgreSQL did not start: {last_error}")

    def stop(self, mode: str = "fast") -> None:
        """Stop the server ('fast' rolls back open transactions; 'immediate' is a crash)."""
        if not self._running:
            return
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)
        self._running = False

    def _log_tail(self) -> str:
        try:
            return self.logfile.read_text(encoding="utf-8", errors="replace")[-2000:]
        except OSError:
            return ""

    def psql(self, sql: str, dbname: str = "postgres") -> str:
        """Run SQL as the superuser with psql; returns its unaligned output."""
        result = self._run(
            "psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", self.url(dbname), "-c", sql
        )
        return result.stdout

    def new_database(self, template: str = "template1") -> str:
        """A fresh database copied from ``template``; returns its name."""
        self._counter += 1
        name = f"t{os.getpid()}_{self._counter}"
        self.psql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return name

    def destroy(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


OWNER_FILE = "owner.pid"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def remove_abandoned_clusters(folder: Path) -> list[Path]:
    """Stop and remove the clusters in ``folder`` whose test run is gone (killed or crashed
    before its clean-up ran); they would hold their memory, in RAM (tests/conftest.py), until
    the machine restarts. A cluster of a run still going, or without an owner file, is left."""
    removed: list[Path] = []
    for root in folder.glob("hh-pg-*"):
        try:
            owner = int((root / OWNER_FILE).read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            continue
        if _alive(owner):
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            server = int((root / "data" / "postmaster.pid").read_text().split()[0])
            os.kill(server, signal.SIGQUIT)  # PostgreSQL's immediate shutdown
            for _ in range(100):
                if not _alive(server):
                    break
                time.sleep(0.05)
        shutil.rmtree(root, ignore_errors=True)
        removed.append(root)
    return removed


@contextlib.contextmanager
def running_cluster() -> Iterator[PgCluster]:
    """A started cluster, stopped and removed on exit (also on an interpreter exit)."""
    bindir = find_bindir()
    remove_abandoned_clusters(Path(tempfile.gettempdir()))
    root = Path(tempfile.mkdtemp(prefix="hh-pg-"))
    os.chmod(root, 0o755)
    (root / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
    cluster = PgCluster(bindir=bindir, root=root)
    atexit.register(cluster.destroy)
    try:
        cluster.init()
        cluster.start()
        cluster.psql("CREATE ROLE password_users NOLOGIN")
        yield cluster
    finally:
        cluster.destroy()
        atexit.unregister(cluster.destroy)


def wait_until(predicate: Callable[[], object], timeout_s: float = 10.0) -> bool:
    """Poll ``predicate()`` until true or the timeout passes (for server-side state)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False
