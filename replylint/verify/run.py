"""Merge verification into a finished lint run (what ``check --verify`` calls).

The V diagnostics go through the same selection (``--ignore``), suppression comments and
severity overrides as every other rule, then join each file's findings in position order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError
from .http import HttpClient
from .library import Library, default_library_path
from .verifier import CODES, Verifier, existence_rules

if TYPE_CHECKING:  # pragma: no cover
    import httpx

    from ..config import Settings
    from ..report import RunResult

__all__ = ["VerifyOptions", "checked_with_verification", "verify_options", "verify_run"]


@dataclass(frozen=True)
class VerifyOptions:
    offline: bool = False
    library: Path | None = None
    strict_network: bool = False
    contact_email: str | None = None
    #: Injected for tests; None uses the network.
    transport: httpx.BaseTransport | None = None


def _library_path(options: VerifyOptions, settings: Settings | None) -> Path:
    if options.library is not None:
        return options.library
    configured = getattr(settings, "params", {}).get("library") if settings else None
    return Path(str(configured)) if configured else default_library_path()


def verify_run(
    run: RunResult, settings_of: Mapping[str, Settings], options: VerifyOptions
) -> dict[str, str]:
    """Verify every analysed file of ``run`` in place; returns the unreachable services."""
    from ..engine.selection import select_rules, severity_overrides
    from ..engine.suppress import parse_suppressions

    first = next(iter(settings_of.values()), None)
    all_rules = existence_rules(tuple(getattr(first, "packs", ()) or ()))
    contact = options.contact_email or (
        str(first.params.get("contact_email"))
        if first and first.params.get("contact_email")
        else None
    )
    client = (
        None if options.offline else HttpClient(contact_email=contact, transport=options.transport)
    )
    unreachable: dict[str, str] = {}
    try:
        with Library(_library_path(options, first)) as library:
            for result in run.files:
                if result.reply is None:
                    continue
                settings = settings_of.get(result.path)
                ignore: Sequence[str] = settings.ignore if settings else ()
                chosen = select_rules(all_rules, select=list(CODES), ignore=ignore)
                verifier = Verifier(
                    client,
                    library,
                    offline=options.offline,
                    strict_network=options.strict_network,
                    rules=all_rules,
                    select=chosen,
                )
                found = verifier.verify(result.reply)
                unreachable.update(verifier.unreachable)
                found = parse_suppressions(result.reply.document, all_rules).apply(found)
                overrides = severity_overrides(settings.severity, all_rules) if settings else {}
                found = [
                    replace(d, severity=overrides[d.code]) if d.code in overrides else d
                    for d in found
                ]
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
