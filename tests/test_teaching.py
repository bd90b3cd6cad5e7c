"""Teaching: content/teaching/*.md (al-folio v1's _teachings/) listed at /teaching/, a page each."""

from __future__ import annotations

import json
import logging

import pytest
from helpers import text

COURSE = """\
---
layout: course
title: Statistical Ecology
description: GLMs, mixed models, Bayes.
instructor: Ada Lindqvist
year: 2026
term: Spring
location: Forest Hall 2
time: Tuesdays 10-12
course_id: BIO 412
schedule:
  - week: 1
    date: Feb 5
    topic: Linear models
    description: Straight lines go a long way.
    materials:
      - name: Slides
        url: /assets/pdf/week1.pdf
      - name: Data
        url: https://example.org/data.csv
  - week: 2
    date: Feb 12
    topic: Mixed models
---
Bring a laptop.
"""


def course(title: str, year: int, term: str) -> str:
    return f"---\nlayout: course\ntitle: {title}\nyear: {year}\nterm: {term}\n---\nText.\n"


FILES = {
    "teaching/bio412.md": COURSE,
    "teaching/bio210.md": course("Programming", 2025, "Fall"),
    "teaching/bio100.md": course("Field work", 2026, "Summer"),
    "teaching/bio300.md": course("Forest models", 2025, "Spring"),
    "files/week1.pdf": b"%PDF-1.4",
}


@pytest.fixture
def site(build_site):
    logging.getLogger("pelican_scholar").disable_filter()
    return build_site(FILES)


def test_courses_are_grouped_by_year_and_term_newest_first(site):
    page = site.html("teaching/index.html")
    terms = [text(h) for h in page.select(".course-term h2")]
    assert terms == ["Summer 2026", "Spring 2026", "Fall 2025", "Spring 2025"]
    first = page.select(".course-term")[1].select_one(".course-list__title a")
    assert text(first) == "BIO 412: Statistical Ecology"
    assert first["href"] == "/teaching/bio412/"
    assert site.warnings == []


def test_schedule_is_an_accessible_table(site):
    table = site.html("teaching/bio412/index.html").select_one("table.schedule")
    assert text(table.caption) == "Schedule"
    assert [text(th) for th in table.select("thead th[scope=col]")] == ["Week", "Date", "Topic", "Materials"]
    rows = table.select("tbody tr")
    assert [text(r.select_one("th[scope=row]")) for r in rows] == ["1", "2"]
    assert text(rows[0].select("td")[0]) == "Feb 5"
    links = {text(a): a["href"] for a in rows[0].select(".schedule__materials a")}
    assert links == {"Slides": "/files/week1.pdf", "Data": "https://example.org/data.csv"}


def test_course_page_has_its_details_and_json_ld_course(build_site):
    site = build_site(FILES, publish=True, AFFILIATION="University of Nowhere")
    page = site.html("teaching/bio412/index.html")
    assert text(page.select_one("h1")) == "BIO 412: Statistical Ecology"
    meta = dict(zip([text(dt) for dt in page.select(".course__meta dt")],
                    [text(dd) for dd in page.select(".course__meta dd")]))
    assert meta == {"Instructor": "Ada Lindqvist", "Term": "Spring 2026", "Time": "Tuesdays 10-12",
                    "Location": "Forest Hall 2"}
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "Course" and data["courseCode"] == "BIO 412"
    assert data["provider"]["name"] == "University of Nowhere"
    assert data["hasCourseInstance"]["instructor"]["name"] == "Ada Lindqvist"
    assert data["url"] == "https://scholar.example.org/teaching/bio412/"


def test_a_plain_teaching_page_keeps_working_without_courses(build_site):
    site = build_site({"pages/teaching.md": "---\ntitle: Teaching\n---\nI teach ecology.\n"})
    page = site.html("teaching/index.html")
    assert text(page.select_one(".prose")) == "I teach ecology."
    assert page.select(".course-list") == []


def test_with_courses_the_teaching_page_text_is_shown_above_the_list(build_site):
    site = build_site({**FILES, "pages/teaching.md": "---\ntitle: My teaching\n---\nI supervise theses.\n"})
    page = site.html("teaching/index.html")
    assert text(page.select_one("h1")) == "My teaching"
    assert text(page.select_one(".prose")) == "I supervise theses."
    blocks = [node["class"][0] for node in page.select(".prose, .course-term")]
    assert blocks[0] == "prose"
    assert len(page.select(".course-list li")) == 4


def test_course_pages_are_in_the_sitemap(site):
    sitemap = site.text("sitemap.xml")
    assert "/teaching/bio412/</loc>" in sitemap and "/teaching/</loc>" in sitemap


def test_schedule_entry_without_date_warns_with_file_and_line_and_the_rest_builds(build_site):
    logging.getLogger("pelican_scholar").disable_filter()
    broken = COURSE.replace("    date: Feb 12\n", "")
    site = build_site({**FILES, "teaching/bio412.md": broken})
    warnings = [w for w in site.warnings if "no date" in w]
    assert len(warnings) == 1
    assert warnings[0].startswith("teaching/bio412.md:21:") and "Mixed models" in warnings[0]
    rows = site.html("teaching/bio412/index.html").select("table.schedule tbody tr")
    assert len(rows) == 2 and text(rows[1].select("td")[0]) == ""
    assert site.exists("teaching/bio210/index.html")


def test_a_material_file_missing_from_content_warns_with_file_and_line(build_site):
    logging.getLogger("pelican_scholar").disable_filter()
    files = {**FILES}
    del files["files/week1.pdf"]
    site = build_site(files)
    assert len(site.warnings) == 1
    assert site.warnings[0].startswith("teaching/bio412.md:12:") and "files/week1.pdf" in site.warnings[0]


def test_a_hidden_course_gets_its_page_but_is_not_listed(build_site):
    site = build_site({"teaching/bio210.md": course("Programming", 2025, "Fall"),
                       "teaching/part1.md": course("Part 1", 2025, "Fall").replace("---\nText",
                                                                                   "hidden: true\n---\nText")})
    listed = [text(a) for a in site.html("teaching/index.html").select(".course-list__title a")]
    assert listed == ["Programming"]
    assert text(site.html("teaching/part1/index.html").select_one("h1")) == "Part 1"
