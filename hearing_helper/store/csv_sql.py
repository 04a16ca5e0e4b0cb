"""The CSV export's SQL, generated for SQLite and PostgreSQL from one plan (issue 23).

Building export rows in Python costs ~20 conversions and ~26 objects per row; a supervisor's
year of a province's records is millions of rows. So each CSV line is built where the data lives,
as one string per row -- but only where SQL can prove what the Python rules (reports/rows.py,
reports/cells.py, domain/masking.py) would make of every cell of the row. Row-wide, over the raw
text cells joined by a separator (one regular expression per row, not one per cell): no control
character, nothing the csv module quotes, no cell starting with a formula trigger or a character
a reader may skip or fold into one (the plan's ``first_suspect``), none ending with whitespace,
no masked-free-text run of ``run_length`` digits, ID letters or joiners, a line within Excel's
cell limit. Per cell: the right type (SQLite keeps whatever it is given), a phone stored as a
mobile (kept: first 3 and last 4 digits), a stored timestamp of a real day and time, an integer,
a duration above zero. Then a name is masked by keeping its first and last character, a label
column's codes become their labels (the plan carries the finished CSV field), and every other
cell is written as it is.

Any other row -- a formula, a landline, a damaged cell, a masked ID number, a comma -- comes out
of the line query as a one-character marker, and the adapter hands that row, read by a second
query with the same order in the same snapshot, to the caller's Python writer: the rules
themselves exist once, in Python, and SQL only decides which rows they cannot change. The
property and corpus tests (tests/test_export_csv_sql.py) hold the file byte-identical to the
old writer on both databases. Regular expressions are spelt once for both: PostgreSQL's ``~``
and, on SQLite, ``REGEXP`` backed by Python's ``re`` (:func:`regexp`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

MARKER = "\x01"  # a row for the Python writer: no SQL-built line contains a control character

# Characters removed by the neutralising rule (reports/cells.py, _CONTROL): a cell holding one
# goes to Python. NUL is tested apart (SQLite's is_text): PostgreSQL's text cannot hold it.
CONTROLS = "".join(chr(c) for c in (*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F))
QUOTED = ',"\r\n'  # characters that make the csv module quote a field (excel dialect)
# Rules a cell passes through; see the module docstring.
RULES = ("text", "free_text", "name", "phone", "int", "decimal1", "datetime")

FallbackLine = Callable[[tuple[object, ...]], str]  # a raw export row -> its CSV line


@dataclass(frozen=True)
class CsvCell:
    field: str  # an EXPORT_FIELDS name
    rule: str  # one of RULES
    # code -> the finished CSV field of its label (quoted as the csv module would)
    labels: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class CsvPlan:
    cells: tuple[CsvCell, ...]
    first_suspect: str  # a text cell starting with one of these goes to Python
    whitespace: str  # a name starting or ending with one of these goes to Python
    masked_run: str  # digits, ID letters and joiners of the free-text masking
    run_length: int  # that many of them in a row send a free-text cell to Python
    max_chars: int  # a longer cell goes to Python (it is cut there)


def csv_field(text: str) -> str:
    """``text`` as the csv module writes a field of a multi-field row (excel dialect)."""
    if any(char in text for char in QUOTED):
        return '"' + text.replace('"', '""') + '"'
    return text


def _regex_char(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _regex_class(chars: str) -> str:
    """A bracket expression of ``chars`` that PostgreSQL's and Python's regular expressions
    read alike (every character as an escape)."""
    return "[" + "".join(_regex_char(c) for c in sorted(set(chars))) + "]"


@functools.lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def regexp(pattern: str, value: object) -> bool:
    """SQLite's ``value REGEXP pattern``; a value that is not text counts as a match (the
    conditions use it to send a cell to Python, which is always right)."""
    return not isinstance(value, str) or _compiled(pattern).search(value) is not None


class CsvDialect:
    """The few spellings SQLite and PostgreSQL do not share."""

    name = ""
    true = "TRUE"
    false = "FALSE"

    def literal(self, text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    regex_operator = "~"
    controls = CONTROLS
    # Keeps a subquery a subquery (not merged into the outer query), so that the line it
    # computes once is tested once.
    fence = " LIMIT ALL OFFSET 0"

    def has_any(self, x: str, chars: str) -> str:
        return f"({x} {self.regex_operator} {self.literal(_regex_class(chars))})"

    def has_run(self, x: str, chars: str, length: int) -> str:
        pattern = _regex_class(chars) + "{" + str(length) + "}"
        return f"({x} {self.regex_operator} {self.literal(pattern)})"

    def has_few(self, x: str, chars: str) -> str:
        """Whether ``x`` holds one of a few ``chars``."""
        return self.has_any(x, chars)

    def is_mobile(self, x: str) -> str:
        raise NotImplementedError

    def timestamp_shape(self, x: str) -> str:
        raise NotImplementedError

    def is_text(self, x: str) -> str:
        return self.true

    def is_int(self, x: str) -> str:
        return self.true

    def length(self, x: str) -> str:
        return f"char_length({x})"

    def first(self, x: str) -> str:
        return f"left({x}, 1)"

    def last(self, x: str) -> str:
        return f"right({x}, 1)"

    def position(self, haystack: str, needle: str) -> str:
        return f"strpos({haystack}, {needle})"

    def stars(self, n: str) -> str:
        return f"repeat('*', {n})"

    def as_text(self, x: str) -> str:
        return f"({x})::text"

    def marker(self) -> str:
        return "chr(1)"

    def decimal1(self, x: str) -> tuple[str, str]:
        """(plain condition, text) of a duration rounded to one decimal, spelt as Python's
        ``repr`` of the float the export SELECT returns."""
        raise NotImplementedError


class SqliteCsv(CsvDialect):
    """SQLite: ``REGEXP`` is Python's ``re`` (the adapter registers :func:`regexp`)."""

    name = "sqlite"
    regex_operator = "REGEXP"
    controls = "\x00" + CONTROLS  # SQLite's text can hold a NUL; GLOB and length() end at it
    fence = " LIMIT -1 OFFSET 0"

    def has_few(self, x: str, chars: str) -> str:
        # instr() is a plain byte search: a few of them beat one GLOB class at every position.
        found = " OR ".join(f"instr({x}, {self.literal(c)}) > 0" for c in chars)
        return f"({found})"

    def timestamp_shape(self, x: str) -> str:
        day = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T"
        rest = ":[0-5][0-9]:[0-5][0-9]*"
        return f"({x} GLOB '{day}[01][0-9]{rest}' OR {x} GLOB '{day}2[0-3]{rest}')"

    def is_text(self, x: str) -> str:
        return f"typeof({x}) = 'text'"

    def is_mobile(self, x: str) -> str:
        # GLOB ends at a NUL: '13812345678' followed by one would pass for a mobile.
        digits = "[0-9]" * 9
        return f"({x} GLOB '1[3-9]{digits}' AND instr({x}, char(0)) = 0)"

    def is_int(self, x: str) -> str:
        return f"typeof({x}) = 'integer'"

    def length(self, x: str) -> str:
        return f"length({x})"

    def first(self, x: str) -> str:
        return f"substr({x}, 1, 1)"

    def last(self, x: str) -> str:
        return f"substr({x}, -1)"

    def position(self, haystack: str, needle: str) -> str:
        return f"instr({haystack}, {needle})"

    def stars(self, n: str) -> str:
        return f"replace(hex(zeroblob({n})), '00', '*')"

    def as_text(self, x: str) -> str:
        return f"CAST({x} AS TEXT)"

    def marker(self) -> str:
        return "char(1)"

    def decimal1(self, x: str) -> tuple[str, str]:
        # SQLite spells a REAL with up to 15 significant digits ('%!.15g', '.0' kept): the same
        # as Python's shortest repr for one decimal below 1e13. Zero and below go to Python
        # (-0.0 compares equal to 0.0 but Python spells it '-0.0').
        return (
            f"({x} IS NULL OR (typeof({x}) = 'real' AND {x} > 0 AND {x} < 1e13))",
            f"CAST({x} AS TEXT)",
        )


class PostgresCsv(CsvDialect):
    name = "postgres"

    def literal(self, text: str) -> str:
        # The SQL is run with psycopg's %s parameters: a literal % is written %%.
        return super().literal(text).replace("%", "%%")

    def is_mobile(self, x: str) -> str:
        return f"({x} ~ '^1[3-9][0-9]{{9}}$')"

    def timestamp_shape(self, x: str) -> str:
        # translate() and substr() are several times cheaper than a regular expression here.
        digits = f"translate(substr({x}, 1, 19), '123456789', '000000000')"
        return (
            f"({digits} = '0000-00-00T00:00:00' AND substr({x}, 12, 2) <= '23' "
            f"AND substr({x}, 15, 1) <= '5' AND substr({x}, 18, 1) <= '5')"
        )

    def decimal1(self, x: str) -> tuple[str, str]:
        # ``x`` is the numeric round(); its text always has one decimal and no exponent, as
        # Python's repr of the same value as a float below 1e13.
        return f"({x} IS NULL OR abs({x}) < 1e13)", f"({x})::text"


SQLITE_CSV = SqliteCsv()
POSTGRES_CSV = PostgresCsv()


# Month and day of every real date but 29 February (a leap day goes to Python, which knows
# leap years): cheaper than date arithmetic in SQL, and never an error on odd text.
_MONTH_DAYS = tuple(
    f"{month:02d}-{day:02d}"
    for month, days in enumerate((31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31), start=1)
    for day in range(1, days + 1)
)


def _real_day(d: CsvDialect, x: str) -> str:
    """Whether a value of the timestamp shape names a real day (year 0001-9999)."""
    days = ", ".join(f"'{month_day}'" for month_day in _MONTH_DAYS)
    return f"(substr({x}, 1, 4) <> '0000' AND substr({x}, 6, 5) IN ({days}))"


SEPARATOR = "\x1f"  # between the cells of the rows' check strings (a control: never in a cell)


@dataclass(frozen=True)
class _CellSql:
    plain: str  # the cell's own condition (type and shape); the text rules are row-wide
    field: str  # its CSV field where the row is plain
    text: str | None = None  # its raw text, for the row's text check
    free: str | None = None  # its raw text, for the row's free-text check


def _cell(d: CsvDialect, cell: CsvCell, x: str) -> _CellSql:
    if cell.rule == "int":
        return _CellSql(f"({x} IS NULL OR {d.is_int(x)})", f"coalesce({d.as_text(x)}, '')")
    if cell.rule == "decimal1":
        plain, text = d.decimal1(x)
        return _CellSql(plain, f"coalesce({text}, '')")
    if cell.rule == "datetime":
        plain = (
            f"({x} IS NULL OR ({d.is_text(x)} AND {d.timestamp_shape(x)} AND {_real_day(d, x)}))"
        )
        return _CellSql(plain, f"coalesce(substr({x}, 1, 10) || ' ' || substr({x}, 12, 8), '')")
    if cell.rule == "phone":
        plain = f"({x} IS NULL OR {x} = '' OR ({d.is_text(x)} AND {d.is_mobile(x)}))"
        masked = f"substr({x}, 1, 3) || '****' || substr({x}, 8, 4)"
        return _CellSql(plain, f"CASE WHEN {x} IS NULL OR {x} = '' THEN '' ELSE {masked} END")
    plain = f"({x} IS NULL OR {d.is_text(x)})"
    text = f"coalesce({x}, '')"
    if cell.rule == "name":
        n = d.length(x)
        masked = (
            f"CASE WHEN {n} <= 1 THEN {x} WHEN {n} = 2 THEN {d.first(x)} || '*' "
            f"ELSE {d.first(x)} || {d.stars(f'{n} - 2')} || {d.last(x)} END"
        )
        return _CellSql(plain, f"coalesce({masked}, '')", text=text)
    if cell.labels:
        codes = " ".join(
            f"WHEN {d.literal(code)} THEN {d.literal(label)}" for code, label in cell.labels
        )
        return _CellSql(plain, f"coalesce(CASE {x} {codes} ELSE {x} END, '')", text=text)
    free = text if cell.rule == "free_text" else None
    return _CellSql(plain, text, text=text, free=free)


def _row_checks(d: CsvDialect, plan: CsvPlan, text: str, free: str | None, cells: int) -> str:
    """The row-wide text rules over ``text``, the raw text cells joined by SEPARATOR: no
    control character, no character the csv module quotes, no cell starting with a suspect
    character or ending with whitespace (a name's masking strips it), no separator inside a
    cell; and no maskable run of digits in ``free``, the free-text cells joined alike."""
    body = "".join(_regex_char(c) for c in sorted(set(d.controls + QUOTED) - {SEPARATOR}))
    sep = _regex_char(SEPARATOR)
    # The separator is whitespace to str.isspace: a cell starting or ending with one is
    # caught by the count of separators instead.
    suspect = _regex_class(plan.first_suspect.replace(SEPARATOR, ""))
    space = _regex_class(plan.whitespace.replace(SEPARATOR, ""))
    pattern = f"[{body}]|(^|{sep}){suspect}|{space}({sep}|$)"
    without = f"replace({text}, {d.literal(SEPARATOR)}, '')"
    checks = [
        f"NOT ({text} {d.regex_operator} {d.literal(pattern)})",
        f"{d.length(text)} - {d.length(without)} = {cells - 1}",
    ]
    if free is not None:
        checks.append(f"NOT {d.has_run(free, plan.masked_run, plan.run_length)}")
    return " AND ".join(checks)


def csv_selects(
    plan: CsvPlan,
    dialect: CsvDialect,
    expressions: Mapping[str, str],
    source: str,
    raw_expressions: Mapping[str, str] | None = None,
) -> tuple[str, str]:
    """(SELECT of the CSV lines, SELECT of the raw rows the lines leave to Python) over
    ``expressions`` (export field -> SQL expression) and ``source`` (FROM ... WHERE ... ORDER
    BY ...); both in the same order, with the same parameters. A line is the row's CSV line
    without its line end, or MARKER. ``raw_expressions``: the export SELECT's, where the raw
    rows are read with other expressions than the lines (default ``expressions``)."""
    d = dialect
    cells = [_cell(d, cell, expressions[cell.field]) for cell in plan.cells]
    texts = [c.text for c in cells if c.text is not None]
    frees = [c.free for c in cells if c.free is not None]
    joiner = f" || '{SEPARATOR}' || "
    cells_plain = "coalesce(" + " AND ".join(c.plain for c in cells) + f", {d.false})"
    line = " || ',' || ".join(c.field for c in cells)
    inner = (
        f"SELECT {line} AS hh_line, {cells_plain} AS hh_plain, {joiner.join(texts)} AS hh_text, "
        f"{joiner.join(frees) if frees else 'NULL'} AS hh_free"
    )
    row = _row_checks(d, plan, "hh_text", "hh_free" if frees else None, len(texts))
    # A line within the limit has every cell within it.
    plain = f"(hh_plain AND {d.length('hh_line')} <= {plan.max_chars} AND {row})"
    raws = raw_expressions or expressions
    raw = ", ".join(f"{raws[cell.field]} AS hh_{i}" for i, cell in enumerate(plan.cells))
    columns = ", ".join(f"hh_{i}" for i in range(len(plan.cells)))
    return (
        f"SELECT CASE WHEN {plain} THEN hh_line ELSE {d.marker()} END "
        f"FROM ({inner} {source}{d.fence}) AS hh",
        f"SELECT {columns} FROM ({inner}, {raw} {source}{d.fence}) AS hh WHERE NOT {plain}",
    )
