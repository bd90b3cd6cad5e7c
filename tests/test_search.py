"""Full-text search with Pagefind: the index, its filters, the /search/ page, and
nothing of it on sites or pages that do not use it."""

from __future__ import annotations

import gzip
import json
import logging

import pytest
from helpers import text, third_party_loads

ABOUT = "---\nlayout: about\ntitle: About\npermalink: /\n---\nAda studies forests.\n"
POST = ("---\ntitle: Counting rings\ndate: 2025-03-01\ntags: dendrochronology python\n---\n"
        "The word xylophagous appears only in this post.\n")
NEWS = "---\ntitle: A grant\ndate: 2024-05-01\n---\nThe lab got a grant.\n"
BIB = """@article{ada2023memory,
  title = {Forest memory},
  author = {Lindqvist, Ada and Okafor, Chen},
  journal = {Journal of Trees},
  year = {2023},
  abstract = {Drought legacies measured by the word quinquennial, only here.},
}
"""
FILES = {"pages/about.md": ABOUT, "pages/teaching.md": "---\ntitle: Teaching\n---\nCourses.\n",
         "blog/2025-03-01-rings.md": POST, "news/grant.md": NEWS, "publications/papers.bib": BIB}




@pytest.fixture
def search_site(build_site):
    return build_site(FILES, SEARCH_ENABLED=True, publish=True)


def fragments(site) -> dict[str, dict]:
    """Pagefind's record of each indexed page, by URL."""
    records = {}
    for path in (site.output / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        record = json.loads(data[data.index(b"{"):])
        records[record["url"]] = record
    return records


def test_pagefind_indexes_pages_posts_news_and_paper_pages_with_kind_and_year(search_site):
    records = fragments(search_site)
    assert {url: record["filters"].get("kind") for url, record in records.items()} == {
        "/": ["Page"], "/teaching/": ["Page"], "/blog/2025/rings/": ["Post"],
        "/news/grant/": ["News"], "/publications/ada2023memory/": ["Publication"]}
    assert records["/blog/2025/rings/"]["filters"]["year"] == ["2025"]
    assert sorted(records["/blog/2025/rings/"]["filters"]["tag"]) == ["dendrochronology", "python"]
    assert records["/publications/ada2023memory/"]["filters"]["year"] == ["2023"]
    assert records["/news/grant/"]["filters"]["year"] == ["2024"]


def test_a_paper_is_found_by_its_title_authors_venue_and_abstract_but_not_its_bibtex(search_site):
    paper = fragments(search_site)["/publications/ada2023memory/"]
    assert paper["meta"]["title"] == "Forest memory"
    for words in ("Lindqvist", "Okafor", "Journal of Trees", "quinquennial"):
        assert words in paper["content"]
    assert "@article" not in paper["content"]
    assert "xylophagous" in fragments(search_site)["/blog/2025/rings/"]["content"]


def test_lists_are_not_indexed_so_results_are_the_pages_themselves(search_site):
    for path in ("blog/index.html", "blog/tag/python/index.html", "publications/index.html",
                 "news/index.html", "search/index.html"):
        assert search_site.html(path).select("[data-pagefind-body]") == [], path


def test_the_search_page_loads_pagefinds_ui_and_says_what_to_do_without_javascript(search_site):
    page = search_site.html("search/index.html")
    scripts = [s["src"] for s in page.find_all("script", src=True)]
    assert "https://scholar.example.org/pagefind/pagefind-ui.js" in scripts
    assert "https://scholar.example.org/theme/js/search.js" in scripts
    assert page.select_one('link[rel="stylesheet"][href$="/pagefind/pagefind-ui.css"]') is not None
    assert page.select_one("#search") is not None
    fallback = page.select_one("noscript")
    assert "JavaScript" in text(fallback)
    links = [a["href"] for a in fallback.find_all("a")]
    assert links == ["https://scholar.example.org/blog/archive/", "https://scholar.example.org/blog/tags/",
                     "https://scholar.example.org/publications/"]
    assert third_party_loads(page) == []
    for name in ("pagefind-ui.js", "pagefind-ui.css", "pagefind.js"):
        assert search_site.exists(f"pagefind/{name}")


def test_every_page_has_a_plain_search_link_and_only_the_search_page_loads_pagefind(search_site):
    for path in search_site.pages():
        relative = str(path.relative_to(search_site.output))
        if relative.startswith("pagefind/"):
            continue
        page = search_site.html(relative)
        link = page.select_one("a.search-link")
        assert link is not None and link["href"] == "https://scholar.example.org/search/", relative
        if relative != "search/index.html":
            assert "pagefind-ui" not in path.read_text(encoding="utf-8"), relative


def test_a_site_without_search_carries_none_of_it(build_site):
    site = build_site(FILES, publish=True)
    assert not site.exists("search/index.html")
    assert not (site.output / "pagefind").exists()
    for path in site.pages():
        html = path.read_text(encoding="utf-8")
        assert "pagefind" not in html and "search-link" not in html, path


def test_an_index_from_an_earlier_build_is_replaced_not_added_to(build_site, tmp_path):
    site = build_site(FILES, SEARCH_ENABLED=True)
    stale = site.output / "pagefind" / "fragment" / "en_stale.pf_fragment"
    stale.write_bytes(b"old")
    from pelican_scholar.search.search import index_site

    assert index_site(str(site.output))
    assert not stale.exists()
    assert len(list((site.output / "pagefind" / "fragment").iterdir())) == 5


def test_without_the_pagefind_binary_the_build_warns_and_still_writes_the_site(build_site, monkeypatch):
    from pelican_scholar.search import search

    logging.getLogger("pelican_scholar.search.search").disable_filter()
    monkeypatch.setattr(search, "_executable", lambda: None)
    site = build_site(FILES, SEARCH_ENABLED=True)
    assert site.exists("search/index.html")
    assert any("Pagefind is not installed" in warning for warning in site.warnings)
