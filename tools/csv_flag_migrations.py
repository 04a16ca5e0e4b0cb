#!/usr/bin/env python3
"""Write migration 011 (the CSV export's per-row flag, store/csv_flag.py) for both databases
from today's rules; tests/test_export_csv_flag.py fails while the files differ from this."""

from __future__ import annotations

from pathlib import Path

from hearing_helper.reports.csv_export import flag_migrations

ROOT = Path(__file__).resolve().parent.parent
FILES = {
    "sqlite": ROOT / "hearing_helper/store/sqlite/migrations/011_csv_plain.sql",
    "postgres": ROOT / "hearing_helper/store/postgres/migrations/011_csv_plain.sql",
}

if __name__ == "__main__":
    for side, text in flag_migrations().items():
        FILES[side].write_text(text, encoding="utf-8")
        print(f"wrote {FILES[side].relative_to(ROOT)}")
