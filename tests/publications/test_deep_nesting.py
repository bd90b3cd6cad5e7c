"""Braces and commands nested absurdly deep never stop the build: the text is kept, flattened."""

from __future__ import annotations

import pytest

from pelican_scholar.publications import latex
from pelican_scholar.publications.bibfile import parse_bib_text
from pelican_scholar.publications.names import parse_authors

DEEP_AUTHOR = "{" + "{" * 150 + "A" + "}" * 150 + "}"
DEEP_TITLE = "{" + "{" * 1000 + "Deep roots" + "}" * 1000 + "}"
BIB = """@article{deepauthor,
  author = %s,
  title = {Shallow title},
  year = {2024},
}
@article{deeptitle,
  title = %s,
  author = {Lindqvist, Ada},
  year = {2023},
}
""" % (DEEP_AUTHOR, DEEP_TITLE)


@pytest.mark.parametrize("source, text", [
    (DEEP_TITLE, "Deep roots"),
    ("\\emph" * 3000 + "{x}", "x"),
    ("\\textbf{" * 2000 + "x" + "}" * 2000, "x"),
    ("\\bf " * 3000 + "x", "x"),
    ("\\'" * 3000 + "e", "e"),
    ("$" + "{" * 3000 + "x" + "}" * 3000 + "$", "x"),
], ids=["braces", "emph-chain", "textbf-groups", "declarations", "accents", "math"])
def test_latex_nested_thousands_deep_converts_keeping_the_text(source, text):
    converted = latex.convert(source)
    assert converted.text == text
    assert text in converted.html


def test_braces_within_the_limit_keep_their_structure():
    assert latex.convert("{" * 50 + "\\emph{DNA}" + "}" * 50).html == "<em>DNA</em>"


def test_flatten_braces_removes_only_the_braces_beyond_the_limit():
    assert latex.flatten_braces("{{{{a\\{b}}}}", 2) == "{{a\\{b}}"
    assert latex.flatten_braces("{x} {y}", 1) == "{x} {y}"


def test_an_author_in_150_nested_braces_is_parsed_as_one_author():
    [author] = parse_authors(DEEP_AUTHOR)
    assert author.name == "A"


def test_the_reader_keeps_entries_with_deep_braces_and_names_file_line_and_key():
    entries, problems = parse_bib_text(BIB, "papers.bib")
    assert [entry.key for entry in entries] == ["deepauthor", "deeptitle"]
    assert [str(problem).split(" entry ")[0] for problem in problems] == ["papers.bib:2:",
                                                                          "papers.bib:7:"]
    assert "nested more than 100 deep" in problems[1].message
    assert latex.to_text(entries[1].fields["title"]) == "Deep roots"


def test_a_site_with_deeply_nested_fields_lists_both_entries_with_warnings(
        build_publications_site, publication_warnings):
    site = build_publications_site({"papers.bib": BIB})
    page = site.page("publications/")
    titles = [node.get_text(" ", strip=True) for node in page.select(".pub-title")]
    assert "Deep roots" in titles and "Shallow title" in titles
    warnings = publication_warnings()
    assert any("papers.bib:2: entry 'deepauthor'" in w for w in warnings)
    assert any("papers.bib:7: entry 'deeptitle'" in w for w in warnings)
