"""Length of the reply's own words (reference list, quoted prompt and block quotes excluded)."""

from __future__ import annotations

from collections.abc import Iterator

from ..engine import Context, check
from ..model import Diagnostic, Reply
from ._util import param_int, reply_anchor

__all__: list[str] = []


@check("length.too-short")
def too_short(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """L101: fewer than ``min_words`` words."""
    least = param_int(ctx.params, "min_words", 150)
    if least <= 0 or reply.words >= least:
        return
    yield ctx.diagnostic(
        reply_anchor(reply),
        f"The reply has {reply.words} words; the rubric asks for at least {least}",
        hint=f"Develop the reply by about {least - reply.words} words: explain your reasoning, "
        "add an example or a source (the reference list does not count)",
        data={"words": reply.words, "min_words": least},
    )


@check("length.too-long")
def too_long(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """L102: more than ``max_words`` words."""
    most = param_int(ctx.params, "max_words", 500)
    if most <= 0 or reply.words <= most:
        return
    yield ctx.diagnostic(
        reply_anchor(reply),
        f"The reply has {reply.words} words; the rubric asks for at most {most}",
        hint=f"Cut about {reply.words - most} words: keep one main point per paragraph",
        data={"words": reply.words, "max_words": most},
    )
