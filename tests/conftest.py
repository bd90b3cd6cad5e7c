"""Shared test helpers: build a small site into tmp_path and read its pages.

    def test_something(build_site):
        site = build_site({"pages/about.md": ABOUT}, SOCIALS={"orcid_id": "0000-…"})
        about = site.html("index.html")          # BeautifulSoup of output/index.html
        assert site.warnings == []               # what the build logged at WARNING+

The site gets the repository's theme and plugins, and only the settings a test
gives on top of a small neutral base (not the example site's pelicanconf.py).
"""

from __future__ import annotations

import logging
import weakref
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pelican import Pelican
from helpers import write_files  # noqa: F401 (tests import it from here too)
from pelican.log import LimitFilter
from pelican.plugins import signals
from pelican.settings import read_settings
from pelican_scholar import defaults

ROOT = Path(__file__).resolve().parent.parent
BASE_SETTINGS = {
    **defaults.as_dict(),
    "AUTHOR": "Ada Lindqvist",
    "SITENAME": "Ada Lindqvist",
    "SITEURL": "",
    "TIMEZONE": "UTC",
    "DEFAULT_LANG": "en",
    "THEME": str(ROOT / "theme"),
    "FEED_DOMAIN": "http://localhost:8000",
    "CACHE_CONTENT": False,
    "LOAD_CONTENT_CACHE": False,
}

PUBLISH_SETTINGS = {
    "SITEURL": "https://scholar.example.org",
    "FEED_DOMAIN": "https://scholar.example.org",
}


@dataclass
class BuiltSite:
    content: Path
    output: Path
    records: list[logging.LogRecord] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= logging.WARNING]

    def exists(self, path: str) -> bool:
        return (self.output / path).is_file()

    def text(self, path: str) -> str:
        return (self.output / path).read_text(encoding="utf-8")

    def html(self, path: str) -> BeautifulSoup:
        return BeautifulSoup(self.text(path), "lxml")

    def pages(self) -> list[Path]:
        return sorted(self.output.rglob("*.html"))


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def isolated_pelican_signals():
    """Pelican's signals and log filter are process-wide: undo what a test added."""
    before = {name: set(signal.receivers) for name, signal in vars(signals).items()
              if hasattr(signal, "receivers")}
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    yield
    for name, signal in vars(signals).items():
        if hasattr(signal, "receivers"):
            for receiver_id in set(signal.receivers) - before.get(name, set()):
                receiver = signal.receivers[receiver_id]
                if isinstance(receiver, weakref.ref):
                    receiver = receiver()
                if receiver is not None:
                    signal.disconnect(receiver)


def site_pelican(content: Path, output: Path, settings: dict) -> Pelican:
    """A Pelican for a test site: BASE_SETTINGS, then `settings`; its cache/ beside content/."""
    return Pelican(read_settings(None, override={
        **BASE_SETTINGS, **settings, "PATH": str(content), "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(content.parent / "cache")}))


@pytest.fixture
def rebuild_site():
    """Build a site that `build_site` built once again, into the same output/ and cache/."""
    def rebuild(site: BuiltSite, **settings) -> list[str]:
        """Build again; the warnings this build logged."""
        recorder = _Recorder()
        logging.getLogger().addHandler(recorder)
        try:
            site_pelican(site.content, site.output, settings).run()
        finally:
            logging.getLogger().removeHandler(recorder)
        return [r.getMessage() for r in recorder.records if r.levelno >= logging.WARNING]

    return rebuild


@pytest.fixture
def kept_pelican():
    """One Pelican for a site that `build_site` built, to run again and again, as
    `./dev livereload` keeps one for the session (`rebuild_site` makes a new one)."""
    def make(site: BuiltSite, **settings) -> Pelican:
        return site_pelican(site.content, site.output, settings)

    return make


@pytest.fixture
def build_site(tmp_path):
    """Build a site from {path under content/: text}; settings as keyword arguments.

    `publish=True` adds a SITEURL, as publishconf.py does.
    """
    counter = iter(range(1000))

    def build(files: dict[str, str | bytes], publish: bool = False, **settings) -> BuiltSite:
        root = tmp_path / f"site{next(counter)}"
        content, output = root / "content", root / "output"
        content.mkdir(parents=True)
        write_files(content, files)
        recorder = _Recorder()
        logging.getLogger().addHandler(recorder)
        try:
            site_pelican(content, output, {**(PUBLISH_SETTINGS if publish else {}), **settings}).run()
        finally:
            logging.getLogger().removeHandler(recorder)
        return BuiltSite(content=content, output=output, records=recorder.records)

    return build
