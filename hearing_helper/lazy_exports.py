"""Names of a package imported from its submodules on first use (PEP 562).

A package lists which submodule holds each public name; ``lazy_getattr`` returns the module
``__getattr__`` that imports the submodule when a name is first read and keeps the value in the
package, so start-up pays only for what it uses (issue 23). No Qt, no I/O.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_getattr(
    package: str, submodule_of: Mapping[str, str], namespace: dict[str, Any]
) -> Callable[[str], Any]:
    """The ``__getattr__`` of ``package``: ``submodule_of`` maps a name to its submodule, and
    ``namespace`` is the package's ``globals()``, where a value is kept once imported."""

    def lazy_attribute(name: str) -> Any:
        submodule = submodule_of.get(name)
        if submodule is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{submodule}"), name)
        namespace[name] = value
        return value

    return lazy_attribute
