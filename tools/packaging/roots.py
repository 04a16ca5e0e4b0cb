#!/usr/bin/env python3
"""Debian roots for packaging builds and tests: made once with mmdebstrap, cached outside the
clone, reused while their manifest is unchanged.

A :class:`RootManifest` names the Debian suite, the packages and the setup commands of a root.
:func:`ensure_root` returns the root's folder, ``<cache>/<name>-<key>/root``, where ``key`` is a
hash of the manifest (the setup commands and the files they use included): change any of it and
a new root is made; the old ones of that name are removed once the new one is ready. Two
processes asking for the same root at once wait for one build (a lock file beside it), and a
half-made root is never used (it is built under a temporary name and renamed when complete).
:func:`run_in_root` runs a command inside with /proc, /dev, /sys, a private /tmp and the given
bind mounts, in a mount namespace of its own (nothing stays mounted afterwards).

The cache is ``/var/cache/hearing-helper/roots`` (``$HEARING_HELPER_ROOTS`` to change it); the
Debian mirror is the host's own (``$HEARING_HELPER_DEBIAN_MIRROR`` to change it). Needs root,
``mmdebstrap`` and ``unshare``. Used by the Windows build and test (tools/packaging/windows/).

  python3 tools/packaging/roots.py list          # the cached roots, their sizes and manifests
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

CACHE_ENV = "HEARING_HELPER_ROOTS"
MIRROR_ENV = "HEARING_HELPER_DEBIAN_MIRROR"
DEFAULT_CACHE = Path("/var/cache/hearing-helper/roots")
DEFAULT_MIRROR = "http://deb.debian.org/debian"
READY = ".ready"
Log = Callable[[str], None]


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

    def key(self) -> str:
        text = json.dumps(self.description(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def cache_dir() -> Path:
    return Path(os.environ.get(CACHE_ENV) or DEFAULT_CACHE)


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


def root_folder(manifest: RootManifest) -> Path:
    return cache_dir() / f"{manifest.name}-{manifest.key()}"


def ensure_root(manifest: RootManifest, log: Log = print, timeout_s: float = 1500) -> Path:
    """The root of ``manifest`` (its folder ``.../root``), made first if it is not cached."""
    for tool in ("mmdebstrap", "unshare", "chroot"):
        if shutil.which(tool) is None:
            raise RootError(f"{tool} is not installed (apt-get install mmdebstrap util-linux)")
    if os.geteuid() != 0:
        raise RootError("making and entering a Debian root needs root (mmdebstrap, mounts)")

    def make(staging: Path, deadline: float) -> None:
        _build(manifest, staging, log, deadline)

    folder = cached_folder(root_folder(manifest), make, log, timeout_s, what=manifest.name)
    return folder / "root"


def cached_folder(
    folder: Path,
    make: Callable[[Path, float], None],
    log: Log = print,
    timeout_s: float = 1500,
    what: str = "",
) -> Path:
    """``folder``, made by ``make(staging, deadline)`` unless it is already complete.

    ``make`` fills an empty staging folder that is renamed to ``folder`` only when it
    succeeded; a lock beside it makes concurrent callers wait for one build. Other folders
    with the same name before the last ``-`` (older keys) are removed afterwards."""
    if (folder / READY).exists():
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    with _Exclusive(folder.with_name(folder.name + ".lock"), timeout_s):
        if (folder / READY).exists():  # another process made it while we waited
            return folder
        started = time.monotonic()
        log(f"making {what or folder.name} in {folder} (first use; cached afterwards)")
        staging = folder.with_name(f".{folder.name}.tmp-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)
        staging.mkdir(parents=True)
        try:
            make(staging, started + timeout_s)
            (staging / READY).write_text(time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
            staging.rename(folder)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        log(f"made {folder} in {time.monotonic() - started:.0f} s")
        _remove_older(folder, log)
    return folder


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
    description = json.dumps(manifest.description(), indent=2, ensure_ascii=False)
    (staging / "manifest.json").write_text(description + "\n", "utf-8")


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


def _remove_older(keep: Path, log: Log) -> None:
    """Folders named like ``keep`` but with another key (older manifests), unless in use."""
    prefix = keep.name.rsplit("-", 1)[0]
    for other in keep.parent.glob(f"{prefix}-*"):
        if other == keep or not other.is_dir() or other.name.rsplit("-", 1)[0] != prefix:
            continue
        try:
            with _Exclusive(other.with_name(other.name + ".lock"), timeout_s=0):
                shutil.rmtree(other)
                other.with_name(other.name + ".lock").unlink(missing_ok=True)
                log(f"removed the outdated {other}")
        except (TimeoutError, OSError):
            continue


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
        "unshare", "--mount", "--propagation", "private", "--",
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
            ready = "ready" if (folder / READY).exists() else "incomplete"
            size = subprocess.run(["du", "-sh", str(folder)], capture_output=True, text=True)
            print(f"{folder}  {ready}  {size.stdout.split()[0] if size.stdout else '?'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
