"""The pipeline as a whole: lazy import, registration, spans and extensions, extract()."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from replylint.model import Citation, Question, Quote, Span
from replylint.nlp import BodyAnalysis, extract, load_pipeline
from replylint.nlp.convert import stored_key
from replylint.nlp.pipeline import PIPE_NAMES
from tests.support.records import expand


def test_importing_the_package_does_not_import_spacy() -> None:
    code = "import sys, replylint.nlp; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_pipe_names(nlp: Any) -> None:
    assert tuple(nlp.pipe_names) == PIPE_NAMES


def test_components_register_once(nlp: Any) -> None:
    from spacy.language import Language

    from replylint.nlp import components

    before = {name: Language.get_factory_meta(name).factory for name in nlp.pipe_names}
    components.register()
    components.register()
    after = {name: Language.get_factory_meta(name).factory for name in nlp.pipe_names}
    assert before == after
    assert load_pipeline().pipe_names == nlp.pipe_names


def test_reimporting_the_components_module_is_harmless() -> None:
    code = (
        "import importlib, replylint.nlp.components as c\n"
        "importlib.reload(c)\n"
        "from replylint.nlp import extract, load_pipeline\n"
        "nlp = load_pipeline()\n"
        "print(len(extract(nlp('Care (Putra, 2023).')).citations))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1"


def test_spans_and_extensions(nlp: Any) -> None:
    text = expand(
        'Alliance matters {{cite:10.3389/fpsyg.2024.1367516}}. She said "it counts". Why?'
    )
    doc = nlp(text)
    (span,) = doc.spans["citations"]
    data = span._.replylint_citation
    assert data["authors"] == ["Stefana"]
    assert data["et_al"] is True
    assert span.text == "(Stefana et al., 2024)"
    (quote,) = doc.spans["quotes"]
    assert quote._.replylint_quote["words"] == 2
    (question,) = doc.spans["questions"]
    assert question._.replylint_question["form"] == "direct"
    assert question.text == "Why?"


def test_span_data_is_also_kept_as_lists(nlp: Any) -> None:
    text = (
        'Care matters (Putra, 2023; Sulley & Bayssie, 2021). She said "it counts". '
        "Why? Stefana et al. (2024) agree. I wonder whether it lasts."
    )
    doc = nlp(text)
    for key, ext in (
        ("citations", "replylint_citation"),
        ("quotes", "replylint_quote"),
        ("questions", "replylint_question"),
    ):
        kept = doc.user_data[stored_key(key)]
        assert kept
        assert kept == [span._.get(ext) for span in doc.spans[key]]
    result = extract(doc)
    doc.user_data = {k: v for k, v in doc.user_data.items() if not str(k).startswith("replylint.")}
    assert extract(doc) == result


def test_extract_returns_model_objects(nlp: Any) -> None:
    text = "Care matters (Putra, 2023, p. 3). I wonder whether it lasts."
    result = extract(nlp(text))
    assert isinstance(result, BodyAnalysis)
    (cit,) = result.citations
    assert isinstance(cit, Citation)
    assert cit.span == Span(13, 32)
    assert cit.parts["year"] == Span(text.index("2023"), text.index("2023") + 4)
    assert cit.parts["locator"] == Span(text.index("p. 3"), text.index("p. 3") + 4)
    assert all(isinstance(q, Question) for q in result.questions)
    assert result.quotes == ()
    assert all(isinstance(q, Quote) for q in result.quotes)
    assert [text[s.start : s.end] for s in result.sentences] == [
        "Care matters (Putra, 2023, p. 3).",
        "I wonder whether it lasts.",
    ]


def test_pipe_with_tuples_keeps_offsets(nlp: Any) -> None:
    texts = [("Care (Putra, 2023).", 1), ("   \n\nMore care (Sulley & Bayssie, 2021).", 2)]
    out = [(extract(doc), ctx) for doc, ctx in nlp.pipe(texts, as_tuples=True, batch_size=64)]
    assert [ctx for _, ctx in out] == [1, 2]
    for (result, _), (text, _) in zip(out, texts, strict=True):
        for cit in result.citations:
            assert text[cit.span.start : cit.span.end] == cit.text


def test_extract_works_on_a_doc_without_the_tokenizer_copy(nlp: Any) -> None:
    text = "Care (Putra, 2023)."
    doc = nlp(text)
    doc.user_data.clear()
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert [c.text for c in extract(doc).citations] == ["(Putra, 2023)"]


def test_tokenizer_keeps_abbreviations_whole(nlp: Any) -> None:
    words = [t.text for t in nlp("Smith et al., 2020 (n.d.), pp. 12, e.g. Dr. Vol. 3 et. al.")]
    for token in ("al.", "n.d.", "pp.", "e.g.", "Dr.", "Vol.", "et."):
        assert token in words


def test_empty_and_blank_texts(nlp: Any) -> None:
    for text in ("", " ", "\n\n", "    \n   "):
        result = extract(nlp(text))
        assert result == BodyAnalysis((), (), (), ())


def test_pipeline_pickles(nlp: Any) -> None:
    import pickle

    copy = pickle.loads(pickle.dumps(nlp))
    assert [c.text for c in extract(copy("Care (Putra, 2023).")).citations] == ["(Putra, 2023)"]


@pytest.mark.parametrize(
    "text",
    [
        "(" * 5000,
        '"' * 5000,
        "((" * 2000 + "))" * 2000,
        "(Smith et al., 2020) " * 500,
        "Smith, " * 1000 + "and Jones (2020)",
        "van der " * 1000 + "Berg (2020)",
        "x" * 50000,
    ],
    ids=["parens", "quotes", "nested", "many-citations", "long-list", "particles", "one-word"],
)
def test_pathological_input_is_fast(nlp: Any, text: str) -> None:
    import time

    start = time.process_time()
    result = extract(nlp(text))
    assert time.process_time() - start < 2.0
    for cit in result.citations:
        assert cit.text == text[cit.span.start : cit.span.end]


def test_long_runs_keep_offsets(nlp: Any) -> None:
    text = "Intro " + "-" * 600 + " then (Putra, 2023). Why?"
    result = extract(nlp(text))
    assert [c.text for c in result.citations] == ["(Putra, 2023)"]
    assert [q.text for q in result.questions] == ["Why?"]


def test_long_text_is_accepted_in_linear_time(nlp: Any) -> None:
    import time

    paragraph = "Staffing matters (Putra, 2023). Why? " + "Plain words here. " * 25
    text = paragraph * 2200  # over spaCy's default limit of 1,000,000 characters
    assert len(text) > 1_000_000
    start = time.process_time()
    result = extract(nlp(text))
    assert time.process_time() - start < 20
    assert len(result.citations) == len(result.questions) == 2200
