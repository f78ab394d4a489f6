"""The APA 7 entry written from a verified record (the content of the unsafe fixes)."""

from __future__ import annotations

from replylint.verify.apa_format import format_apa_reference, initials, sentence_case
from replylint.verify.importers import read_works
from replylint.verify.work import Work, WorkAuthor
from tests.conftest import shared_path


def test_entry_from_a_pubmed_record() -> None:
    (w,) = read_works(shared_path("pubmed-efetch-xml", "pmid_xml", "36367692.xml"))
    text = format_apa_reference(w, "md")
    assert text.startswith("Lee, E., Anselmo, M., Tahsin, C. T., Vanden Noven, M., ")
    title = "Vasomotor symptoms of menopause, autonomic dysfunction, and cardiovascular disease"
    assert f"(2022). {title}." in text
    assert (
        "*American journal of physiology. Heart and circulatory physiology*, *323*(6), H1270–H1280."
        in text
    )
    assert text.endswith("https://doi.org/10.1152/ajpheart.00477.2022")


def test_plain_text_has_no_markup_and_article_numbers_are_written() -> None:
    w = Work(
        source="crossref",
        doi="10.1371/journal.pone.0033693",
        title="A title",
        authors=(WorkAuthor("World Health Organization", group=True),),
        year=2012,
        container="PLoS ONE",
        volume="7",
        issue="3",
        article_number="e33693",
    )
    assert format_apa_reference(w, "txt") == (
        "World Health Organization. (2012). A title. PLoS ONE, 7(3), Article e33693. "
        "https://doi.org/10.1371/journal.pone.0033693"
    )
    assert "<em>PLoS ONE</em>" in format_apa_reference(w, "html")


def test_question_title_keeps_its_mark() -> None:
    w = Work(source="x", title="Is burnout contagious?", year=2021)
    assert format_apa_reference(w) == "(2021). Is burnout contagious?"


def test_initials() -> None:
    assert initials("Eric A.") == "E. A."
    assert initials("Jean-Paul") == "J.-P."
    assert initials("JD") == "J. D."
    assert initials("Chowdhury Tasnova") == "C. T."


def test_sentence_case_is_conservative() -> None:
    assert sentence_case("Vasomotor symptoms of menopause") == "Vasomotor symptoms of menopause"
    assert sentence_case("The role of COVID-19 in Europe") == "The role of COVID-19 in Europe"
    assert (
        sentence_case("Burnout In Nurses And Their Managers")
        == "Burnout in nurses and their managers"
    )
