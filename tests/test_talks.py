"""Talks: content/data/talks.yml to /talks/, by year, with Event JSON-LD."""

from __future__ import annotations

import json
import logging

import pytest
from helpers import text

TALKS = """
- title: Counting lichens from orbit
  event: Nordic Ecology Meeting
  location: Tromsø, Norway
  date: 2025-03-14
  type: keynote
  slides: lichens.pdf
  video: https://video.example.org/lichens
- title: Drought legacies
  event: Ecology Seminar
  location: Online
  date: 2024-11-06
  type: invited
- title: Forest memory
  event: Annual Meeting
  date: 2025-09-01
  type: contributed
"""


@pytest.fixture(autouse=True)
def show_every_warning():
    for name in ("pelican_scholar.talks.talks", "pelican_scholar.data",
                 "pelican_scholar.pages"):
        logging.getLogger(name).disable_filter()


@pytest.fixture
def talks_site(build_site):
    return build_site({"data/talks.yml": TALKS, "files/lichens.pdf": b"%PDF-1.4\n"},
                      NAVIGATION=["talks"], publish=True)


def test_talks_are_listed_by_year_newest_first(talks_site):
    page = talks_site.html("talks/index.html")
    assert [text(h) for h in page.select(".talks h2")] == ["2025", "2024"]
    assert [text(h) for h in page.select(".talk__title")] == [
        "Forest memory", "Counting lichens from orbit", "Drought legacies"]
    assert talks_site.warnings == []


def test_a_talk_shows_its_kind_event_place_date_and_links(talks_site):
    talk = talks_site.html("talks/index.html").select(".talk")[1]
    assert text(talk.select_one(".talk__type")) == "Keynote"
    assert "Nordic Ecology Meeting, Tromsø, Norway" in text(talk.select_one(".talk__meta"))
    assert talk.time["datetime"] == "2025-03-14"
    links = {a.contents[0].strip(): a["href"] for a in talk.select(".pub-links a")}
    assert links == {"Slides": "https://scholar.example.org/files/lichens.pdf",
                     "Video": "https://video.example.org/lichens"}


def test_each_talk_is_an_event_in_json_ld(talks_site):
    script = talks_site.html("talks/index.html").select_one('script[type="application/ld+json"]')
    events = json.loads(script.string)["@graph"]
    lichens = events[1]
    assert lichens["@type"] == "Event"
    assert lichens["name"] == "Counting lichens from orbit"
    assert lichens["startDate"] == "2025-03-14"
    assert lichens["location"]["address"] == "Tromsø, Norway"
    assert lichens["performer"] == {"@type": "Person", "name": "Ada Lindqvist"}


def test_talks_join_the_menu_and_the_sitemap(talks_site):
    link = talks_site.html("talks/index.html").select_one(".site-nav a")
    assert (text(link), link.get("aria-current")) == ("Talks", "page")
    assert "https://scholar.example.org/talks/" in talks_site.text("sitemap.xml")


def test_talks_can_join_the_cv(build_site):
    site = build_site({"data/talks.yml": TALKS,  "files/lichens.pdf": b"%PDF-1.4\n",
                       "data/cv.yml": "- title: Service\n  type: list\n  contents: [Editor]\n"},
                      CV_TALKS=True, CV_PDF=False)
    section = site.html("cv/index.html").select(".cv-section")[-1]
    assert text(section.h2) == "Talks"
    assert text(section.select_one(".cv-entry__title")) == "Forest memory"
    assert text(section.select_one(".cv-entry__when")) == "2025"


def test_without_talks_there_is_no_page(build_site):
    site = build_site({"pages/about.md": "---\ntitle: About\npermalink: /\n---\nHi.\n"},
                      NAVIGATION=["about", "talks"])
    assert not site.exists("talks/index.html")
    assert [text(a) for a in site.html("index.html").select(".site-nav a")] == ["About"]


def test_a_page_at_talks_gives_its_title_and_text(build_site):
    site = build_site({"data/talks.yml": TALKS, "files/lichens.pdf": b"%PDF-1.4\n",
                       "pages/talks.md": "---\ntitle: Talks and seminars\n---\nAsk me to speak.\n"})
    page = site.html("talks/index.html")
    assert text(page.h1) == "Talks and seminars"
    assert "Ask me to speak." in text(page.select_one(".prose"))
    assert page.select(".talk")


def test_bad_talks_warn_with_file_and_line_and_the_rest_are_listed(build_site):
    site = build_site({"data/talks.yml": """
        - event: No title here
          date: 2025-01-01
        - title: Date as words
          date: last spring
        - title: Missing slides
          date: 2024-02-02
          slides: gone.pdf
        - title: Bad link
          date: 2024-01-01
          video: javascript:alert(1)
        """})
    warnings = site.warnings
    assert any(w.startswith("data/talks.yml:1: talk 1 has no `title`") for w in warnings)
    assert any(w.startswith("data/talks.yml:3: talk 'Date as words' has the date 'last spring'")
               for w in warnings)
    assert any(w.startswith("data/talks.yml:5: talk 'Missing slides': the slides file")
               for w in warnings)
    assert any("the video link 'javascript:alert(1)' is left out" in w for w in warnings)
    page = site.html("talks/index.html")
    assert [text(h) for h in page.select(".talks h2")] == ["2024", "Undated"]
    assert not page.select("a[href^=javascript]")


def test_malformed_talks_file_warns_with_its_line(build_site):
    site = build_site({"data/talks.yml": "- title: [unclosed\n"})
    assert any(w.startswith("data/talks.yml:1: not valid YAML") for w in site.warnings)
    assert not site.exists("talks/index.html")


def test_al_folio_nav_front_matter_of_the_talks_page_places_it_in_the_menu(build_site):
    site = build_site({"data/talks.yml": TALKS, "files/lichens.pdf": b"%PDF-1.4\n",
                       "pages/talks.md": "---\ntitle: Talks\nnav: true\nnav_order: 1\n---\n"})
    links = [(text(a), a["href"]) for a in site.html("talks/index.html").select(".site-nav a")]
    assert links == [("Talks", "/talks/"), ("Blog", "/blog/")]
