"""Catalog versions published by court IT, as files: collecting a folder into one version, its
checksum, and a desk's copy of the version in use. No Qt, no SQL.

A version is a set of files under canonical paths — ``catalog/<id>.toml``, ``guides/<name>.toml``,
``join_modes/join_modes.toml`` and pictures ``images/guides/<name>.svg|png`` — so a desk can
load it exactly like the files of a data dir. Its checksum is the SHA-256 of one line per file
(``path sha256-of-content``) in path order; the server computes the same (PostgreSQL
migration 8), so what a desk installs is byte for byte what court IT published.

On a desk the versions live in ``<data dir>/court_catalog/``: one folder per version
(``v7-<checksum prefix>/``) and ``current.json`` naming the one in use. A new version is written
to a staging folder, validated there, renamed to its own folder, and only then does
``current.json`` (replaced atomically) point to it: a crash or power cut at any moment leaves the
old version or the new one in use, never a mix.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from hearing_helper.atomic_file import write_json_atomically
from hearing_helper.catalog.schema import MAX_FILE_BYTES, CatalogError

log = logging.getLogger(__name__)

COURT_FOLDER = "court_catalog"
POINTER_FILE = "current.json"
STAGING_PREFIX = ".staging-"
MAX_VERSION_FILES = 400
MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_VERSION_BYTES = 32 * 1024 * 1024
RULES_PATH = "join_modes/join_modes.toml"
# What a version may hold; the same pattern is checked by the server's publish function.
# Names are capped so a version fits under any data dir (Windows paths stop near 260).
PATH_PATTERN = (
    r"^((catalog|guides)/[A-Za-z0-9_.-]{1,100}\.toml|join_modes/join_modes\.toml"
    r"|images/guides/[A-Za-z0-9_.-]{1,100}\.(svg|png))$"
)
_PATH_RE = re.compile(PATH_PATTERN)


def publishable_path(name: str) -> bool:
    """Whether a version may hold a file at ``name`` (fullmatch: ``$`` alone would let a
    trailing newline through)."""
    return _PATH_RE.fullmatch(name) is not None


# Called on a staged version folder; returns every problem (none: the version may be used).
Validator = Callable[[Path], list[CatalogError]]


@dataclass(frozen=True)
class VersionInfo:
    """One published version, as the server describes it."""

    version: int
    checksum: str
    published_at: str = ""  # ISO time on the server's clock
    published_by: str = ""  # the database login that published it
    file_count: int = 0

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> VersionInfo:
        return cls(
            version=int(value["version"]),
            checksum=str(value["checksum"]),
            published_at=str(value.get("published_at", "")),
            published_by=str(value.get("published_by", "")),
            file_count=int(value.get("file_count", 0)),
        )


def same_version(one: VersionInfo, other: VersionInfo) -> bool:
    return (one.version, one.checksum) == (other.version, other.checksum)


def file_sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def version_checksum(files: Mapping[str, bytes]) -> str:
    """The checksum of a version: SHA-256 of ``path sha256\\n`` per file, in path order (byte
    order of the UTF-8 paths, like the server's "C" collation)."""
    lines = "".join(
        f"{path} {file_sha256(files[path])}\n" for path in sorted(files, key=str.encode)
    )
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


# Opening never follows a link nor waits for a pipe's writer (a file swapped after the check).
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)
LINK_PROBLEM = "is a symbolic link: publish the file itself (links out of the folder are refused)"
SPECIAL_PROBLEM = "is not a regular file"


def shown_name(name: str, limit: int = 120) -> str:
    """A file name as a message may print it: control and other unprintable characters escaped
    (a name can hold a terminal's escape sequence), cut to ``limit`` characters."""
    text = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in name)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _not_plain(folder: Path, path: Path) -> CatalogError | None:
    """Why ``path`` inside ``folder`` may not be published: a symbolic link on the way to it
    (the file or a folder under ``folder``; ``folder`` itself is what court IT named), or not a
    regular file. Named by its path in the folder."""
    current = folder
    mode = 0
    for part in path.relative_to(folder).parts:
        current = current / part
        mode = current.lstat().st_mode
        if stat.S_ISLNK(mode):
            return CatalogError(
                shown_name(current.relative_to(folder).as_posix()), "", LINK_PROBLEM
            )
    if not stat.S_ISREG(mode):
        return CatalogError(shown_name(path.relative_to(folder).as_posix()), "", SPECIAL_PROBLEM)
    return None


def _read_capped(
    folder: Path, path: Path, limit: int, name: str, errors: list[CatalogError]
) -> bytes | None:
    try:
        refused = _not_plain(folder, path)
        if refused is not None:
            if refused not in errors:  # a linked folder is named once, not per file in it
                errors.append(refused)
            return None
        descriptor = os.open(path, _OPEN_FLAGS | _BINARY)
        with os.fdopen(descriptor, "rb") as opened:
            found = os.fstat(opened.fileno())
            if not stat.S_ISREG(found.st_mode):
                errors.append(CatalogError(name, "", SPECIAL_PROBLEM))
                return None
            if found.st_size > limit:
                problem = f"is {found.st_size} bytes, at most {limit} are allowed"
                errors.append(CatalogError(name, "", problem))
                return None
            content = opened.read(limit + 1)
        if len(content) > limit:  # grew after the check
            errors.append(CatalogError(name, "", f"is over {limit} bytes, the most allowed"))
            return None
        return content
    except OSError as exc:
        errors.append(CatalogError(name, "", f"cannot be read ({exc.strerror or exc})"))
        return None


def _looks_like_guide(content: bytes) -> bool:
    return b"[[steps]]" in content


def collect_folder(folder: Path) -> tuple[dict[str, bytes], list[CatalogError]]:
    """The files of ``folder`` under their canonical paths, plus problems that stop publishing
    (too many or too large files, unreadable ones). The folder is laid out like a data dir
    (``catalog/``, ``guides/``, ``join_modes/``, ``images/guides/``) or holds the TOML files
    directly, as ``catalog --validate`` accepts; pictures next to guides are taken too."""
    folder = Path(folder)
    errors: list[CatalogError] = []
    found: dict[str, Path] = {}
    data_dir_layout = (folder / "catalog").is_dir() or (folder / "guides").is_dir()
    if data_dir_layout:
        for sub in ("catalog", "guides"):
            for path in sorted((folder / sub).glob("*.toml")):
                found[f"{sub}/{path.name}"] = path
    loose_guides: list[Path] = []
    if not data_dir_layout:
        for path in sorted(folder.glob("*.toml")):
            if path.name == "join_modes.toml":
                continue
            loose_guides.append(path)
    for candidate in (folder / "join_modes" / "join_modes.toml", folder / "join_modes.toml"):
        if candidate.is_file():
            found[RULES_PATH] = candidate
            break
    for pictures in (folder / "images" / "guides", folder / "guides" / "images", folder / "images"):
        if pictures.is_dir():
            for path in sorted(pictures.iterdir()):
                if path.is_file() and path.suffix.lower() in (".svg", ".png"):
                    found.setdefault(f"images/guides/{path.name}", path)
    files: dict[str, bytes] = {}
    for path in loose_guides:
        content = _read_capped(folder, path, MAX_FILE_BYTES, shown_name(path.name), errors)
        if content is not None:
            sub = "guides" if _looks_like_guide(content) else "catalog"
            files[f"{sub}/{path.name}"] = content
    for name, path in found.items():
        limit = MAX_IMAGE_BYTES if name.startswith("images/") else MAX_FILE_BYTES
        content = _read_capped(folder, path, limit, shown_name(path.name), errors)
        if content is not None:
            files[name] = content
    for name in list(files):
        if not publishable_path(name):
            errors.append(
                CatalogError(
                    shown_name(name.rsplit("/", 1)[-1]),
                    "",
                    "has a file name that cannot be published (letters, digits, _ . - only, "
                    "at most 100)",
                )
            )
            del files[name]
    if len(files) > MAX_VERSION_FILES:
        errors.append(
            CatalogError(str(folder), "", f"holds {len(files)} files, at most {MAX_VERSION_FILES}")
        )
    total = sum(len(content) for content in files.values())
    if total > MAX_VERSION_BYTES:
        errors.append(
            CatalogError(str(folder), "", f"holds {total} bytes, at most {MAX_VERSION_BYTES}")
        )
    return files, errors


def write_version_folder(folder: Path, files: Mapping[str, bytes]) -> None:
    """Write ``files`` under ``folder`` (which must not hold anything else), each fsynced."""
    for name, content in files.items():
        if not publishable_path(name):
            raise ValueError(f"not a path a catalog version may hold: {name!r}")
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())


# --- a desk's copy ------------------------------------------------------------------------------


def court_folder(data_dir: Path) -> Path:
    return Path(data_dir) / COURT_FOLDER


def version_in_use(data_dir: Path | None) -> VersionInfo | None:
    """The published version this desk uses (None: none yet, or its folder is gone)."""
    if data_dir is None:
        return None
    pointer = court_folder(data_dir) / POINTER_FILE
    try:
        value = json.loads(pointer.read_text(encoding="utf-8"))
        info = VersionInfo.from_json(value)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("%s cannot be read (%s); the shipped catalog applies", pointer, exc)
        return None
    if not _version_folder(data_dir, info).is_dir():
        log.warning("Court catalog version %d is missing from %s", info.version, pointer.parent)
        return None
    return info


def version_folder_in_use(data_dir: Path | None) -> Path | None:
    """The folder of the version in use, laid out like a data dir's catalog files."""
    info = version_in_use(data_dir)
    return _version_folder(Path(data_dir), info) if info and data_dir else None


def _version_folder(data_dir: Path, info: VersionInfo) -> Path:
    """Named by number and checksum: a server restored from a backup may publish another
    version under a number a desk has used already."""
    return court_folder(data_dir) / f"v{info.version}-{info.checksum[:12]}"


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not possible on Windows; its renames are durable
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _version_shape_problems(info: VersionInfo, files: Mapping[str, bytes]) -> list[CatalogError]:
    """What the server's publish function refuses, checked again: a version slipped into the
    server past it must not write outside this desk's folder nor fill its disk."""
    where = f"version {info.version}"
    bad = sorted(name for name in files if not publishable_path(name))
    if bad:
        return [CatalogError(where, "path", f"may not hold the file {bad[0]!r}")]
    if len(files) > MAX_VERSION_FILES:
        return [CatalogError(where, "", f"holds {len(files)} files, at most {MAX_VERSION_FILES}")]
    for name, content in files.items():
        limit = MAX_IMAGE_BYTES if name.startswith("images/") else MAX_FILE_BYTES
        if len(content) > limit:
            return [CatalogError(name, "", f"is {len(content)} bytes, at most {limit}")]
    total = sum(len(content) for content in files.values())
    if total > MAX_VERSION_BYTES:
        return [CatalogError(where, "", f"holds {total} bytes, at most {MAX_VERSION_BYTES}")]
    return []


def install_version(
    data_dir: Path, info: VersionInfo, files: Mapping[str, bytes], validate: Validator
) -> list[CatalogError]:
    """Switch this desk to ``info``'s version made of ``files``, or refuse it.

    Refused (returns the problems; the version in use is left as it is) when the files do not
    add up to the published checksum or ``validate`` finds problems in them. Otherwise the
    version is in use when this returns ([]); a crash meanwhile leaves the old one in use."""
    if version_checksum(files) != info.checksum:
        return [
            CatalogError(
                f"version {info.version}",
                "checksum",
                "the files received do not match the checksum it was published with",
            )
        ]
    too_much = _version_shape_problems(info, files)
    if too_much:
        return too_much
    root = court_folder(data_dir)
    root.mkdir(parents=True, exist_ok=True)
    in_use = version_in_use(data_dir)
    if in_use is not None and same_version(in_use, info):
        return []
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{info.version}-", dir=root))
    try:
        write_version_folder(staging, files)
        problems = validate(staging)
        if problems:
            return problems
        target = _version_folder(data_dir, info)
        if target.exists():
            shutil.rmtree(target)  # left by a switch that crashed before the pointer moved
        os.replace(staging, target)
        _fsync_folder(root)
        write_json_atomically(root / POINTER_FILE, asdict(info), indent=1)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    _prune(data_dir, keep={_version_folder(data_dir, v).name for v in (info, in_use) if v})
    return []


def _prune(data_dir: Path, keep: set[str]) -> None:
    """Remove versions other than the one in use and the one before it, and staging folders
    and half-written pointers a crash left behind."""
    for path in court_folder(data_dir).iterdir():
        if path.name.startswith(f".{POINTER_FILE}-") and path.is_file():
            path.unlink(missing_ok=True)
            continue
        stale = path.name.startswith(STAGING_PREFIX) or (
            re.fullmatch(r"v\d+-[0-9a-f]{12}", path.name) is not None and path.name not in keep
        )
        if stale and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
