"""The record rules, in one place every storage adapter shares (Qt-free and storage-free).

An adapter reads what it needs (the stored status and version, the audit chain's head), asks
these functions what to write, and persists exactly that in one transaction. So finishing,
correcting, idempotent imports and the audit chain behave the same on SQLite and PostgreSQL.
Hashing is :mod:`hearing_helper.store.audit`'s business; this module only calls it.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
from datetime import datetime
from typing import Any

from hearing_helper.domain.enums import Outcome, RecordStatus, StepId
from hearing_helper.domain.masking import mask_personal
from hearing_helper.domain.record import AssistRecord, Correction, now_local
from hearing_helper.domain.validation import FieldError
from hearing_helper.domain.visit import FollowUp, follow_up_problems, rating_change_problems
from hearing_helper.store.audit import GENESIS_HASH, AuditKey, entry_hash
from hearing_helper.store.errors import (
    IncompleteRecordError,
    RecordConflictError,
    RecordFinishedError,
    RecordNotFoundError,
    RecordRuleError,
    StoreError,
)
from hearing_helper.store.repository import AuditEntry

# Fields a stored copy may differ in and still be "the same record" for idempotent writes:
# when it was last written says nothing about its content.
_VOLATILE_FIELDS = ("updated_at",)


def payload_json(record: AssistRecord) -> str:
    """The record as stored: compact JSON, readable non-ASCII."""
    return json.dumps(record.to_dict(), ensure_ascii=False, separators=(",", ":"))


def record_audit_details(record: AssistRecord, payload: str) -> dict[str, Any]:
    """What the audit entry of a finished or corrected record says about it."""
    return {
        "record_id": record.id,
        "version": record.version,
        "payload_sha256": hashlib.sha256(payload.encode("utf-8")).hexdigest(),
    }


# Imported versions are recorded in their batch's audit entry by a SHA-256 prefix this long:
# 64 bits are far beyond forging offline, and keep a 5,000-record batch's entry near 300 kB.
IMPORT_HASH_CHARS = 16


def import_audit_details(
    records: list[AssistRecord], payloads: list[str] | None = None
) -> dict[str, Any]:
    """What a ``records.imported`` entry says: how many, the first id, and each version's
    content hash (``{id: "version:sha256-prefix"}``), which verify-log checks."""
    texts = payloads if payloads is not None else [payload_json(record) for record in records]
    return imported_versions_details(
        [(record.id, record.version, text) for record, text in zip(records, texts, strict=True)]
    )


def imported_versions_details(versions: list[tuple[str, int, str]]) -> dict[str, Any]:
    """:func:`import_audit_details` from each imported version's (id, version, payload)."""
    hashes = {
        record_id: f"{version}:"
        + hashlib.sha256(text.encode("utf-8")).hexdigest()[:IMPORT_HASH_CHARS]
        for record_id, version, text in versions
    }
    return {"count": len(versions), "first_id": versions[0][0], "versions": hashes}


def drop_nul(value: Any) -> Any:
    """``value`` with every NUL character removed from its text, in place where it is a
    dataclass, list or dict (strings are returned cleaned). A NUL (pasted from another program)
    is invisible, means nothing in a record, and the court's PostgreSQL cannot store it."""
    if isinstance(value, str):
        return value.replace("\x00", "") if "\x00" in value else value
    if isinstance(value, list):
        value[:] = [drop_nul(item) for item in value]
    elif isinstance(value, dict):
        for key in list(value):
            value[key] = drop_nul(value[key])
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            current = getattr(value, field.name)
            cleaned = drop_nul(current)
            if cleaned is not current:
                object.__setattr__(value, field.name, cleaned)
    return value


# --- drafts ------------------------------------------------------------------------------------


def prepare_draft(
    record: AssistRecord, stored_status: str | None, now: datetime | None = None
) -> None:
    """Stamp a draft about to be saved; refuse when it (or its stored copy) is finished."""
    if record.is_finished or stored_status == RecordStatus.FINISHED:
        raise RecordFinishedError(record.id)
    drop_nul(record)
    record.updated_at = now or now_local()


def check_discardable(record_id: str, stored_status: str | None) -> None:
    if stored_status is None:
        raise RecordNotFoundError(record_id)
    if stored_status == RecordStatus.FINISHED:
        raise RecordFinishedError(record_id)


# --- finishing ---------------------------------------------------------------------------------


def finish_problems(record: AssistRecord) -> list[FieldError]:
    """Every field that keeps ``record`` from being finished (or corrected)."""
    problems = record.finish_problems()
    if record.outcome is not Outcome.LEFT:
        problems += record.intake.validate(now=record.started_at)
    problems += record.personal_finish_problems()  # name, phone and consent, every outcome
    return problems


def check_finishable(record: AssistRecord) -> None:
    """Raise IncompleteRecordError naming every field that keeps ``record`` from finishing."""
    drop_nul(record)
    problems = finish_problems(record)
    if problems:
        raise IncompleteRecordError(problems)


def prepare_finish(record: AssistRecord, now: datetime | None = None) -> AssistRecord:
    """Validate and freeze ``record`` (in place) as version 1; returns it."""
    drop_nul(record)
    check_finishable(record)
    record.intake.settle_personal_data()  # normalised; stored masked without consent
    stamp = now or now_local()
    record.status = RecordStatus.FINISHED
    record.ended_at = record.ended_at or stamp
    record.current_step = StepId.FINISH
    record.updated_at = stamp
    record.version = 1
    return record


def same_content(stored: AssistRecord, incoming: AssistRecord) -> bool:
    """True when two copies of a record hold the same content (write time aside)."""
    left, right = stored.to_dict(), incoming.to_dict()
    for name in _VOLATILE_FIELDS:
        left.pop(name, None)
        right.pop(name, None)
    return left == right


def existing_finished(stored: AssistRecord | None, incoming: AssistRecord) -> bool:
    """Decide an idempotent write of a finished record over what is stored under its id.

    False: nothing stored (or only a draft, which the finished record replaces): write it.
    True: the same finished record is already stored: write nothing.
    Raises RecordConflictError when a different finished record is stored under the id."""
    if stored is None or not stored.is_finished:
        return False
    if same_content(stored, incoming):
        return True
    raise RecordConflictError(incoming.id)


def finishing_again(stored: AssistRecord | None, record: AssistRecord) -> bool:
    """Decide ``finish(record)`` over what is stored under its id, the same on every adapter.

    True: ``record`` is the stored finished record again (a retry, also from a fresh copy of
    the draft, which is compared as if frozen at the stored end time): write nothing. False:
    nothing finished is stored: finish it. Raises RecordConflictError when a different finished
    record is stored under the id."""
    if stored is None or not stored.is_finished:
        return False
    candidate = copy.deepcopy(record)
    if not candidate.is_finished:
        prepare_finish(candidate, now=stored.ended_at or stored.updated_at)
    return existing_finished(stored, candidate)


def unique_in_batch(batch: list[AssistRecord]) -> list[AssistRecord]:
    """An import batch with each record once (the first copy); RecordConflictError when one
    id comes with different content. The same on every adapter."""
    unique: dict[str, AssistRecord] = {}
    for record in batch:
        seen = unique.get(record.id)
        if seen is not None and not same_content(seen, record):
            raise RecordConflictError(record.id)
        unique.setdefault(record.id, record)
    return list(unique.values())


# --- corrections -------------------------------------------------------------------------------


def prepare_correction(
    record: AssistRecord,
    actor: str,
    reason: str,
    stored_status: str | None,
    stored_version: int,
    now: datetime | None = None,
) -> AssistRecord:
    """Stamp ``record`` (in place) as the next version of a stored finished record."""
    drop_nul(record)
    reason = drop_nul(reason).strip()
    if not reason:
        raise StoreError("A correction needs a reason.")
    if stored_status is None:
        raise RecordNotFoundError(record.id)
    if stored_status != RecordStatus.FINISHED:
        raise StoreError("Only finished records are corrected; edit the draft instead.")
    record.status = RecordStatus.FINISHED
    record.version = stored_version + 1
    record.correction = Correction(by=actor, at=now or now_local(), reason=reason)
    record.updated_at = record.correction.at
    return record


PERSONAL_FIELDS = ("litigant_name", "phone")


def check_correction_content(stored: AssistRecord, record: AssistRecord) -> None:
    """The finish rules for a correction of the finished record ``stored``, in place on
    ``record``: every field is validated as on finishing, except a name or phone left as stored
    (a masked value left unchanged means "unchanged", not "invalid"); what changed is normalised
    and, without consent, stored masked, like on finishing. The litigant's own rating stays as
    given, or is marked "not asked". Raises IncompleteRecordError or RecordRuleError."""
    drop_nul(record)
    intake = record.intake
    unchanged = {
        name: getattr(intake, name)
        for name in PERSONAL_FIELDS
        if getattr(intake, name) == getattr(stored.intake, name)
    }
    rating = rating_change_problems(
        (stored.rating_given_by, stored.satisfaction), (record.rating_given_by, record.satisfaction)
    )
    if rating:
        raise RecordRuleError(rating)
    for name in unchanged:
        setattr(intake, name, "")  # validated and settled as "nothing typed", restored below
    try:
        problems = [
            problem
            for problem in finish_problems(record)
            if not (problem.field in unchanged and unchanged[problem.field])
        ]
        if problems:
            raise IncompleteRecordError(problems)
        intake.settle_personal_data()
    finally:
        for name, value in unchanged.items():
            setattr(intake, name, value)
    if not intake.consent:  # consent withdrawn: what was stored in full is masked now
        for name, kind in (("litigant_name", "name"), ("phone", "phone")):
            value = getattr(intake, name)
            if name in unchanged and value and "*" not in value:
                setattr(intake, name, mask_personal(kind, value))


# --- follow-ups --------------------------------------------------------------------------------


def prepare_follow_up(
    stored: AssistRecord | None,
    record_id: str,
    follow_up: FollowUp,
    now: datetime | None = None,
) -> AssistRecord:
    """The next version of a stored preparation visit, with what happened at its hearing.

    Raises RecordNotFoundError, or RecordRuleError when the record is no finished preparation
    visit, already has a follow-up, or the follow-up lacks its reason."""
    if stored is None:
        raise RecordNotFoundError(record_id)
    problems = follow_up_problems(
        kind=stored.kind,
        finished=stored.is_finished,
        existing=stored.follow_up,
        follow_up=follow_up,
    )
    if problems:
        raise RecordRuleError(problems)
    stored.follow_up = follow_up
    stored.version += 1
    stored.updated_at = now or now_local()
    return stored


def follow_up_audit_details(record: AssistRecord, payload: str) -> dict[str, Any]:
    details = record_audit_details(record, payload)
    if record.follow_up is not None:
        details["result"] = str(record.follow_up.result)
    return details


# --- the audit chain ---------------------------------------------------------------------------


def next_audit_entry(
    head: tuple[int, str] | None,
    actor: str,
    action: str,
    details: dict[str, Any],
    now: datetime | None = None,
    key: AuditKey | None = None,
) -> AuditEntry:
    """The entry that follows ``head`` (the newest entry's seq and hash; None: empty log),
    signed with ``key`` (the data folder's audit key, see store/audit.py) when there is one."""
    seq = head[0] + 1 if head else 1
    prev = head[1] if head else GENESIS_HASH
    at = (now or now_local()).isoformat()
    digest = entry_hash(prev, seq, at, actor, action, details, key)
    return AuditEntry(seq, at, actor, action, details, prev, digest)


def export_audit_details(
    fmt: str,
    filters: dict[str, Any],
    row_count: int,
    sha256: str,
    unmasked: bool,
    file_name: str,
) -> dict[str, Any]:
    return {
        "format": fmt,
        "filters": filters,
        "row_count": row_count,
        "sha256": sha256,
        "unmasked": unmasked,
        "file": file_name,
    }
