"""The CV: one data file, a page at /cv/ and a PDF made from the same data.

Reads the first of CV_FILES that exists under content/: al-folio's cv.yml (a
list of sections), RenderCV YAML (`cv:` with `sections:`) or JSON Resume
(resume.json). All three become one `CV` (model.py) and render through the
same templates: theme/templates/cv.html and its partials
partials/cv_<kind>.html. Off when no file exists: no page, no menu entry.

A page with al-folio's `layout: cv` (or any page at CV_SAVE_AS) is not
written on its own: its title, description and text go on the CV page, and
its `nav:`/`nav_order:` put the CV in the menu. Its `cv_pdf:` (a file in
content/files/) is linked instead of a built PDF, as a `cv_pdf` in SOCIALS is.

Settings (default):
    CV_FILES (["data/cv.yml", "data/cv.yaml", "data/resume.json"]): where the
        CV is looked for under content/, in order; the first found is read.
    CV_URL ("cv/"), CV_SAVE_AS ("cv/index.html"): the page.
    CV_TITLE ("CV"): its title, unless a `layout: cv` page gives one.
    CV_PDF (True): build a PDF of the CV with Typst (theme/typst/cv.typ), kept
        in CACHE_PATH and compiled again only when the data or template change.
    CV_PDF_NAME ("cv.pdf"): the PDF's file name, next to the page.
    CV_SELECTED_PUBLICATIONS (False): add the BibTeX entries marked
        `selected = {true}` as a "Selected publications" section.
    CV_TALKS (False): add the talks of content/data/talks.yml as a section.
"""

from __future__ import annotations

import json
import logging
import os

from markupsafe import Markup, escape
from pelican import signals
from pelican.generators import Generator

from .. import pages
from ..data import load_yaml, shown_path
from ..socials.socials import cv_pdf_path
from . import formats, pdf
from .model import CV, Entry, Section

logger = logging.getLogger(__name__)


def _warner(shown: str):
    def warn(line: int | None, message: str) -> None:
        where = f"{shown}:{line}" if line else shown
        logger.warning("%s: %s", where, message)
    return warn


def read_cv(path: str, shown: str) -> CV | None:
    """The CV in a file, whichever of the three formats it is; None when unusable."""
    warn = _warner(shown)
    cv = CV(source=shown)
    if path.endswith(".json"):
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
        except json.JSONDecodeError as error:
            logger.warning("%s:%d: not valid JSON (%s); no CV is built. Fix that line.",
                           shown, error.lineno, error.msg)
            return None
        except (OSError, UnicodeDecodeError) as error:
            logger.warning("%s: cannot be read (%s); no CV is built.", shown, error)
            return None
    else:
        data = load_yaml(path, object, "no CV is built", lines=True, shown=shown)
        if data is None:
            return None
    if isinstance(data, list):
        formats.read_alfolio(data, cv, warn)
    elif isinstance(data, dict) and isinstance(data.get("cv"), dict):
        formats.read_rendercv(data["cv"], cv, warn)
    elif isinstance(data, dict) and ("basics" in data or path.endswith(".json")):
        formats.read_json_resume(data, cv, warn)
    else:
        logger.warning("%s: not a CV this site can read; no CV is built. Write al-folio's "
                       "list of sections (- title: … type: … contents: …), RenderCV's "
                       "`cv:` with `sections:`, or JSON Resume.", shown)
        return None
    return cv


def publications_section(publications) -> Section:
    """The BibTeX entries marked selected, as a CV section (only their plain fields)."""
    entries = [Entry(title=Markup(escape(pub.title_text)),
                     subtitle=Markup(escape(pub.authors_text)),
                     summary=Markup(escape(pub.venue_text)),
                     when=pub.year_label, url=pub.url)
               for pub in publications]
    return Section("Selected publications", "selected-publications", "time_table", entries,
                   "publications")


def talks_section(talks) -> Section:
    entries = [Entry(title=Markup(escape(talk.title)), subtitle=Markup(escape(talk.event)),
                     location=Markup(escape(talk.location)), when=talk.year,
                     url=talk.url)
               for talk in talks]
    return Section("Talks", "talks", "time_table", entries, "talks")


def _own_pdf(context: dict, page, settings: dict, ours: str) -> str | None:
    """The URL of a CV PDF the user gave (front matter or SOCIALS), if not ours."""
    if page is not None and page.metadata.get("cv_pdf"):
        value = str(page.metadata["cv_pdf"])
        if "://" in value or "/" in value:
            return value
        return settings["PUBLICATIONS_FILES_URL"] + value  # al-folio: a name in assets/pdf/
    for link in context.get("SOCIAL_LINKS") or ():
        if link.key == "cv_pdf":
            path = link.url.removeprefix(settings.get("SITEURL") or "").lstrip("/")
            return None if path == ours else link.url
    return None


class CVGenerator(Generator):
    """Reads the CV file and writes the CV page and its PDF."""

    cv: CV | None = None
    page = None

    def _cv_file(self) -> str | None:
        found = [name for name in self.settings["CV_FILES"]
                 if os.path.isfile(os.path.join(self.path, name))]
        for other in found[1:]:
            logger.warning("%s is not used: %s is read first. Keep one of them, or name the "
                           "one you want in CV_FILES.", other, found[0])
        return os.path.join(self.path, found[0]) if found else None

    def generate_context(self) -> None:
        settings = self.settings
        path = self._cv_file()
        self.cv = read_cv(path, shown_path(path, settings)) if path else None
        self.page = pages.claim_section_page(
            self.context, settings, layout="cv", save_as=settings["CV_SAVE_AS"],
            url=settings["CV_URL"], available=self.cv is not None,
            missing="there is no CV data; add content/data/cv.yml (al-folio's format), a "
                    "RenderCV cv.yaml or a JSON Resume resume.json")
        self.context["cv"] = self.cv

    def generate_output(self, writer) -> None:
        cv, settings = self.cv, self.settings
        ours = cv_pdf_path(settings)
        if cv is None:
            if settings["CV_PDF"] and any(link.key == "cv_pdf" and link.url.endswith("/" + ours)
                                          for link in self.context.get("SOCIAL_LINKS") or ()):
                logger.warning("SOCIALS: 'cv_pdf' points to /%s, the PDF built from your CV "
                               "data, but there is none, so the link is broken. Add "
                               "content/data/cv.yml, or link a PDF in content/files/.", ours)
            return
        if settings["CV_SELECTED_PUBLICATIONS"] and self.context.get("selected_publications"):
            cv.sections.append(publications_section(self.context["selected_publications"]))
        if settings["CV_TALKS"] and self.context.get("talks"):
            cv.sections.append(talks_section(self.context["talks"]))
        pdf_url = _own_pdf(self.context, self.page, settings, ours)
        if pdf_url is None and settings["CV_PDF"]:
            made = pdf.write_pdf(cv, settings, os.path.join(self.output_path, ours),
                                 name=cv.name or settings.get("AUTHOR") or "")
            pdf_url = ours if made else None
        page = self.page
        title = page.title if page is not None else settings["CV_TITLE"]
        writer.write_file(
            settings["CV_SAVE_AS"], self.get_template("cv"), self.context,
            relative_urls=settings["RELATIVE_URLS"], url=settings["CV_URL"],
            cv=cv, cv_page=page, cv_pdf_url=pdf_url,
            page_title=title, page_url=settings["CV_URL"],
            page_description=(page.metadata.get("summary") if page is not None else "")
            or (f"Curriculum vitae of {cv.name or settings.get('AUTHOR') or ''}".strip()),
            page_name="cv",
        )


def _get_generators(pelican):
    return CVGenerator


def register() -> None:
    signals.get_generators.connect(_get_generators)
