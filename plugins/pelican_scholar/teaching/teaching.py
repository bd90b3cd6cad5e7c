"""Teaching: al-folio v1's _teachings/ courses, listed at /teaching/ with a page each.

Each file in content/teaching/ is one course, with al-folio's front matter:

    layout: course
    title: Statistical Ecology
    description: GLMs, mixed models, Bayes.
    instructor: A. Teacher
    year: 2026
    term: Spring
    location: Forest Hall 2
    time: Tuesdays 10-12
    course_id: BIO 412
    schedule:
      - week: 1
        date: Feb 5            # as you write it
        topic: Linear models
        description: Why straight lines go a long way.
        materials:
          - name: Slides
            url: files/bio412-week1.pdf   # a file in content/files/, or a full URL

/teaching/ lists the courses by year and term, newest first; a course with
`hidden: true` gets its page but is not listed (a tutorial's parts, linked from
its overview). Your own
content/pages/teaching.md keeps working: with no course it is an ordinary
page; with courses its title and text are shown above the list.

Settings (default):
    TEACHING_PATHS (["teaching"]): folders under content/ holding courses.
    TEACHING_URL ("teaching/"), TEACHING_SAVE_AS ("teaching/index.html"): the list.
    COURSE_URL ("teaching/{slug}/"), COURSE_SAVE_AS ("teaching/{slug}/index.html").
    TEACHING_TITLE ("Teaching"): the heading of a generated list.

Templates get `courses` and `course_terms` (a list of CourseTerm).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from pelican import signals
from pelican.contents import Page

from ..sections import SectionGenerator, front_matter_line, where

logger = logging.getLogger(__name__)

# Later in the year is larger; the list shows the largest first.
TERM_ORDER = {"winter": 0, "spring": 1, "summer": 2, "fall": 3, "autumn": 3}


@dataclass(frozen=True)
class Material:
    name: str
    url: str  # a site path or a full URL


@dataclass(frozen=True)
class ScheduleEntry:
    week: str
    date: str
    topic: str
    description: str
    materials: tuple[Material, ...]


@dataclass(frozen=True)
class CourseTerm:
    title: str  # "Spring 2026", "2026", or "Other"
    courses: tuple


class Course(Page):
    default_template = "course"


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def material_url(url: str) -> str:
    """al-folio's /assets/pdf/x.pdf is files/x.pdf here; other paths stay as written."""
    if "://" in url or url.startswith(("mailto:", "#")):
        return url
    path = url.lstrip("/")
    return "files/" + path[len("assets/pdf/"):] if path.startswith("assets/pdf/") else path


def _materials(value, course, index: int) -> tuple[Material, ...]:
    materials = []
    for item in value if isinstance(value, list) else [value] if value else []:
        if isinstance(item, dict) and _text(item.get("url")):
            url = material_url(_text(item["url"]))
            materials.append(Material(_text(item.get("name")) or url.rsplit("/", 1)[-1], url))
            local = url.split("#", 1)[0].split("?", 1)[0]
            if ":" not in url and not url.startswith("#") and local and not local.endswith("/") \
                    and not os.path.isfile(os.path.join(course.settings["PATH"], local)):
                logger.warning("%s: schedule entry %d: the material %s is not in content/%s; "
                               "its link will be broken. Add the file, or fix `url:`.",
                               _where_entry(course, index), index + 1, url, local)
        else:
            logger.warning("%s: schedule entry %d: a material needs `name:` and `url:`; %r is "
                           "left out.", _where_entry(course, index), index + 1, item)
    return tuple(materials)


def _where_entry(course, index: int) -> str:
    return where(course.source_path, course.settings,
                 front_matter_line(course.source_path, "schedule", index))


def read_schedule(course) -> tuple[ScheduleEntry, ...]:
    schedule = course.metadata.get("schedule")
    if schedule is None:
        return ()
    if not isinstance(schedule, list):
        logger.warning("%s: `schedule:` should be a list of entries (- week: …, date: …, "
                       "topic: …); the course is shown without a schedule.",
                       where(course.source_path, course.settings,
                             front_matter_line(course.source_path, "schedule")))
        return ()
    entries = []
    for index, item in enumerate(schedule):
        if not isinstance(item, dict):
            logger.warning("%s: schedule entry %d is not a list of `key: value` lines (week:, "
                           "date:, topic: …); it is left out.", _where_entry(course, index), index + 1)
            continue
        entry = ScheduleEntry(week=_text(item.get("week")), date=_text(item.get("date")),
                              topic=_text(item.get("topic") or item.get("title")),
                              description=_text(item.get("description")),
                              materials=_materials(item.get("materials"), course, index))
        if not entry.date:
            logger.warning("%s: schedule entry %d (%s) has no date; it is shown without one. "
                           "Add a line such as `date: Feb 5`.", _where_entry(course, index),
                           index + 1, entry.topic or "no topic")
        entries.append(entry)
    return tuple(entries)


def prepare_course(course: Course) -> None:
    meta = course.metadata
    for key in ("description", "instructor", "year", "term", "location", "time", "course_id"):
        setattr(course, key, _text(meta.get(key)))
    course.schedule = read_schedule(course)
    course.has_weeks = any(entry.week for entry in course.schedule)
    course.has_materials = any(entry.materials for entry in course.schedule)


def _term_key(course) -> tuple:
    year = int(course.year) if course.year.isdigit() else -1
    term = course.term.lower()
    return (year, TERM_ORDER.get(term.split()[0] if term else "", -1), term)


def group_by_term(courses: list[Course]) -> list[CourseTerm]:
    """Newest year and term first; courses A–Z within a term."""
    groups: dict[tuple, list[Course]] = {}
    for course in courses:
        groups.setdefault(_term_key(course), []).append(course)
    terms = []
    for key in sorted(groups, reverse=True):
        first = groups[key][0]
        title = " ".join(part for part in (first.term, first.year) if part) or "Other"
        terms.append(CourseTerm(title, tuple(sorted(groups[key], key=lambda c: c.title.lower()))))
    return terms


class TeachingGenerator(SectionGenerator):
    cache_name = "TeachingGenerator"
    what = "course"
    section = "TEACHING"
    content_class = Course
    index_what = "the list of courses"
    writes_hidden = True  # al-folio's `hidden: true`: a page of its own, not listed

    def publish(self) -> None:
        for course in self.items + self.hidden_items:
            prepare_course(course)
        self.context["courses"] = self.items
        self.context["course_terms"] = group_by_term(self.items)


def _get_generators(pelican):
    return TeachingGenerator


def register() -> None:
    signals.get_generators.connect(_get_generators)
