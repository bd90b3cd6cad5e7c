"""BibTeX and data files a careless or hostile user writes: warnings, never a crash or script.

Each test is a reproducer from issue 8; each failed before its fix.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from pelican_scholar.publications.bibfile import BibEntry
from pelican_scholar.publications.fields import allow_inline_markup
from pelican_scholar.publications.render import RenderOptions, build_publication

BIB = "@article{%s,\n  title = {%s},\n  author = {%s},\n  journal = {J},\n  year = {%s},%s\n}\n"


def bib(key="a", title="T", author="Lindqvist, Ada", year="2020", extra=""):
    return BIB % (key, title, author, year, extra)


def ids_of(soup):
    return [tag["id"] for tag in soup.find_all(id=True)]


# ---- Inline markup: a real sanitiser ------------------------------------------


def test_a_closing_tag_before_its_opening_one_leaves_no_tag_open(build_publications_site):
    bibs = {"a.bib": bib("first", extra="\n  note = {</b>text<b>},") + bib("second", "Second")}
    soup = build_publications_site(bibs=bibs).page("publications/")
    second = soup.find(id="second")
    assert second.find_parent("b") is None
    assert soup.find(id="first").select_one(".pub-note").get_text() == "</b>text<b>"


@pytest.mark.parametrize("escaped, expected", [
    ("&lt;/b&gt;text&lt;b&gt;", "&lt;/b&gt;text&lt;b&gt;"),
    ("&lt;b&gt;&lt;i&gt;x&lt;/b&gt;&lt;/i&gt;", "&lt;b&gt;<i>x&lt;/b&gt;</i>"),
    ("a &lt;sup&gt;2&lt;/sup&gt;&lt;br&gt;b", "a <sup>2</sup><br>b"),
])
def test_only_tags_that_open_and_close_in_order_become_markup(escaped, expected):
    assert allow_inline_markup(escaped) == expected


def test_bold_does_not_reach_into_a_link_address():
    entry = BibEntry("article", "k", {"title": "T", "author": "A, B", "year": "2020",
                                      "note": "**bold [link](https://e.example/**)**"}, "x.bib", 1, {})
    note = build_publication(entry, 0, RenderOptions(), []).note_html
    link = BeautifulSoup(note, "html.parser").a
    assert link["href"] == "https://e.example/**"
    assert link.find_parent("strong") is not None
    assert "<strong>" not in link["href"]


def test_a_link_with_another_scheme_stays_text():
    assert "<a" not in allow_inline_markup("[x](javascript:alert(1))")


# ---- coauthors.yml --------------------------------------------------------------


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>"])
def test_an_unsafe_coauthor_url_is_not_linked_and_warns_naming_the_file(
        build_publications_site, publication_warnings, url):
    data = {"coauthors.yml": 'einstein:\n  - firstname: ["Albert"]\n    url: "%s"\n' % url}
    site = build_publications_site(data=data)
    soup = site.page("publications/")
    assert soup.select("a.pub-author") == []
    assert not any(url.split(":")[0] + ":" in (a.get("href") or "") for a in soup.find_all("a"))
    assert any(w.startswith("data/coauthors.yml: 'einstein'") and "url" in w
               for w in publication_warnings()), publication_warnings()


def test_a_coauthor_url_may_be_a_path_of_the_site(build_publications_site):
    # al-folio's lab sites link members to their people page: `url: /people/`.
    data = {"coauthors.yml": 'einstein:\n  - firstname: ["Albert"]\n    url: /people/#albert\n'}
    site = build_publications_site(data=data, SITEURL="https://lab.example.org/group")
    link = site.page("publications/").select_one("a.pub-author")
    assert link["href"] == "https://lab.example.org/group/people/#albert"


@pytest.mark.parametrize("text", ["okafor: 5\n", "okafor:\n  - firstname: 5\n    url: https://x.org\n"])
def test_a_coauthor_entry_of_the_wrong_shape_warns(build_publications_site, publication_warnings,
                                                   text):
    site = build_publications_site(bibs={"a.bib": bib(author="Okafor, Chidi")},
                                   data={"coauthors.yml": text})
    assert site.page("publications/").find(id="a") is not None
    assert any(w.startswith("data/coauthors.yml: 'okafor'") for w in publication_warnings())


# ---- Author lists with commas instead of "and" ---------------------------------------


@pytest.mark.parametrize("authors, names", [
    ("Smith, John, Doe, Jane", ["John Smith", "Jane Doe"]),
    ("Smith, J., Doe, A.", ["J. Smith", "A. Doe"]),
    ("Smith, John, Doe, Jane, Roe", ["Smith", "John", "Doe", "Jane", "Roe"]),
])
def test_commas_between_authors_are_read_with_a_warning(build_publications_site,
                                                        publication_warnings, authors, names):
    site = build_publications_site(bibs={"a.bib": "\n" + bib("commas", author=authors)})
    shown = site.page("publications/").find(id="commas").select(".pub-author")
    assert [a.get_text() for a in shown] == names
    assert any(w.startswith("publications/a.bib:2: entry 'commas': the author list")
               and "'and'" in w for w in publication_warnings()), publication_warnings()


# ---- Numbers that are not ASCII digits ----------------------------------------------


@pytest.mark.parametrize("field", ["year = {²}", "month = {²}, year = {2020}", "year = {٢٠٢٠}"])
def test_a_superscript_or_other_digit_in_year_or_month_does_not_crash(build_publications_site,
                                                                     field):
    text = "@article{odd, title={T}, author={Lindqvist, Ada}, journal={J}, %s}" % field
    soup = build_publications_site(bibs={"a.bib": text}).page("publications/")
    assert soup.find(id="odd") is not None
    assert all(re.fullmatch(r"[A-Za-z0-9-]+", i) for i in ids_of(soup) if i != "odd")


# ---- Keys that collide with the site's own files and ids ------------------------------------


def test_a_key_named_like_the_publications_page_gets_its_own_paper_page(build_publications_site,
                                                                        publication_warnings):
    bibs = {"a.bib": bib("index.html") + bib("other", "Other")}
    site = build_publications_site(bibs=bibs)
    soup = site.page("publications/")
    assert [a["id"] for a in soup.select("article.pub")] == ["index.html", "other"]
    link = soup.find(id="index.html").select_one(".pub-title a")["href"]
    assert link == "https://example.org/publications/index-html/"
    assert site.page("publications/index-html/").select_one(".paper__title").get_text() == "T"
    assert any("entry 'index.html'" in w and "publications/index.html" in w
               for w in publication_warnings())


@pytest.mark.parametrize("key", ["main", "y2023", "papers-heading"])
def test_a_key_equal_to_a_page_id_is_namespaced_with_a_warning(build_publications_site,
                                                               publication_warnings, key):
    about = "---\ntitle: About\nlayout: about\npermalink: /\n---\nHello.\n"
    bibs = {"a.bib": bib(key, year="2023", extra="\n  selected = {true},") + bib("b", year="2023")}
    site = build_publications_site(bibs=bibs, pages={"about.md": about})
    for page in ("publications/", "index.html", "publications/%s/" % key):
        ids = ids_of(site.page(page))
        assert len(ids) == len(set(ids)), (page, ids)
        assert "pub-" + key in ids
    assert site.page("publications/").select_one('a[href$="#pub-%s"]') is None  # no self-link
    back = site.page("publications/%s/" % key).select_one(".paper__back a")["href"]
    assert back == "https://example.org/publications/#pub-" + key
    assert any("entry %r" % key in w and "#pub-" + key in w for w in publication_warnings())


def test_a_key_equal_to_an_id_in_a_users_template_is_namespaced(build_publications_site):
    override = b'{% macro publication_badges(pub) %}<aside id="extra">Badges</aside>{% endmacro %}'
    site = build_publications_site(bibs={"a.bib": bib("extra")},
                                   files={"templates/partials/publication_badges.html": override})
    ids = ids_of(site.page("publications/"))
    assert ids.count("extra") == 1 and "pub-extra" in ids


# ---- Data files built to explode ----------------------------------------------------


def alias_bomb(levels=9, width=9):
    lines = ["l0: &l0 [%s]" % ", ".join(["lol"] * width)]
    for level in range(1, levels):
        lines.append("l%d: &l%d [%s]" % (level, level, ", ".join(["*l%d" % (level - 1)] * width)))
    return "\n".join(lines) + "\n"


def test_yaml_alias_bombs_in_data_files_do_not_stall_the_build(build_publications_site):
    # Expanded, each file would hold 9**9 strings; the build hashes the bytes.
    site = build_publications_site(data={"coauthors.yml": alias_bomb(), "venues.yml": alias_bomb()})
    assert site.page("publications/").find(id="lindqvist2024drought") is not None


def test_keys_that_slugify_alike_get_their_own_page_and_meta_urls(build_publications_site):
    site = build_publications_site(bibs={"a.bib": bib("a:b", "First") + bib("a/b", "Second")})
    for slug, title in (("a-b", "First"), ("a-b-2", "Second")):
        paper = site.page("publications/%s/" % slug)
        assert paper.select_one(".paper__title").get_text() == title
        url = "https://example.org/publications/%s/" % slug
        assert paper.find("meta", attrs={"name": "citation_abstract_html_url"})["content"] == url
        assert '"url": "%s"' % url in paper.find("script", type="application/ld+json").string
