"""Export the assistance log of a period (CSV, XLSX) or its monthly summary (PDF), audited.

The file is written next to its destination as ``<name>.part``, hashed, recorded in the
``exports`` table and the audit log (who, when, filters, row count, SHA-256), then renamed into
place, so a cancelled or failed export never leaves a half-written file under the real name.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP
from hearing_helper.reports.aggregate import report_for
from hearing_helper.reports.filters import ReportFilters
from hearing_helper.reports.labels import CONTEXT, Translate, english
from hearing_helper.reports.rows import header, iter_rows
from hearing_helper.reports.writers import write_csv, write_xlsx
from hearing_helper.store.backend import Store

log = logging.getLogger(__name__)

FORMATS = ("csv", "xlsx", "pdf")
SHEET_TITLE = QT_TRANSLATE_NOOP("reports", "Records")
Progress = Callable[[int, int], None]  # rows written, rows expected


class ExportCancelledError(Exception):
    """The user cancelled; nothing was left behind."""


class ExportError(Exception):
    """The export could not be written; ``str()`` says why in plain words."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str
    row_count: int
    sha256: str
    unmasked: bool
    audit_seq: int


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def export_log(
    store: Store,
    filters: ReportFilters,
    fmt: str,
    out: Path,
    *,
    actor: str,
    unmask: bool = False,
    translate: Translate = english,
    platform_names: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> ExportResult:
    """Write the export and audit it. Raises ExportCancelledError or ExportError."""
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format {fmt!r}; use one of {', '.join(FORMATS)}.")
    out = Path(out)
    if not out.parent.is_dir():
        raise ExportError(f"The folder {out.parent} does not exist.")
    part = out.with_name(out.name + ".part")

    source = store.reports
    try:
        expected = source.export_count(filters)

        def tick(done: int) -> None:
            if is_cancelled is not None and is_cancelled():
                raise ExportCancelledError()
            if progress is not None:
                progress(done, expected)

        try:
            if fmt == "pdf":
                from hearing_helper.reports.pdf import write_summary_pdf

                report = report_for(source, filters)
                tick(0)
                write_summary_pdf(part, report, translate)
                rows = report.assisted
                tick(rows)
            elif fmt == "csv":
                data = iter_rows(
                    source,
                    filters,
                    unmask=unmask,
                    translate=translate,
                    platform_names=platform_names,
                )
                rows = write_csv(part, header(translate), data, tick)
            else:
                data = iter_rows(
                    source,
                    filters,
                    unmask=unmask,
                    translate=translate,
                    datetimes="datetime",
                    platform_names=platform_names,
                )
                sheet = translate(CONTEXT, SHEET_TITLE)
                rows = write_xlsx(part, header(translate), data, tick, sheet_title=sheet)
            digest = file_sha256(part)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise ExportError(f"Cannot write {out}: {exc.strerror or exc}.") from exc

    try:
        entry = store.repository.record_export(
            actor,
            fmt,
            filters.to_dict(),
            rows,
            digest,
            unmask and fmt != "pdf",
            out.name,
        )
        os.replace(part, out)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    log.info("Exported %d rows as %s (unmasked=%s)", rows, fmt, unmask)
    return ExportResult(out, fmt, rows, digest, unmask and fmt != "pdf", entry.seq)
