"""Addresses that are valid URLs, whatever a file is called.

Jekyll's file names give the slug (`2025-01-31-my-post.md` -> `my-post`), and
al-folio's `slug:` and `permalink:` set it outright. A name made only of the
characters a URL may hold as they are (letters, digits, `-`, `_`, `.`, `~`)
is kept exactly, so al-folio's addresses survive the move. Any other name
(spaces, `ü`, `&`, quotes, `<`) is made a slug with Pelican's `slugify` and
its SLUG_REGEX_SUBSTITUTIONS / SLUGIFY_PRESERVE_CASE settings, with a warning
that says the new address: `Mein Beitrag über Bäume.md` is written to
`…/mein-beitrag-uber-baume/`. A `url:` given in front matter is
percent-encoded where it needs to be.

So no address can break out of an HTML attribute or make sitemap.xml invalid,
and the address a page links to is the file it is written to.

Once every generator has run, each document's address is fixed: Pelican works
out `url` and `save_as` from its settings and metadata every time they are
read (a few thousand times a build, from every list that shows a post). They
are then kept as the document's `override_url` and `override_save_as`, the
attributes Pelican itself reads first (`fix_addresses`).

No settings of its own.
"""

from __future__ import annotations

import hashlib
import logging
import re
from urllib.parse import quote, urlsplit

from pelican import signals
from pelican.contents import Article, Content, Page, Static
from pelican.utils import slugify

from .data import CONTROL_CHARACTERS, shown_path

logger = logging.getLogger(__name__)

# Schemes a link from your data may use; anything else (javascript:, data:, …)
# is refused. weixin: is WeChat's, for al-folio's wechat_username.
SAFE_SCHEMES = {"", "http", "https", "mailto", "weixin"}


def is_safe_url(url: str) -> bool:
    """A web, mail or relative address; not javascript:, data:, nor one that cannot be parsed
    or holds control characters (`\x1b[31m` pasted from a terminal)."""
    if CONTROL_CHARACTERS.search(url):
        return False
    try:
        return urlsplit(url.strip()).scheme.lower() in SAFE_SCHEMES
    except ValueError:  # "https://[bsky.app": an unbalanced bracket
        return False

# RFC 3986's unreserved characters: they stand in a URL path as they are.
_AS_IT_IS = re.compile(r"[A-Za-z0-9._~-]+")
_OTHER = re.compile(r"[^a-z0-9]+")


def url_segment(name: str, settings: dict) -> str:
    """`name` as one segment of a URL path: unchanged when it can be, else a slug.

    Never empty, never "." or "..", never holding a character that needs escaping.
    """
    name = str(name).strip()
    if _AS_IT_IS.fullmatch(name) and name.strip("."):
        return name
    slug = slugify(name, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", ()),
                   preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
                   use_unicode=False)
    if not _AS_IT_IS.fullmatch(slug) or not slug.strip("."):
        # slugify drops anything that looks like a tag; keep its words instead.
        slug = _OTHER.sub("-", slugify(name.replace("<", " ").replace(">", " "),
                                       use_unicode=False).lower()).strip("-")
    if not slug:
        slug = "page-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return slug


def url_path(path: str, settings: dict) -> str:
    """A site path ("teaching/", "a b/notes.html") with every segment made a URL segment.

    Empty, "." and ".." segments are dropped: a path never climbs out of the site.
    """
    segments = [segment for segment in path.split("/") if segment.strip(" .")]
    made = []
    for index, segment in enumerate(segments):
        stem, dot, extension = segment.rpartition(".")
        last = index == len(segments) - 1
        if last and dot and extension in ("html", "htm") and stem:
            made.append(f"{url_segment(stem, settings)}.{extension}")
        else:
            made.append(url_segment(segment, settings))
    trailing = "/" if made and path.rstrip().endswith("/") else ""
    return "/".join(made) + trailing


# What a URL may not hold as it is (RFC 3986), though BibTeX fields do: DOIs of the
# form 10.1002/(SICI)…<271::AID-PROT10>…, a space, a brace.
_NOT_IN_A_URL = re.compile(r'[<>"\s{}|\\^`]')


def valid_href(url: str) -> str:
    """A web address with the characters a URL may not hold percent-encoded (nothing else changes)."""
    return _NOT_IN_A_URL.sub(lambda match: quote(match.group(0), safe=""), url)


def _quote_url(url: str) -> str:
    # '&', quotes, '<', spaces are encoded: the URL is valid in HTML and XML as it is.
    return quote(url, safe="/%-._~:@!$()*+,;=#?")


def make_urls_valid(content) -> None:
    """Give a post, page or news item a slug and URL that are valid as they are."""
    if not isinstance(content, (Article, Page)):
        return
    settings = content.settings
    slug = getattr(content, "slug", None)
    if slug:
        valid = url_segment(slug, settings)
        if valid != slug:
            content.slug = valid
            logger.warning("%s: its name %r cannot be part of a web address as it is; the "
                           "page is written to %s. Rename the file, or set `slug:` in its "
                           "front matter.", shown_path(content.source_path, settings), slug,
                           content.url or "/")
    override = getattr(content, "override_url", None)
    if override:
        content.override_url = _quote_url(str(override))


_documents: dict | None = None  # this build's documents, by source path, until their addresses are fixed


def _note_documents(generators) -> None:
    global _documents
    _documents = generators[0].context.get("generated_content") if generators else None


def fix_addresses(*_) -> None:
    """Keep each document's address as it is now, when the pages start being written
    (every part has set slugs and addresses by then; nothing changes them after)."""
    global _documents
    documents, _documents = _documents, None
    for document in (documents or {}).values():
        if not isinstance(document, Content) or isinstance(document, Static):
            continue
        for key in ("url", "save_as"):
            if not hasattr(document, "override_" + key):
                try:
                    value = getattr(document, key)
                except Exception:  # noqa: BLE001 (a stub, or a format the settings cannot fill: left to Pelican)
                    continue
                setattr(document, "override_" + key, value)


def register() -> None:
    signals.content_object_init.connect(make_urls_valid)
    signals.all_generators_finalized.connect(_note_documents)
    # Before the second writer forks (second_writer.py calls it too), so both see the same documents.
    signals.get_writer.connect(fix_addresses)
