"""Realistic student replies written in the QA team's own words, around real reference entries.

Every entry comes from a real record through ``tests.support.records`` (``correct_corpus``
writes the APA 7 entry). The one group-author entry is written from PubMed record 34843274; the
only change is the journal's name, which PubMed gives as "The American psychologist" and the
journal prints as "American Psychologist" (a formatting correction, not an invented fact).
"""

from __future__ import annotations

import html
import io
import re

from tests.support.records import correct_corpus, pubmed_records

JOAQUIM = "10.23750/abm.v93is2.12954"  # 3 authors, article number e2022193
STEFANA = "10.3389/fpsyg.2024.1367516"  # 4 authors, no locator in the record
RITZ = "10.1073/pnas.2308706120"  # 23 authors: the ". . ." form
ZHAN = "10.1128/msystems.01299-23"  # "TGR5" in the title, journal "mSystems"
KRYSTAL = "10.1073/pnas.2305772120"  # 7 authors, colon in the title
GROUP_PMID = "34843274"
GROUP = "Guideline Development Panel for the Treatment of Depressive Disorders"


def entry(doi: str, fmt: str = "txt") -> str:
    """The correct APA 7 entry of a record in the corpus, in the markup of ``fmt``."""
    for _, rec, text in correct_corpus(fmt):
        if (rec.get("doi") or "").lower() == doi.lower():
            return text
    raise KeyError(doi)


def group_entry(fmt: str = "txt") -> str:
    rec = next(r for r in pubmed_records() if r["pmid"] == GROUP_PMID)
    assert rec["authors"] == [GROUP] and str(rec["year"]) == "2022"
    first, last = rec["pages"].split("-")
    it = {"md": "*{}*", "html": "<em>{}</em>"}.get(fmt, "{}")
    title = rec["title"].rstrip(".")
    return (
        f"{GROUP}. ({rec['year']}). {title}. {it.format('American Psychologist')}, "
        f"{it.format(rec['volume'])}({rec['issue']}), {first}–{last}. "
        f"https://doi.org/{rec['doi']}"
    )


BODY = f"""Hi Dana,

Thank you for your thoughtful post about research integrity in clinical practice. I agree that
nurses need to read the evidence critically before changing their practice. Joaquim et al. (2022)
reviewed studies in nursing that were later retracted and found that many retracted papers kept
being cited for years afterwards. That worries me, because a busy clinician rarely checks the
status of an article before applying it at the bedside.

The relationship between patient and clinician matters as much as the evidence itself. Patients
rate sessions higher when the alliance is strong (Stefana et al., 2024). The {GROUP} (2022)
recommends psychotherapy or a combination of psychotherapy and medication for adults with
depression, and new rapid-acting treatments are being studied as well (Krystal et al., 2023).
Research on the gut and the brain also keeps growing (Ritz et al., 2024; Zhan et al., 2024),
which suggests that our training should include basic microbiology.

How does your unit decide which new studies are strong enough to change a protocol?"""


def entries(fmt: str = "txt") -> list[str]:
    return [group_entry(fmt)] + [entry(d, fmt) for d in (JOAQUIM, KRYSTAL, RITZ, STEFANA, ZHAN)]


def correct_reply(fmt: str = "md", *, separator: str = "\n\n", heading: str = "References") -> str:
    """The correct reply as Markdown or plain text; ``separator`` joins the entries."""
    head = f"{heading}\n\n" if heading else ""
    return f"{BODY}\n\n{head}{separator.join(entries(fmt))}\n"


def lms_html() -> str:
    """The reply as an LMS rich-text editor saves it: styled spans, &nbsp;, <strong> heading."""
    style = "font-family: 'times new roman', times; font-size: 12pt;"
    out = ['<div class="user_content enhanced">']
    body = BODY.split("\n\n")
    for para in [*body, "References", *entries("md")]:
        if para == "References":
            out.append('<p style="text-align: center;"><strong>References</strong></p>')
            continue
        text = html.escape(para.replace("\n", " "), quote=False)
        if para in body:
            text = text.replace(". ", ".&nbsp; ", 1)
        text = text.replace(
            "(Stefana et al., 2024)",
            '(<span style="color: #000;">Stefana</span> et&nbsp;al.,&nbsp;2024)',
        )
        text = re.sub(r"\*([^*]+)\*", r'<span style="font-style: italic;">\1</span>', text)
        out.append(f'<p><span style="{style}">{text}</span></p>')
    out.append("</div>")
    return "\n".join(out) + "\n"


def word_docx() -> bytes:
    """The reply as a Word file: curly apostrophes, soft hyphens, italic runs."""
    from docx import Document as Docx

    doc = Docx()
    for para in [*BODY.split("\n\n"), "References", *entries("md")]:
        text = para.replace("\n", " ").replace("'", "\u2019")
        text = text.replace("psychotherapy", "psycho\u00adtherapy")
        p = doc.add_paragraph()
        pos = 0
        for m in re.finditer(r"\*([^*]+)\*", text):
            p.add_run(text[pos : m.start()])
            p.add_run(m.group(1)).italic = True
            pos = m.end()
        p.add_run(text[pos:])
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _html_entries() -> list[str]:
    return [
        re.sub(r"\*([^*]+)\*", r"<i>\1</i>", html.escape(e, quote=False)) for e in entries("md")
    ]


def word_html() -> str:
    """The reply saved from Word as a web page: MsoNormal paragraphs, <o:p>, one paragraph of
    entries separated by <br> with a hanging indent."""
    out = [
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8">'
        "<style>p.MsoNormal{margin:0}</style><!--[if gte mso 9]><xml><o:OfficeDocumentSettings>"
        "</o:OfficeDocumentSettings></xml><![endif]--></head><body lang=EN-US>"
    ]
    span = '<span style="font-size:12.0pt;font-family:&quot;Times New Roman&quot;,serif">'
    for para in BODY.split("\n\n"):
        text = html.escape(para, quote=False)
        out.append(f"<p class=MsoNormal>{span}{text}<o:p></o:p></span></p>")
        out.append("<p class=MsoNormal><o:p>&nbsp;</o:p></p>")
    out.append(
        '<p class=MsoNormal align=center style="text-align:center"><b>'
        "<span>References<o:p></o:p></span></b></p>"
    )
    out.append(
        '<p class=MsoNormal style="margin-left:.5in;text-indent:-.5in">'
        + "<br>\n".join(_html_entries())
        + "</p>"
    )
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def list_html() -> str:
    """The reply with an <h3> heading and the entries as a list, as some editors paste them."""
    paras = [f"<p>{html.escape(p, quote=False)}</p>" for p in BODY.split("\n\n")]
    items = [f"<li>{e}</li>" for e in _html_entries()]
    return "\n".join(["<div>", *paras, "<h3>References</h3>", "<ul>", *items, "</ul></div>"])
