"""Patterns compiled on first use, for the rarely needed ones (start-up time).

``lazy_compile`` returns an object that behaves like the compiled pattern for attribute access
(``.match``, ``.finditer``, ``.pattern``, ...); it compiles on the first such access and then
keeps the pattern's bound methods, so later calls cost the same as on the pattern itself. Do not
pass one to the module-level ``regex`` functions (``regex.sub(p, ...)``); call its methods.
"""

from __future__ import annotations

from typing import Any, cast

import regex

__all__ = ["lazy_compile"]


class _LazyPattern:
    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        from . import patterns

        value = getattr(patterns.compile(self.pattern, self._flags), name)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r})"


def lazy_compile(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """A stand-in for ``regex.compile(pattern, flags)`` that compiles on first use."""
    return cast("regex.Pattern[str]", _LazyPattern(pattern, flags))
