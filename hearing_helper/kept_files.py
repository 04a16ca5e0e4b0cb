"""No file the user names for writing may be one of the app's own files.

An export, a join slip or any other file written to a path the user chose must never replace the
database, its WAL, the settings, the audit anchor, the throttle state, a lock file or the desk id:
one ``--out`` naming the database would otherwise wipe every record, version and audit entry,
the export's own audit entry with them. The rule is simple and spelling-proof:

* nothing is written inside the data folder (the path is resolved first, so ``..`` and symlinks
  -- to a file or to a folder -- count where they lead);
* the destination folder is not the data folder or one of its folders by identity (device and
  inode), which also catches a second mount or a case-insensitive spelling of it;
* an existing destination is not the same file (device and inode) as any file in the data
  folder, which catches a hard link to the database made outside it.
"""

from __future__ import annotations

import os
from pathlib import Path

# The data folder holds a handful of files and a catalog folder; the walk stops here so a
# folder someone filled with junk cannot make every save slow.
MAX_ENTRIES_WALKED = 20_000


class KeptPathError(ValueError):
    """The path would write over (or into) the app's own files; ``str()`` names the rule."""


def _identity(info: os.stat_result) -> tuple[int, int]:
    return (info.st_dev, info.st_ino)


def _kept_identities(data_dir: Path) -> tuple[set[tuple[int, int]], dict[tuple[int, int], Path]]:
    """(device, inode) of the data folder and its folders, and of every file in it by name."""
    folders: set[tuple[int, int]] = set()
    files: dict[tuple[int, int], Path] = {}
    seen = 0
    try:
        folders.add(_identity(data_dir.stat()))
    except OSError:
        return folders, files
    for root, dirs, names in os.walk(data_dir, followlinks=False):
        for name in (*dirs, *names):
            seen += 1
            if seen > MAX_ENTRIES_WALKED:
                return folders, files
            path = Path(root) / name
            try:
                info = path.stat(follow_symlinks=False)
            except OSError:
                continue
            if path.is_dir() and not path.is_symlink():
                folders.add(_identity(info))
            elif info.st_nlink and not path.is_symlink():
                files[_identity(info)] = path
    return folders, files


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def refuse_kept_path(out: Path, data_dir: Path) -> None:
    """Raise KeptPathError when writing ``out`` could touch a file of ``data_dir``."""
    try:
        folder = data_dir.resolve()
        target = out.expanduser().resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop, say
        raise KeptPathError(
            f"{out} cannot be checked ({exc}); choose a plain file name outside the data folder."
        ) from None
    rule = (
        "files are never written into the data folder {folder}, which holds the app's "
        "database, settings and audit files; choose a file outside it"
    )
    if _inside(target, folder) or os.path.normcase(str(target)).startswith(
        os.path.normcase(str(folder)) + os.sep
    ):
        raise KeptPathError(f"{out} is inside the data folder: " + rule.format(folder=folder))
    folders, files = _kept_identities(folder)
    try:
        parent = _identity(target.parent.stat())
    except OSError:
        parent = None
    if parent is not None and parent in folders:
        raise KeptPathError(
            f"{out} is in a folder that is the data folder under another name: "
            + rule.format(folder=folder)
        )
    try:
        existing = _identity(target.stat())
    except OSError:
        return
    same = files.get(existing)
    if same is not None:
        raise KeptPathError(
            f"{out} is the same file as {same} (a hard link) in the data folder: "
            + rule.format(folder=folder)
        )
