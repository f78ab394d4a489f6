"""Merge verification into a finished lint run (what ``check --verify`` calls).

The V diagnostics go through the same selection (``--ignore``), suppression comments and
severity overrides as every other rule, then join each file's findings in position order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

from ..errors import UsageError
from .library import Library, default_library_path
from .verifier import CODES, Verifier, existence_rules

if TYPE_CHECKING:  # pragma: no cover
    import httpx

    from ..config import Settings
    from ..engine import Linter
    from ..model import Diagnostic, Reply, RuleMeta
    from ..report import RunResult
    from .http import HttpClient

__all__ = [
    "VerifyOptions",
    "VerifyingLinter",
    "checked_with_verification",
    "verify_options",
    "verify_run",
    "verifying_linter",
]


@dataclass(frozen=True)
class VerifyOptions:
    offline: bool = False
    library: Path | None = None
    strict_network: bool = False
    contact_email: str | None = None
    #: Injected for tests; None uses the network.
    transport: httpx.BaseTransport | None = None


def _client(contact: str | None, options: VerifyOptions) -> HttpClient:
    """The HTTP client (httpx is imported only when the network is used)."""
    try:
        from .http import HttpClient
    except ImportError:
        raise UsageError(
            "--verify needs httpx: pip install 'replylint[verify]' (or use --offline)"
        ) from None
    return HttpClient(contact_email=contact, transport=options.transport)


def _library_path(options: VerifyOptions, settings: Settings | None) -> Path:
    """The library file; offline, it must exist (an empty one would find nothing)."""
    configured = getattr(settings, "params", {}).get("library") if settings else None
    path = options.library or (Path(str(configured)) if configured else default_library_path())
    if options.offline and not path.exists():
        raise UsageError(
            f"--offline: no library at {path}; create it with "
            f"`replylint library import --library {path} FILE...`, or verify online"
        )
    return path


def _finish(
    found: list[Diagnostic], reply: Reply, settings: Settings | None, rules: Mapping[str, RuleMeta]
) -> list[Diagnostic]:
    """Suppression comments and severity overrides, as the engine applies them."""
    from ..engine.selection import severity_overrides
    from ..engine.suppress import parse_suppressions

    found = parse_suppressions(reply.document, rules).apply(found)
    overrides = severity_overrides(settings.severity, rules) if settings else {}
    return [replace(d, severity=overrides[d.code]) if d.code in overrides else d for d in found]


def verify_run(
    run: RunResult, settings_of: Mapping[str, Settings], options: VerifyOptions
) -> dict[str, str]:
    """Verify every analysed file of ``run`` in place; returns the unreachable services."""
    from ..engine.selection import select_rules

    first = next(iter(settings_of.values()), None)
    all_rules = existence_rules(tuple(getattr(first, "packs", ()) or ()))
    contact = options.contact_email or (
        str(first.params.get("contact_email"))
        if first and first.params.get("contact_email")
        else None
    )
    client = None if options.offline else _client(contact, options)
    unreachable: dict[str, str] = {}
    try:
        with Library(_library_path(options, first)) as library:
            # One verifier for the run: a service found down is not asked again.
            verifier = Verifier(
                client,
                library,
                offline=options.offline,
                strict_network=options.strict_network,
                rules=all_rules,
            )
            for result in run.files:
                if result.reply is None:
                    continue
                settings = settings_of.get(result.path)
                ignore: Sequence[str] = settings.ignore if settings else ()
                chosen = select_rules(all_rules, select=list(CODES), ignore=ignore)
                verifier.select = set(chosen)
                found = verifier.verify(result.reply)
                unreachable.update(verifier.unreachable)
                found = _finish(found, result.reply, settings, all_rules)
                result.diagnostics = sorted(
                    [*result.diagnostics, *found], key=lambda d: (d.span.start, d.span.end, d.code)
                )
                run.rules = dict(sorted({**run.rules, **chosen}.items()))
    finally:
        if client is not None:
            client.close()
    return unreachable


def verify_options(
    verify: bool,
    offline: bool,
    library: Path | None,
    strict_network: bool,
    contact_email: str | None,
) -> VerifyOptions | None:
    """The options of ``check --verify``, or None without ``--verify``.

    ``--offline``, ``--library``, ``--strict-network`` and ``--contact-email`` only mean
    something with ``--verify``; alone they are a usage error.
    """
    if not verify:
        given = [
            name
            for name, value in (
                ("--offline", offline),
                ("--library", library is not None),
                ("--strict-network", strict_network),
                ("--contact-email", contact_email),
            )
            if value
        ]
        if given:
            raise UsageError(f"{', '.join(given)}: only meaningful with --verify")
        return None
    return VerifyOptions(
        offline=offline,
        library=library,
        strict_network=strict_network,
        contact_email=contact_email,
    )


def checked_with_verification(
    checked: tuple[RunResult, dict[str, Settings]],
    options: VerifyOptions | None,
    unreachable: dict[str, str],
) -> tuple[RunResult, dict[str, Settings]]:
    """``checked`` with the verification findings merged in (unchanged without options)."""
    if options is not None:
        run, settings_of = checked
        unreachable.update(verify_run(run, settings_of, options))
    return checked


class VerifyingLinter:
    """A ``Linter`` whose ``lint`` also verifies the references (for ``grade --verify``).

    Everything else is the wrapped linter's. Call ``close`` when done; ``unreachable`` names
    the services that could not be reached.
    """

    def __init__(self, linter: Linter, options: VerifyOptions) -> None:
        from ..engine.selection import select_rules

        self._linter = linter
        self._settings = linter.settings
        self._rules = existence_rules(tuple(self._settings.packs or ()))
        chosen = select_rules(self._rules, select=list(CODES), ignore=self._settings.ignore)
        contact = options.contact_email or self._settings.params.get("contact_email")
        self._client = (
            None if options.offline else _client(str(contact) if contact else None, options)
        )
        self._library = Library(_library_path(options, self._settings))
        self._verifier = Verifier(
            self._client,
            self._library,
            offline=options.offline,
            strict_network=options.strict_network,
            rules=self._rules,
            select=chosen,
        )
        self.selected = {**linter.selected, **chosen}

    @property
    def unreachable(self) -> dict[str, str]:
        return self._verifier.unreachable

    def lint(self, reply: Reply) -> list[Diagnostic]:
        found = _finish(self._verifier.verify(reply), reply, self._settings, self._rules)
        return sorted(
            [*self._linter.lint(reply), *found], key=lambda d: (d.span.start, d.span.end, d.code)
        )

    def __getattr__(self, name: str) -> object:
        return getattr(self._linter, name)

    def close(self) -> None:
        self._library.close()
        if self._client is not None:
            self._client.close()


def verifying_linter(options: VerifyOptions | None) -> Callable[[Settings], Linter] | None:
    """A linter factory that also verifies (for the fix loop), or None without options."""
    if options is None:
        return None

    def make(settings: Settings) -> Linter:
        from ..engine import Linter

        return cast("Linter", VerifyingLinter(Linter(settings), options))

    return make
