"""Author names: owner highlighting, initials, accents, marks, co-authors."""

import pytest

from pelican_scholar.publications.model import Publication
from pelican_scholar.publications.names import CoauthorIndex, first_names_match, fold, parse_authors


def test_fold_ignores_accents_braces_and_case():
    assert fold(r'M{\"u}ller') == fold("Müller") == fold("MULLER") == "muller"


@pytest.mark.parametrize("first, variant", [
    ("Y.", "Yang"), ("Yang", "Y."), ("Yang", "Yang"), ("J.-P.", "Jean-Pierre"),
    ("A. M.", "Ada"), ("Élodie", "Elodie"),
])
def test_first_names_match_initials_and_accents(first, variant):
    assert first_names_match(first, variant)


@pytest.mark.parametrize("first, variant", [("Yan", "Yang"), ("B.", "Ada"), ("", "Ada")])
def test_first_names_that_differ_do_not_match(first, variant):
    assert not first_names_match(first, variant)


def test_owner_written_in_latex_is_recognised():
    authors = parse_authors(r'M{\"u}ller, H. and Smith, John', ["Müller"], ["Hans"])
    assert [a.is_owner for a in authors] == [True, False]
    assert authors[0].name == "H. Müller"


def test_owner_needs_a_matching_first_name_when_first_names_are_set():
    authors = parse_authors("Müller, Karl", ["Müller"], ["Hans"])
    assert not authors[0].is_owner


def test_without_first_names_the_last_name_is_enough():
    assert parse_authors("Müller, Karl", ["Müller"], [])[0].is_owner


@pytest.mark.parametrize("value, marks", [
    ("Wu*, Zhaomin", "*"),
    ("Uzolas, Lukas*", "*"),
    ("Zhaomin Wu†", "†"),
    (r"Smith$^\dagger$, John", "†"),
    (r"Doe, Jane\textsuperscript{*}", "*"),
    ("Roe*†, Richard", "*†"),
])
def test_contribution_marks_are_split_from_the_name(value, marks):
    author = parse_authors(value)[0]
    assert author.marks == marks
    assert "*" not in author.name and "†" not in author.name


def author_line(render_macro, authors):
    pub = Publication(key="k", slug="k", entry_type="article", source="x.bib", line=1, order=0,
                      fields={}, authors=authors)
    return render_macro("publication_authors.html", "publication_authors", pub)


def test_marks_are_superscripts_in_html(render_macro):
    html = author_line(render_macro, parse_authors("Wu*, Zhaomin"))
    assert '<span class="pub-author">Zhaomin Wu<sup>*</sup></span>' in html


def test_and_others_becomes_et_al():
    authors = parse_authors("Smith, John and others")
    assert authors[-1].is_others and authors[-1].name == "et al."


def test_braced_group_of_people_is_split():
    authors = parse_authors("{Jian Zhu*, Cong Zhang*} and David Jurgens {[* equal contribution]}")
    assert [a.name for a in authors] == ["Jian Zhu", "Cong Zhang", "David Jurgens"]
    assert authors[2].note == "[* equal contribution]"


def test_name_wrapped_in_bold_is_unwrapped():
    author = parse_authors(r"\textbf{Collas, Antoine}", ["Collas"], ["Antoine"])[0]
    assert (author.first, author.last, author.is_owner) == ("Antoine", "Collas", True)


def test_coauthor_links_match_al_folio_format():
    index = CoauthorIndex({"müller": [{"firstname": ["Hans", "H."], "url": "https://h.org"}],
                           "smith": [{"firstname": ["Jane"], "url": "https://j.org"}]})
    authors = parse_authors(r'M{\"u}ller, H. and Smith, John', coauthors=index)
    assert [a.url for a in authors] == ["https://h.org", None]


def test_coauthor_url_is_escaped_in_html(render_macro):
    index = CoauthorIndex({"smith": [{"firstname": ["John"], "url": 'https://x.org/?a=1&b="2"'}]})
    html = author_line(render_macro, parse_authors("Smith, John", coauthors=index))
    # The quote cannot end the attribute: escaped, or percent-encoded as a URL may not hold it.
    assert 'href="https://x.org/?a=1&amp;b=%222%22"' in html or 'href="https://x.org/?a=1&amp;b=&#34;2&#34;"' in html
