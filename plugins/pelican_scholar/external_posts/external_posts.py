"""External posts: al-folio's external_sources, listed with the blog's own.

Posts you published elsewhere (Medium, Substack, a lab blog) appear in the
blog index, on the about page's latest posts and in the feeds, each linking
out to where it lives and marked with its source. The build reads only the
cache that `invoke fetch-external-posts` writes (external_posts/fetch.py):
never the network.

Settings (default):
    EXTERNAL_SOURCES ([]): al-folio's list, unchanged. Each source has a
        `name`, and either an `rss_url` (RSS 2.0 or Atom) or `posts:`, a list
        of {url, published_date} (title and description are read from the
        page when fetching, or given as `title:` / `description:`).
    EXTERNAL_POSTS_FILE ("data/external_posts.json"): the cache, under content/.

A configured source with nothing cached is a warning that says to run the task.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import datetime

from markupsafe import Markup, escape
from pelican import signals
from pelican.utils import set_date_tzinfo, strftime

from .fetch import read_cache

logger = logging.getLogger(__name__)


@dataclass(eq=False)
class ExternalPost:
    """A post that lives elsewhere, shaped enough like an article for lists and feeds.

    It has no page of its own (save_as is ""), and `url` is its full address,
    so feeds and lists link out. Templates tell it apart by `external`.
    """

    title: str  # HTML, as an article's title is (escaped text)
    url: str
    date: datetime
    source: str
    summary: str = ""  # HTML too
    locale_date: str = ""
    external: bool = True
    save_as: str = ""
    template: str = "article"
    category: str = ""
    tags: list = field(default_factory=list)
    translations: list = field(default_factory=list)
    reading_time: None = None
    metadata: dict = field(default_factory=dict)

    def get_content(self, siteurl: str = "") -> Markup:
        """The body a feed carries: the summary and where the post lives."""
        summary = Markup("<p>{}</p>").format(Markup(self.summary)) if self.summary else Markup("")
        return summary + Markup('<p>Published on {}: <a href="{}">{}</a></p>').format(
            self.source, self.url, Markup(self.title))


def _date(text: str, timezone: str) -> datetime | None:
    try:
        date = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return set_date_tzinfo(date, timezone)


def external_posts(settings: dict) -> list[ExternalPost]:
    """The cached posts of every configured source, newest first."""
    sources = settings.get("EXTERNAL_SOURCES") or []
    if not sources:
        return []
    path = os.path.join(settings["PATH"], settings["EXTERNAL_POSTS_FILE"])
    shown = os.path.relpath(path, settings["PATH"])
    cached = read_cache(path)
    posts = []
    for source in sources:
        name = str(source.get("name") or source.get("rss_url") or "unnamed")
        if name not in cached:
            logger.warning("pelicanconf.py: EXTERNAL_SOURCES lists %r, but %s has no posts from it; "
                           "run `invoke fetch-external-posts` (it needs the network).", name, shown)
            continue
        for entry in cached[name]:
            date = _date(entry.get("date", ""), settings["TIMEZONE"])
            if date is None or not entry.get("url") or not entry.get("title"):
                logger.warning("%s: a post of %r lacks a title, address or readable date; it is "
                               "left out. Fetch again or fix the file.", shown, name)
                continue
            posts.append(ExternalPost(
                title=str(escape(entry["title"])), url=entry["url"], date=date, source=name,
                summary=str(escape(entry.get("summary", ""))), category=name,
                locale_date=strftime(date, settings["DEFAULT_DATE_FORMAT"])))
    return posts


def add_external_posts(generator) -> None:
    """Mix external posts into the blog's list (in place: the context shares it), newest first.

    Runs after related posts and previous/next links are worked out, so those
    stay among the site's own posts.
    """
    posts = external_posts(generator.settings)
    if posts:
        generator.articles.extend(posts)
        generator.articles.sort(key=lambda post: post.date, reverse=True)


def register() -> None:
    signals.article_generator_finalized.connect(add_external_posts)
