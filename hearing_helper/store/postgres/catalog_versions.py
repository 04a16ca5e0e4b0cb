"""Catalog versions on the central database (PostgreSQL migration 8): publish, read, grant.

Court IT's login (a member of ``hh_court_it``) publishes through ``hh_publish_catalog()``; a
desk reads through ``hh_catalog_latest()`` and ``hh_catalog_files()`` and holds no privilege on
the tables; nobody changes or removes a published version (triggers).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import psycopg

from hearing_helper.catalog.published import VersionInfo, file_sha256, version_checksum
from hearing_helper.store.errors import StoreError
from hearing_helper.store.postgres.connection import ServerAddress, connect, translate
from hearing_helper.store.postgres.schema import stored_version

CATALOG_SCHEMA = 8  # the migration that made catalog versions

COURT_IT_ROLE = "hh_court_it"
PUBLISH_FUNCTION = "hh_publish_catalog(text[], bytea[], text, text)"
READ_FUNCTIONS = ("hh_catalog_latest()", "hh_catalog_files(integer)")
TABLES = "catalog_versions, catalog_files"


class DamagedVersionError(ValueError):
    """A file of a published version does not match the SHA-256 stored with it."""


@dataclass(frozen=True)
class Publication:
    version: int
    published_at: str
    created: bool  # False: the newest version already had exactly these files


def grant_catalog_rights(
    conn: psycopg.Connection[Any], *, desk_role: str, supervisor: str, writer: str
) -> None:
    """Inside ``server init``'s transaction, once ``writer`` (hh_writer, owner of the functions
    that write) is the owner's member: who may publish (hh_court_it) and read (desks,
    supervisors, court IT) the catalog versions."""
    conn.execute(f"REVOKE ALL ON {TABLES} FROM PUBLIC, {desk_role}, {supervisor}")
    conn.execute(f"GRANT SELECT, INSERT ON {TABLES} TO {writer}")
    conn.execute(f"GRANT SELECT ON {TABLES}, schema_migrations TO {COURT_IT_ROLE}")
    conn.execute(f"GRANT USAGE ON SCHEMA public TO {COURT_IT_ROLE}")
    for function in (PUBLISH_FUNCTION, *READ_FUNCTIONS):
        conn.execute(f"ALTER FUNCTION {function} OWNER TO {writer}")
        conn.execute(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
    conn.execute(f"GRANT EXECUTE ON FUNCTION {PUBLISH_FUNCTION} TO {COURT_IT_ROLE}")
    for function in READ_FUNCTIONS:
        conn.execute(
            f"GRANT EXECUTE ON FUNCTION {function} TO {desk_role}, {supervisor}, {COURT_IT_ROLE}"
        )


def publish(conn: psycopg.Connection[Any], files: Mapping[str, bytes], note: str) -> Publication:
    """Store ``files`` as the next version (one transaction), or name the newest version when
    it holds exactly these files already. The caller validated them."""
    paths = sorted(files, key=str.encode)
    row = conn.execute(
        "SELECT version, published_at, created FROM hh_publish_catalog(%s, %s, %s, %s)",
        (paths, [files[path] for path in paths], version_checksum(files), note),
    ).fetchone()
    if row is None:  # the function always returns one row
        raise psycopg.DataError("hh_publish_catalog() returned nothing")
    return Publication(int(row[0]), row[1].isoformat(timespec="seconds"), bool(row[2]))


def publish_at(address: ServerAddress, files: Mapping[str, bytes], note: str) -> Publication:
    """``publish`` on a new connection; StoreError in words court IT can act on."""
    try:
        conn = connect(address)
        try:
            if stored_version(conn) < CATALOG_SCHEMA:
                raise StoreError(
                    f"The central database {address.location} has no catalog versions yet: run "
                    f"`hearing-helper server init --database {address.location}` first."
                )
            with conn.transaction():
                return publish(conn, files, note)
        finally:
            conn.close()
    except psycopg.Error as exc:
        raise translate(address, exc) from None


def latest(conn: psycopg.Connection[Any]) -> VersionInfo | None:
    """The newest published version (a cheap look: one short row), None when there is none."""
    row = conn.execute(
        "SELECT version, checksum, published_at, published_by, file_count FROM hh_catalog_latest()"
    ).fetchone()
    if row is None:
        return None
    return VersionInfo(
        version=int(row[0]),
        checksum=str(row[1]),
        published_at=row[2].isoformat(timespec="seconds"),
        published_by=str(row[3]),
        file_count=int(row[4]),
    )


def files_of(conn: psycopg.Connection[Any], version: int) -> dict[str, bytes]:
    """The files of one version; DamagedVersionError when one does not match its SHA-256."""
    files: dict[str, bytes] = {}
    for path, content, sha256 in conn.execute(
        "SELECT path, content, sha256 FROM hh_catalog_files(%s)", (version,)
    ):
        data = bytes(content)
        if file_sha256(data) != sha256:
            raise DamagedVersionError(f"{path} of catalog version {version} is damaged")
        files[str(path)] = data
    return files
