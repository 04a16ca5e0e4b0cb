"""Court-edited regular expressions that cannot hang the app (catastrophic backtracking).

Python's ``re`` backtracks, and a pattern such as ``(a+)+$`` takes exponential time on a short
non-matching text -- seconds on a pasted link, with the GUI thread stuck inside the C matcher
where no timeout reaches. So a link pattern is accepted only when:

1. **Static check** (:func:`regex_problem`, everywhere the catalog is loaded): the parsed pattern
   has no repetition that contains another repetition or an alternation (``(a+)+``,
   ``(a|aa)*``), and no back-reference. These are the shapes behind exponential backtracking.
   It is deliberately conservative: ``([a-z0-9-]+\\.)+`` is refused too, with a message saying
   how to write it (a bounded repeat such as ``{0,3}`` of the group is fine).
2. **Bounded trial run** (:func:`trial_run`, in ``catalog --validate``): each pattern that passed
   is run against adversarial texts in a separate process that is killed after a time limit; a
   pattern that does not finish in time is rejected. (Not in a frozen build, which has no
   separate interpreter to start; the static check still applies there.)
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

try:  # Python 3.11+ (private modules: typeshed does not declare them)
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older layouts
    import sre_constants
    import sre_parse

MAX_TRIAL_TEXT = 2000
TRIAL_TIMEOUT_S = 3.0
# A repeat allowing more than this many copies counts as "repetition" for the nesting check.
_SMALL_REPEAT = 1

_REPEATS = {
    op
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if (op := getattr(sre_constants, name, None)) is not None
}
_BACKREFS = {sre_constants.GROUPREF, sre_constants.GROUPREF_EXISTS}


def _children(op: Any, av: Any) -> list[Any]:
    """The sub-patterns directly under one parsed node."""
    if op in _REPEATS:
        return [av[2]]
    if op == sre_constants.SUBPATTERN:
        return [av[-1]]
    if op == sre_constants.BRANCH:
        return list(av[1])
    if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return [av[1]]
    if op == getattr(sre_constants, "ATOMIC_GROUP", None):
        return [av]
    if op == sre_constants.GROUPREF_EXISTS:
        return [part for part in av[1:] if part is not None]
    return []


def _contains(pattern: Any, wanted: set[Any]) -> bool:
    for op, av in pattern:
        if op in wanted:
            if op in _REPEATS and av[1] <= _SMALL_REPEAT:
                pass  # an optional part ( ? ) is not repetition
            else:
                return True
        if any(_contains(child, wanted) for child in _children(op, av)):
            return True
    return False


def _walk(pattern: Any) -> str | None:
    for op, av in pattern:
        if op in _BACKREFS:
            return "uses a back-reference (\\1, (?P=name)), which can take exponential time"
        if op in _REPEATS and av[1] > _SMALL_REPEAT:
            inner = av[2]
            if _contains(inner, _REPEATS):
                return (
                    "repeats a part that itself repeats, e.g. (a+)+, which can take "
                    "exponential time on a short link; repeat the inner part only, or bound "
                    "the outer repeat, e.g. {0,3}"
                )
            if _contains(inner, {sre_constants.BRANCH}):
                return (
                    "repeats an alternation, e.g. (a|aa)+, which can take exponential time on "
                    "a short link; use a character class such as [ab]+ instead"
                )
        for child in _children(op, av):
            problem = _walk(child)
            if problem:
                return problem
    return None


def regex_problem(source: str) -> str | None:
    """Why ``source`` is refused (plain words), or None when it is safe to use."""
    try:
        parsed = sre_parse.parse(source)
    except Exception as exc:  # re.error, RecursionError, OverflowError on hostile input
        return f"is not a valid regular expression: {exc}"
    try:
        return _walk(parsed)
    except RecursionError:
        return "is nested too deeply"


def _trial_texts(source: str) -> list[str]:
    """Adversarial texts: long runs of the pattern's own characters with a non-matching end."""
    letters = sorted({ch for ch in source if ch.isalnum()}) or ["a"]
    texts = []
    for ch in letters[:8]:
        texts.append("https://" + ch * 60 + "!")
        texts.append(ch * (MAX_TRIAL_TEXT // 4) + "\x00")
    texts.append("https://" + "".join(letters) * 30 + "!")
    return [text[:MAX_TRIAL_TEXT] for text in texts]


def trial_run(sources: list[str], timeout_s: float = TRIAL_TIMEOUT_S) -> str | None:
    """Run every pattern on adversarial texts in a child process killed after ``timeout_s``;
    returns a problem when they did not all finish in time, None when they did (or when no
    child process can be started here, e.g. a frozen build)."""
    if not sources or getattr(sys, "frozen", False):
        return None
    payload = json.dumps([[source, _trial_texts(source)] for source in sources])
    code = (
        "import json, re, sys\n"
        "for source, texts in json.loads(sys.stdin.read()):\n"
        "    pattern = re.compile(source)\n"
        "    for text in texts:\n"
        "        pattern.search(text)\n"
    )
    try:
        subprocess.run(
            [sys.executable, "-I", "-c", code],
            input=payload,
            text=True,
            capture_output=True,
            timeout=timeout_s,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return (
            f"takes longer than {timeout_s:g} s to match a short text (catastrophic backtracking)"
        )
    except OSError:
        return None
    return None
