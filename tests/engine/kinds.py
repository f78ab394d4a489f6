"""Check kinds registered for the engine tests, and a pack that configures them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from replylint.engine import Context, check
from replylint.model import Diagnostic, Edit, Fix, Reply, Span


@check("test.word")
def flag_word(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """Flag every occurrence of ``params["word"]`` in the text."""
    word = str(ctx.params["word"])
    text = reply.document.text
    start = text.find(word)
    while start != -1:
        span = Span(start, start + len(word))
        fix = None
        if ctx.params.get("fixable"):
            fix = Fix((Edit(span, word.upper()),), "safe", f"Capitalise `{word}`")
        yield ctx.diagnostic(span, f"Found `{word}`", hint="Remove it", fix=fix)
        start = text.find(word, start + 1)


@check("test.params")
def echo_params(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """One finding whose data is the merged parameters."""
    yield ctx.diagnostic(Span(0, 0), "params", data=dict(ctx.params))


@check("test.boom")
def boom(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    raise RuntimeError("kaboom")
    yield  # pragma: no cover


PACK = """
[pack]
name = "test"
description = "Rules for engine tests."

[[rule]]
code = "T101"
name = "bad-word"
category = "citation-format"
severity = "error"
fix = "safe"
check = "test.word"
summary = "The word bad"
[rule.params]
word = "bad"
fixable = true

[[rule]]
code = "T102"
name = "ugly-word"
category = "recency"
severity = "warning"
check = "test.word"
summary = "The word ugly"
[rule.params]
word = "ugly"

[[rule]]
code = "T201"
name = "meh-word"
category = "length"
severity = "info"
check = "test.word"
summary = "The word meh"
enabled = false
[rule.params]
word = "meh"

[[rule]]
code = "T301"
name = "echo-params"
category = "length"
severity = "info"
check = "test.params"
summary = "Echo the parameters"
enabled = false
[rule.params]
recency_years = 3
own = "x"
"""


def write_pack(folder: Path, text: str = PACK, name: str = "test-pack.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
