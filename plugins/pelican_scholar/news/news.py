"""News: short dated announcements, al-folio's _news/ folder.

Each file in content/news/ is one item with a `date`. An item with
`inline: true` is shown in full wherever news is listed; any other item
gets a page of its own and is listed by its title, linked.

Settings (default):
    NEWS_PATHS (["news"]): folders under content/ holding news items.
    NEWS_LIMIT (5): items on the about page (0 or None: all of them).
        The about page's front matter can override it, as in al-folio:
        `announcements: {enabled: true, limit: 3}` or `news: false`.
    NEWSITEM_URL ("news/{slug}/"), NEWSITEM_SAVE_AS ("news/{slug}/index.html")
    NEWS_INDEX_URL ("news/"), NEWS_INDEX_SAVE_AS ("news/index.html"): all items.

Templates get `news`, every item newest first (undated ones last).
"""

from __future__ import annotations

import logging
import posixpath
from datetime import datetime

from pelican import signals
from pelican.contents import Page, SkipStub
from pelican.generators import Generator

from ..data import shown_path, truthy

logger = logging.getLogger(__name__)

class NewsItem(Page):
    """One announcement. Inline items need no title."""

    mandatory_properties = ()
    default_template = "news_item"

    @property
    def is_inline(self) -> bool:
        return truthy(self.metadata.get("inline", False))


def newest_first(items: list[NewsItem]) -> list[NewsItem]:
    dated = [item for item in items if getattr(item, "date", None)]
    undated = [item for item in items if not getattr(item, "date", None)]
    dated.sort(key=lambda item: (item.date.replace(tzinfo=None)
                                 if isinstance(item.date, datetime) else item.date,
                                 item.source_path), reverse=True)
    return dated + sorted(undated, key=lambda item: item.source_path)


def numbered(path: str, number: int) -> str:
    """The same address, numbered: news/x/ -> news/x-2/, news/x/index.html ->
    news/x-2/index.html, news/x.html -> news/x-2.html."""
    folder, name = posixpath.split(path)
    if name == "index.html":
        return posixpath.join(f"{folder or 'index'}-{number}", name)
    if not name:  # "news/x/"
        return f"{folder}-{number}/"
    stem, extension = posixpath.splitext(name)
    return posixpath.join(folder, f"{stem}-{number}{extension}")


def _give_unique_urls(items: list[NewsItem]) -> None:
    """Two items with the same address would overwrite each other's page: number the later ones.

    Works whatever made the address (the slug, `permalink:`, `save_as:`, a
    NEWSITEM_SAVE_AS without {slug}).
    """
    taken: set[str] = set()
    for item in sorted(items, key=lambda item: item.source_path):
        if item.is_inline:
            continue
        save_as, url, number = item.save_as, item.url, 1
        while save_as in taken:
            number += 1
            save_as, url = numbered(item.save_as, number), numbered(item.url, number)
        if number > 1:
            logger.warning("%s: another news item already has the address %s; this one is "
                           "written to %s. Give it its own `slug:`.",
                           shown_path(item.source_path, item.settings), item.url or "/", url)
            item.override_save_as, item.override_url = save_as, url
        taken.add(save_as)


class NewsGenerator(Generator):
    def __init__(self, *args, **kwargs) -> None:
        # A cache name of its own gives the news reader Pelican's content cache
        # (CACHE_CONTENT), as ArticlesGenerator and PagesGenerator have.
        super().__init__(*args, readers_cache_name="NewsGenerator-Readers", **kwargs)

    def generate_context(self) -> None:
        items = []
        for path in self.get_files(self.settings["NEWS_PATHS"]):
            try:
                item = self.readers.read_file(
                    base_path=self.path, path=path, content_class=NewsItem, context=self.context
                )
            except Exception as error:  # a reader error must not stop the build
                logger.warning("%s: could not read this news item (%s); it is skipped.",
                               path, error)
                # As Pelican's own generators do, so that a {filename} link to
                # this item is reported as broken rather than unknown.
                self._add_failed_source_path(path)
                continue
            if isinstance(item, SkipStub):  # `status: skip`, or a file that is not UTF-8
                continue
            if not getattr(item, "date", None):
                logger.warning(
                    "%s: news item has no date; it is listed last. Add a line such as "
                    "'date: 2025-01-31' to its front matter.",
                    shown_path(item.source_path, self.settings),
                )
            if not item.is_inline and "title" not in item.metadata:
                logger.warning(
                    "%s: news item has neither a title nor 'inline: true'; it is shown "
                    "inline. Add one of them to its front matter.",
                    shown_path(item.source_path, self.settings),
                )
                item.metadata["inline"] = True
            if item.status != "published":
                continue
            self.add_source_path(item)
            items.append(item)
        self.readers.save_cache()
        _give_unique_urls(items)
        self.news = newest_first(items)
        self.context["news"] = self.news

    def generate_output(self, writer) -> None:
        for item in self.news:
            if not item.is_inline:
                writer.write_file(item.save_as, self.get_template("news_item"), self.context,
                                  page=item, url=item.url)
        writer.write_file(self.settings["NEWS_INDEX_SAVE_AS"], self.get_template("news"),
                          self.context, url=self.settings["NEWS_INDEX_URL"])


def _get_generators(pelican):
    return NewsGenerator


def register() -> None:
    signals.get_generators.connect(_get_generators)
