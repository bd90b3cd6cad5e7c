"""sitemap.xml, by pelican-sitemap, with dates that do not depend on the clock.

Redirect pages (marked noindex) are left out. pelican-sitemap dates a page
that has no date of its own (the blog index, the publications page) with the
time of the build, so two builds of the same content would differ. Our own
instance of its generator (not the module's shared one) gets the date of the
newest post, page or news item instead. `SITEMAP` (see defaults.py) configures
it as usual. A sitemap.xml whose bytes did not change keeps its modification
time, as every other unchanged file.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pelican import signals
from pelican.plugins.sitemap.sitemap import SitemapGenerator

from .output import page_cache, record


class _SitemapKeepingTimes(SitemapGenerator):
    """pelican-sitemap's generator; an unchanged sitemap keeps its modification time.

    In `regenerate` and livereload, a build whose pages are the previous build's
    (the same files; the same posts and pages by everything but their bodies,
    which the sitemap does not read; the same settings and date) leaves the
    sitemap that build wrote as it is.
    """

    _last: tuple[bytes, bytes] | None = None  # the pages' key and the sitemap's bytes

    def _pages_key(self, pelican) -> bytes | None:
        pages = page_cache()
        if pages is None:
            return None
        key = hashlib.sha1(pages.key + repr((pelican.output_path, self.now)).encode())
        for path, document in self.page_queue:
            digest = b"" if document is None else pages.outline_digest(document)
            if digest is None:
                return None
            key.update(str(path).encode("utf-8", "surrogatepass") + b"\0" + digest)
        return key.digest()

    def _write_out(self, pelican) -> None:
        fmt = (pelican.settings.get("SITEMAP") or {}).get("format", "xml")
        path = Path(pelican.output_path, "sitemap." + fmt)
        try:
            before, stat = path.read_bytes(), path.stat()
        except OSError:
            before = stat = None
        key = self._pages_key(pelican)
        if key is not None and self._last is not None and self._last == (key, before):
            record(str(path))
            return
        super()._write_out(pelican)
        try:
            after = path.read_bytes()
            if stat is not None and after == before:
                os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
            self._last = (key, after) if key is not None else None
        except OSError:
            self._last = None


_sitemap = _SitemapKeepingTimes()


def newest_content_date(context: dict):
    """The date of the newest dated post, page or news item, or None."""
    dates = [item.date for name in ("articles", "pages", "news")
             for item in context.get(name) or () if getattr(item, "date", None)]
    return max(dates, key=lambda d: d.timestamp(), default=None)


def _pin_date(generators) -> None:
    newest = newest_content_date(generators[0].context)
    if newest is not None:
        _sitemap.now = newest


def _queue_page(path, context) -> None:
    """Every page written, but redirect pages (`redirect:` front matter, redirects.py): they
    are marked noindex, and a sitemap lists only pages to index."""
    if not getattr(context.get("article") or context.get("page"), "redirect", ""):
        _sitemap.queue_page(path, context)


def _start(pelican) -> None:
    # pelican-sitemap forgets the build it belongs to only when that build
    # finishes; after a build that stopped half-way (a crash under
    # `pelican -r`, a failed build in livereload, a test), it would wait for
    # that build forever, or list that build's pages again. Each build (not
    # each Pelican: livereload runs one again) starts it afresh.
    _sitemap._main_pelican = None
    _sitemap.page_queue = []


def register() -> None:
    signals.get_generators.connect(_start)  # before _sitemap.init: receivers run in the order connected
    signals.get_generators.connect(_sitemap.init)
    signals.content_written.connect(_queue_page)
    signals.finalized.connect(_sitemap.finalize)
    signals.all_generators_finalized.connect(_pin_date)
