"""BibTeX field values → text and safe HTML: titles, notes, dates, flags, the Bib view.

Everything read from the ``.bib`` file is escaped by the LaTeX converter; the
only markup in the results is the converter's own (``<em>``, ``<sup>``, math
spans) and a short list of inline tags al-folio users write in fields such as
``award``, which :func:`allow_inline_markup` lets through a real sanitiser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import nh3
from markupsafe import Markup

from ..data import truthy
from . import latex
from .bibfile import BibEntry, Problem

# al-folio's `filtered_bibtex_keys`: fields only the website uses.
HIDDEN_BIBTEX_FIELDS = [
    "abbr", "abstract", "additional_info", "altmetric", "annotation", "arxiv",
    "award", "award_name", "bibtex_show", "blog", "code", "dimensions", "eprint",
    "google_scholar_id", "hal", "html", "inspirehep_id", "pdf", "pmid", "poster",
    "preview", "selected", "slides", "supp", "video", "website",
]

MONTHS = [
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
]
# ASCII digits only: "²".isdigit() is true, and int("²") fails.
_NUMBER = re.compile(r"[0-9]+")
_YEAR = re.compile(r"(?<![0-9])(1[5-9][0-9][0-9]|2[01][0-9][0-9])(?![0-9])")

# Tags a user may write in a field (escaped by the converter, re-enabled
# here), plus the tags and classes the converter itself writes.
_USER_TAGS = ("strong", "em", "b", "i", "sup", "sub", "u", "small")
_USER_TAG = re.compile(r"&lt;(/?)(%s)\s*&gt;" % "|".join(_USER_TAGS))
_BR = re.compile(r"&lt;br\s*/?&gt;")
_MD_LINK = re.compile(r"\[([^\[\]]+)\]\(((?:https?://|mailto:)[^()\s\"<>]+)\)")
_MD_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_PLACEHOLDER = re.compile("\x00(\\d+)\x00")
_SANITISER = {
    "tags": {*_USER_TAGS, "br", "a", "code", "span"},
    "attributes": {"a": {"href"}},
    "tag_attribute_values": {"span": {"class": {"math", "small-caps"}}},
    "url_schemes": {"http", "https", "mailto"},
    "link_rel": None,
}


def convert(value: str, name: str, entry: BibEntry, problems: list[Problem]) -> latex.Converted:
    """LaTeX → HTML and text, reporting commands that could not be converted."""
    converted = latex.convert(value)
    for command in dict.fromkeys(converted.unknown_commands):
        problems.append(Problem(entry.path, entry.line, entry.key,
                                "unknown LaTeX command %s in field %r is left out. "
                                "Write the character itself." % (command, name)))
    return converted


def allow_inline_markup(escaped: str) -> Markup:
    """Re-enable a few inline tags and Markdown links in converted (escaped) HTML.

    al-folio users write ``award = {Oral <strong>(top 1.8%)</strong>}``,
    ``[text](https://…)`` and ``**bold**``. Attribute-less tags from a short
    list become markup; then nh3 parses the result as HTML, so tags end up
    properly nested (``</b>x<b>`` cannot leave a ``<b>`` open on the page) and
    links keep only http(s) and mailto addresses. Links are set aside while
    ``**bold**`` is read, so bold never reaches into an address.
    """
    if "&lt;" not in escaped and "**" not in escaped and "](" not in escaped:
        return Markup(escaped)  # the converter's own output is well-formed
    links: list[str] = []

    def set_aside(match: re.Match) -> str:
        links.append('<a href="%s">%s</a>' % (match.group(2), match.group(1)))
        return "\x00%d\x00" % (len(links) - 1)

    marked = _MD_LINK.sub(set_aside, escaped.replace("\x00", ""))
    marked = _MD_BOLD.sub(r"<strong>\1</strong>", marked)
    marked = _PLACEHOLDER.sub(lambda m: links[int(m.group(1))], marked)
    return Markup(nh3.clean(_pair_user_tags(_BR.sub("<br>", marked)), **_SANITISER))


def _pair_user_tags(escaped: str) -> str:
    """Turn escaped tags that open and close in order into tags; leave the rest as text.

    A lone ``<b>`` or a ``</b>`` before its ``<b>`` stays visible text, as it
    was written; ``<b><i></b></i>`` pairs only the ``i``.
    """
    matches = list(_USER_TAG.finditer(escaped))
    if not matches:
        return escaped
    paired: set[int] = set()
    open_tags: list[tuple[str, int]] = []
    for number, match in enumerate(matches):
        closing, name = match.group(1), match.group(2)
        if not closing:
            open_tags.append((name, number))
        elif open_tags and open_tags[-1][0] == name:
            paired.update((open_tags.pop()[1], number))
    out, last = [], 0
    for number, match in enumerate(matches):
        if number in paired:
            out.append(escaped[last:match.start()])
            out.append("<%s%s>" % (match.group(1), match.group(2)))
            last = match.end()
    out.append(escaped[last:])
    return "".join(out)


def rich_html(value: str, name: str, entry: BibEntry, problems: list[Problem]) -> Markup:
    return allow_inline_markup(convert(value, name, entry, problems).html)


def is_flag_set(value: str | None) -> bool:
    """A BibTeX flag such as ``selected = {true}``; ``{{true}}`` counts too."""
    return truthy((value or "").strip().strip("{}"))


def is_number(value: str) -> bool:
    """ASCII digits only (``str.isdigit`` accepts "²", which ``int`` refuses)."""
    return bool(_NUMBER.fullmatch(value))


def parse_month(value: str) -> int | None:
    value = (value or "").strip().strip("{}.").lower()
    if not value:
        return None
    if is_number(value):
        number = int(value)
        return number if 1 <= number <= 12 else None
    for number, name in enumerate(MONTHS, start=1):
        if value[:3] == name[:3].lower():
            return number
    return None


def parse_year(value: str) -> tuple[int | None, str]:
    """``(year, label)``: ``(2024, "2024")``, ``(None, "In press")``, ``(None, "")``."""
    text = latex.to_text(value or "")
    match = _YEAR.search(text)
    if match:
        return int(match.group(1)), match.group(1)
    return None, text.strip()


def filtered_bibtex(entry: BibEntry, hidden: Iterable[str]) -> str:
    """The entry as BibTeX, without site-only fields.

    Whole fields are removed, whatever their value says: a title containing
    the word "dimensions" stays (al-folio drops such lines, #1448).
    """
    hidden = {name.lower() for name in hidden}
    lines = ["@%s{%s," % (entry.entry_type, entry.key)]
    for name, value in entry.fields.items():
        if name in hidden:
            continue
        lines.append("  %s = {%s}," % (entry.field_names.get(name, name), value))
    lines.append("}")
    return "\n".join(lines)
