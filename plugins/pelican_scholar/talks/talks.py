"""Talks: content/data/talks.yml to a page at /talks/, listed by year.

Each talk is a mapping:

    - title: Counting lichens from orbit
      event: Nordic Ecology Meeting 2025
      location: Tromsø, Norway
      date: 2025-03-14
      type: invited            # invited, contributed, keynote, … (shown as a badge)
      slides: lichens.pdf      # a file in content/files/, or a URL
      video: https://…
      url: https://…           # the event's page

Off when the file does not exist. A page at TALKS_SAVE_AS (al-folio's
`_pages/talks.md`) gives the page its title, description and text, and its
`nav:`/`nav_order:`. CV_TALKS adds the talks to the CV.

Settings (default):
    TALKS_FILE ("data/talks.yml"): the file under content/.
    TALKS_URL ("talks/"), TALKS_SAVE_AS ("talks/index.html"): the page.
    TALKS_TITLE ("Talks"): its title, unless a page there gives one.

Templates get `talks` (every Talk, newest first) and `talk_groups` (by year).
"""

from __future__ import annotations

import datetime
import logging
import os
from dataclasses import dataclass, field

from pelican import signals
from pelican.generators import Generator

from .. import pages
from ..data import line_of, load_yaml, shown_path
from ..publications.links import resolve_url

logger = logging.getLogger(__name__)


@dataclass
class TalkLink:
    label: str  # "Slides", "Video", "Event"
    url: str  # a full URL or a site path


@dataclass
class Talk:
    title: str
    event: str = ""
    location: str = ""
    date: datetime.date | None = None
    type: str = ""  # "invited", "keynote", …
    description: str = ""
    links: list[TalkLink] = field(default_factory=list)
    url: str = ""  # the event's page

    @property
    def year(self) -> str:
        return str(self.date.year) if self.date else ""

    @property
    def date_text(self) -> str:
        return f"{self.date.day} {self.date:%B %Y}" if self.date else ""

    @property
    def date_iso(self) -> str:
        return self.date.isoformat() if self.date else ""


@dataclass
class TalkGroup:
    label: str  # "2025", or "Undated"
    anchor: str
    talks: list[Talk]


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    for pattern in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def read_talks(path: str, shown: str, content_path: str) -> list[Talk]:
    data = load_yaml(path, list, "no talk is listed", lines=True, shown=shown)
    talks = []
    for number, raw in enumerate(data or [], start=1):
        where = f"{shown}:{line_of(raw)}" if line_of(raw) else shown
        if not isinstance(raw, dict) or not str(raw.get("title") or "").strip():
            logger.warning("%s: talk %d has no `title`; it is left out. Give each talk a "
                           "`title:` line.", where, number)
            continue
        title = str(raw["title"]).strip()
        date = _date(raw.get("date"))
        if date is None:
            logger.warning("%s: talk %r has %s; it is listed last, undated. Write the date as "
                           "2025-03-14.", where, title,
                           f"the date {raw['date']!r}" if raw.get("date") else "no `date`")
        links = []
        for key, label in (("slides", "Slides"), ("video", "Video")):
            if not raw.get(key):
                continue
            resolved = resolve_url(str(raw[key]), "files/")
            if resolved is None:
                logger.warning("%s: talk %r: the %s link %r is left out: only http(s) "
                               "addresses and file names are allowed.", where, title, key,
                               raw[key])
                continue
            url, internal = resolved
            if internal and not os.path.isfile(os.path.join(content_path, url)):
                logger.warning("%s: talk %r: the %s file %r is not in content/, so its link "
                               "is broken. Add the file there, or give a full URL.",
                               where, title, key, url)
            links.append(TalkLink(label, url))
        event_url = resolve_url(str(raw.get("url") or ""), "") if raw.get("url") else None
        talks.append(Talk(
            title=title, event=str(raw.get("event") or "").strip(),
            location=str(raw.get("location") or "").strip(), date=date,
            type=str(raw.get("type") or "").strip(),
            description=str(raw.get("description") or raw.get("abstract") or "").strip(),
            links=links, url=event_url[0] if event_url else ""))
    dated = sorted((talk for talk in talks if talk.date), key=lambda talk: talk.date,
                   reverse=True)
    return dated + [talk for talk in talks if not talk.date]


def group_by_year(talks: list[Talk]) -> list[TalkGroup]:
    groups: list[TalkGroup] = []
    for talk in talks:
        label = talk.year or "Undated"
        if not groups or groups[-1].label != label:
            groups.append(TalkGroup(label, "y" + label if talk.year else "undated", []))
        groups[-1].talks.append(talk)
    return groups


class TalksGenerator(Generator):
    talks: list[Talk] = []
    page = None

    def generate_context(self) -> None:
        settings = self.settings
        path = os.path.join(self.path, settings["TALKS_FILE"])
        exists = os.path.isfile(path)
        self.talks = read_talks(path, shown_path(path, settings), self.path) if exists else []
        self.page = pages.claim_section_page(
            self.context, settings, layout="talks", save_as=settings["TALKS_SAVE_AS"],
            url=settings["TALKS_URL"], available=bool(self.talks),
            missing=f"there are no talks in content/{settings['TALKS_FILE']}")
        self.context["talks"] = self.talks

    def generate_output(self, writer) -> None:
        if not self.talks:
            return
        settings, page = self.settings, self.page
        writer.write_file(
            settings["TALKS_SAVE_AS"], self.get_template("talks"), self.context,
            relative_urls=settings["RELATIVE_URLS"], url=settings["TALKS_URL"],
            talk_groups=group_by_year(self.talks), talks_page=page,
            page_title=page.title if page is not None else settings["TALKS_TITLE"],
            page_url=settings["TALKS_URL"],
            page_description=(page.metadata.get("summary") if page is not None else "")
            or f"Talks by {settings.get('AUTHOR') or ''}".strip(),
            page_name="talks",
        )


def _get_generators(pelican):
    return TalksGenerator


def register() -> None:
    signals.get_generators.connect(_get_generators)
