"""Platform catalog and install guides: loading, validation, meeting-link parsing. No Qt.

``load_catalog(data_dir)`` returns every platform and guide that loaded (shipped files plus the
court's files in the data dir), plus the errors of the files that did not; a broken file only
disables its own platform. See ``assets/catalog/README.md`` for the file format.
"""

from __future__ import annotations

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
