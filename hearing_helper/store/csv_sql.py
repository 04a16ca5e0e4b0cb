"""The CSV export's SQL, generated for SQLite and PostgreSQL from one plan (issue 23).

Building export rows in Python costs ~20 conversions and ~26 objects per row; a supervisor's
year of a province's records is millions of rows. So each CSV line is built where the data lives,
as one string per row -- but only where SQL can prove what the Python rules (reports/rows.py,
reports/cells.py, domain/masking.py) would make of every cell of the row. That proof is the
row's stored flag ``csv_plain`` (store/csv_flag.py, migration 011), computed by the database
itself whenever a row is written -- by any program, the app or an administrator's hand -- from
the checks generated here: 2 where every cell is plain under the masked rules and the unmasked
ones, 1 where only under the unmasked ones, 0 (or NULL: never computed) where Python must write
the row. A plain row's line then only concatenates: a name masked by keeping its first and last
character, a stored mobile's middle digits starred, a label column's codes as their labels (the
plan carries the finished CSV field), a stored timestamp cut to its wall time, every other cell
as it is.

Any other row -- a formula, a landline, a damaged cell, a masked ID number, a comma -- comes out
of the line query as a one-character marker, and the adapter hands that row, read by a second
query with the same order in the same snapshot, to the caller's Python writer: the rules
themselves exist once, in Python, and SQL only decides which rows they cannot change. The
property and corpus tests (tests/test_export_csv_sql.py) hold the file byte-identical to the
old writer on both databases.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

MARKER = "\x01"  # a row for the Python writer: no SQL-built line contains a control character

# Characters removed by the neutralising rule (reports/cells.py, _CONTROL): a cell holding one
# goes to Python. NUL is tested apart (SQLite's no_nul): PostgreSQL's text cannot hold it.
CONTROLS = "".join(chr(c) for c in (*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F))
QUOTED = ',"\r\n'  # characters that make the csv module quote a field (excel dialect)
# Rules a cell passes through; see the module docstring.
RULES = ("text", "free_text", "name", "phone", "int", "decimal1", "datetime")
FLAG_COLUMN = "csv_plain"  # migration 011 on both databases
PLAIN_MASKED = 2  # the flag of a row plain under the masked rules (and the unmasked ones)
PLAIN_UNMASKED = 1  # ... under the unmasked rules only

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
    whitespace: str  # a text cell ending with one of these goes to Python
    masked_run: str  # digits, ID letters and joiners of the free-text masking
    run_length: int  # that many of them in a row send a free-text cell to Python
    max_chars: int  # a longer cell goes to Python (it is cut there)
    unmask: bool = False  # the rules of an unmasked export (the flag's level 1)


def _ends_a_line(code: int) -> bool:
    return code == 0 or len(f"a{chr(code)}b".splitlines()) > 1


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


class CsvDialect:
    """The few spellings SQLite and PostgreSQL do not share."""

    name = ""
    true = "TRUE"
    false = "FALSE"
    controls = CONTROLS
    # Keeps a subquery a subquery (not merged into the outer query), so its order is kept.
    fence = " LIMIT ALL OFFSET 0"

    def literal(self, text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    # --- the checks (store/csv_flag.py), run when a row is written ---------------------------

    def has_any(self, x: str, chars: str) -> str:
        return f"({x} ~ {self.literal(_regex_class(chars))})"

    def starts_with_any(self, x: str, chars: str) -> str:
        return f"({x} ~ {self.literal('^' + _regex_class(chars))})"

    def ends_with_any(self, x: str, chars: str) -> str:
        return f"({x} ~ {self.literal(_regex_class(chars) + '$')})"

    def has_run(self, x: str, chars: str, length: int) -> str:
        return f"({x} ~ {self.literal(_regex_class(chars) + '{' + str(length) + '}')})"

    def no_nul(self, x: str) -> str:
        return self.true

    def is_mobile(self, x: str) -> str:
        return f"({x} ~ '^1[3-9][0-9]{{9}}$')"

    def timestamp_shape(self, x: str) -> str:
        # translate() and substr() are several times cheaper than a regular expression here.
        digits = f"translate(substr({x}, 1, 19), '123456789', '000000000')"
        return (
            f"({digits} = '0000-00-00T00:00:00' AND substr({x}, 12, 2) <= '23' "
            f"AND substr({x}, 15, 1) <= '5' AND substr({x}, 18, 1) <= '5')"
        )

    def is_text(self, x: str) -> str:
        return self.true

    def is_int(self, x: str) -> str:
        return self.true

    def decimal1_plain(self, x: str) -> str:
        # ``x`` is the numeric round(); its text always has one decimal and no exponent, as
        # Python's repr of the same value as a float below 1e13.
        return f"({x} IS NULL OR abs({x}) < 1e13)"

    # --- the line, built at export --------------------------------------------------------------

    def length(self, x: str) -> str:
        return f"char_length({x})"

    def first(self, x: str) -> str:
        return f"left({x}, 1)"

    def last(self, x: str) -> str:
        return f"right({x}, 1)"

    def stars(self, n: str) -> str:
        return f"repeat('*', {n})"

    def as_text(self, x: str) -> str:
        return f"({x})::text"

    def decimal1_text(self, x: str) -> str:
        return f"({x})::text"

    def marker(self) -> str:
        return "chr(1)"

    def line_out(self, line: str) -> str:
        """The line as the adapter reads it (PostgreSQL's COPY hands bytes already)."""
        return line

    def joined(self, fields: list[str]) -> str:
        """The fields joined by commas."""
        return " || ',' || ".join(fields)


class SqliteCsv(CsvDialect):
    """SQLite: the checks in GLOB and instr() only, so that a write from any connection (the
    sqlite3 tool's too) can run them."""

    name = "sqlite"
    fence = " LIMIT -1 OFFSET 0"

    @staticmethod
    def _glob_class(chars: str) -> str:
        """A GLOB bracket expression (its SQL literal) holding ``chars`` and maybe a few more.

        The characters stand in the SQL as themselves: spelt with char() they would be built
        again for every row written (that cost most of a write). Runs of consecutive
        characters become ranges (GLOB tries a class's items one by one); a range never starts
        or ends on a character that ends a line for ``str.splitlines`` (the migration is split
        into statements by lines) or a NUL: it is widened by one there. A wider class only
        sends more rows to Python, which is always right."""
        codes = sorted({ord(c) for c in chars} - {ord("-")})
        if not codes or ord("]") in codes or ord("^") in codes or ord("'") in codes:
            raise ValueError("a GLOB class here holds characters, never ']', '^' or a quote")
        runs: list[list[int]] = []
        for code in codes:
            if runs and code <= runs[-1][1] + 1:
                runs[-1][1] = code
            else:
                runs.append([code, code])
        items = []
        for first, last in runs:
            while first > 1 and _ends_a_line(first):
                first -= 1
            while _ends_a_line(last):
                last += 1
            items.append(chr(first) if first == last else f"{chr(first)}-{chr(last)}")
        dash = "-" if "-" in chars else ""  # last, where it is itself
        return "[" + "".join(items) + dash + "]"

    def has_any(self, x: str, chars: str) -> str:
        return f"({x} GLOB '*{self._glob_class(chars)}*')"

    def starts_with_any(self, x: str, chars: str) -> str:
        return f"({x} GLOB '{self._glob_class(chars)}*')"

    def ends_with_any(self, x: str, chars: str) -> str:
        # The last character alone: '*[...]' would try the class at every position.
        return f"(substr({x}, -1) GLOB '{self._glob_class(chars)}')"

    def has_run(self, x: str, chars: str, length: int) -> str:
        return f"({x} GLOB '*{self._glob_class(chars) * length}*')"

    def no_nul(self, x: str) -> str:
        # GLOB, length() and substr() end at a NUL; the rules remove it (a control).
        return f"instr({x}, char(0)) = 0"

    def is_mobile(self, x: str) -> str:
        digits = "[0-9]" * 9
        return f"({x} GLOB '1[3-9]{digits}')"

    def timestamp_shape(self, x: str) -> str:
        day = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T"
        rest = ":[0-5][0-9]:[0-5][0-9]*"
        return f"({x} GLOB '{day}[01][0-9]{rest}' OR {x} GLOB '{day}2[0-3]{rest}')"

    def is_text(self, x: str) -> str:
        return f"typeof({x}) = 'text'"

    def is_int(self, x: str) -> str:
        return f"typeof({x}) = 'integer'"

    def decimal1_plain(self, x: str) -> str:
        # SQLite spells a REAL with up to 15 significant digits ('%!.15g', '.0' kept): the same
        # as Python's shortest repr for one decimal below 1e13. Zero and below go to Python
        # (-0.0 compares equal to 0.0 but Python spells it '-0.0').
        return f"({x} IS NULL OR (typeof({x}) = 'real' AND {x} > 0 AND {x} < 1e13))"

    def length(self, x: str) -> str:
        return f"length({x})"

    def first(self, x: str) -> str:
        return f"substr({x}, 1, 1)"

    def last(self, x: str) -> str:
        return f"substr({x}, -1)"

    def stars(self, n: str) -> str:
        return f"replace(hex(zeroblob({n})), '00', '*')"

    def as_text(self, x: str) -> str:
        return f"CAST({x} AS TEXT)"

    def decimal1_text(self, x: str) -> str:
        return f"CAST({x} AS TEXT)"

    def marker(self) -> str:
        return "char(1)"

    def line_out(self, line: str) -> str:
        # As its UTF-8 bytes: no decoding into a Python string and encoding back per row.
        return f"CAST({line} AS BLOB)"

    def joined(self, fields: list[str]) -> str:
        # One printf builds the line in one buffer: 25 concatenations copy it 25 times (a third
        # of the line query's time).
        return f"printf('{','.join(['%s'] * len(fields))}', {', '.join(fields)})"


class PostgresCsv(CsvDialect):
    name = "postgres"

    def literal(self, text: str) -> str:
        # The export's SQL is run with psycopg's %s parameters: a literal % is written %%.
        return super().literal(text).replace("%", "%%")


SQLITE_CSV = SqliteCsv()
POSTGRES_CSV = PostgresCsv()


def _field(d: CsvDialect, cell: CsvCell, x: str) -> str:
    """The cell's CSV field, for a row whose flag vouches for every cell."""
    if cell.rule == "int":
        return f"coalesce({d.as_text(x)}, '')"
    if cell.rule == "decimal1":
        return f"coalesce({d.decimal1_text(x)}, '')"
    if cell.rule == "datetime":
        return f"coalesce(substr({x}, 1, 10) || ' ' || substr({x}, 12, 8), '')"
    if cell.rule == "phone":
        masked = f"substr({x}, 1, 3) || '****' || substr({x}, 8, 4)"
        return f"CASE WHEN {x} IS NULL OR {x} = '' THEN '' ELSE {masked} END"
    if cell.rule == "name":
        n = d.length(x)
        masked = (
            f"CASE WHEN {n} <= 1 THEN {x} WHEN {n} = 2 THEN {d.first(x)} || '*' "
            f"ELSE {d.first(x)} || {d.stars(f'{n} - 2')} || {d.last(x)} END"
        )
        return f"coalesce({masked}, '')"
    if cell.labels:
        codes = " ".join(
            f"WHEN {d.literal(code)} THEN {d.literal(label)}" for code, label in cell.labels
        )
        # Most label cells of a row are empty: one test instead of every WHEN.
        return f"CASE WHEN {x} IS NULL THEN '' ELSE CASE {x} {codes} ELSE {x} END END"
    return f"coalesce({x}, '')"


def csv_selects(
    plan: CsvPlan,
    dialect: CsvDialect,
    expressions: Mapping[str, str],
    source: str,
    raw_expressions: Mapping[str, str] | None = None,
    flag: str = f"a.{FLAG_COLUMN}",
) -> tuple[str, str]:
    """(SELECT of the CSV lines, SELECT of the raw rows the lines leave to Python) over
    ``expressions`` (export field -> SQL expression) and ``source`` (FROM ... WHERE ... ORDER
    BY ...); both in the same order, with the same parameters. A line is the row's CSV line
    without its line end, or MARKER. ``raw_expressions``: the export SELECT's, where the raw
    rows are read with other expressions than the lines (default ``expressions``); ``flag``:
    the row's stored csv_plain."""
    d = dialect
    level = PLAIN_UNMASKED if plan.unmask else PLAIN_MASKED
    line = d.joined([_field(d, cell, expressions[cell.field]) for cell in plan.cells])
    raws = raw_expressions or expressions
    raw = ", ".join(f"{raws[cell.field]} AS hh_{i}" for i, cell in enumerate(plan.cells))
    columns = ", ".join(f"hh_{i}" for i in range(len(plan.cells)))
    return (
        f"SELECT {d.line_out(f'CASE WHEN {flag} >= {level} THEN {line} ELSE {d.marker()} END')} "
        f"{source}",
        f"SELECT {columns} FROM (SELECT {raw}, {flag} AS hh_flag {source}{d.fence}) AS hh "
        f"WHERE NOT coalesce(hh_flag >= {level}, {d.false})",
    )
