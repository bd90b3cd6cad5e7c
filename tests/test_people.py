"""People: a `layout: profiles` page, in al-folio's form and in ours (name, role, group, links)."""

from __future__ import annotations

import io
import logging

import pytest
from helpers import text
from PIL import Image


def png(width: int = 600, height: int = 600) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 60)).save(buffer, "PNG")
    return buffer.getvalue()


PEOPLE = """\
---
layout: profiles
title: People
groups: [PI, Students]
profiles:
  - name: Bo Berg
    role: PhD student
    group: Students
    image: bo.png
    image_circular: true
    links: {Website: "https://bo.example.org", Email: "mailto:bo@example.org"}
  - image: ada.png
    align: left
    more_info: <p>Office 3.14</p>
    content: about_ada.md
    group: PI
---
Our lab studies forests.
"""

FILES = {
    "pages/people.md": PEOPLE,
    "pages/profiles/about_ada.md": "## Ada Lindqvist\n\nAda leads the **lab**.\n",
    "images/bo.png": png(),
    "images/ada.png": png(300, 400),
}


@pytest.fixture(autouse=True)
def every_warning():
    logging.getLogger("pelican_scholar").disable_filter()


@pytest.fixture
def site(build_site):
    return build_site(FILES)


def test_people_are_grouped_in_the_order_the_page_gives(site):
    page = site.html("people/index.html")
    assert text(page.select_one(".prose")) == "Our lab studies forests."
    assert [text(h) for h in page.select(".people-group > h2")] == ["PI", "Students"]
    assert site.warnings == []


def test_al_folio_profile_shows_its_markdown_file_photo_and_more_info(site):
    ada = site.html("people/index.html").select(".people-group")[0].select_one(".person")
    assert "person--left" in ada["class"]
    assert text(ada.select_one(".person__text h2")) == "Ada Lindqvist"
    assert text(ada.select_one(".person__text strong")) == "lab"
    assert text(ada.select_one(".person__info")) == "Office 3.14"
    assert ada.select_one("img")["alt"] == ""  # its text names her


def test_simple_profile_has_name_role_links_and_a_responsive_photo(site):
    bo = site.html("people/index.html").select(".people-group")[1].select_one(".person")
    assert text(bo.select_one(".person__name")) == "Bo Berg"
    assert text(bo.select_one(".person__role")) == "PhD student"
    assert [a["href"] for a in bo.select(".person__links a")] == ["https://bo.example.org", "mailto:bo@example.org"]
    img = bo.select_one("img")
    assert img["alt"] == "Photo of Bo Berg" and "person__photo--circular" in img["class"]
    assert "/images/bo-480w.webp 480w" in bo.select_one("source")["srcset"]
    assert site.exists("images/bo-480w.webp") and site.exists("images/bo-600w.webp")
    assert not site.exists("images/bo-720w.webp")


def test_profile_files_in_the_profiles_folder_are_not_pages(site):
    assert not site.exists("about_ada/index.html")
    assert not site.exists("profiles/about_ada/index.html")


def test_al_folio_content_file_next_to_the_page_is_used_and_not_made_a_page(build_site):
    files = {**FILES, "pages/about_ada.md": FILES["pages/profiles/about_ada.md"]}
    del files["pages/profiles/about_ada.md"]
    site = build_site(files)
    assert "Ada leads the" in text(site.html("people/index.html").select_one(".person__text"))
    assert not site.exists("about_ada/index.html")
    assert any("about_ada.md" in w and "profiles/" in w for w in site.warnings)


def test_profile_without_a_name_warns_with_file_and_line_and_the_rest_builds(build_site):
    broken = PEOPLE.replace("  - name: Bo Berg\n    role: PhD student\n", "  - role: PhD student\n")
    site = build_site({**FILES, "pages/people.md": broken})
    warnings = [w for w in site.warnings if "no name" in w]
    assert len(warnings) == 1 and warnings[0].startswith("pages/people.md:6:")
    page = site.html("people/index.html")
    assert len(page.select(".person")) == 1
    assert "Ada leads the" in text(page)


def test_missing_photo_warns_and_the_person_is_shown_without_it(build_site):
    files = {**FILES}
    del files["images/bo.png"]
    site = build_site(files)
    assert len(site.warnings) == 1 and "bo.png" in site.warnings[0]
    bo = site.html("people/index.html").select(".people-group")[1].select_one(".person")
    assert bo.select_one("img") is None and text(bo.select_one(".person__name")) == "Bo Berg"


def test_the_people_page_is_in_the_sitemap(site):
    assert "/people/</loc>" in site.text("sitemap.xml")
