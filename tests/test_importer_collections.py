"""al-folio's other collections (`_people/`, `_talks/`, `_courses/`, `_books/`, the user's own) after an import.

Each test adds a collection to the small al-folio fork of test_importer.py,
imports it into a new folder and checks the built site.
"""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest
from bs4 import BeautifulSoup
from helpers import text
from pelican.settings import get_settings_from_file
from test_importer import CONFIG_2021, ROOT, alfolio_2021

from pelican_scholar.importer import import_alfolio
from pelican_scholar.importer.collections import Collection, cut_loops, document_url

COLLECTIONS = """\
collections:
  news:
    output: true
  people:
    output: true
    permalink: /people/:path/
  talks:
    output: true
    permalink: /:collection/:title/
  courses:
    output: true
    permalink: /:collection/:title/
  books:
    output: true
  sketches:
    output: false
"""

PEOPLE_PAGE = """\
---
layout: page
title: people
permalink: /labmembers/
nav: true
nav_order: 4
display_categories: [Lab Director, Students]
---
We are a small lab.

<div class="people">
  {%- for category in page.display_categories %}
  <h2 class="category">{{ category }}</h2>
  {%- assign categorized = site.people | where: "category", category -%}
  {%- for person in categorized -%}{% include people.liquid %}{%- endfor %}
  {% endfor %}
</div>
"""


def person(first: str, last: str, category: str, extra: str = "") -> str:
    return (f"---\nlayout: page\nfirstname: {first}\nlastname: {last}\ncategory: {category}\n"
            f"img: assets/img/people/{first.lower()}.jpg\n"
            f"description: <a href=\"https://uni.example.org\">Uni</a> student\n"
            f"github_username: {first.lower()}\nshow: true\n{extra}---\n")


def build(tmp_path, **files):
    source = alfolio_2021(tmp_path / "alfolio", **{"_config.yml": CONFIG_2021 + COLLECTIONS, **files})
    report = import_alfolio(source, ROOT, tmp_path / "site")
    return report, tmp_path / "site"


def html(site, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / "output" / path).read_text(encoding="utf-8"), "lxml")


def test_people_become_profiles_on_the_page_that_listed_them(tmp_path):
    report, site = build(tmp_path, **{
        "_pages/people.md": PEOPLE_PAGE,
        "_people/zed.md": person("Zed", "Okafor", "Students"),
        "_people/ada.md": person("Ada", "Lindqvist", "Lab Director", "email: ada@example.org\n"),
        "_people/bo.md": person("Bo", "Berg", "Students", "redirect: https://bo.example.org\n"),
        "_people/gone.md": person("Gone", "Away", "Students").replace("show: true", "show: false"),
    })
    page = html(site, "labmembers/index.html")
    assert [text(h) for h in page.select(".people-group > h2")] == ["Lab Director", "Students"]
    names = [text(h) for h in page.select(".person__name")]
    assert names == ["Ada Lindqvist", "Bo Berg", "Zed Okafor"]  # by last name, as al-folio sorts
    assert "small lab" in text(page.select_one(".prose"))
    assert "{%" not in page.get_text() and "Gone Away" not in page.get_text()
    bo = page.select(".person")[1]
    assert {text(a).split(":")[0].strip(): a["href"] for a in bo.select(".person__links a")} == {
        "Website": "https://bo.example.org", "GitHub": "https://github.com/bo"}
    assert bo.select_one(".person__info a")["href"] == "https://uni.example.org"  # al-folio's HTML
    assert ("/people/zed/", "/labmembers/") in report.moved_urls
    assert ("_people/zed.md", "images/people/zed.jpg") in report.missing  # its img is not in the folder
    assert "/labmembers/" in str(get_settings_from_file(str(site / "pelicanconf.py"))["NAVIGATION"])
    assert {r.source: r.status for r in report.files}["_people/gone.md"] == "skipped"


def test_people_with_no_page_listing_them_get_one_at_people(tmp_path):
    _, site = build(tmp_path, **{"_people/ada.md": person("Ada", "Lindqvist", "PI") + "Ada studies trees.\n"})
    page = html(site, "people/index.html")
    assert text(page.select_one(".person__name")) == "Ada Lindqvist"
    assert text(page.select_one(".person__text")) == "Ada studies trees."


def test_talks_become_entries_of_the_talks_page(tmp_path):
    talk = ("---\nlayout: post\ndate: 2024-07-23\ninline: true\n---\n\n"
            "[Counting lichens](/assets/pdf/lichens.pdf)\\\n*Nordic Ecology Meeting*\\\n"
            "<sub>**Abstract.** Lichens grow slowly.</sub>\n")
    report, site = build(tmp_path, **{
        "_talks/2024-07-lichens.md": talk, "assets/pdf/lichens.pdf": b"%PDF-1.4",
        "_pages/talks.md": "---\nlayout: page\ntitle: Talks\npermalink: /talks/\nnav: true\n---\n"
                           "Invited talks.\n\n{% include talks.liquid %}\n",
        "_includes/talks.liquid": "{% for talk in site.talks %}{{ talk.content }}{% endfor %}\n"})
    page = html(site, "talks/index.html")
    assert text(page.select_one(".talk__title")) == "Counting lichens"
    assert "Nordic Ecology Meeting" in text(page.select_one(".talk__meta"))
    assert text(page.select_one(".talk__description")) == "Abstract. Lichens grow slowly."
    assert page.select_one(".talk .pub-links a")["href"] == "/files/lichens.pdf"
    assert "Invited talks." in text(page) and "{%" not in text(page)
    assert {r.source: r.target for r in report.files}["_talks/2024-07-lichens.md"] == "data/talks.yml"
    old_page = html(site, "talks/2024-07-lichens/index.html")  # al-folio's address of the talk
    assert old_page.select_one('meta[http-equiv="refresh"]')["content"].endswith("url=/talks/")


def test_a_profiles_page_comes_over_with_each_persons_text(tmp_path):
    _, site = build(tmp_path, **{
        "_pages/team.md": "---\nlayout: profiles\ntitle: Team\npermalink: /team/\nprofiles:\n"
                          "  - name: Ada Lindqvist\n    content: about_ada.md\n---\n",
        "_pages/about_ada.md": "Ada counts *tree rings*.\n"})
    page = html(site, "team/index.html")
    assert text(page.select_one(".person__text em")) == "tree rings"
    assert (site / "content" / "pages" / "profiles" / "about_ada.md").is_file()
    assert not (site / "output" / "about_ada" / "index.html").exists()


def test_courses_join_the_teaching_section_and_hidden_ones_get_a_page_but_no_place_in_the_list(tmp_path):
    overview = ("---\nlayout: page\ntitle: Abaqus tutorial\ndescription: Step by step.\n---\n"
                "Start with [part 1]({{ '/courses/part1/' | relative_url }}).\n")
    part = "---\nlayout: distill\ntitle: Part 1\nhidden: true\n---\nMesh it.\n"
    listing = ("---\nlayout: page\ntitle: teaching\npermalink: /teaching/\nnav: true\n---\nWelcome!\n\n"
               "{% assign visible = site.courses | where_exp: 'c', 'c.hidden != true' %}\n"
               '<div class="row">\n{% for course in visible %}<a href="{{ course.url }}">{{ course.title }}</a>'
               "{% endfor %}\n</div>\n")
    _, site = build(tmp_path, **{"_courses/overview.md": overview, "_courses/part1.md": part,
                                 "_pages/teaching.md": listing})
    listed = [text(a) for a in html(site, "teaching/index.html").select(".course-list__title a")]
    assert listed == ["Abaqus tutorial"]
    assert "Welcome!" in text(html(site, "teaching/index.html"))
    assert html(site, "courses/overview/index.html").select_one(".prose a")["href"] == "/courses/part1/"
    assert "Mesh it." in text(html(site, "courses/part1/index.html"))


def test_a_collection_without_a_section_becomes_pages_at_al_folios_addresses(tmp_path):
    book = ("---\nlayout: book-review\ntitle: Dune\nauthor: Frank Herbert\nstars: 4\nstatus: Finished\n"
            "cover: assets/img/covers/dune.jpg\n---\nSand.\n")
    listing = ("---\nlayout: page\ntitle: bookshelf\npermalink: /books/\n---\n> Books are magic.\n\n"
               '<ul class="post-list">\n{% assign books = site.books | sort: "date" %}\n'
               "{% for book in books %}<li>{{ book.title }}</li>{% endfor %}\n</ul>\n")
    report, site = build(tmp_path, **{"_books/dune.md": book, "_pages/books.md": listing,
                                      "assets/img/covers/dune.jpg": b"\xff\xd8 not really",
                                      "_sketches/one.md": "---\ntitle: One\n---\nA sketch.\n",
                                      "_books/zen.md": "---\ntitle: Zen\nimportance: 9\n"
                                                       "img: /assets/img/zen.png\n---\n",
                                      "assets/img/zen.png": b"\x89PNG not really",
                                      "_unused/x.md": "---\ntitle: X\n---\nX.\n"})
    page = html(site, "books/dune.html")
    assert text(page.select_one("h1")) == "Dune"
    assert "Frank Herbert" in text(page) and "4 of 5 stars" in text(page) and "Finished" in text(page)
    assert page.select_one(".prose img")["src"] == "/images/covers/dune.jpg"
    shelf = html(site, "books/index.html")
    links = shelf.select(".prose ul.post-list > li > a")
    # by `importance`, as al-folio's grids sort, then by date
    assert [(a["href"], text(a)) for a in links] == [("/books/zen.html", "Zen"), ("/books/dune.html", "Dune")]
    assert links[0].img["src"] == "/images/zen.png" and links[0].img["alt"] == ""
    assert html(site, "books/zen.html").select_one(".prose img")["src"] == "/images/zen.png"  # no text: its img
    assert "Books are magic." in text(shelf) and "{%" not in text(shelf)
    statuses = {r.source: r.status for r in report.files}
    assert statuses["_sketches/one.md"] == "skipped" and statuses["_unused/x.md"] == "skipped"
    written = (site / "IMPORT-REPORT.md").read_text()
    assert "`_books/` (2 documents): pages in content/pages/books/" in written
    assert "`_sketches/` (1 document): not imported: `output: false`" in written


def test_a_page_that_is_mostly_liquid_is_imported_for_attention_so_links_to_it_work(tmp_path):
    loops = "".join(f"{{% for m in site.data.members.g{n} %}}<p>{{{{ m.name }}}}</p>{{% endfor %}}\n"
                    for n in range(4))
    report, site = build(tmp_path, **{"_pages/members.md": f"---\nlayout: page\ntitle: Members\n"
                                                           f"permalink: /members/\n---\n{loops}"})
    assert (site / "output" / "members" / "index.html").is_file()
    record = next(r for r in report.files if r.source == "_pages/members.md")
    assert record.status == "needs attention" and "content/pages/members.md" in record.notes[-1]


def test_a_folder_of_the_site_root_that_a_page_embeds_is_copied(tmp_path):
    report, site = build(tmp_path, **{
        "_pages/map.md": "---\nlayout: page\ntitle: Map\npermalink: /map/\n---\n"
                         '<iframe src="/talkmap/map.html" title="Map"></iframe>\n',
        "talkmap/map.html": "<p>map</p>", "talkmap/lib/leaflet.js": "// js"})
    assert (site / "output" / "talkmap" / "map.html").read_text() == "<p>map</p>"
    assert (site / "output" / "talkmap" / "lib" / "leaflet.js").is_file()
    assert "talkmap" in get_settings_from_file(str(site / "pelicanconf.py"))["STATIC_PATHS"]


@pytest.mark.parametrize("pattern, path, meta, url", [
    ("", "the_godfather.md", {}, "/books/the_godfather.html"),
    ("/:collection/:path/", "sub/Ada_L.md", {}, "/books/sub/Ada_L/"),
    ("/:collection/:title/", "x.md", {"slug": "why"}, "/books/why/"),
    ("/:collection/:name/", "Ada_L.md", {}, "/books/ada_l/"),
    ("/:collection/:path/", "x.md", {"permalink": "/elsewhere/"}, "/elsewhere/"),
])
def test_a_documents_address_is_al_folios(pattern, path, meta, url):
    assert document_url(Collection("books", True, pattern), PurePosixPath(path), meta) == url


def test_only_the_loops_over_the_collection_are_cut():
    body = ("Intro.\n{% assign shown = site.books | sort: 'date' %}\n<div class=\"grid\">\n"
            "{% for b in shown %}<p>{{ b.title }}</p>{% endfor %}\n</div>\n"
            "{% for x in site.data.other %}{{ x }}{% endfor %}\n")
    out = cut_loops(body, ["books"], {}, lambda inside_list: "LIST")
    assert out == ('Intro.\n\n<div class="grid">\nLIST\n</div>\n'
                   "{% for x in site.data.other %}{{ x }}{% endfor %}\n")


def test_an_if_around_the_cut_loops_goes_with_them():
    body = ('<div class="places">\n<!-- one -->\n{%- if site.enable_categories %}\n<div class="grid">\n'
            "{% for p in site.places %}{{ p.title }}{% endfor %}\n</div>\n{%- else -%}\n<!-- plain -->\n"
            '<div class="grid">{% for p in site.places %}x{% endfor %}</div>\n{%- endif -%}\n</div>\n'
            "{% if page.x %}kept{% endif %}\n")
    out = cut_loops(body, ["places"], {}, lambda inside_list: "LIST")
    assert "site.enable_categories" not in out and "else" not in out
    assert '<div class="grid">\nLIST\n</div>' in out
    assert out.endswith("</div>\n{% if page.x %}kept{% endif %}\n")


def test_the_report_keeps_the_build_warnings_when_redirects_need_a_second_build(tmp_path):
    report, site = build(tmp_path, **{
        "_people/ada.md": person("Ada", "Lindqvist", "PI"),  # /people/ada/ moves: a redirect, a second build
        "_posts/2022-03-03-tweet.md": "---\nlayout: post\ntitle: Tweet\n---\n{% twitter https://x.com/a/1 %}\n"})
    assert report.moved_urls
    assert any("twitter" in message for message in report.build_warnings)
    assert "twitter" in (site / "IMPORT-REPORT.md").read_text()


def test_a_loop_over_a_variable_assigned_from_the_collection_is_cut_in_every_branch():
    body = ('<div class="art">\n{% assign sorted = site.artwork | sort: "importance" %}\n'
            '{% if page.horizontal %}\n<div class="row">{% for a in sorted %}{{ a.title }}{% endfor %}</div>\n'
            '{% else %}\n<div class="grid">{% for a in sorted %}{% include a.html %}{% endfor %}</div>\n'
            "{% endif %}\n</div>\n{% assign other = site.data.x %}{% for o in other %}{{ o }}{% endfor %}\n")
    out = cut_loops(body, ["artwork"], {}, lambda inside_list: "LIST")
    assert "sorted" not in out and "page.horizontal" not in out and out.count("LIST") == 1
    assert out.endswith("{% assign other = site.data.x %}{% for o in other %}{{ o }}{% endfor %}\n")
