"""The built-in check kinds that the rule packs in ``rules/`` configure.

The engine imports this package through the ``replylint.checks`` entry point (the
``builtin`` entry in pyproject.toml), exactly as it imports a third-party plugin; importing a
module registers its kinds with ``@check``. Every built-in check module must therefore be
imported here: add one ``from . import <module>`` line per module (and its name to
``__all__``).
"""

from __future__ import annotations

from . import (
    apa_intext,
    followup,
    intext,
    length,
    matching,
    peer_review,
    presence,
    quotation,
    recency,
    reflist,
)

__all__: list[str] = [
    "apa_intext",
    "followup",
    "intext",
    "length",
    "matching",
    "peer_review",
    "presence",
    "quotation",
    "recency",
    "reflist",
]
