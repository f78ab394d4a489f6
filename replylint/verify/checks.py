"""The ``existence.verify`` check kind: the V rules' anchor in the rule engine.

Check kinds are pure, and verification is network and disk I/O, so the lookups run in
``Verifier`` (called by ``replylint check --verify``) and their diagnostics are merged into
the run. This kind yields nothing: it lets the V rules be selected, documented, suppressed
and given severity overrides like any other rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..engine import Context, check
from ..model import Diagnostic, Reply

__all__ = ["existence_verify"]


@check("existence.verify")
def existence_verify(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """Nothing to do without I/O; see ``replylint.verify.Verifier``."""
    return iter(())
