"""Where each entry lives: slugs, paper page URLs and element ids, decided
for all entries before any of them is built, so that nothing that embeds a
URL (meta tags, JSON-LD) has to be patched afterwards.

Element ids: an entry's id is its BibTeX key, so that al-folio's
``/publications/#key`` links keep working. A key that is also an id the
templates write (``<main id="main">``, the year headings ``y2024``, the about
page's section headings ...) gets ``pub-KEY`` instead, with a warning: two
elements with one id break the link to both.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

from unidecode import unidecode

from .bibfile import BibEntry, Problem
from .model import Address

_NOT_IN_SLUG = re.compile(r"[^A-Za-z0-9._-]+")

# An id written literally in a template: id="main".
_LITERAL_ID = re.compile(r"""\bid=["']([^"'{}<>\s]+)["']""")
# The headings of the publications page: "y2024", "group-3", "publications-all".
_HEADING_ID = re.compile(r"y[0-9]+|group-[0-9]+|publications-all")
ANCHOR_PREFIX = "pub-"


def slugify_key(key: str) -> str:
    """A URL path segment for a BibTeX key (keys may hold ':' '/' or accents)."""
    slug = _NOT_IN_SLUG.sub("-", unidecode(key)).strip("-.").lower()
    return slug or "entry"


def template_ids(env) -> frozenset[str]:
    """The ids written literally in the templates a Jinja environment can load.

    The theme's and the user's overrides alike, so a new id in any template
    is never shared by an entry.
    """
    found: set[str] = set()
    for name in env.list_templates(filter_func=lambda name: name.endswith(".html")):
        if name.startswith("!"):  # Pelican's own "simple" theme, under a prefix
            continue
        found.update(_LITERAL_ID.findall(env.loader.get_source(env, name)[0]))
    return frozenset(found)


def is_page_id(value: str, page_ids: Iterable[str]) -> bool:
    return value in page_ids or bool(_HEADING_ID.fullmatch(value))


def _numbered(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    number = 2
    while "%s-%d" % (base, number) in taken:
        number += 1
    return "%s-%d" % (base, number)


def _overlaps(path: str, other: str) -> bool:
    """One path is the other, or a folder of it: the two cannot both be written."""
    return path == other or path.startswith(other + "/") or other.startswith(path + "/")


def assign_addresses(entries: Iterable[BibEntry], paper_url: str, paper_save_as: str,
                     page_paths: Iterable[str], page_ids: Iterable[str],
                     problems: list[Problem]) -> dict[int, Address]:
    """An :class:`Address` per entry (keyed by ``id(entry)``), unique across files.

    ``paper_url`` is "" when paper pages are off. ``page_paths`` are files the
    site writes next to the paper pages (the publications page): a slug whose
    page would overwrite one (key ``index.html``) has its dots replaced.
    ``page_ids`` are ids the templates write (:func:`template_ids`).
    """
    entries = list(entries)
    page_paths = [posixpath.normpath(path) for path in page_paths if path]
    page_ids = frozenset(page_ids)
    keys = {entry.key for entry in entries}
    slugs: set[str] = set()
    anchors: set[str] = set()
    addresses: dict[int, Address] = {}
    for entry in entries:
        slug = slugify_key(entry.key)
        if paper_url:
            save_as = posixpath.normpath(paper_save_as.format(slug=slug, key=slug))
            clash = next((path for path in page_paths if _overlaps(save_as, path)), None)
            if clash:
                slug = slug.replace(".", "-")
                problems.append(Problem(entry.path, entry.line, entry.key,
                                        "its paper page would overwrite %s; it is written under "
                                        "the slug %r instead. Rename the key." % (clash, slug)))
        slug = _numbered(slug, slugs)
        slugs.add(slug)
        anchor = entry.key
        if is_page_id(anchor, page_ids):
            anchor = _numbered(ANCHOR_PREFIX + entry.key, keys | anchors)
            problems.append(Problem(entry.path, entry.line, entry.key,
                                    "the key is also an id the page itself uses; the entry's "
                                    "anchor is #%s instead of #%s. Rename the key to link to "
                                    "it by its key." % (anchor, entry.key)))
        anchors.add(anchor)
        url = save_as = ""
        if paper_url:
            url = paper_url.format(slug=slug, key=slug)
            save_as = paper_save_as.format(slug=slug, key=slug)
        addresses[id(entry)] = Address(slug, anchor, url, save_as)
    return addresses


def default_address(entry: BibEntry, paper_url: str, paper_save_as: str) -> Address:
    """The address of an entry built on its own (no other entry to clash with)."""
    return assign_addresses([entry], paper_url, paper_save_as, (), (), [])[id(entry)]
