"""Reference-list ordering keys: letter by letter, nothing precedes something."""

from __future__ import annotations

from replylint.apa.names import fold, sort_key, title_key


def test_nothing_precedes_something() -> None:
    assert sort_key("Brown", initials="J.") < sort_key("Browning", initials="A.")
    assert sort_key("An", initials="J.") < sort_key("Anagnostis", initials="P.")


def test_initials_then_single_before_multi_author() -> None:
    assert sort_key("Li", initials="X.") < sort_key("Li", initials="Y.-J.")
    one = sort_key("Prime", (), "2020", initials="H.")
    many = sort_key("Prime", ("Wade M.",), "2019", initials="H.")
    assert one < many


def test_years_nd_first_in_press_last() -> None:
    keys = [sort_key("Author", (), y, initials="A.") for y in ("in press", "2020", "n.d.")]
    assert sorted(keys) == [keys[2], keys[1], keys[0]]


def test_fold_ignores_case_spaces_hyphens_diacritics() -> None:
    assert fold("Barrera-Bugueño") == "barrerabugueno"
    assert fold("van den Berg") == "vandenberg"
    assert fold("O'Neill") == "oneill"


def test_title_key_ignores_articles_and_spells_numbers() -> None:
    assert title_key("The first session") == title_key("first session")
    assert title_key("5 ways to care") == fold("five ways to care")
