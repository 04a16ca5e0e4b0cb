#!/usr/bin/env python3
"""Cached build and test roots (Debian chroots, Wine prefixes, toolchains) kept outside the clone.

One module for every packaging lane (Linux bundles for 信创 desks, the Windows build and its
Wine test). A root is made once from a *manifest*: a text naming everything that went into it
(suite, architecture, packages, pinned wheels, the scripts that build it). Its folder is
``<cache>/<name>-<key>`` where ``key`` is a hash of that manifest, so a root is reused for as
long as its manifest is unchanged and rebuilt (beside the old one, which is then removed) when
anything in it changes. CI runs on the same machine right after a session, so a warm cache is
reused there.

The cache folder is ``$HEARING_HELPER_ROOTS`` or ``/var/cache/hearing-helper/roots``. A root is
built into ``<folder>.partial`` and renamed into place only when its builder returned, so an
interrupted build is never mistaken for a finished one; a lock file beside it makes a second
process wanting the same root wait for the first one's build instead of racing it.

Besides :func:`cached_root`: :class:`RootManifest` and :func:`debian_root` make a Debian root
with mmdebstrap from the host's own mirror (``$HEARING_HELPER_DEBIAN_MIRROR`` to change it), and
:func:`run_in_root` runs a command inside one with /proc, /dev, /sys, a private /tmp and bind
mounts, in a mount namespace of its own (nothing stays mounted afterwards). Needs root.

  python3 tools/packaging/roots.py list          # the cached roots and their sizes
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_CACHE = Path("/var/cache/hearing-helper/roots")
MANIFEST_NAME = ".hearing-helper-manifest"
MIRROR_ENV = "HEARING_HELPER_DEBIAN_MIRROR"
DEFAULT_MIRROR = "http://deb.debian.org/debian"
LOCK_WAIT_S = 3600  # a cold Wine root with its prefix takes ~4 min; never wait forever
Log = Callable[[str], None]


def cache_dir() -> Path:
    return Path(os.environ.get("HEARING_HELPER_ROOTS", DEFAULT_CACHE))


def manifest_key(manifest: str) -> str:
    return hashlib.sha256(manifest.encode("utf-8")).hexdigest()[:16]


def root_path(name: str, manifest: str) -> Path:
    return cache_dir() / f"{name}-{manifest_key(manifest)}"


def cached_root(name: str, manifest: str, build: Callable[[Path], None], log: Log = print) -> Path:
    """The finished root for ``manifest``; ``build(folder)`` makes it if it is not cached yet
    (``folder`` does not exist yet; ``build`` creates it).

    Older roots of the same ``name`` (other manifests) are removed once the new one is in place.
    """
    final = root_path(name, manifest)
    if (final / MANIFEST_NAME).is_file():
        log(f"root {final.name}: cached, reused")
        return final
    final.parent.mkdir(parents=True, exist_ok=True)
    with _Exclusive(final.with_name(final.name + ".lock"), LOCK_WAIT_S):
        if (final / MANIFEST_NAME).is_file():  # another process built it while we waited
            log(f"root {final.name}: built by another process, reused")
            return final
        partial = final.with_name(final.name + ".partial")
        if partial.exists():
            shutil.rmtree(partial)
        if final.exists():  # a folder without its manifest is unfinished
            shutil.rmtree(final)
        log(f"root {final.name}: building (manifest changed or cache empty)")
        started = time.monotonic()
        build(partial)
        (partial / MANIFEST_NAME).write_text(manifest, encoding="utf-8")
        partial.rename(final)
        log(f"root {final.name}: built in {time.monotonic() - started:.0f} s")
    for stale in final.parent.glob(f"{name}-*"):
        key = stale.name[len(name) + 1 :]
        if stale != final and len(key) == len(manifest_key("")) and stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
    return final


class RootError(RuntimeError):
    """A root could not be made or a command in it failed; ``str()`` says which and why."""


@dataclass(frozen=True)
class RootManifest:
    """What a root holds. ``setup`` commands run inside (``sh -c``, as root) after mmdebstrap;
    ``files`` are copied to ``/opt/root-files/`` first so the commands can use them, and their
    contents are part of the key."""

    name: str
    suite: str
    packages: tuple[str, ...]
    setup: tuple[str, ...] = ()
    files: tuple[Path, ...] = ()
    variant: str = "apt"
    architecture: str = "amd64"
    env: Mapping[str, str] = field(default_factory=dict)  # for the setup commands

    def description(self) -> dict[str, object]:
        return {
            "name": self.name,
            "suite": self.suite,
            "variant": self.variant,
            "architecture": self.architecture,
            "packages": sorted(self.packages),
            "setup": list(self.setup),
            "env": dict(sorted(self.env.items())),
            "files": {
                path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in self.files
            },
        }

    def text(self) -> str:
        """The manifest as the text cached_root keys the root by."""
        return json.dumps(self.description(), indent=2, sort_keys=True, ensure_ascii=False)


def host_mirror(sources: Path = Path("/etc/apt")) -> str:
    """The Debian mirror the host's apt uses (first ``URIs:``/``deb`` line naming a debian
    archive, security excluded), so roots come from where the machine may download."""
    if os.environ.get(MIRROR_ENV):
        return os.environ[MIRROR_ENV]
    files = [sources / "sources.list", *sorted((sources / "sources.list.d").glob("*"))]
    for path in files:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for match in re.finditer(r"^(?:URIs:|deb)\s+(?:\[[^\]]*\]\s+)?(\S+)", text, re.M):
            uri = match.group(1).rstrip("/")
            if uri.endswith("/debian") and "security" not in uri:
                return uri
    return DEFAULT_MIRROR


def debian_root(manifest: RootManifest, log: Log = print, timeout_s: float = 1500) -> Path:
    """The Debian root of ``manifest`` (its folder ``<root>/root``), made first if needed."""
    for tool in ("mmdebstrap", "unshare", "chroot"):
        if shutil.which(tool) is None:
            raise RootError(f"{tool} is not installed (apt-get install mmdebstrap util-linux)")
    if os.geteuid() != 0:
        raise RootError("making and entering a Debian root needs root (mmdebstrap, mounts)")

    def build(folder: Path) -> None:
        folder.mkdir(parents=True)
        _build(manifest, folder, log, deadline=time.monotonic() + timeout_s)

    return cached_root(manifest.name, manifest.text(), build, log) / "root"


def _build(manifest: RootManifest, staging: Path, log: Log, deadline: float) -> None:
    root = staging / "root"
    mirror = host_mirror()
    command = [
        "mmdebstrap",
        f"--variant={manifest.variant}",
        f"--architectures={manifest.architecture}",
        "--include=" + ",".join(manifest.packages),
        manifest.suite,
        str(root),
        mirror,
    ]
    log("  " + shlex.join(command))
    _run_logged(command, staging / "mmdebstrap.log", deadline, "mmdebstrap")
    if manifest.files:
        target = root / "opt" / "root-files"
        target.mkdir(parents=True, exist_ok=True)
        for path in manifest.files:
            shutil.copy2(path, target / path.name)
    for number, script in enumerate(manifest.setup, 1):
        log(f"  setup {number}/{len(manifest.setup)}: {script.splitlines()[0][:90]}")
        result = run_in_root(
            root,
            ["sh", "-ec", script],
            env=manifest.env,
            timeout_s=max(1.0, deadline - time.monotonic()),
        )
        (staging / f"setup-{number}.log").write_text(result.stdout + result.stderr, "utf-8")
        if result.returncode != 0:
            tail = (result.stdout + result.stderr)[-2000:]
            raise RootError(f"setup step {number} of the {manifest.name} root failed:\n{tail}")
    listing = subprocess.run(
        ["chroot", str(root), "dpkg-query", "-W", "-f=${Package} ${Version}\\n"],
        capture_output=True,
        text=True,
        check=False,
    )
    (staging / "packages.txt").write_text(listing.stdout, "utf-8")


def _run_logged(command: list[str], log_path: Path, deadline: float, what: str) -> None:
    with log_path.open("w", encoding="utf-8") as out:
        try:
            code = subprocess.run(
                command, stdout=out, stderr=subprocess.STDOUT, timeout=deadline - time.monotonic()
            ).returncode
        except subprocess.TimeoutExpired as exc:
            raise RootError(f"{what} did not finish in time; see {log_path}") from exc
    if code != 0:
        tail = log_path.read_text("utf-8", errors="replace")[-2000:]
        raise RootError(f"{what} failed (exit {code}); end of {log_path}:\n{tail}")


class _Exclusive:
    """flock on ``path``; waits up to ``timeout_s`` (0: only try once) or raises TimeoutError."""

    def __init__(self, path: Path, timeout_s: float) -> None:
        self.path, self.timeout_s = path, timeout_s
        self.fd = -1

    def __enter__(self) -> None:
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.timeout_s
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(self.fd)
                    raise TimeoutError(f"{self.path} is held by another process") from None
                time.sleep(1)

    def __exit__(self, *exc: object) -> None:
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)


_ENTER = r"""
set -e
root=$1; shift
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mount -t sysfs sys "$root/sys"
mount -t tmpfs -o mode=1777 tmp "$root/tmp"
while [ "$1" != -- ]; do
  mkdir -p "$root$2"; mount --bind "$1" "$root$2"; shift 2
done
shift
exec chroot "$root" "$@"
"""


def run_in_root(
    root: Path,
    argv: Sequence[str],
    *,
    binds: Sequence[tuple[Path, str]] = (),
    env: Mapping[str, str] | None = None,
    timeout_s: float = 600,
    encoding: str = "utf-8",
) -> subprocess.CompletedProcess[str]:
    """Run ``argv`` inside ``root`` with a clean environment (PATH, HOME, LANG plus ``env``)
    and no input; output is captured and decoded with ``encoding``. On timeout the whole
    process group is killed and RootError raised."""
    environment = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": "/root", "LANG": "C.UTF-8"}
    environment.update(env or {})
    bind_args = [str(part) for host, inside in binds for part in (host, inside)]
    command = [
        # A PID namespace too: when the command ends or times out, everything it started
        # (daemons such as wineserver included) is killed with it.
        "unshare", "--mount", "--propagation", "private", "--pid", "--fork", "--kill-child", "--",
        "sh", "-c", _ENTER, "enter-root", str(root), *bind_args, "--",
        "/usr/bin/env", "-i", *(f"{k}={v}" for k, v in environment.items()), *argv,
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding=encoding,
        errors="replace",
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        raise RootError(
            f"timed out after {timeout_s:.0f} s: {shlex.join(argv)}\n{(out + err)[-3000:]}"
        ) from None
    return subprocess.CompletedProcess(argv, process.returncode, out, err)


def main(argv: Sequence[str]) -> int:
    if argv[:1] != ["list"]:
        print(__doc__)
        return 2
    for folder in sorted(cache_dir().glob("*")):
        if folder.is_dir():
            ready = "ready" if (folder / MANIFEST_NAME).exists() else "incomplete"
            size = subprocess.run(["du", "-sh", str(folder)], capture_output=True, text=True)
            print(f"{folder}  {ready}  {size.stdout.split()[0] if size.stdout else '?'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
