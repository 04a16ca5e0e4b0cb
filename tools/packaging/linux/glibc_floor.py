#!/usr/bin/env python3
"""The newest glibc a folder of Linux programs and libraries needs, and whether a desk has it.

  glibc_floor.py FOLDER [--limit 2.31]

Every ELF file under FOLDER is read with ``readelf --version-info`` (the version needs that the
dynamic loader checks at start; ``objdump -T`` shows the same versions per symbol, but readelf
reads every architecture, so the ARM64 bundle is checked from here too). Prints the highest
``GLIBC_x.y`` and the files that need it; exits 1 when it is above the limit, 2 on bad usage.
A desk whose ``ldd --version`` shows at least that version runs the bundle.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

LIMIT = (2, 31)  # Debian 11; UOS 20 and Kylin V10 publish glibc 2.28-2.31
# In a version-needs section: "  0x0010:   Name: GLIBC_2.17  Flags: none  Version: 3"
NEED_PATTERN = re.compile(r"Name: GLIBC_(\d+)\.(\d+)(?:\.(\d+))?\b")
ELF_MAGIC = b"\x7fELF"

Version = tuple[int, ...]


def version_text(version: Version) -> str:
    return ".".join(map(str, version)) if version else "none"


def needed_versions(readelf_output: str) -> set[Version]:
    """The GLIBC_ versions named in ``readelf --version-info`` output's version-needs part.

    Only the ``.gnu.version_r`` section counts: libc itself *defines* (``.gnu.version_d``)
    versions up to its own, which is no requirement.
    """
    found: set[Version] = set()
    in_needs = False
    for line in readelf_output.splitlines():
        if line.startswith("Version needs section"):
            in_needs = True
        elif line.startswith(("Version definition section", "Version symbols section")):
            in_needs = False
        elif in_needs:
            for match in NEED_PATTERN.finditer(line):
                found.add(tuple(int(part) for part in match.groups() if part is not None))
    return found


def elf_files(folder: Path) -> list[Path]:
    files = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == ELF_MAGIC:
                    files.append(path)
    return files


@dataclass
class FloorReport:
    folder: Path
    limit: Version
    files: int = 0
    by_file: dict[Path, Version] = field(default_factory=dict)

    @property
    def highest(self) -> Version:
        return max(self.by_file.values(), default=())

    @property
    def highest_text(self) -> str:
        return version_text(self.highest)

    @property
    def limit_text(self) -> str:
        return version_text(self.limit)

    @property
    def ok(self) -> bool:
        return self.files > 0 and self.highest <= self.limit

    def worst_files(self, count: int = 5) -> list[Path]:
        return [path for path, v in self.by_file.items() if v == self.highest][:count]

    def __str__(self) -> str:
        if self.files == 0:
            return f"glibc floor: FAIL, no ELF file under {self.folder}"
        verdict = "OK" if self.ok else "FAIL"
        names = ", ".join(str(p.relative_to(self.folder)) for p in self.worst_files(3))
        return (
            f"glibc floor: highest required GLIBC_{self.highest_text} over {self.files} ELF"
            f" files (limit {self.limit_text}): {verdict}; needed by {names}"
        )


def report(folder: Path, limit: Version = LIMIT) -> FloorReport:
    result = FloorReport(folder, limit)
    for path in elf_files(folder):
        result.files += 1
        output = subprocess.run(
            ["readelf", "--version-info", "--wide", str(path)],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        versions = needed_versions(output)
        if versions:
            result.by_file[path] = max(versions)
    return result


def parse_version(text: str) -> Version:
    try:
        return tuple(int(part) for part in text.split("."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a version like 2.31: {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=parse_version, default=LIMIT)
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"glibc_floor: {args.folder} is not a folder", file=sys.stderr)
        return 2
    result = report(args.folder, args.limit)
    print(result)
    return 0 if result.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
