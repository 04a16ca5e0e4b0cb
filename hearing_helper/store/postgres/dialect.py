"""The PostgreSQL dialect of the shared queries (store/shared_dialect.py)."""

from __future__ import annotations

from hearing_helper.store.shared_dialect import Dialect

# ILIKE under the "C" collation folds ASCII letters only, as SQLite's LIKE does; NULL is placed
# as SQLite places it (PostgreSQL's defaults differ).
POSTGRES = Dialect(
    mark="%s",
    like="ILIKE",
    ascending="ASC NULLS FIRST",
    descending="DESC NULLS LAST",
    instant=lambda expression: f"{expression}::timestamptz",
    instant_param=lambda moment: moment,
    weekday=lambda expression: f"extract(isodow FROM {expression}::date)",  # Monday = 1
    weekday_param=lambda weekday: weekday + 1,
)
