"""Command line: the GUI by default, plus sub-commands for IT, scheduled jobs and tests.

Each sub-command lives in ``hearing_helper.commands.<module>`` with ``add_arguments(parser)``
and ``run(args) -> int``; modules are imported only when their command runs, so ``--help`` and
the GUI start stay fast. Exit codes: 0 success, 1 the command's own failure (a check failed,
wrong password, broken chain), 2 bad usage.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from hearing_helper import __version__
from hearing_helper.commands import add_data_dir_argument

# name: (module, help)
COMMANDS: dict[str, tuple[str, str]] = {
    "gui": ("gui", "open the application window (the default)"),
    "check": ("check", "run the automatic device and network checks"),
    "report": ("report", "print the KPIs for a period"),
    "followups": ("followups", "list prepared hearings whose outcome is still to be asked"),
    "visits": ("visits", "list a returning litigant's earlier visits (by case number or phone)"),
    "export": ("export", "export the assistance log (CSV, XLSX or PDF)"),
    "verify-log": ("verify_log", "verify the audit log's hash chain"),
    "catalog": ("catalog", "list platforms and guides, or validate court-edited files"),
    "supervisor": ("supervisor", "set the supervisor password or remember it in the keyring"),
    "demo-data": ("demo_data", "create realistic synthetic records for demos and benchmarks"),
    "sync": ("sync", "send this desk's waiting records to the court's central database"),
    "server": ("server", "set up the court's central database (for court IT)"),
    "restore": ("restore", "rebuild a replaced desk's history from the court's central database"),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _requested_command(argv: Sequence[str]) -> str | None:
    """The sub-command named in ``argv`` (the first word that is not an option or its value)."""
    skip_next = False
    for token in argv:
        if skip_next:
            skip_next = False
        elif token in ("--data-dir", "--database", "--central"):
            skip_next = True
        elif not token.startswith("-"):
            return token
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The full parser; given ``argv``, only the named command's module is imported, so that
    starting the GUI does not pay for importing requests and the report writers."""
    wanted = _requested_command(argv) if argv is not None else None
    parser = _Parser(prog="hearing-helper", description="Hearing Helper (庭审协助助手)")
    parser.add_argument("--version", action="version", version=f"hearing-helper {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="start offscreen, load assets, translations and the catalog, open the database, "
        "build the main window, then exit (0 = all good)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    add_data_dir_argument(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (module_name, help_text) in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        add_data_dir_argument(command_parser, sub_command=True)
        if argv is None or name == wanted:
            module = importlib.import_module(f"hearing_helper.commands.{module_name}")
            module.add_arguments(command_parser)
        command_parser.set_defaults(_module=module_name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # Chinese text must not crash a redirected run on a non-Chinese Windows code page.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(arguments)
    undecodable = _first_undecodable(arguments)
    if undecodable is not None:
        parser.error(undecodable)
    args = parser.parse_args(arguments)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if args.self_test:
        from hearing_helper.commands.self_test import run as run_self_test

        return run_self_test(args)
    module_name = getattr(args, "_module", "gui")
    module = importlib.import_module(f"hearing_helper.commands.{module_name}")
    return run_guarded(module.run, args)


def _first_undecodable(arguments: Sequence[str]) -> str | None:
    """A usage message for the first argument that is not valid text, else None.

    Bytes that are not UTF-8 (a file name or value typed in another encoding) reach Python as
    lone surrogates; checked once here, so no command meets text it cannot store, hash or
    print."""
    for index, token in enumerate(arguments):
        try:
            token.encode("utf-8")
        except UnicodeEncodeError:
            if token.startswith("-"):
                option = token.split("=", 1)[0]
            elif index > 0 and arguments[index - 1].startswith("-"):
                option = arguments[index - 1]
            else:
                option = "argument"
            shown = token.encode("utf-8", "backslashreplace").decode("utf-8")
            return (
                f"{option}: '{shown}' is not valid UTF-8 text (bytes in another encoding); "
                "use UTF-8 names and values."
            )
    return None


def run_guarded(run: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a command; an expected failure that escaped it becomes its message and exit 1.

    Commands handle their own expected errors where they can say more; this is the boundary
    that keeps a traceback from ever reaching the user. An unexpected exception is reported as
    an internal error in one line (its traceback only in the log, with --verbose)."""
    from hearing_helper.commands import SecretInputError
    from hearing_helper.config import SettingsFileError
    from hearing_helper.store.errors import StoreError

    try:
        return int(run(args))
    except (StoreError, SettingsFileError) as exc:
        print(f"hearing-helper: {exc}", file=sys.stderr)
    except SecretInputError as exc:
        print(f"hearing-helper: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        print(
            f"hearing-helper: {exc.strerror or exc}{where}. Nothing more was done.", file=sys.stderr
        )
    except KeyboardInterrupt:
        print("hearing-helper: interrupted.", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence; the fuzz test treats it as a bug
        logging.getLogger(__name__).debug("internal error", exc_info=True)
        print(
            f"hearing-helper: internal error ({type(exc).__name__}: {exc}); please report "
            "it with the command you ran (add --verbose for details).",
            file=sys.stderr,
        )
    return 1


if __name__ == "__main__":
    sys.exit(main())
