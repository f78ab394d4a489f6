"""Data-driven rule cases: reply files with the codes they must produce.

A case file (``.md``, ``.txt`` or ``.html``) starts with directive lines, then the reply::

    <!-- expect: M101 Y101:info -->     (md/html; ``%% expect: none`` in txt)
    <!-- params: {"min_questions": 2} -->
    <!-- exemptions: Kember 1973 -->
    <!-- post: burnout-post.md -->      (the post it answers, in the ``posts`` folder)
    <!-- mutation: the year of ... was changed to 2014 to make it too old -->

Placeholders are expanded from the real records beside the project at test time:
``{{ref:DOI}}``, ``{{cite:DOI}}``, ``{{narrative:DOI}}`` (``tests/support/records.py``), their
mutated forms ``{{ref:DOI|year=2014}}`` or ``{{ref:DOI|authors_from=DOI}}`` or
``{{ref:DOI|link=source}}`` (the journal page's address instead of the DOI) (a deliberate
change of one field, labelled with a ``mutation:`` directive in the case), and
``{{pmref:PMID}}``, ``{{pmcite:PMID}}``, ``{{pmnarrative:PMID}}`` for PubMed records.

A case passes when every expected code is reported (at any severity) and no other rule of the
rubric packs reports an error or a warning. Info findings that are not listed are ignored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support import records

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases" / "rules"
AS_OF = dt.date(2026, 11, 25)

#: The rules of the rubric packs these cases exercise.
RUBRIC_CODES: tuple[str, ...] = (
    "C100", "C101", "C102", "C103", "C104", "C105", "C106", "C107", "C108", "C116",
    "R100",
    "M101", "M102", "M103", "M104", "M105", "M106",
    "Y101", "Y102", "Y103", "Y104",
    "P101", "P102", "P103",
    "Q101", "Q102", "Q103", "Q106", "Q107", "Q108",
    "L101", "L102",
    "D101", "D102",
)  # fmt: skip

_DIRECTIVE = re.compile(r"^\s*(?:<!--\s*(\w[\w-]*):\s*(.*?)\s*-->|%%\s*(\w[\w-]*):\s*(.*?))\s*$")
_PLACEHOLDER = re.compile(r"\{\{(ref|cite|narrative)\s*:\s*([^}|]+)\|([^}]+)\}\}")
_PLAIN_REF = re.compile(r"\{\{(ref)\s*:\s*([^}|]+)\}\}")
_PM = re.compile(r"\{\{pm(ref|cite|narrative)\s*:\s*(\d+)\}\}")


@dataclass(frozen=True)
class RuleCase:
    path: Path
    fmt: str
    text: str
    expect: frozenset[str]
    params: Mapping[str, Any] = field(default_factory=dict)
    exemptions: tuple[str, ...] = ()
    post: Path | None = None

    @property
    def id(self) -> str:
        return self.path.name


def parse_case(path: Path) -> RuleCase:
    """Read one case file: its directives and its reply text (directives removed)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    directives: dict[str, str] = {}
    body_start = 0
    for i, line in enumerate(lines):
        m = _DIRECTIVE.match(line)
        if not m:
            body_start = i
            break
        key = (m.group(1) or m.group(3)).lower()
        directives[key] = m.group(2) if m.group(1) else m.group(4)
    else:
        body_start = len(lines)
    if "expect" not in directives:
        raise ValueError(f"{path}: the first line must be an `expect:` directive")
    raw = directives["expect"].split()
    expect = frozenset() if raw == ["none"] else frozenset(raw)
    post = directives.get("post")
    return RuleCase(
        path=path,
        fmt=path.suffix.lstrip("."),
        text="".join(lines[body_start:]),
        expect=expect,
        params=json.loads(directives["params"]) if "params" in directives else {},
        exemptions=tuple(
            e.strip() for e in directives.get("exemptions", "").split(";") if e.strip()
        ),
        post=(path.parent / "posts" / post) if post else None,
    )


def rule_cases(folder: Path = CASES) -> list[RuleCase]:
    return [
        parse_case(p)
        for p in sorted(folder.iterdir())
        if p.is_file() and p.suffix in (".md", ".txt", ".html")
    ]


@functools.cache
def pubmed_records() -> dict[str, Mapping[str, Any]]:
    path = records.SHARED_DATA / "pubmed-efetch-xml" / "records_slim.jsonl"
    out = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                out[rec["pmid"]] = rec
    return out


def pubmed_as_record(rec: Mapping[str, Any]) -> dict[str, Any]:
    """A PubMed record in the shape ``records.apa_reference`` reads."""
    authors = []
    for a in rec["authors"]:
        if isinstance(a, str):
            authors.append({"family": a})
        else:
            authors.append({"family": a["last"], "given": a.get("fore") or ""})
    title = rec["title"].rstrip(".")
    return {
        "doi": rec.get("doi") or "",
        "authors": authors,
        "authors_complete": True,
        "title": title,
        "container_title": rec["journal_iso"] or rec["journal"],
        "year": rec["year"],
        "volume": rec.get("volume"),
        "issue": rec.get("issue"),
        "page": rec.get("pages"),
    }


#: The records' titles in APA sentence case (the records keep them as the journal printed
#: them, often in Title Case). Only the capitalisation differs from the record.
SENTENCE_CASE_TITLES: dict[str, str] = {
    "10.3389/fpsyg.2024.1367516": "Patients' perspective on the therapeutic relationship and "
    "session quality: The central role of alliance",
    "10.3390/healthcare12020245": "Exploring professional practice environments and "
    "organisational context factors affecting nurses' adoption of evidence-based practice: "
    "A scoping review",
    "10.3238/arztebl.m2021.0014": "Motivational interviewing: An evidence-based approach for "
    "use in medical practice",
    "10.1097/ncq.0000000000000475": "System-level improvements in work environments lead to "
    "lower nurse burnout and higher patient satisfaction",
    "10.1055/s-0041-1742218": "Data science trends relevant to nursing practice: A rapid review "
    "of the 2020 literature",
    "10.2147/prbm.s458199": "Burnout among nurses: A bibliometric analysis of the global "
    "publications",
    "10.3390/ijerph18105051": "Factors related to nurses' burnout during the first wave of "
    "coronavirus disease-19 in a university hospital in Italy",
    "10.3390/bs14060428": "Self-determination theory and workplace outcomes: A conceptual "
    "review and future research directions",
    "10.1016/j.mnl.2025.05.004": "Creating a culture of belonging",
    "10.7759/cureus.13287": "Social determinants of health: An evaluation of risk factors "
    "associated with inpatient presentations in the United States",
    "10.3390/ijerph19010096": "Use of restorative justice and restorative practices at school: "
    "A systematic literature review",
    "10.3390/educsci12120880": "Pocket restorative practice approaches to foster peer-based "
    "relationships and positive development in schools",
    "10.4236/jss.2023.111022": "The misconception in differentiated instruction practices: "
    "A literature review",
    "10.4236/jss.2023.112007": "Assessing practices and challenges in implementing "
    "differentiated instruction in Mingde Primary School",
    "10.3390/risks11060101": "Context-based and adaptive cybersecurity risk management framework",
    "10.3390/systems11050218": "A systematic review of risk management methodologies for "
    "complex organizations in Industry 4.0 and 5.0",
    "10.3390/nursrep15100349": "Analysis of retractions in nursing from publications between "
    "2000 and 2024: A bibliometric analysis using Retraction Watch",
    "10.23750/abm.v93is2.12954": "What can we learn from retracted studies in the nursing field "
    "in the last 20 years? Findings from a scoping review",
    "10.5811/westjem.18320": "Addressing system and clinician barriers to emergency "
    "department-initiated buprenorphine: An evaluation of post-intervention physician outcomes",
    "10.1037/a0030292": "Genes, economics, and happiness",
    "10.1017/s0954422424000088": "Addressing nutritional issues and eating behaviours among "
    "university students: A narrative review",
}


def _render(kind: str, rec: Mapping[str, Any], fmt: str, sentence_case: bool = False) -> str:
    if kind == "ref":
        title = SENTENCE_CASE_TITLES.get(str(rec.get("doi", "")).lower())
        if sentence_case and title:
            rec = {**rec, "title": title}
        return records.apa_reference(rec, fmt)
    return records.cite(rec, narrative=kind == "narrative")


def expand(text: str, fmt: str, *, sentence_case: bool = False) -> str:
    """Expand mutated, PubMed and plain placeholders (titles in sentence case if asked)."""
    recent = records.recent_articles()

    def mutated(m: re.Match[str]) -> str:
        rec = dict(recent[m.group(2).strip().lower()])
        link = None
        for change in m.group(3).split("|"):
            key, _, value = (p.strip() for p in change.partition("="))
            if key == "authors_from":
                rec["authors"] = recent[value.lower()]["authors"]
            elif key == "link" and value == "source":
                link = rec["source_url"]  # the page the record was read from, not the DOI
            else:
                rec[key] = value
        out = _render(m.group(1), rec, fmt, sentence_case)
        return out.replace(f"https://doi.org/{rec['doi']}", link) if link else out

    def pubmed(m: re.Match[str]) -> str:
        rec = pubmed_as_record(pubmed_records()[m.group(2)])
        return _render(m.group(1), rec, fmt, sentence_case)

    def plain(m: re.Match[str]) -> str:
        rec = recent[m.group(2).strip().lower()]
        return _render(m.group(1), rec, fmt, sentence_case)

    text = _PLACEHOLDER.sub(mutated, text)
    text = _PM.sub(pubmed, text)
    if sentence_case:
        text = _PLAIN_REF.sub(plain, text)
    return records.expand(text, fmt)


def settings_for(case: RuleCase, base: Any, codes: Iterable[str] = RUBRIC_CODES) -> Any:
    params = dict(base.params)
    params.update(case.params)
    return dataclasses.replace(
        base,
        select=tuple(codes),
        params=params,
        exemptions=tuple(base.exemptions) + case.exemptions,
    )


def analyse(case: RuleCase, analyzer: Any, *, sentence_case: bool = False) -> Any:
    """The ``Reply`` of a case (and of its post, when it names one)."""
    from replylint.readers import parse_text

    text = expand(case.text, case.fmt, sentence_case=sentence_case)
    document = parse_text(text, case.fmt, case.path.name)
    post = None
    if case.post is not None:
        post_fmt = case.post.suffix.lstrip(".")
        post = parse_text(
            expand(case.post.read_text(encoding="utf-8"), post_fmt, sentence_case=sentence_case),
            post_fmt,
            case.post.name,
        )
    return analyzer.analyze(document, as_of=AS_OF, post=post)


def outcome(case: RuleCase, diagnostics: Iterable[Any]) -> tuple[set[str], set[str]]:
    """(expected codes not reported, error/warning codes reported but not expected).

    An expected code may name a severity, ``Y101:info``: it must then be reported at exactly
    that severity, and an error or warning of that code is unexpected.
    """
    diags = list(diagnostics)
    missing: set[str] = set()
    allowed: set[str] = set()
    for item in case.expect:
        code, _, severity = item.partition(":")
        hits = [d for d in diags if d.code == code]
        if severity:
            hits = [d for d in hits if d.severity.value == severity]
            if severity != "info":
                allowed.add(code)
        else:
            allowed.add(code)
        if not hits:
            missing.add(item)
    loud = {d.code for d in diags if d.severity.value in ("error", "warning")}
    return missing, loud - allowed
