"""The SQLite library: importers for every format, idempotent re-import, parallel writers."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path
from typing import Any

import pytest

from replylint.errors import ConfigError, InputError
from replylint.verify.importers import parse_works, read_works
from replylint.verify.library import Library, default_library_path
from replylint.verify.work import Work
from tests.conftest import read_jsonl, shared_path
from tests.verify.cassettes import load_cassette


def first_record_with_pages() -> dict[str, Any]:
    for rec in read_jsonl(shared_path("recent-articles", "records.jsonl")):
        if rec.get("authors") and rec.get("volume") and rec.get("page"):
            return rec
    raise AssertionError("no record with pages")


def csl_item(rec: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "article-journal",
        "title": rec["title"],
        "author": [{"family": a["family"], "given": a["given"]} for a in rec["authors"]],
        "issued": {"date-parts": [[rec["year"]]]},
        "container-title": rec["container_title"],
        "volume": rec["volume"],
        "page": rec["page"],
        "DOI": rec["doi"],
    }


def ris_text(rec: dict[str, Any]) -> str:
    lines = ["TY  - JOUR", f"TI  - {rec['title']}"]
    lines += [f"AU  - {a['family']}, {a['given']}" for a in rec["authors"]]
    lines += [f"PY  - {rec['year']}", f"T2  - {rec['container_title']}", f"VL  - {rec['volume']}"]
    start, _, end = rec["page"].partition("-")
    lines += [f"SP  - {start}", f"EP  - {end}", f"DO  - {rec['doi']}", "ER  - ", ""]
    return "\n".join(lines)


def bibtex_text(rec: dict[str, Any]) -> str:
    authors = " and ".join(f"{a['family']}, {a['given']}" for a in rec["authors"])
    return (
        f"@article{{key2022,\n  title = {{{{{rec['title']}}}}},\n  author = {{{authors}}},\n"
        f'  journal = "{rec["container_title"]}",\n  year = {rec["year"]},\n'
        f"  volume = {{{rec['volume']}}},\n  pages = {{{rec['page'].replace('-', '--')}}},\n"
        f"  doi = {{{rec['doi']}}}\n}}\n"
    )


@pytest.mark.parametrize("fmt", ["csl", "ris", "bibtex"])
def test_reference_manager_formats(fmt: str, tmp_path: Path) -> None:
    rec = first_record_with_pages()
    if fmt == "csl":
        path = tmp_path / "items.json"
        path.write_text(json.dumps([csl_item(rec)]))
    elif fmt == "ris":
        path = tmp_path / "items.ris"
        path.write_text(ris_text(rec))
    else:
        path = tmp_path / "items.bib"
        path.write_text(bibtex_text(rec))
    (w,) = read_works(path)
    assert w.doi == rec["doi"].lower()
    assert w.title == rec["title"]
    assert w.year == rec["year"]
    assert w.container == rec["container_title"]
    assert [a.family for a in w.authors] == [a["family"] for a in rec["authors"]]
    assert w.is_peer_reviewed_venue is True


def test_bibtex_accents_and_braces() -> None:
    (w,) = parse_works(
        "@article{k, author={M{\\\"u}ller, Anna and Del R{\\'\\i}o, J.},"
        " title={The {COVID}-19 case}, year=2021, journal={X}}",
        "x.bib",
    )
    assert w.authors[0].family == "Müller"
    assert w.title == "The COVID-19 case"


def test_crossref_json_from_a_recorded_answer(tmp_path: Path) -> None:
    (i,) = load_cassette(
        shared_path("crossref-cassettes-habanero", "test-works", "test_works_with_one_id.yaml")
    )
    path = tmp_path / "crossref.json"
    path.write_bytes(i.body)
    (w,) = read_works(path)
    assert w.source == "crossref" and w.doi == "10.1371/journal.pone.0033693"


def test_openalex_jsonl(tmp_path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(shared_path("synergy-openalex", "Sep_2021", "works_1.zip")) as zf:
        works = json.loads(zf.read(sorted(zf.namelist())[0]))
    path = tmp_path / "works.jsonl"
    path.write_text("\n".join(json.dumps(w) for w in works[:5]) + "\n")
    assert [w.source for w in read_works(path)] == ["openalex"] * 5


def test_europepmc_page_and_pubmed_xml() -> None:
    assert len(read_works(shared_path("europepmc-fixtures", "search_cancer_core.json"))) == 25
    assert len(read_works(shared_path("pubmed-efetch-xml", "pmid_xml", "36367692.xml"))) == 1


def test_unknown_or_broken_files_are_input_errors(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("just some notes")
    with pytest.raises(InputError, match="unknown bibliographic format"):
        read_works(bad)
    broken = tmp_path / "broken.xml"
    broken.write_text("<PubmedArticleSet><PubmedArticle>")
    with pytest.raises(InputError):
        read_works(broken)
    with pytest.raises(InputError, match="cannot read"):
        read_works(tmp_path / "missing.json")


def test_reimport_is_idempotent(tmp_path: Path) -> None:
    zip_path = shared_path("synergy-openalex", "Sep_2021", "works_1.zip")
    with Library(tmp_path / "lib.sqlite") as lib:
        assert lib.import_file(zip_path) == 271
        first = lib.stats()
        lib.import_file(zip_path)
        again = lib.stats()
    assert first.works == again.works == 271
    assert again.by_source == {"openalex": 271}


def test_lookup_by_doi_merges_sources(tmp_path: Path) -> None:
    xml = shared_path("pubmed-efetch-xml", "pmid_xml", "36367692.xml")
    with Library(tmp_path / "lib.sqlite") as lib:
        lib.import_file(xml)
        # The same work as OpenAlex would describe it (built from the PubMed record: mutation
        # of the source name and the author form only, to test merging).
        pm = lib.by_doi("10.1152/ajpheart.00477.2022")
        assert pm is not None
        lib.add_works(
            [Work(source="openalex", doi=pm.doi, title=pm.title, year=pm.year, is_retracted=True)]
        )
        merged = lib.by_doi("10.1152/ajpheart.00477.2022")
    assert merged is not None
    assert merged.source == "pubmed" and merged.authors == pm.authors
    assert merged.is_retracted


def test_search_finds_by_title_words(tmp_path: Path) -> None:
    with Library(tmp_path / "lib.sqlite") as lib:
        lib.import_file(shared_path("pubmed-efetch-xml", "pmid_xml", "36367692.xml"))
        hits = lib.search("vasomotor symptoms of menopause autonomic dysfunction")
        assert hits and hits[0].pmid == "36367692"
        assert lib.search("") == []


def test_lookup_cache_keeps_the_date(tmp_path: Path) -> None:
    with Library(tmp_path / "lib.sqlite") as lib:
        assert lib.cached("Crossref", "doi:10.1/x") is None
        lib.store("Crossref", "doi:10.1/x", "not-found", [])
        status, works, fetched = lib.cached("Crossref", "doi:10.1/x")  # type: ignore[misc]
    assert status == "not-found" and works == [] and fetched[:2] == "20"


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite"
    path.write_text("this is not SQLite " * 100)
    with pytest.raises(ConfigError, match="not a usable SQLite database"):
        Library(path)


def test_default_path_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_library_path() == tmp_path / "replylint" / "library.sqlite"


def _import(args: tuple[str, str]) -> int:
    db, source = args
    with Library(db) as lib:
        return lib.import_file(source)


def test_parallel_imports_do_not_corrupt(tmp_path: Path) -> None:
    db = str(tmp_path / "shared.sqlite")
    sets = ["Sep_2021", "Donners_2021", "Sep_2021", "Donners_2021"]
    sources = [str(shared_path("synergy-openalex", s, "works_1.zip")) for s in sets]
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ctx.Pool(4) as pool:
        counts = pool.map(_import, [(db, s) for s in sources])
    assert counts == [271, 258, 271, 258]
    with Library(db) as lib:
        assert lib.integrity_ok()
        stats = lib.stats()
    assert stats.works == 271 + 258


def test_a_locked_wal_switch_is_tried_again() -> None:
    import sqlite3

    from replylint.verify.library import _retry_locked

    calls: list[int] = []

    def flaky() -> None:
        calls.append(1)
        if len(calls) < 3:
            raise sqlite3.OperationalError("database is locked")

    _retry_locked(flaky, timeout=5.0)
    assert len(calls) == 3

    def broken() -> None:
        raise sqlite3.OperationalError("no such table: works")

    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        _retry_locked(broken, timeout=5.0)

    def always_locked() -> None:
        raise sqlite3.OperationalError("database is locked")

    with pytest.raises(sqlite3.OperationalError, match="locked"):
        _retry_locked(always_locked, timeout=0.1)
