"""Records checked against the audit log (``verify-log``, issue 18 finding 6).

The hash chain proves the audit entries are as written; the entries in turn record the SHA-256 of
every version they stored (``record.finished``, ``record.corrected``, ``record.followed_up``:
``payload_sha256``; ``records.imported``: a 64-bit prefix per record). So a record edited in the
database -- its stored version and its records-table row changed together, say -- no longer
matches its entry. Two checks:

* every stored version whose entry recorded a hash must still hash to it, and every version an
  entry recorded must still be stored;
* the records table (what reports and exports read) must agree, column by column, with each
  finished record's newest stored version.

Versions no entry recorded (imported before this check existed) are counted, not reported as
edits: there is nothing to compare them with.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

SINGLE_RECORD_ACTIONS = ("record.finished", "record.corrected", "record.followed_up")
IMPORT_ACTION = "records.imported"
MAX_PROBLEMS_LISTED = 50


@dataclass(frozen=True)
class ContentProblem:
    record_id: str
    version: int
    # 'version_edited' (hash differs from its entry), 'version_missing' (an entry recorded it,
    # it is not stored), 'row_differs' (the records table disagrees with the newest version)
    problem: str
    audit_seq: int = 0
    columns: tuple[str, ...] = ()

    def describe(self) -> str:
        if self.problem == "version_edited":
            return (
                f"record {self.record_id} version {self.version} does not match the content "
                f"hash audit entry {self.audit_seq} recorded (it was edited in the database)"
            )
        if self.problem == "version_missing":
            return (
                f"record {self.record_id} version {self.version}, recorded by audit entry "
                f"{self.audit_seq}, is no longer stored (it was deleted from the database)"
            )
        return (
            f"record {self.record_id}: the records table disagrees with its newest stored "
            f"version in {', '.join(self.columns)} (reports and exports show the edited row)"
        )

    def as_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "record_id": self.record_id,
            "version": self.version,
            "problem": self.problem,
        }
        if self.audit_seq:
            result["audit_seq"] = self.audit_seq
        if self.columns:
            result["columns"] = list(self.columns)
        return result


class RecordedHashes:
    """The content hashes the audit entries recorded, gathered while the chain streams past."""

    def __init__(self) -> None:
        # (record id, version) -> (hash or hash prefix, audit seq)
        self.expected: dict[tuple[str, int], tuple[str, int]] = {}

    def see(self, entry: Any) -> None:
        details = entry.details if isinstance(entry.details, dict) else {}
        if entry.action in SINGLE_RECORD_ACTIONS:
            record_id, version = details.get("record_id"), details.get("version")
            digest = details.get("payload_sha256")
            if isinstance(record_id, str) and isinstance(version, int) and isinstance(digest, str):
                self.expected[(record_id, version)] = (digest, entry.seq)
        elif entry.action == IMPORT_ACTION:
            versions = details.get("versions")
            if not isinstance(versions, dict):
                return  # imported before the hashes were recorded
            for record_id, text in versions.items():
                version, _, digest = str(text).partition(":")
                if version.isdigit() and digest:
                    self.expected[(str(record_id), int(version))] = (digest, entry.seq)

    def watch(self, entries: Iterable[Any]) -> Iterator[Any]:
        for entry in entries:
            self.see(entry)
            yield entry


@dataclass
class ContentReport:
    versions_checked: int = 0
    versions_unaudited: int = 0
    rows_checked: int = 0
    problem_count: int = 0
    problems: list[ContentProblem] = field(default_factory=list)

    def add(self, problem: ContentProblem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS_LISTED:
            self.problems.append(problem)

    def as_json(self) -> dict[str, Any]:
        return {
            "versions_checked": self.versions_checked,
            "versions_unaudited": self.versions_unaudited,
            "rows_checked": self.rows_checked,
            "problem_count": self.problem_count,
            "problems": [problem.as_json() for problem in self.problems],
        }


def check_content(
    recorded: RecordedHashes,
    stored_versions: Iterable[tuple[str, int, str]],
    row_disagreements: Iterable[tuple[str, int, list[str]]],
    rows_checked: list[int],
) -> ContentReport:
    """Compare ``stored_versions`` ((record id, version, SHA-256 of its payload)) with what the
    audit entries recorded, and collect ``row_disagreements`` ((record id, newest version,
    differing columns)); ``rows_checked[0]`` is filled in by the row check as it goes."""
    report = ContentReport()
    remaining = dict(recorded.expected)
    for record_id, version, digest in stored_versions:
        expected = remaining.pop((record_id, version), None)
        if expected is None:
            report.versions_unaudited += 1
            continue
        report.versions_checked += 1
        if not digest.startswith(expected[0]) or not expected[0]:
            report.add(ContentProblem(record_id, version, "version_edited", expected[1]))
    for (record_id, version), (_digest, seq) in sorted(remaining.items()):
        report.add(ContentProblem(record_id, version, "version_missing", seq))
    for record_id, version, columns in row_disagreements:
        report.add(ContentProblem(record_id, version, "row_differs", columns=tuple(columns)))
    report.rows_checked = rows_checked[0]
    return report
