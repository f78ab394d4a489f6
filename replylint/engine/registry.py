"""Check kinds: the ``@check`` decorator, the per-rule ``Context``, entry-point discovery.

A check kind is a pure function ``(reply, ctx) -> Iterable[Diagnostic]`` registered by name.
Rule packs name the kind a rule runs. Modules of check kinds are found only through the
entry-point group ``replylint.checks`` (built-ins included); importing a module registers its
kinds.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any, TypeVar

from ..config import Settings
from ..errors import ConfigError
from ..model import Diagnostic, Fix, Reply, RuleMeta, Severity, Span

__all__ = [
    "ENTRY_POINT_GROUP",
    "CheckFn",
    "Context",
    "ReplyMemo",
    "check",
    "check_kinds",
    "get_check",
    "load_check_kinds",
]

ENTRY_POINT_GROUP = "replylint.checks"

_T = TypeVar("_T")


class ReplyMemo:
    """Values worked out once per reply and shared by the checks that run on it.

    A ``Linter`` gives all its rules' contexts one memo, so e.g. the recency rules read a
    reply's sources once. The values belong to the reply last asked about, held by identity
    (replies are frozen), never looked up by content; asking about another reply starts an
    empty set of values. The reply and its values are one slot replaced as a whole, so two
    threads sharing a memo each get the values of their own reply.
    """

    __slots__ = ("_slot",)

    def __init__(self) -> None:
        self._slot: tuple[Reply | None, dict[str, Any]] = (None, {})

    def of(self, reply: Reply) -> dict[str, Any]:
        """The values shared for ``reply`` (empty when it is not the reply last asked about)."""
        slot = self._slot
        if slot[0] is not reply:
            slot = self._slot = (reply, {})
        return slot[1]

    def clear(self) -> None:
        """Forget the last reply (so the memo does not keep it alive)."""
        self._slot = (None, {})


@dataclass(frozen=True)
class Context:
    """What a check kind knows about the rule it runs for.

    ``params`` are read as fixed: values worked out from them are kept (``derived``).
    """

    rule: RuleMeta
    params: Mapping[str, Any]
    settings: Settings = field(default_factory=Settings)
    #: Per-reply values shared with the other rules of the same linter (``shared``).
    memo: ReplyMemo = field(default_factory=ReplyMemo, compare=False, repr=False)
    _derived: dict[str, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    def shared(self, reply: Reply) -> dict[str, Any]:
        """A dict of values worked out once for ``reply`` and read by several rules.

        Keys name the value and its module (``"recency.sources"``); a value that depends on
        this rule's parameters must be stored with them and checked.
        """
        return self.memo.of(reply)

    def per_reply(self, reply: Reply, key: str, build: Callable[[Reply], _T]) -> _T:
        """``build(reply)``, worked out once per reply and shared by the rules under ``key``.

        Only for values that depend on nothing but the reply (not on this rule's parameters).
        """
        shared = self.memo.of(reply)
        try:
            return shared[key]
        except KeyError:
            value = shared[key] = build(reply)
            return value

    def derived(self, key: str, build: Callable[[Mapping[str, Any]], _T]) -> _T:
        """``build(params)``, worked out once per context and key (e.g. a parsed list)."""
        try:
            return self._derived[key]
        except KeyError:
            value = self._derived[key] = build(self.params)
            return value

    def diagnostic(
        self,
        span: Span,
        message: str,
        *,
        hint: str | None = None,
        fix: Fix | None = None,
        data: Mapping[str, object] | None = None,
        severity: Severity | None = None,
    ) -> Diagnostic:
        """A finding of this rule, with code, name, category and severity filled in."""
        return Diagnostic(
            code=self.rule.code,
            name=self.rule.name,
            category=self.rule.category,
            severity=severity or self.rule.severity,
            message=message,
            span=span,
            fix=fix,
            hint=hint,
            criterion=self.rule.criterion,
            data=dict(data or {}),
        )


CheckFn = Callable[[Reply, Context], Iterable[Diagnostic]]

_KINDS: dict[str, CheckFn] = {}
_LOADED: set[str] = set()
_LOCK = threading.Lock()


def _qualname(fn: CheckFn) -> str:
    return f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', repr(fn))}"


def check(name: str) -> Callable[[CheckFn], CheckFn]:
    """Register a check kind under ``name`` (e.g. ``"recency.too-old"``)."""
    if not name or not isinstance(name, str):
        raise ValueError("a check kind needs a non-empty name")

    def deco(fn: CheckFn) -> CheckFn:
        existing = _KINDS.get(name)
        if existing is not None and _qualname(existing) != _qualname(fn):
            raise ValueError(
                f"check kind `{name}` is registered twice: {_qualname(existing)} and "
                f"{_qualname(fn)}"
            )
        _KINDS[name] = fn
        return fn

    return deco


def load_check_kinds(needed: Iterable[str] | None = None) -> dict[str, CheckFn]:
    """Import ``replylint.checks`` entry points once each; return all registered kinds.

    With ``needed``, stop as soon as those kinds are registered (the ``builtin`` entry point
    is tried first), so a plugin that is slow to import costs nothing unless its rules run.
    """
    wanted = set(needed) if needed is not None else None
    with _LOCK:
        eps = sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name != "builtin")
        for ep in eps:
            if wanted is not None and wanted <= _KINDS.keys():
                break
            key = f"{ep.name}={ep.value}"
            if key in _LOADED:
                continue
            try:
                ep.load()
            except Exception as exc:  # a broken plugin must not be a traceback
                raise ConfigError(
                    f"cannot load check kinds from entry point `{ep.name}` ({ep.value}) "
                    f"in group {ENTRY_POINT_GROUP}: {type(exc).__name__}: {exc}"
                ) from exc
            _LOADED.add(key)
    return dict(_KINDS)


def check_kinds() -> dict[str, CheckFn]:
    """The kinds registered so far (without loading entry points)."""
    return dict(_KINDS)


def get_check(name: str) -> CheckFn | None:
    return _KINDS.get(name)
