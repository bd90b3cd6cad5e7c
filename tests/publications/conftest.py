"""Fixtures for the publications plugin's tests.

`build_publications_site` builds a tiny site with the real theme and plugin
into tmp_path and returns a function to read its pages as BeautifulSoup.
Signal isolation comes from tests/conftest.py (autouse).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pelican import Pelican
from pelican.settings import read_settings
from pelican_scholar import defaults

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "bib"


@pytest.fixture
def publication_warnings(caplog):
    """Warnings the plugin logged, as strings (Pelican's dedup filter off).

    The shared data loader's warnings count too: it reads the plugin's files.
    """
    names = ["pelican_scholar.publications.generator", "pelican_scholar.publications.grouping",
             "pelican_scholar.publications.publications",
             "pelican_scholar.data"]
    loggers = [logging.getLogger(name) for name in names]
    for logger in loggers:
        if hasattr(logger, "disable_filter"):
            logger.disable_filter()
    caplog.set_level(logging.WARNING)
    yield lambda: [r.getMessage() for r in caplog.records
                   if r.name in names and r.levelno >= logging.WARNING]
    for logger in loggers:
        if hasattr(logger, "enable_filter"):
            logger.enable_filter()


class Site:
    def __init__(self, output: Path):
        self.output = output

    def page(self, path: str) -> BeautifulSoup:
        file = self.output / path
        if file.is_dir() or path.endswith("/"):
            file = file / "index.html"
        return BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")

    def exists(self, path: str) -> bool:
        return (self.output / path).exists()


@pytest.fixture
def build_publications_site(tmp_path):
    """Build a site from .bib files (fixture names or {name: text}) and settings.

    ``data`` names fixture files for content/data/, or maps names to their
    text (or bytes, to write a file that is not UTF-8). ``files`` maps paths
    under content/ to bytes (PDFs, previews).
    """

    def build(bibs=("papers.bib",), data=("coauthors.yml", "venues.yml"), pages=None, files=None,
              **settings):
        content = tmp_path / "content"
        (content / "publications").mkdir(parents=True, exist_ok=True)
        (content / "data").mkdir(exist_ok=True)
        if isinstance(bibs, dict):
            for name, text in bibs.items():
                (content / "publications" / name).write_text(text, encoding="utf-8")
        else:
            for name in bibs:
                shutil.copy(FIXTURES / name, content / "publications" / name)
        if isinstance(data, dict):
            for name, body in data.items():
                target = content / "data" / name
                target.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
        else:
            for name in data:
                shutil.copy(FIXTURES / name, content / "data" / name)
        for name, text in (pages or {}).items():
            (content / "pages").mkdir(exist_ok=True)
            (content / "pages" / name).write_text(text, encoding="utf-8")
        for name, body in (files or {}).items():  # e.g. {"files/paper.pdf": b"%PDF"}
            (content / name).parent.mkdir(parents=True, exist_ok=True)
            (content / name).write_bytes(body)
        override = {
            "PATH": str(content),
            "OUTPUT_PATH": str(tmp_path / "output"),
            "THEME": str(ROOT / "theme"),
            **defaults.as_dict(),
            "SITENAME": "Test Site",
            "SITEURL": "https://example.org",
            "AUTHOR": "Ada Lindqvist",
            "PUBLICATIONS_OWNER_LAST_NAMES": ["Lindqvist", "Müller"],
            "PUBLICATIONS_OWNER_FIRST_NAMES": ["Ada", "A.", "Hans"],
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
            "TIMEZONE": "UTC",
            "FEED_ALL_ATOM": None,
            "FEED_ALL_RSS": None,
        }
        override.update(settings)
        Pelican(read_settings(None, override=override)).run()
        return Site(tmp_path / "output")

    return build


@pytest.fixture(params=[False, True], ids=["autoescape-off", "autoescape-on"])
def render_macro(request):
    """Call a macro of a theme partial: ``render_macro("publication_authors.html", name, *args)``.

    Run with Jinja's autoescape off and on: the partials escape text data
    themselves, and HTML on purpose is Markup, so both give the same page.
    """
    from jinja2 import Environment, FileSystemLoader
    from pelican_scholar.templating import jsonld

    env = Environment(loader=FileSystemLoader(str(ROOT / "theme" / "templates")),
                      autoescape=request.param)
    env.filters.update(mathml=lambda html: html, jsonld=jsonld)

    def render(file: str, name: str, *args, **kwargs) -> str:
        return str(getattr(env.get_template("partials/" + file).module, name)(*args, **kwargs))

    return render
