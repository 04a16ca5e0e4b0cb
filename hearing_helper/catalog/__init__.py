"""Platform catalog and install guides: loading, validation, meeting-link parsing. No Qt.

``load_catalog(data_dir)`` returns every platform and guide that loaded (shipped files plus the
court's files in the data dir), plus the errors of the files that did not; a broken file only
disables its own platform. See ``assets/catalog/README.md`` for the file format.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hearing_helper.lazy_exports import lazy_getattr

if TYPE_CHECKING:
    from hearing_helper.catalog.loader import CatalogLoad, load_catalog, validate_dir
    from hearing_helper.catalog.meeting import (
        Invitation,
        check_link,
        check_meeting_id,
        check_passcode,
        extract_invitation,
        format_meeting_id,
        is_openable,
        normalize_meeting_id,
    )
    from hearing_helper.catalog.model import (
        OS_NAMES,
        PHONE_OS,
        PROBLEM_CODES,
        Guide,
        GuideProblem,
        GuideStep,
        MeetingFormat,
        Platform,
    )
    from hearing_helper.catalog.schema import CatalogError, content_hash

# Name -> submodule. Imported on first use (PEP 562): the window's start needs only the model's
# codes, not the loader, its TOML parser and schemas, which the catalog's background load
# imports off the GUI thread (issue 23, start-up).
_SUBMODULE = {
    "CatalogLoad": "loader",
    "load_catalog": "loader",
    "validate_dir": "loader",
    "Invitation": "meeting",
    "check_link": "meeting",
    "check_meeting_id": "meeting",
    "check_passcode": "meeting",
    "extract_invitation": "meeting",
    "format_meeting_id": "meeting",
    "is_openable": "meeting",
    "normalize_meeting_id": "meeting",
    "OS_NAMES": "model",
    "PHONE_OS": "model",
    "PROBLEM_CODES": "model",
    "Guide": "model",
    "GuideProblem": "model",
    "GuideStep": "model",
    "MeetingFormat": "model",
    "Platform": "model",
    "CatalogError": "schema",
    "content_hash": "schema",
}


__getattr__ = lazy_getattr(__name__, _SUBMODULE, globals())


__all__ = [
    "OS_NAMES",
    "PHONE_OS",
    "PROBLEM_CODES",
    "CatalogError",
    "CatalogLoad",
    "Guide",
    "GuideProblem",
    "GuideStep",
    "Invitation",
    "MeetingFormat",
    "Platform",
    "check_link",
    "check_meeting_id",
    "check_passcode",
    "content_hash",
    "extract_invitation",
    "format_meeting_id",
    "is_openable",
    "load_catalog",
    "normalize_meeting_id",
    "validate_dir",
]
