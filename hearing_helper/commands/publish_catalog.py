"""``hearing-helper server publish-catalog DIR --database URL``: court IT publishes the catalog.

The folder (laid out like a data dir, or the TOML files directly, as ``catalog --validate``
takes it) is copied into the layout a desk will use and checked there with the same rules a
desk applies before switching; any problem is printed naming the file and field, exit 1, and
nothing is stored. Otherwise it becomes the next numbered version on the server, recorded with
the login that published it, when and from where. Exit 2: no such folder; 1: problems, or the
server refused (a login without court IT's role: ``may not``).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path


def _fail(message: str, code: int = 1) -> int:
    print(f"hearing-helper: {message}", file=sys.stderr)
    return code


def publish_catalog(url: str, folder_name: str, note: str) -> int:
    from hearing_helper.catalog.published import collect_folder, write_version_folder
    from hearing_helper.store.postgres import catalog_versions
    from hearing_helper.store.postgres.connection import ServerAddress
    from hearing_helper.visits.court_files import folder_problems

    folder = Path(folder_name).expanduser()
    if not folder.is_dir():
        return _fail(f"{folder} is not a folder", 2)
    files, problems = collect_folder(folder)
    if not files and not problems:
        return _fail(f"no catalog, guide or join-mode rules files found in {folder}")
    with tempfile.TemporaryDirectory(prefix="hh-publish-") as staging:
        write_version_folder(Path(staging), files)
        problems += folder_problems(Path(staging))
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        broken = sorted({problem.file for problem in problems})
        return _fail(
            f"nothing published: {len(broken)} file(s) have problems ({', '.join(broken)}). "
            f"Check them with `hearing-helper catalog --validate {folder}`."
        )
    address = ServerAddress.from_url(url)
    publication = catalog_versions.publish_at(address, files, note)  # StoreError: server.run
    if not publication.created:
        print(
            f"These files are already published as version {publication.version} "
            f"({publication.published_at}); nothing stored."
        )
        return 0
    print(
        f"Published catalog version {publication.version} ({len(files)} files) on "
        f"{address.location} as {address.user} at {publication.published_at}. "
        "Desks switch to it on their next sync."
    )
    return 0
