"""sitemap.xml, by pelican-sitemap, with dates that do not depend on the clock.

pelican-sitemap dates a page that has no date of its own (the blog index, the
publications page) with the time of the build, so two builds of the same
content would differ. Our own instance of its generator (not the module's
shared one) gets the date of the newest post, page or news item instead.
`SITEMAP` (see defaults.py) configures it as usual.
"""

from __future__ import annotations

from pelican import signals
from pelican.plugins.sitemap.sitemap import SitemapGenerator

_sitemap = SitemapGenerator()


def newest_content_date(context: dict):
    """The date of the newest dated post, page or news item, or None."""
    dates = [item.date for name in ("articles", "pages", "news")
             for item in context.get(name) or () if getattr(item, "date", None)]
    return max(dates, key=lambda d: d.timestamp(), default=None)


def _pin_date(generators) -> None:
    newest = newest_content_date(generators[0].context)
    if newest is not None:
        _sitemap.now = newest


def _start(pelican) -> None:
    # pelican-sitemap forgets the build it belongs to only when that build
    # finishes; after a build that stopped half-way (a crash under
    # `pelican -r`, a test), it would wait for that build forever and never
    # write sitemap.xml again. Each build starts it afresh.
    _sitemap._main_pelican = None
    _sitemap.page_queue = []


def register() -> None:
    signals.initialized.connect(_start)
    signals.get_generators.connect(_sitemap.init)
    signals.content_written.connect(_sitemap.queue_page)
    signals.finalized.connect(_sitemap.finalize)
    signals.all_generators_finalized.connect(_pin_date)
