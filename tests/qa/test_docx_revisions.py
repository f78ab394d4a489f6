"""Word files as students hand them in: tracked changes left in, DOIs turned into hyperlinks,
text inside a content control. The reader sees the text Word shows (insertions in, deletions
out), so a correct reply stays clean."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import Result

from tests.qa.replies import BODY, entries

AS_OF = "2026-11-25"
Run = Callable[..., Result]
CITE = "(Stefana et al., 2024)"


def _element(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(key.replace("_", ":", 1)), value)
    return el


def _run(text: str, tag: str = "w:t") -> Any:
    run = _element("w:r")
    t = _element(tag, xml_space="preserve")
    t.text = text
    run.append(t)
    return run


def _wrapped(kind: str, text: str) -> Any:
    """``text`` inside a tracked insertion/deletion or an inline content control."""
    if kind == "sdt":
        sdt, content = _element("w:sdt"), _element("w:sdtContent")
        sdt.append(_element("w:sdtPr"))
        content.append(_run(text))
        sdt.append(content)
        return sdt
    el = _element(f"w:{kind}", w_id="1", w_author="Student", w_date="2026-10-01T09:00:00Z")
    el.append(_run(text, "w:delText" if kind == "del" else "w:t"))
    return el


def word_with_revisions(wrap: str = "ins") -> bytes:
    """The reply with its Stefana citation typed as a tracked change (a deleted wrong citation
    and the inserted right one) or in a content control, and every DOI a hyperlink."""
    from docx import Document as Docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn

    doc = Docx()
    for para in BODY.split("\n\n"):
        text = para.replace("\n", " ")
        p = doc.add_paragraph()
        if CITE not in text:
            p.add_run(text)
            continue
        before, after = text.split(CITE)
        p.add_run(before)
        if wrap == "ins":
            p._p.append(_wrapped("del", "(Stefana, 2019)"))
        p._p.append(_wrapped(wrap, CITE))
        p.add_run(after)
    doc.add_paragraph("References")
    for entry in entries("md"):
        p = doc.add_paragraph()
        m = re.search(r"https://doi\.org/\S+$", entry)
        assert m
        head, pos = entry[: m.start()], 0
        for em in re.finditer(r"\*([^*]+)\*", head):
            p.add_run(head[pos : em.start()])
            p.add_run(em.group(1)).italic = True
            pos = em.end()
        p.add_run(head[pos:])
        link = _element("w:hyperlink")
        link.set(qn("r:id"), p.part.relate_to(m.group(0), RT.HYPERLINK, is_external=True))
        link.append(_run(m.group(0)))
        p._p.append(link)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _check(run_cli: Run, tmp_path: Path, data: bytes) -> dict[str, Any]:
    (tmp_path / "reply.docx").write_bytes(data)
    result = run_cli("check", "--isolated", "--as-of", AS_OF, "--format", "json", "reply.docx")
    (reply,) = json.loads(result.stdout)["files"]
    return dict(reply)


def test_tracked_insertion_is_read_and_deletion_is_not(run_cli: Run, tmp_path: Path) -> None:
    reply = _check(run_cli, tmp_path, word_with_revisions("ins"))
    texts = [c["text"] for c in reply["citations"]]
    assert CITE in texts and "(Stefana, 2019)" not in texts
    assert [d["code"] for d in reply["diagnostics"]] == []


def test_content_control_text_is_read(run_cli: Run, tmp_path: Path) -> None:
    reply = _check(run_cli, tmp_path, word_with_revisions("sdt"))
    assert CITE in [c["text"] for c in reply["citations"]]
    assert [d["code"] for d in reply["diagnostics"]] == []


def test_hyperlinked_dois_are_read(run_cli: Run, tmp_path: Path) -> None:
    reply = _check(run_cli, tmp_path, word_with_revisions("ins"))
    assert all(r["doi"] for r in reply["references"])
