"""Sentence case and title case: detection on real titles, conversion, and properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.apa.sentence_case import (
    is_all_caps,
    is_title_case,
    lowercase_after_colon,
    to_sentence_case,
    to_title_case,
)
from tests.support import records

# Sentence-case titles from the rulebook's real examples (RA, PM records) and forms with
# proper nouns, acronyms, eponyms and capitals after a colon: none is Title Case.
SENTENCE_CASE = [
    "System-level improvements in work environments lead to lower nurse burnout and higher "
    "patient satisfaction",
    "Self-determination theory and workplace outcomes: A conceptual review and future research "
    "directions",
    "Social determinants of health: An evaluation of risk factors associated with inpatient "
    "presentations in the United States",
    "Pain perception and management: Where do we stand?",
    "Inaugural editorial: Rehabilitation Psychology",
    "Review of the Neurobehavioral Symptom Inventory",
    "(Re)claiming plants in comparative psychology",
    "Risk and resilience in family well-being during the COVID-19 pandemic",
    "The existence of Aβ strains and their potential for driving phenotypic heterogeneity in "
    "Alzheimer's disease",
    "Challenges in the miRNA research",
    "Quality of life in Parkinson's disease: A review of eHealth interventions",
    "Psychometric properties of the Beck Depression Inventory in adolescents",
    "Celebrating fifty years of the Journal of Nursing Education",
    "Species diversity of drifting fish eggs in the Yangtze River using molecular identification",
    "Update on the management of acute pancreatitis",
    "Nurses' experiences with mRNA vaccines in the United Kingdom",
]

TITLE_CASE = [
    "System-Level Improvements in Work Environments Lead to Lower Nurse Burnout and Higher "
    "Patient Satisfaction",
    "Social Determinants of Health: An Evaluation of Risk Factors Associated With Inpatient "
    "Presentations in the United States",
    "Burnout among Nurses: A Bibliometric Analysis of the Global Publications",
    "The Working Alliance Inventory's Measurement Properties: A Systematic Review",
    "Pain Perception and Management: Where do We Stand?",
    "Exercise and Depression: A Randomized Controlled Trial",
    "LIVER TRANSPLANTATION IN BRAZIL: THE URGENT NEED OF A NEW ALLOCATION SYSTEM",
]


@pytest.mark.parametrize("title", SENTENCE_CASE)
def test_sentence_case_titles_are_left_alone(title: str) -> None:
    assert not is_title_case(title)
    converted, _ = to_sentence_case(title)
    assert converted == title


@pytest.mark.parametrize("title", TITLE_CASE)
def test_title_case_titles_are_found(title: str) -> None:
    assert is_title_case(title)


@pytest.mark.parametrize(
    ("title", "expected", "doubtful"),
    [
        (
            "System-Level Improvements in Work Environments Lead to Lower Nurse Burnout",
            "System-level improvements in work environments lead to lower nurse burnout",
            [],
        ),
        (
            "Social Determinants of Health: An Evaluation of Risk Factors in the United States",
            "Social determinants of health: An evaluation of risk factors in the United States",
            [],
        ),
        (
            "Pain Perception and Management: Where do We Stand?",
            "Pain perception and management: Where do we stand?",
            [],
        ),
        (
            "Living With COVID-19: mRNA Vaccines and eHealth in Rural Care",
            "Living with COVID-19: mRNA vaccines and eHealth in rural care",
            [],
        ),
        (
            "The Working Alliance Inventory's Measurement Properties: A Systematic Review",
            "The Working Alliance Inventory's measurement properties: A systematic review",
            ["Working", "Alliance", "Inventory's"],
        ),
        (
            "Resistance to Fungicides in Greenhouse Isolates of Botrytis cinerea",
            "Resistance to fungicides in greenhouse isolates of Botrytis cinerea",
            ["Botrytis"],
        ),
        (
            "PANCREATIC STEATOSIS: A NEW DIAGNOSIS AND THERAPEUTIC CHALLENGE IN MELD SCORE",
            "Pancreatic steatosis: A new diagnosis and therapeutic challenge in MELD score",
            ["MELD"],
        ),
        (
            "Motivational Interviewing in Parkinson's Disease: A Review",
            "Motivational interviewing in Parkinson's disease: A review",
            [],
        ),
    ],
)
def test_conversion_keeps_names_and_reports_doubt(
    title: str, expected: str, doubtful: list[str]
) -> None:
    assert to_sentence_case(title) == (expected, doubtful)


def test_lowercase_after_colon_is_found() -> None:
    words = lowercase_after_colon("Therapeutic alliance: a systematic review")
    assert [w.text for w in words] == ["a"]
    assert lowercase_after_colon("Ratio 1:2 in adults: A review") == []


def test_non_english_titles_keep_their_conventions() -> None:
    title = "La Cohesión Grupal: factor terapéutico y requisito para la creación de un grupo"
    assert not is_title_case(title)
    assert to_sentence_case(title) == (title, [])


def test_all_caps() -> None:
    assert is_all_caps("LIVER TRANSPLANTATION IN BRAZIL")
    assert not is_all_caps("HIV and AIDS in Kenya")


def test_title_case_of_journal_names() -> None:
    assert to_title_case("Journal of comparative psychology") == "Journal of Comparative Psychology"
    assert to_title_case("the american psychologist") == "The American Psychologist"
    assert to_title_case("PLOS ONE") == "PLOS ONE"


def _trusted_titles() -> list[str]:
    out = []
    for _, _, entry in records.correct_corpus("txt"):
        from replylint.references import parse_reference_text

        title = parse_reference_text(entry).title
        if title:
            out.append(title)
    return out


def test_real_sentence_case_titles_false_positive_rate() -> None:
    """Titles from the real records already in sentence case: at most 2% flagged."""
    titles = _trusted_titles()
    assert len(titles) > 500
    flagged = [t for t in titles if is_title_case(t)]
    assert len(flagged) / len(titles) <= 0.02, flagged[:10]


def test_real_titles_mutated_to_title_case_are_found() -> None:
    """The same titles in Title Case (a labelled mutation): at least 90% found."""
    from replylint.apa.sentence_case import is_non_english

    mutated = [
        m
        for t in _trusted_titles()
        if not is_non_english(t)
        and (m := to_title_case(t)) != t
        and sum(a != b for a, b in zip(t.split(), m.split(), strict=False)) >= 2
    ]
    found = sum(1 for m in mutated if is_title_case(m))
    assert found / len(mutated) >= 0.9


def test_pubmed_title_case_records_are_positive_cases() -> None:
    """PubMed titles written in Title Case or capitals by the journal are found."""
    titles = [
        r["title"].rstrip(".")
        for r in records.pubmed_records()
        if r.get("title")
        and r["title"]
        in {
            "Titanium Dioxide Nanoparticles are not Cytotoxic or Clastogenic in Human Skin Cells.",
            "Current Management of Acute Pulmonary Embolism.",
            "Minocycline and Doxycycline: More Than Antibiotics.",
            "PANCREATIC STEATOSIS: A NEW DIAGNOSIS AND THERAPEUTIC CHALLENGE IN GASTROENTEROLOGY.",
        }
    ]
    assert len(titles) == 4
    assert all(is_title_case(t) for t in titles)


_WORDS = st.text(alphabet="abcdefghijKLMNOPqrstuvwxyzAB-':? ", min_size=0, max_size=80)


@settings(max_examples=300, deadline=None)
@given(_WORDS)
def test_conversion_never_fails_and_only_changes_case(title: str) -> None:
    converted, doubtful = to_sentence_case(title)
    assert converted.lower() == title.lower()
    assert all(isinstance(w, str) for w in doubtful)
    is_title_case(title)
    assert to_title_case(title).lower() == title.lower()


@settings(max_examples=200, deadline=None)
@given(_WORDS)
def test_conversion_is_idempotent(title: str) -> None:
    once, _ = to_sentence_case(title)
    twice, _ = to_sentence_case(once)
    assert twice == once


def test_conversion_recovers_most_real_titles() -> None:
    """Real sentence-case titles turned to Title Case (a labelled mutation) and converted back:
    most come back exactly; the rest are names the converter cannot know."""
    from replylint.apa.sentence_case import is_non_english

    pairs = [
        (t, m) for t in _trusted_titles() if not is_non_english(t) and (m := to_title_case(t)) != t
    ]
    exact = sum(1 for t, m in pairs if to_sentence_case(m)[0] == t)
    assert exact / len(pairs) >= 0.85


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Fish Eggs in the Yangtze River", "Fish eggs in the Yangtze River"),
        ("Blood Cells in Spielmeyer-Vogt's Disease", "Blood cells in Spielmeyer-Vogt's disease"),
        ("Gene Therapy for Hemophilia A", "Gene therapy for hemophilia A"),
        (
            "Novel Products for Haemostasis - Current Status",
            "Novel products for haemostasis - current status",
        ),
    ],
)
def test_conversion_details(title: str, expected: str) -> None:
    assert to_sentence_case(title)[0] == expected
