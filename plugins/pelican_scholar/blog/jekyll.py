"""Post addresses as Jekyll makes them, so links to an al-folio blog keep working.

Jekyll reads a post's date and title from its file name,
`YYYY-M-D-title.ext` (month and day of one or two digits), and turns the
title (or a `slug:` from the front matter) into the address with its
"pretty" slugify: case kept, runs of characters a URL path doesn't need
replaced by one hyphen. `2021-5-5-score.md` is `/blog/2021/score/` and
`2022-03-01-Plug and Play.md` is `/blog/2022/Plug-and-Play/`.

The date comes from FILENAME_METADATA (defaults.py); this module only fixes
the slug of posts whose file name carries a date, and only where Jekyll's
slug is plain ASCII (urls.py makes any other name a valid address, with a
warning).
"""

from __future__ import annotations

import os
import re

from pelican.contents import Article

# Jekyll's DATE_FILENAME_MATCHER, for a file name without its folder.
DATED_NAME = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}-(?P<title>.+)\.[^.]+$")
# Jekyll's SLUGIFY_PRETTY_REGEXP: what is not a letter, mark, digit or one of
# ._~!$&'()+,;=@ becomes a hyphen.
_NOT_PRETTY = re.compile(r"[^\w.~!$&'()+,;=@\u0300-\u036f]+")
_URL_SAFE = re.compile(r"[A-Za-z0-9._~-]+")


def jekyll_slug(title: str) -> str:
    """Jekyll's `slugify(title, mode: "pretty", cased: true)`."""
    return _NOT_PRETTY.sub("-", title).strip("-")


def is_dated_name(path: str) -> bool:
    return DATED_NAME.match(os.path.basename(path)) is not None


def fix_slug(content) -> None:
    """Give a post from a dated file the slug Jekyll would (its URL follows)."""
    if isinstance(content, Article) and is_dated_name(content.source_path or ""):
        slug = jekyll_slug(str(getattr(content, "slug", "") or ""))
        # Only a slug a URL holds as it is: anything else (accents, quotes,
        # '=') is left to urls.py, which makes it valid and says so.
        if _URL_SAFE.fullmatch(slug):
            content.slug = slug
