"""Blog extras: reading time, links to the previous and next post, and the
number of latest posts on the about page.

Settings (default):
    READING_SPEED (230): words per minute, for "N min read".
    LATEST_POSTS_LIMIT (3): posts listed on the about page. The about page's
        front matter can override it, as in al-folio:
        `latest_posts: {enabled: true, limit: 5}` or `latest_posts: false`.
"""

from __future__ import annotations

import functools
import math

from lxml import html as lxml_html
from pelican import signals
from pelican.contents import Article

from ..content import raw_html
from .jekyll import fix_slug

# Pure, and asked again for every post on every build (livereload): remembered.
@functools.lru_cache(maxsize=4096)
def reading_minutes(content_html: str, words_per_minute: int) -> int:
    """Minutes to read an HTML body, code included, never less than one."""
    if not content_html.strip():
        return 1
    text = lxml_html.fragment_fromstring(content_html, create_parent="div").text_content()
    return max(1, math.ceil(len(text.split()) / words_per_minute))


def _add_reading_time(content) -> None:
    if isinstance(content, Article):
        content.reading_time = reading_minutes(raw_html(content), content.settings["READING_SPEED"])


def link_neighbours(articles) -> None:
    """Give each post `prev_article` (older) and `next_article` (newer)."""
    by_date = sorted(articles, key=lambda article: article.date)
    for older, newer in zip(by_date, by_date[1:]):
        newer.prev_article, older.next_article = older, newer


def _on_articles(generator) -> None:
    link_neighbours(generator.articles)


def register() -> None:
    signals.content_object_init.connect(fix_slug)
    signals.content_object_init.connect(_add_reading_time)
    signals.article_generator_finalized.connect(_on_articles)
