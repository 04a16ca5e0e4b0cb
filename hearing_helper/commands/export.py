"""``hearing-helper export --from D --to D --format csv|xlsx|pdf --out FILE [--unmask]``.

Needs the supervisor password: the entry remembered in the OS keyring (``supervisor remember``),
else a terminal prompt, else the first line of standard input. A wrong password exits 1.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
import time
from typing import TYPE_CHECKING

from hearing_helper import secrets
from hearing_helper.auth import AuthResult, auth_for
from hearing_helper.commands import data_folder_of, open_services
from hearing_helper.commands.report import add_period_arguments, filters_from_args
from hearing_helper.commands.scope import (
    add_demo_argument,
    add_scope_argument,
    court_source,
    demo_note,
)
from hearing_helper.commands.supervisor import cli_actor, read_secret
from hearing_helper.services import AppServices

if TYPE_CHECKING:
    from hearing_helper.reports.export import PdfWriter

log = logging.getLogger(__name__)

MAX_CLI_WAIT_S = 30.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_period_arguments(parser)
    parser.add_argument("--format", required=True, choices=("csv", "xlsx", "pdf"))
    parser.add_argument("--out", required=True, metavar="FILE", help="file to write")
    parser.add_argument(
        "--unmask", action="store_true", help="full litigant names and phone numbers (audited)"
    )
    parser.add_argument(
        "--lang", choices=("zh_CN", "en"), default=None, help="language of headers and the PDF"
    )
    add_scope_argument(parser)
    add_demo_argument(parser)


def _authenticate(services: AppServices, purpose: str) -> AuthResult:
    auth = auth_for(services)
    actor = cli_actor()
    if not auth.is_set():
        return AuthResult(False, "not_set")
    name = secrets.supervisor_secret_name(services.data_dir)
    try:
        remembered = secrets.get_secret(name)
    except secrets.KeyringUnavailableError:
        remembered = None  # no keyring here: ask instead
    if remembered:
        if auth.is_current(remembered):
            return auth.check(remembered, actor, purpose=purpose + " (keyring)")
        # Stale (the password was changed since): forget it and ask; it is not a guess, so
        # it is not counted against the person who types the right password next.
        with contextlib.suppress(secrets.KeyringUnavailableError):
            secrets.delete_secret(name)
        print(
            "hearing-helper: the password remembered in the keyring is no longer valid and "
            "was forgotten; run 'hearing-helper supervisor remember' again.",
            file=sys.stderr,
        )
    password = read_secret("Supervisor password: ")
    wait = auth.wait_seconds()
    if 0 < wait <= MAX_CLI_WAIT_S:
        # Slow down instead of refusing outright: the delay is what stops guessing.
        print(
            f"hearing-helper: waiting {wait:.0f} s after earlier wrong passwords", file=sys.stderr
        )
        time.sleep(wait)
    return auth.check(password, actor, purpose=purpose)


def _pdf_writer() -> PdfWriter:
    """The Qt PDF painter, imported only for a PDF export (csv/xlsx never load Qt)."""
    from hearing_helper.ui.pdf.summary import write_summary_pdf

    return write_summary_pdf


def run(args: argparse.Namespace) -> int:
    filters = filters_from_args(args)
    if filters is None:
        return 2
    from hearing_helper.reports.export import ExportPathError, check_out_path

    try:
        # Never onto the app's own files, however the path is spelt (kept_files.py): checked
        # before the database is opened, so a refused command touches nothing in the folder.
        out = check_out_path(args.out, kept_folder=data_folder_of(args))
    except ExportPathError as exc:
        print(f"hearing-helper: --out: {exc}", file=sys.stderr)
        return 2
    services = open_services(args)
    if services is None:
        return 1
    try:
        result = _authenticate(services, f"export {args.format}")
        if not result.ok:
            print(f"hearing-helper: {result.message()} Nothing was exported.", file=sys.stderr)
            return 1
        from hearing_helper.catalog import load_catalog
        from hearing_helper.reports.export import ExportError, export_log
        from hearing_helper.store import StoreError
        from hearing_helper.ui.pdf.translator import translator_for

        lang = args.lang or services.settings.get("language")
        lang = lang if lang in ("zh_CN", "en") else "zh_CN"
        store = services.store
        court = None  # the court's source, closed here
        left_out = 0
        if getattr(args, "scope", "desk") == "court":
            from hearing_helper.domain.report_filters import CourtFilters
            from hearing_helper.store.backend import Store

            source = court_source(services, args)
            if isinstance(source, int):
                return source
            filters = CourtFilters.of(filters, bool(args.include_demo))
            if not filters.include_demo:
                try:
                    left_out = source.demo_count(filters)
                except StoreError as exc:
                    source.close()
                    print(f"hearing-helper: {exc}", file=sys.stderr)
                    return 1
            # Rows from the central database; the export is audited on this desk (and its
            # audit entry reaches the court through the outbox like any other).
            store, court = Store(repository=services.repo, reports=source), source
        try:
            done = export_log(
                store,
                filters,
                args.format,
                out,
                actor=cli_actor(),
                unmask=args.unmask,
                translate=translator_for(lang),
                platform_names=load_catalog(services.data_dir).platform_names(lang),
                kept_folder=services.data_dir,
                write_pdf=_pdf_writer() if args.format == "pdf" else None,
            )
        except (ExportError, StoreError) as exc:
            print(f"hearing-helper: {exc}", file=sys.stderr)
            return 1
        finally:
            if court is not None:
                court.close()
    finally:
        services.close()
    print(f"Exported {done.row_count} rows to {done.path} (SHA-256 {done.sha256}).")
    if left_out:
        print(demo_note(left_out))
    return 0
