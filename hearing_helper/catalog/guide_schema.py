"""The schema of install-guide files and their validation (see ``assets/guides/README.md``).

Problems are reported like catalog problems: file, field path such as ``steps[2].image``, the
line when it can be found, and what is wrong.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from hearing_helper.catalog.model import OS_NAMES, PROBLEM_CODES, Guide, GuideProblem, GuideStep
from hearing_helper.catalog.schema import (
    MAX_NAME,
    MAX_STEPS,
    MAX_URL,
    CatalogError,
    Checker,
    content_hash,
    is_https_url,
    read_toml,
)

STEP_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
IMAGE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}\.(svg|png)$")

GUIDE_KEYS = {"platform", "os", "steps"}
STEP_KEYS = {"id", "title_zh", "title_en", "body_zh", "body_en", "image", "qr", "problems"}
PROBLEM_KEYS = {"code", "remedy_zh", "remedy_en"}


def _guide_os(check: Checker, raw: dict[str, Any]) -> tuple[str, ...]:
    value = raw.get("os", [])
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        check.error("os", f"is required: one of {', '.join(OS_NAMES)} or a list of them")
        return ()
    bad = [n for n in names if n not in OS_NAMES]
    if bad:
        check.error("os", f"unknown system {bad[0]!r}; use {', '.join(OS_NAMES)}")
    return tuple(dict.fromkeys(n for n in names if n in OS_NAMES))


def _step_problems(check: Checker, raw: Any, prefix: str) -> tuple[GuideProblem, ...]:
    if not isinstance(raw, list):
        check.error(prefix + "problems", "must be a list of [[steps.problems]] tables")
        return ()
    problems: list[GuideProblem] = []
    for index, item in enumerate(raw):
        p = f"{prefix}problems[{index}]."
        if not isinstance(item, dict):
            check.error(p.rstrip("."), "must be a table with code and remedy_zh")
            continue
        check.unknown_keys(item, PROBLEM_KEYS, p)
        code = check.text(item, "code", required=True, limit=40, prefix=p)
        if code and code not in PROBLEM_CODES:
            check.error(
                p + "code", f"unknown problem {code!r}; use one of " + ", ".join(PROBLEM_CODES)
            )
        remedy_zh = check.text(item, "remedy_zh", required=True, prefix=p)
        remedy_en = check.text(item, "remedy_en", required=False, prefix=p)
        problems.append(GuideProblem(code, remedy_zh, remedy_en))
    return tuple(problems)


def parse_guide(path: Path, image_dirs: list[Path]) -> tuple[Guide | None, list[CatalogError]]:
    """Validate one guide file; pictures are looked up in ``image_dirs`` in order."""
    raw, data, errors = read_toml(path)
    if raw is None:
        return None, errors
    check = Checker(path, data.decode("utf-8"))
    check.unknown_keys(raw, GUIDE_KEYS)
    platform_id = check.text(raw, "platform", required=True, limit=40)
    os_names = _guide_os(check, raw)
    steps_raw = raw.get("steps")
    if not isinstance(steps_raw, list) or not steps_raw:
        check.error("steps", "at least one [[steps]] table is required")
        steps_raw = []
    elif len(steps_raw) > MAX_STEPS:
        check.error("steps", f"too many steps ({len(steps_raw)}, at most {MAX_STEPS})")
    steps: list[GuideStep] = []
    seen: set[str] = set()
    for index, item in enumerate(steps_raw):
        p = f"steps[{index}]."
        if not isinstance(item, dict):
            check.error(p.rstrip("."), "must be a [[steps]] table")
            continue
        check.unknown_keys(item, STEP_KEYS, p)
        step_id = check.text(item, "id", required=True, limit=40, prefix=p)
        if step_id and not STEP_ID_RE.match(step_id):
            check.error(p + "id", "must be lower-case letters, digits, - or _")
        if step_id in seen:
            check.error(p + "id", f"{step_id!r} is used by an earlier step")
        seen.add(step_id)
        image_name = check.text(item, "image", required=False, limit=90, prefix=p)
        image: Path | None = None
        if image_name:
            if not IMAGE_RE.match(image_name):
                check.error(p + "image", "must be a plain .svg or .png file name (no folders)")
            else:
                image = next(
                    (d / image_name for d in image_dirs if (d / image_name).is_file()), None
                )
                if image is None:
                    check.error(
                        p + "image",
                        f"picture {image_name!r} not found in "
                        + " or ".join(str(d) for d in image_dirs),
                    )
        qr = check.text(item, "qr", required=False, limit=MAX_URL, prefix=p)
        if qr and qr != "download" and not is_https_url(qr):
            check.error(p + "qr", 'must be "download" or an https:// address')
        steps.append(
            GuideStep(
                id=step_id,
                title_zh=check.text(item, "title_zh", required=True, limit=MAX_NAME, prefix=p),
                title_en=check.text(item, "title_en", required=False, limit=MAX_NAME, prefix=p),
                body_zh=check.text(item, "body_zh", required=True, prefix=p),
                body_en=check.text(item, "body_en", required=False, prefix=p),
                image=image,
                qr=qr,
                problems=_step_problems(check, item.get("problems", []), p),
            )
        )
    guide = Guide(platform_id, os_names, tuple(steps), content_hash(data), str(path))
    return (None if check.errors else guide), check.errors
