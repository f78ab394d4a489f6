"""``lazy_compile`` behaves like the compiled pattern."""

from __future__ import annotations

import regex

from replylint.lazyre import lazy_compile


def test_lazy_pattern_matches_like_compiled() -> None:
    lazy = lazy_compile(r"(?P<w>\p{Lu}\w+)", regex.I)
    eager = regex.compile(r"(?P<w>\p{Lu}\w+)", regex.I)
    text = "Smith and jones (2020)"
    assert lazy.pattern == eager.pattern
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert lazy.match(text, 10).group("w") == eager.match(text, 10).group("w")  # type: ignore[union-attr]
    assert lazy.search(text) is not None and lazy.sub("X", text) == eager.sub("X", text)
