"""Cached build and test roots (chroots, Wine prefixes...) kept outside the clone.

A root is made once from a *manifest*: a text naming everything that went into it (suite,
architecture, packages, pinned wheels, the scripts that build it). Its folder is
``<cache>/<name>-<key>`` where ``key`` is a hash of that manifest, so a root is reused for as long
as its manifest is unchanged and rebuilt (beside the old one, which is then removed) when anything
in it changes. CI runs on the same machine right after a session, so a warm cache is reused there.

The cache folder is ``$HEARING_HELPER_ROOTS`` or ``/var/cache/hearing-helper/roots``.
A root is built into ``<folder>.partial`` and renamed into place only when its builder returned,
so an interrupted build is never mistaken for a finished one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

DEFAULT_CACHE = Path("/var/cache/hearing-helper/roots")
MANIFEST_NAME = ".hearing-helper-manifest"


def cache_dir() -> Path:
    return Path(os.environ.get("HEARING_HELPER_ROOTS", DEFAULT_CACHE))


def manifest_key(manifest: str) -> str:
    return hashlib.sha256(manifest.encode("utf-8")).hexdigest()[:16]


def root_path(name: str, manifest: str) -> Path:
    return cache_dir() / f"{name}-{manifest_key(manifest)}"


def cached_root(
    name: str, manifest: str, build: Callable[[Path], None], log: Callable[[str], None] = print
) -> Path:
    """The finished root for ``manifest``; ``build(folder)`` makes it if it is not cached yet.

    Older roots of the same ``name`` (other manifests) are removed once the new one is in place.
    """
    final = root_path(name, manifest)
    if (final / MANIFEST_NAME).is_file():
        log(f"root {final.name}: cached, reused")
        return final
    partial = final.with_name(final.name + ".partial")
    if partial.exists():
        shutil.rmtree(partial)
    if final.exists():  # a folder without its manifest is unfinished
        shutil.rmtree(final)
    partial.parent.mkdir(parents=True, exist_ok=True)
    log(f"root {final.name}: building (manifest changed or cache empty)")
    build(partial)
    (partial / MANIFEST_NAME).write_text(manifest, encoding="utf-8")
    partial.rename(final)
    for stale in final.parent.glob(f"{name}-*"):
        key = stale.name[len(name) + 1 :]
        if stale != final and len(key) == len(manifest_key("")) and stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
    return final
