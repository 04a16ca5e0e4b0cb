"""The CSV export's SQL, generated for SQLite and PostgreSQL from one plan (issue 23).

Building export rows in Python costs ~20 conversions and ~26 objects per row; a supervisor's
year of a province's records is millions of rows. So each CSV line is built where the data lives,
as one string per row -- but only where SQL can prove what the Python rules (reports/rows.py,
reports/cells.py, domain/masking.py) would make of every cell of the row:

- a text cell with no control character, within Excel's length limit, whose first character is
  neither a formula trigger nor one a reader may skip or fold into one (the plan's
  ``first_suspect``) is left as it is by the neutralising rule;
- a free-text cell (masked export) without ``run_length`` digits, ID letters or digit joiners in a
  row holds no run the free-text masking would touch;
- a name without whitespace at either end is masked by keeping its first and last character; a
  phone stored as a mobile (``1[3-9]`` and 9 digits) keeps its first 3 and last 4 digits;
- a label column's known codes become their labels (the plan carries the finished CSV field);
- an integer, a rounded duration, a stored timestamp of a real day and time have one spelling.

Any other row -- a formula, a landline, a damaged cell of the wrong type, a masked ID number --
comes out of the line query as a one-character marker, and the adapter hands that row, read by
a second query with the same order in the same snapshot, to the caller's Python writer: the
rules themselves exist once, in Python, and SQL only decides which rows they cannot change. The
property test ``tests/test_export_csv_sql.py`` holds the two paths byte-identical on both
databases.
"""

from __future__ import annotations

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


class Dialect:
    """The few spellings SQLite and PostgreSQL do not share."""

    name = ""
    true = "TRUE"
    false = "FALSE"

    def literal(self, text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    def mod(self, a: str, b: str) -> str:
        return f"mod({a}, {b})"

    def has_any(self, x: str, chars: str) -> str:
        raise NotImplementedError

    def has_run(self, x: str, chars: str, length: int) -> str:
        raise NotImplementedError

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


class SqliteDialect(Dialect):
    name = "sqlite"

    @staticmethod
    def _glob_class(chars: str) -> str:
        # In a GLOB class ']' is literal first, '-' last; nothing else is special.
        unique = sorted(set(chars))
        body = "".join(c for c in unique if c not in "]-")
        return "[" + ("]" if "]" in unique else "") + body + ("-" if "-" in unique else "") + "]"

    def mod(self, a: str, b: str) -> str:
        return f"({a} % {b})"

    def has_any(self, x: str, chars: str) -> str:
        return f"({x} GLOB {self.literal('*' + self._glob_class(chars) + '*')})"

    def has_run(self, x: str, chars: str, length: int) -> str:
        return f"({x} GLOB {self.literal('*' + self._glob_class(chars) * length + '*')})"

    def is_mobile(self, x: str) -> str:
        return f"({x} GLOB '1[3-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]')"

    def timestamp_shape(self, x: str) -> str:
        day = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T"
        rest = ":[0-5][0-9]:[0-5][0-9]*"
        return f"({x} GLOB '{day}[01][0-9]{rest}' OR {x} GLOB '{day}2[0-3]{rest}')"

    def is_text(self, x: str) -> str:
        # A NUL inside a text ends it for GLOB and length(): such a cell goes to Python.
        return f"(typeof({x}) = 'text' AND instr({x}, char(0)) = 0)"

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


def _regex_char(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


class PostgresDialect(Dialect):
    name = "postgres"

    @staticmethod
    def _regex_class(chars: str) -> str:
        return "[" + "".join(_regex_char(c) for c in sorted(set(chars))) + "]"

    def literal(self, text: str) -> str:
        # The SQL is run with psycopg's %s parameters: a literal % is written %%.
        return super().literal(text).replace("%", "%%")

    def has_any(self, x: str, chars: str) -> str:
        return f"({x} ~ {self.literal(self._regex_class(chars))})"

    def has_run(self, x: str, chars: str, length: int) -> str:
        return f"({x} ~ {self.literal(self._regex_class(chars) + '{' + str(length) + '}')})"

    def is_mobile(self, x: str) -> str:
        return f"({x} ~ '^1[3-9][0-9]{{9}}$')"

    def timestamp_shape(self, x: str) -> str:
        return (
            f"({x} ~ '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]')"
        )

    def decimal1(self, x: str) -> tuple[str, str]:
        # ``x`` is the numeric round(); its text always has one decimal and no exponent, as
        # Python's repr of the same value as a float below 1e13.
        return f"({x} IS NULL OR abs({x}) < 1e13)", f"({x})::text"


SQLITE = SqliteDialect()
POSTGRES = PostgresDialect()


def _quoted(d: Dialect, x: str) -> str:
    """``x`` (text) as a CSV field: quoted, quotes doubled, when it holds , " CR or LF."""
    quoted = f"'\"' || replace({x}, '\"', '\"\"') || '\"'"
    return f"CASE WHEN {d.has_any(x, QUOTED)} THEN {quoted} ELSE {x} END"


def _real_day(d: Dialect, x: str) -> str:
    """Whether a value of the timestamp shape names a real day (year 0001-9999)."""
    year = f"CAST(substr({x}, 1, 4) AS INTEGER)"
    month, day = f"substr({x}, 6, 2)", f"substr({x}, 9, 2)"
    leap = f"({d.mod(year, '4')} = 0 AND ({d.mod(year, '100')} <> 0 OR {d.mod(year, '400')} = 0))"
    last_day = (
        f"CASE {month} WHEN '02' THEN CASE WHEN {leap} THEN '29' ELSE '28' END "
        f"WHEN '04' THEN '30' WHEN '06' THEN '30' WHEN '09' THEN '30' WHEN '11' THEN '30' "
        "ELSE '31' END"
    )
    return (
        f"(substr({x}, 1, 4) >= '0001' AND {month} BETWEEN '01' AND '12' "
        f"AND {day} >= '01' AND {day} <= {last_day})"
    )


def _cell(d: Dialect, plan: CsvPlan, cell: CsvCell, x: str) -> tuple[str, str]:
    """(condition under which SQL spells the cell exactly as Python would, its CSV field);
    the field expression is only used where the condition holds."""
    clean = f"{d.is_text(x)} AND NOT {d.has_any(x, CONTROLS)} AND {d.length(x)} <= {plan.max_chars}"
    safe_first = f"({x} = '' OR {d.position(d.literal(plan.first_suspect), d.first(x))} = 0)"
    if cell.rule == "int":
        return f"({x} IS NULL OR {d.is_int(x)})", f"coalesce({d.as_text(x)}, '')"
    if cell.rule == "decimal1":
        plain, text = d.decimal1(x)
        return plain, f"coalesce({text}, '')"
    if cell.rule == "datetime":
        shaped = f"{d.is_text(x)} AND {d.timestamp_shape(x)}"
        # CASE keeps the day's arithmetic off values of another shape (PostgreSQL would fail
        # on the cast, not skip it).
        plain = f"({x} IS NULL OR CASE WHEN {shaped} THEN {_real_day(d, x)} ELSE {d.false} END)"
        return plain, f"coalesce(substr({x}, 1, 10) || ' ' || substr({x}, 12, 8), '')"
    if cell.rule == "phone":
        plain = f"({x} IS NULL OR {x} = '' OR ({d.is_text(x)} AND {d.is_mobile(x)}))"
        masked = f"substr({x}, 1, 3) || '****' || substr({x}, 8, 4)"
        return plain, f"CASE WHEN {x} IS NULL OR {x} = '' THEN '' ELSE {masked} END"
    if cell.rule == "name":
        edges = d.literal(plan.first_suspect + plan.whitespace)
        plain = (
            f"({x} IS NULL OR {x} = '' OR ({clean} AND {d.position(edges, d.first(x))} = 0 "
            f"AND {d.position(d.literal(plan.whitespace), d.last(x))} = 0))"
        )
        n = d.length(x)
        masked = (
            f"CASE WHEN {n} <= 1 THEN {x} WHEN {n} = 2 THEN {d.first(x)} || '*' "
            f"ELSE {d.first(x)} || {d.stars(f'{n} - 2')} || {d.last(x)} END"
        )
        return plain, f"coalesce({_quoted(d, f'({masked})')}, '')"
    # text, free_text, and the fallback of a label column
    plain_text = f"({clean} AND {safe_first})"
    if cell.rule == "free_text":
        plain_text = f"({plain_text} AND NOT {d.has_run(x, plan.masked_run, plan.run_length)})"
    field = _quoted(d, x)
    if cell.labels:
        codes = " ".join(
            f"WHEN {d.literal(code)} THEN {d.literal(text)}" for code, text in cell.labels
        )
        known = " OR ".join(f"{x} = {d.literal(code)}" for code, _text in cell.labels)
        # A label column compares text only (SQLite: a blob never equals a code).
        plain = f"({x} IS NULL OR ({d.is_text(x)} AND ({known})) OR {plain_text})"
        field = f"CASE WHEN {d.is_text(x)} THEN CASE {x} {codes} ELSE {field} END ELSE '' END"
        return plain, f"coalesce({field}, '')"
    return f"({x} IS NULL OR {plain_text})", f"coalesce({field}, '')"


@dataclass(frozen=True)
class CsvSql:
    line: str  # the row's CSV line (without line end), or MARKER for a row Python writes
    plain: str  # true for the rows ``line`` spells; NOT it selects the others


def csv_sql(plan: CsvPlan, dialect: Dialect, expressions: Mapping[str, str]) -> CsvSql:
    """The line and row condition over ``expressions`` (export field -> SQL expression)."""
    conditions, fields = [], []
    for cell in plan.cells:
        condition, field = _cell(dialect, plan, cell, expressions[cell.field])
        conditions.append(condition)
        fields.append(field)
    plain = "coalesce(" + " AND ".join(conditions) + f", {dialect.false})"
    line = " || ',' || ".join(fields)
    return CsvSql(f"CASE WHEN {plain} THEN {line} ELSE {dialect.marker()} END", plain)
