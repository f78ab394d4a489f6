"""Reference-list rules R101-R117: what each flags, and correct real entries they leave alone.

Correct entries are written from the real records (``tests/support/records.py``); every
defective entry is a labelled mutation of one of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from replylint.model import Severity
from tests.apa.support import reply_of, run_rule
from tests.support import records

R_CODES = [f"R{n}" for n in range(101, 118)]
BODY = "Intro text about the topic.\n\n"


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    return [e for _, _, e in records.correct_corpus("txt")]


@pytest.fixture(scope="module")
def md_corpus() -> list[str]:
    return [e for _, _, e in records.correct_corpus("md")]


def pick(entries: list[str], test: Callable[[str], bool]) -> str:
    for e in entries:
        if test(e):
            return e
    pytest.skip("no real record with that feature")


def lint(text: str, fmt: str = "txt", codes: list[str] = R_CODES) -> dict[str, list[str]]:
    reply = reply_of(text, fmt)
    out: dict[str, list[str]] = {}
    for code in codes:
        for d in run_rule(code, reply):
            out.setdefault(code, []).append(d.message)
    return out


def doc(entries: list[str], heading: str = "References", sep: str = "\n\n") -> str:
    return BODY + heading + "\n\n" + sep.join(entries) + "\n"


# --- correct entries -------------------------------------------------------------------------


def test_correct_entries_false_positive_rate(corpus: list[str]) -> None:
    flagged = [e for e in corpus[:400] if lint(doc([e]))]
    assert len(flagged) / 400 <= 0.02, flagged[:5]


FEATURES: dict[str, Callable[[str], bool]] = {
    "21+ authors": lambda e: ". . ." in e,
    "hyphenated surname": lambda e: bool(re.match(r"[A-Z][a-z]+-[A-Z][a-z]+, ", e)),
    "acronym in title": lambda e: bool(re.search(r"\)\. [^.]*\b[A-Z]{3,}\b", e)),
    "capital after colon": lambda e: bool(re.search(r"\)\. [^.]*: [A-Z]", e)),
    "proper noun in title": lambda e: bool(
        re.search(r"\)\. [^.]*\b(?:United States|Europe|German|American|Chinese)\b", e)
    ),
    "possessive eponym": lambda e: bool(re.search(r"\)\. [^.]*\b[A-Z][a-z]+'s\b", e)),
    "e-locator pages": lambda e: bool(re.search(r", e\d+–e\d+\. https", e)),
    "one author": lambda e: bool(re.match(r"[^,&]+, (?:[A-Z]\. ?)+\(", e)),
}


@pytest.mark.parametrize("feature", list(FEATURES))
def test_correct_entries_with_feature_are_clean(corpus: list[str], feature: str) -> None:
    entry = pick(corpus, FEATURES[feature])
    assert lint(doc([entry])) == {}


def test_list_pasted_without_blank_lines_is_clean(md_corpus: list[str]) -> None:
    chosen: dict[str, str] = {}
    for e in md_corpus:
        key = e.split(",")[0].lower()
        if key[:1] in "bcmrs" and key not in chosen and len(chosen) < 6:
            chosen[key] = e
    entries = [chosen[k] for k in sorted(chosen)]
    text = doc(entries, sep="\n")
    assert len(reply_of(text, "md").references) == len(entries)
    assert lint(text, "md") == {}


def test_html_entry_is_clean() -> None:
    entries = [e for _, _, e in records.correct_corpus("html")]
    entry = pick(entries, FEATURES["capital after colon"]).replace("&", "&amp;")
    entry = entry.replace("&amp;lt;", "&lt;")
    html = f"<p>Intro text.</p><h2>References</h2><p>{entry}</p>"
    assert lint(html, "html") == {}


# --- R101 heading ----------------------------------------------------------------------------


@pytest.mark.parametrize("heading", ["References:", "Works Cited", "Bibliography", "REFERENCES"])
def test_heading_flagged(corpus: list[str], heading: str) -> None:
    assert "R101" in lint(doc(corpus[:1], heading))


def test_singular_heading_for_one_entry_is_info(corpus: list[str]) -> None:
    found = run_rule("R101", reply_of(doc(corpus[:1], "Reference")))
    assert [d.severity for d in found] == [Severity.INFO]


# --- R102 order --------------------------------------------------------------------------------


def _two_different(corpus: list[str]) -> tuple[str, str]:
    a = corpus[0]
    b = pick(corpus, lambda e: e[0].lower() != a[0].lower())
    return tuple(sorted([a, b], key=lambda e: e.split(",")[0].lower()))  # type: ignore[return-value]


def test_order_flagged_and_sorted_list_clean(corpus: list[str]) -> None:
    a, b = _two_different(corpus)
    assert "R102" not in lint(doc([a, b]))
    assert "R102" in lint(doc([b, a]))  # mutation: entries swapped


# --- R103 / R104 authors -----------------------------------------------------------------------


def test_and_instead_of_ampersand(corpus: list[str]) -> None:
    entry = pick(corpus, lambda e: ", & " in e.split("(")[0])
    mutated = entry.replace(", & ", " and ", 1)  # mutation
    assert "R103" in lint(doc([mutated]))


def test_missing_ampersand_and_vancouver_initials(corpus: list[str]) -> None:
    entry = pick(corpus, lambda e: ", & " in e.split("(")[0])
    mutated = entry.replace(", & ", ", ", 1)  # mutation: no "&"
    assert "R103" in lint(doc([mutated]))


def test_unicode_ellipsis_in_long_list(corpus: list[str]) -> None:
    entry = pick(corpus, lambda e: ". . ." in e)
    assert "R103" not in lint(doc([entry]))
    assert "R103" in lint(doc([entry.replace(". . .", "…", 1)]))  # mutation


def test_et_al_in_reference(corpus: list[str]) -> None:
    entry = pick(corpus, lambda e: e.split("(")[0].count(".,") >= 2)
    head, rest = entry.split(" (", 1)
    first = re.match(r"[^,]+, (?:[A-Z]\.[ -]?)+", head)
    assert first
    mutated = first.group(0).strip() + ", et al. (" + rest  # mutation
    assert "R104" in lint(doc([mutated]))


# --- R105 date ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"), [(r" \((\d{4})\)\. ", r" (\1) "), (r" \((\d{4})\)\. ", r" \1. ")]
)
def test_date_form(corpus: list[str], before: str, after: str) -> None:
    mutated = re.sub(before, after, corpus[0], count=1)  # mutation
    assert "R105" in lint(doc([mutated]))


# --- R106 / R107 case ---------------------------------------------------------------------------


def test_title_case_title_flagged_with_suggestion(corpus: list[str]) -> None:
    from replylint.apa.sentence_case import to_title_case
    from replylint.references import parse_reference_text

    entry = pick(corpus, FEATURES["proper noun in title"])
    title = parse_reference_text(entry).title or ""
    mutated = entry.replace(title, to_title_case(title), 1)  # mutation
    found = run_rule("R106", reply_of(doc([mutated])))
    assert len(found) == 1
    assert found[0].data["suggestion"] == title
    assert found[0].fix is not None and found[0].fix.applicability == "unsafe"


def test_lowercase_journal_name(corpus: list[str]) -> None:
    entry = pick(corpus, lambda e: "Journal of " in e)
    m = re.search(r"Journal of ([A-Z][a-z]{3,})", entry)
    assert m
    mutated = entry.replace(m.group(0), "Journal of " + m.group(1).lower(), 1)  # mutation
    assert "R107" in lint(doc([mutated]))


# --- R108 / R109 links ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "form", ["doi:{doi}", "DOI: {doi}", "http://dx.doi.org/{doi}", "https://doi.org/{doi}."]
)
def test_doi_forms(corpus: list[str], form: str) -> None:
    m = re.search(r"https://doi\.org/(\S+)$", corpus[0])
    assert m
    mutated = corpus[0].replace(m.group(0), form.format(doi=m.group(1)))  # mutation
    assert "R108" in lint(doc([mutated]))


def test_retrieved_from(corpus: list[str]) -> None:
    # mutation: "Retrieved from" before the DOI
    mutated = corpus[0].replace("https://doi.org/", "Retrieved from https://doi.org/")
    assert "R109" in lint(doc([mutated]))


def test_retrieval_date_for_a_changing_page_is_apa() -> None:
    text = doc(
        [
            "Example Nursing Council. (n.d.). Title of the dashboard. Example Site. "
            "Retrieved March 3, 2025, from https://www.example.org/dashboard"
        ]
    )
    assert "R109" not in lint(text)


# --- R110 publisher location (placeholder book, APA's own manner) -------------------------------


def test_publisher_location() -> None:
    entry = "Author, A. A. (2021). Title of the book: A subtitle. New York, NY: Publisher Name."
    assert "R110" in lint(doc([entry]))
    assert "R110" not in lint(doc([entry.replace("New York, NY: ", "")]))


# --- R111 numbers ---------------------------------------------------------------------------------


def test_hyphen_page_range_and_report_number(corpus: list[str]) -> None:
    entry = pick(corpus, lambda e: bool(re.search(r", \d+–\d+\. https", e)))
    mutated = re.sub(r"(\d)–(\d)", r"\1-\2", entry, count=1)  # mutation
    assert "R111" in lint(doc([mutated]))
    report = (
        "Example Agency for Health Statistics. (2022). Title of the report (Publication No. "
        "22-1234). Example Department of Health. https://www.example.gov/report.pdf"
    )
    assert "R111" not in lint(doc([report]))


def test_vol_and_pp_labels(corpus: list[str]) -> None:
    entry = pick(corpus, lambda e: bool(re.search(r", (\d+)\((\d+)\), (\d+)–(\d+)\. https", e)))
    mutated = re.sub(r", (\d+)\((\d+)\), (\d+)–", r", Vol. \1(\2), pp. \3–", entry, count=1)
    found = lint(doc([mutated]))
    assert len(found.get("R111", [])) == 2


def test_article_number_wrapped_after_article(corpus: list[str]) -> None:
    entry = pick(corpus, lambda e: bool(re.search(r", Article e?\d+\. https", e)))
    wrapped = entry.replace("Article ", "Article\n", 1)  # an editor's line wrap
    assert "R111" not in lint(doc([wrapped]))
    mutated = entry.replace("Article ", "Article No.\n", 1)  # mutation: a "No." label
    assert "R111" in lint(doc([mutated]))


# --- R112 - R115 ----------------------------------------------------------------------------


def test_missing_doi(corpus: list[str]) -> None:
    mutated = re.sub(r" https://doi\.org/\S+$", "", corpus[0])  # mutation
    assert "R112" in lint(doc([mutated]))


def test_duplicate(corpus: list[str]) -> None:
    a, b = _two_different(corpus)
    assert "R113" in lint(doc([a, b, b]))  # mutation: pasted twice


@pytest.mark.parametrize(
    "entry",
    [
        # MLA and Vancouver forms (labelled mutations of one real record's elements)
        'Prime, Heather, et al. "Risk and Resilience." American Psychologist, vol. 75, no. 5, '
        "2020, pp. 631-43.",
        "Prime H, Wade M, Browne DT. Risk and resilience. Am Psychol. 2020;75(5):631-643.",
        "https://doi.org/10.1037/amp0000660",
    ],
)
def test_unparsed_entries_are_reported_not_guessed(entry: str) -> None:
    found = lint(doc([entry]))
    assert "R114" in found
    assert set(found) <= {"R114"}


def test_missing_source(corpus: list[str]) -> None:
    entry = corpus[0]
    head = entry.split(" https://")[0]
    m = re.match(r"(.+?\(\d{4}\)\. .+?\.) [A-Z][^.]*, \d+", head)
    assert m
    assert "R115" in lint(doc([m.group(1)]))  # mutation: the source element removed


# --- R116 italics --------------------------------------------------------------------------------


def test_italics_only_when_the_input_carries_them(md_corpus: list[str]) -> None:
    entry = md_corpus[0]
    assert "R116" not in lint(doc([entry]), "md")
    roman = re.sub(r"\*([^*]+)\*, \*", r"\1, *", entry, count=1)  # mutation: journal roman
    assert "R116" in lint(doc([roman]), "md")
    plain = entry.replace("*", "")
    assert "R116" not in lint(doc([plain]), "txt")


# --- R117 year letters ---------------------------------------------------------------------------


def test_same_author_same_year_needs_letters(corpus: list[str]) -> None:
    a, b = _two_different(corpus)
    head_a, rest_a = a.split(" (", 1)
    year = rest_a[:4]
    rest_b = b.split(" (", 1)[1]
    twin = head_a + " (" + year + rest_b[4:]  # mutation: b given a's authors and year
    found = lint(doc(sorted([a, twin])))
    assert "R117" in found


def test_italics_of_newspaper_and_reference_work_entries_are_fine() -> None:
    # placeholders in APA's manner: a Wikipedia entry and a newspaper article
    text = doc(
        [
            "Occupational burnout. (n.d.). In *Wikipedia*. "
            "https://en.wikipedia.org/wiki/Occupational_burnout",
            "Reporter, A. (2024, March 5). Title of the news article. *The Daily Example*. "
            "https://www.example.com/2024/03/05/example.html",
        ]
    )
    assert "R116" not in lint(text, "md")


def test_book_title_not_italic_in_markdown() -> None:
    entry = "Author, A. A. (2021). Title of the book: A subtitle (3rd ed.). Publisher Name."
    assert "R116" in lint(doc([entry]), "md")
    assert "R116" not in lint(
        doc([entry.replace("Title", "*Title").replace(" (3rd", "* (3rd")]), "md"
    )


def test_group_authors_are_written_in_full_and_sorted_by_name() -> None:
    # placeholders in APA's manner
    council = (
        "Example Nursing Council. (2023). Title of the guidance page. https://www.example.org/g"
    )
    person = "Author, A. A. (2021). Title of the web page. Example Site. https://www.example.org/p"
    assert lint(doc([person, council])) == {}
    assert "R102" in lint(doc([council, person]))
    bracketed = council.replace("Council.", "Council [ENC].")
    assert "R103" in lint(doc([bracketed]))


def test_more_than_twenty_authors_written_out() -> None:
    rec = next(r for r in records.pubmed_records() if r.get("pmid") == "38147649")
    entry = records.pubmed_entry(rec)
    if entry is None:
        pytest.skip("record not usable")
    assert ". . ." in entry and lint(doc([entry])) == {}
    people = [{"family": a["last"], "given": a["fore"]} for a in rec["authors"]]
    names = [records._author(p) for p in people]
    all_listed = ", ".join(names[:-1]) + ", & " + names[-1]
    mutated = all_listed + entry[entry.index(" (2024)") :]  # mutation: all 23 authors listed
    found = lint(doc([mutated]))
    assert "R103" in found
    assert any("first 19" in m for m in found["R103"])


# The rulebook's correct forms for other kinds of work, with placeholders in APA's manner.
OTHER_KINDS = [
    "Author, A. A., & Writer, B. B. (2021). *Title of the book: A subtitle* (3rd ed.). "
    "Publisher Name.",
    "Author, A. A. (2020). Title of the chapter. In E. E. Editor (Ed.), *Title of the edited "
    "book* (pp. 45–67). Publisher Name. https://doi.org/10.1000/xyz123",
    "Author, A. A. (2020). Title of the chapter. In E. E. Editor & F. F. Editor (Eds.), *Title "
    "of the edited book* (2nd ed., pp. 45–67). Publisher Name.",
    "Example Agency for Health Statistics. (2022). *Title of the report: A subtitle* "
    "(Publication No. 22-1234). Example Department of Health. https://www.example.gov/r.pdf",
    "Author, A. A., & Writer, B. B. (2024). Title of the article. *Journal of Example "
    "Studies*. Advance online publication. https://doi.org/10.1000/xyz",
    "Author, A. A. (in press). Title of the article. *Journal of Example Studies*.",
    "Example Nursing Council. (2023, May 2). *Title of the guidance page*. "
    "https://www.example.org/guidance",
    "Author, A. A. (n.d.). *Title of the dashboard*. Example Site. Retrieved March 3, 2025, "
    "from https://www.example.org/dashboard",
    "Author, A. A. (2024). *Title of the preprint*. PsyArXiv. "
    "https://doi.org/10.31234/osf.io/xxxxx",
    "Author, A. A., Jr., & Writer, B. B. (2019). Title of the article. *Journal of Example "
    "Studies*, *12*, Article e12345. https://doi.org/10.1000/c",
    "Author, A. A. (2019). Title of the article. *Journal of Example Studies*, *12*(S3), S172. "
    "https://doi.org/10.1000/d",
]


@pytest.mark.parametrize("entry", OTHER_KINDS)
def test_other_kinds_of_work_in_apa_form_are_clean(entry: str) -> None:
    assert lint(doc([entry]), "md") == {}


def test_year_letters_in_title_order_are_clean() -> None:
    a = (
        "Author, A. A. (2020a). Beta title of the work. *Journal of Example Studies*, *3*(1), "
        "1–10. https://doi.org/10.1000/a"
    )
    b = (
        "Author, A. A. (2020b). Gamma title of the work. *Journal of Example Studies*, *3*(2), "
        "11–20. https://doi.org/10.1000/b"
    )
    assert lint(doc([a, b]), "md") == {}
    swapped = [a.replace("2020a", "2020b"), b.replace("2020b", "2020a")]  # letters reversed
    assert "R117" in lint(doc(swapped), "md")
