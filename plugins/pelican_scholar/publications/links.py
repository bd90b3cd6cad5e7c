"""Link buttons and badges: BibTeX link fields, resolved like al-folio, unsafe schemes refused."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote

from .bibfile import BibEntry, Problem
from .fields import rich_html
from ..urls import valid_href
from .model import Badge, Link

# Link buttons in al-folio's order, then ours (hal, doi).
LINK_FIELDS = [
    ("arxiv", "arXiv"),
    ("html", "HTML"),
    ("pdf", "PDF"),
    ("supp", "Supp"),
    ("video", "Video"),
    ("blog", "Blog"),
    ("code", "Code"),
    ("poster", "Poster"),
    ("slides", "Slides"),
    ("website", "Website"),
    ("hal", "HAL"),
    ("doi", "DOI"),
]
# Fields whose relative values are files of the site (al-folio: assets/pdf/).
FILE_FIELDS = {"pdf", "supp", "poster", "slides", "html", "video"}

_SAFE_SCHEMES = {"http", "https", "ftp", "mailto"}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_URL_COMMAND = re.compile(r"^\s*\\(?:url|href)\s*\{([^{}]*)\}.*$", re.S)
_ESCAPED_IN_URL = re.compile(r"\\([_%&#~$])")
_SPACE = re.compile(r"\s")
_FILE_LIKE = re.compile(r"/|\.[A-Za-z0-9]{2,5}$")
_TOKEN_SEPARATORS = re.compile(r"[\s,]+")


def _strip_prefix(value: str, prefixes: Iterable[str]) -> str:
    lowered = value.lower()
    for prefix in prefixes:
        if lowered.startswith(prefix):
            return value[len(prefix):]
    return value


def url_value(value: str) -> str:
    """A URL or path as written in BibTeX: ``\\url{…}``, braces and ``\\_`` undone."""
    if not value:
        return ""
    if "\\" in value:
        value = _ESCAPED_IN_URL.sub(r"\1", _URL_COMMAND.sub(r"\1", value))
    return value.replace("{", "").replace("}", "").strip()


def resolve_url(value: str, folder: str) -> tuple[str, bool] | None:
    """``(url, internal)`` for a link value; None for an unsafe scheme.

    Full URLs pass through; ``/path`` is site-relative; any other relative
    value is a file under ``folder`` (al-folio's ``assets/pdf/``).
    """
    value = url_value(value)
    if not value:
        return None
    scheme = _SCHEME.match(value)
    if scheme:
        return (valid_href(value), False) if scheme.group(1).lower() in _SAFE_SCHEMES else None
    if value.startswith("//"):
        return valid_href("https:" + value), False
    if value.lower().startswith("www."):
        return valid_href("https://" + value), False
    path = value.lstrip("/") if value.startswith("/") else folder + value.lstrip("./")
    return quote(path, safe="/%#?=&~+:@!$,;'()*"), True


def resolve_link(value: str, folder: str, name: str, entry: BibEntry,
                 problems: list[Problem]) -> tuple[str, bool] | None:
    """:func:`resolve_url`, reporting a value left out for its scheme (``javascript:``)."""
    resolved = resolve_url(value, folder)
    if resolved is None and url_value(value):
        scheme = _SCHEME.match(url_value(value))
        problems.append(Problem(entry.path, entry.line, entry.key,
                                "field %r: the link %r is left out: %s is not allowed in links. "
                                "Use an http(s) address or a file path."
                                % (name, url_value(value), scheme.group(0) if scheme else "it")))
    return resolved


def build_links(entry: BibEntry, files_url: str, problems: list[Problem]) -> list[Link]:
    values = entry.fields
    links: list[Link] = []
    for name, label in LINK_FIELDS:
        value = values.get(name)
        if not value:
            continue
        value = url_value(value)
        if not value or value.lower() in ("false", "true"):
            continue
        if name == "arxiv" and "://" not in value:
            value = "https://arxiv.org/abs/" + _strip_prefix(value, ["arxiv:"]).strip()
        elif name == "doi":
            value = "https://doi.org/" + _strip_prefix(
                value, ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
                        "http://dx.doi.org/", "doi:"]).strip()
        elif name == "hal" and "://" not in value:
            value = "https://hal.science/" + value
        resolved = resolve_link(value, files_url, name, entry, problems)
        if resolved:
            links.append(Link(name, label, resolved[0], resolved[1]))
    return links


def _looks_like_link(value: str) -> bool:
    if "://" in value or value.startswith(("/", "www.", "mailto:")):
        return True
    return not _SPACE.search(value) and bool(_FILE_LIKE.search(value))


def build_extras(entry: BibEntry, extra_fields: Iterable[str], files_url: str,
                 problems: list[Problem]) -> tuple[list[Link], list[Badge]]:
    """Fields the user listed in PUBLICATIONS_EXTRA_FIELDS: links or badges."""
    links: list[Link] = []
    badges: list[Badge] = []
    for name in extra_fields:
        value = (entry.fields.get(name.lower()) or "").strip()
        if not value:
            continue
        label = name.replace("_", " ").capitalize()
        tokens = [t for t in _TOKEN_SEPARATORS.split(value) if t]
        if tokens and all(_looks_like_link(t) for t in tokens):
            for number, token in enumerate(tokens, start=1):
                resolved = resolve_link(token, files_url, name, entry, problems)
                if resolved:
                    text = label if len(tokens) == 1 else "%s %d" % (label, number)
                    links.append(Link(name.lower(), text, resolved[0], resolved[1]))
        else:
            badges.append(Badge(name.lower(), label, rich_html(value, name, entry, problems)))
    return links, badges


def coauthor_url(value: str) -> str | None:
    """A full address with a safe scheme, or a path of the site as ``/path``
    (al-folio's coauthors.yml links lab members to ``/people/``); else None."""
    resolved = resolve_url(value, "")
    if resolved and resolved[1] and url_value(value).startswith("/"):
        return "/" + resolved[0]
    return resolved[0] if resolved and not resolved[1] else None


def external_url(value: str) -> str | None:
    """A full address with a safe scheme, else None (``javascript:``, ``data:``, a path).

    The check for URLs in data files (venues.yml, coauthors.yml), which
    cannot point at files of the site.
    """
    resolved = resolve_url(value, "")
    return resolved[0] if resolved and not resolved[1] else None
