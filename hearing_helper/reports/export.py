"""Export the assistance log of a period (CSV, XLSX) or its monthly summary (PDF), audited.

The destination is checked first (a file name in a writable folder), then the file is written
next to it as ``<name>.part``, hashed, and renamed into place inside the transaction that records
it in the ``exports`` table and the audit log (who, when, filters, row count, SHA-256): a
cancelled or failed export never leaves a half-written file under the real name, and the audit
log never names a file that was not written, nor misses one that was.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from hearing_helper.atomic_file import FileInUseError, replace_file
from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP
from hearing_helper.kept_files import KeptPathError, refuse_kept_path
from hearing_helper.private_files import create_private_file
from hearing_helper.reports.aggregate import Report, report_for
from hearing_helper.reports.csv_export import write_csv_export
from hearing_helper.reports.labels import CONTEXT, Translate, english
from hearing_helper.reports.rows import header, iter_rows
from hearing_helper.reports.writers import write_xlsx
from hearing_helper.store.backend import Store
from hearing_helper.store.errors import StoreError

log = logging.getLogger(__name__)

FORMATS = ("csv", "xlsx", "pdf")
SHEET_TITLE = QT_TRANSLATE_NOOP("reports", "Records")
Progress = Callable[[int, int], None]  # rows written, rows expected
# Paints the summary PDF (path, report, translate). Painting needs Qt, so the writer lives in
# ui/pdf/ and the caller hands it in: reports/ stays below ui/ in the layers (pyproject.toml).
PdfWriter = Callable[[Path, Report, Translate], None]


class ExportCancelledError(Exception):
    """The user cancelled; nothing was left behind."""


class ExportError(Exception):
    """The export could not be written; ``str()`` says why in plain words."""


class ExportPathError(ExportError):
    """The output path cannot be an export file (checked before anything is written)."""


# Moving the finished file into place (a name of its own so tests can make it fail); waits
# out a virus scanner, refuses clearly when Excel holds the old file (atomic_file.py).
_move_into_place = replace_file


def check_out_path(raw: str | Path, *, kept_folder: Path | None = None) -> Path:
    """The export's destination as an absolute path; raises ExportPathError naming what is
    wrong (empty, a folder, a missing or unwritable folder, or -- given the data folder as
    ``kept_folder`` -- a path inside it or onto one of its files, see kept_files.py)."""
    text = str(raw).strip()
    if not text:
        raise ExportPathError("Give the file to write, e.g. log.csv.")
    out = Path(text).expanduser().absolute()
    if kept_folder is not None:
        try:
            refuse_kept_path(out, kept_folder)
        except KeptPathError as exc:
            raise ExportPathError(str(exc)) from None
    try:
        is_folder = out.is_dir()
        is_odd = out.exists() and not out.is_file()
    except OSError as exc:  # a symlink loop, a name too long
        raise ExportPathError(f"{out} cannot be used: {exc.strerror or exc}.") from None
    if is_folder or text.endswith(("/", os.sep)):
        raise ExportPathError(f"{out} is a folder; give a file name inside it.")
    # The finished file is renamed over the destination: never over a device, pipe or socket
    # (as an administrator, `--out /dev/null` would replace the device itself).
    if is_odd:
        raise ExportPathError(f"{out} is not a regular file; give a file name to write.")
    if not out.parent.is_dir():
        raise ExportPathError(f"The folder {out.parent} does not exist.")
    if not os.access(out.parent, os.W_OK | os.X_OK):
        raise ExportPathError(f"The folder {out.parent} is not writable by this user.")
    return out


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
    kept_folder: Path | None = None,
    write_pdf: PdfWriter | None = None,
) -> ExportResult:
    """Write the export and audit it. Raises ExportCancelledError or ExportError.

    ``kept_folder``: the data folder, never written into (default: the SQLite database's).
    ``write_pdf``: the PDF painter (:func:`hearing_helper.ui.pdf.summary.write_summary_pdf`),
    needed for ``fmt="pdf"`` only."""
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format {fmt!r}; use one of {', '.join(FORMATS)}.")
    if fmt == "pdf" and write_pdf is None:
        raise ValueError("export_log(fmt='pdf') needs write_pdf (ui.pdf.summary.write_summary_pdf)")
    if kept_folder is None:
        database = getattr(store.repository, "path", None)
        kept_folder = database.parent if isinstance(database, Path) else None
    out = check_out_path(out, kept_folder=kept_folder)
    part = out.with_name(out.name + ".part")
    try:
        part.unlink(missing_ok=True)  # a leftover of a crash: start afresh, private
        create_private_file(part)  # 0600 before a byte is written (private_files.py)
    except OSError as exc:
        raise ExportError(f"Cannot write {out}: {exc.strerror or exc}.") from exc

    source = store.reports
    try:
        expected = source.export_count(filters)

        def tick(done: int) -> None:
            if is_cancelled is not None and is_cancelled():
                raise ExportCancelledError()
            if progress is not None:
                progress(done, expected)

        try:
            if fmt == "pdf" and write_pdf is not None:
                report = report_for(source, filters)
                tick(0)
                write_pdf(part, report, translate)
                rows = report.visit_count  # the visits the summary is made of
                tick(rows)
            elif fmt == "csv":
                rows = write_csv_export(
                    part,
                    source,
                    filters,
                    tick=tick,
                    unmask=unmask,
                    translate=translate,
                    platform_names=platform_names,
                )
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

    # The file is moved into place inside the audit transaction, just before its commit: a
    # failed move commits nothing, and a failed commit removes the moved file. Either both the
    # file and its audit entry exist, or neither does.
    moved = False

    def move() -> None:
        nonlocal moved
        _move_into_place(part, out)
        moved = True

    try:
        entry = store.repository.record_export(
            actor,
            fmt,
            filters.to_dict(),
            rows,
            digest,
            unmask and fmt != "pdf",
            out.name,
            before_commit=move,
        )
    except BaseException as exc:
        part.unlink(missing_ok=True)
        if moved:
            out.unlink(missing_ok=True)
        if isinstance(exc, FileInUseError):
            raise ExportError(f"{exc} Nothing was exported.") from exc
        if isinstance(exc, OSError):
            raise ExportError(f"Cannot write {out}: {exc.strerror or exc}.") from exc
        if isinstance(exc, StoreError):
            raise ExportError(f"{exc} The export was not kept.") from exc
        raise
    log.info("Exported %d rows as %s (unmasked=%s)", rows, fmt, unmask)
    return ExportResult(out, fmt, rows, digest, unmask and fmt != "pdf", entry.seq)
