"""The SQLite dialect of the shared queries (store/shared_dialect.py)."""

from __future__ import annotations

from hearing_helper.store.shared_dialect import Dialect

# SQLite sorts NULL first ascending and last descending by itself; datetime() turns "…+08:00"
# into UTC text, which sorts as time.
SQLITE = Dialect(
    mark="?",
    like="LIKE",
    ascending="ASC",
    descending="DESC",
    instant=lambda expression: f"datetime({expression})",
    instant_param=lambda moment: moment.isoformat(),
    weekday=lambda expression: f"strftime('%w', {expression})",  # Sunday = "0"
    weekday_param=lambda weekday: str((weekday + 1) % 7),
)
