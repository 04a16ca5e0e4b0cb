"""Placeholder until its feature lands (see the open issues)."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    print("hearing-helper: this command is not available in this version yet", file=sys.stderr)
    return 2
