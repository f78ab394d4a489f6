"""Hand-built model objects for grading tests (no NLP pipeline needed)."""

from __future__ import annotations

from replylint.model import Diagnostic, Document, Severity, Span


def document(text: str, path: str = "reply.txt") -> Document:
    return Document(
        path=path, format="txt", text=text, source=text, origin=list(range(len(text) + 1))
    )


def diag(
    code: str,
    category: str,
    severity: Severity,
    *,
    message: str = "a finding",
    span: Span | None = None,
    hint: str | None = None,
) -> Diagnostic:
    return Diagnostic(
        code=code,
        name=f"rule-{code.lower()}",
        category=category,
        severity=severity,
        message=message,
        span=span or Span(0, 0),
        hint=hint,
    )
