"""BibTeX entry → :class:`Publication`: pure functions, no Pelican.

Everything taken from the ``.bib`` file is escaped here; the only markup in
the results is markup this module writes (``<em>``, ``<sup>``, links, and a
short list of inline tags users write in al-folio's ``award`` field).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import quote

from ..templating import absolute_url, jsonld as jsonld_script
from ..data import truthy
from unidecode import unidecode

from . import latex
from .bibfile import BibEntry, Problem
from .model import Badge, Link, Publication
from .names import Author, CoauthorIndex, join_names, parse_authors

# al-folio's `filtered_bibtex_keys`: fields only the website uses.
HIDDEN_BIBTEX_FIELDS = [
    "abbr", "abstract", "additional_info", "altmetric", "annotation", "arxiv",
    "award", "award_name", "bibtex_show", "blog", "code", "dimensions", "eprint",
    "google_scholar_id", "hal", "html", "inspirehep_id", "pdf", "pmid", "poster",
    "preview", "selected", "slides", "supp", "video", "website",
]

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

MONTHS = [
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
]
_SAFE_SCHEMES = {"http", "https", "ftp", "mailto"}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|2[01]\d\d)(?!\d)")
_HEX_COLOR = re.compile(r"#([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
_RGB_COLOR = re.compile(r"rgba?\(([^()]*)\)", re.I)
_RGB_SEPARATORS = re.compile(r"[\s,/]+")
_CSS_NUMBER = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(%?)")
_ALLOWED_TAGS = ("strong", "em", "b", "i", "sup", "sub", "u", "small")
_MD_LINK = re.compile(r"\[([^\[\]]+)\]\(((?:https?://|mailto:)[^()\s\"<>]+)\)")
_MD_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_BR = re.compile(r"&lt;br\s*/?&gt;")
_NOT_IN_SLUG = re.compile(r"[^A-Za-z0-9._-]+")
_URL_COMMAND = re.compile(r"^\s*\\(?:url|href)\s*\{([^{}]*)\}.*$", re.S)
_ESCAPED_IN_URL = re.compile(r"\\([_%&#~$])")
_SPACE = re.compile(r"\s")
_FILE_LIKE = re.compile(r"/|\.[A-Za-z0-9]{2,5}$")
_TOKEN_SEPARATORS = re.compile(r"[\s,]+")
_PAGE_RANGE = re.compile(r"\s*[-–—]+\s*")
_TAG = re.compile(r"<[^>]+>")


@dataclass
class RenderOptions:
    """Everything that turns an entry into a :class:`Publication`."""

    owner_last_names: list[str] = field(default_factory=list)
    owner_first_names: list[str] = field(default_factory=list)
    coauthors: CoauthorIndex = field(default_factory=CoauthorIndex)
    venues: Mapping = field(default_factory=dict)
    max_authors: int | None = None
    files_url: str = "files/"
    previews_url: str = "images/publications/"
    extra_fields: list[str] = field(default_factory=list)
    hidden_bibtex_fields: Iterable[str] = tuple(HIDDEN_BIBTEX_FIELDS)
    bibtex: str = "field"  # "field" (bibtex_show), "always", "never"
    paper_url: str = "publications/{slug}/"  # "" turns paper pages off
    paper_save_as: str = "publications/{slug}/index.html"
    siteurl: str = ""


# ---- Text ---------------------------------------------------------------


def convert(value: str, name: str, entry: BibEntry, problems: list[Problem]) -> latex.Converted:
    """LaTeX → HTML and text, reporting commands that could not be converted."""
    converted = latex.convert(value)
    for command in dict.fromkeys(converted.unknown_commands):
        problems.append(Problem(entry.path, entry.line, entry.key,
                                "unknown LaTeX command %s in field %r is left out. "
                                "Write the character itself." % (command, name)))
    return converted


def allow_inline_markup(escaped: str) -> str:
    """Re-enable a few inline tags and Markdown links in escaped text.

    al-folio users write ``award = {Oral <strong>(top 1.8%)</strong>}`` and
    ``[text](https://…)``.  Only attribute-less tags from a short list, and
    only when they are balanced, are turned back into markup.
    """
    for tag in _ALLOWED_TAGS:
        opening, closing = "&lt;%s&gt;" % tag, "&lt;/%s&gt;" % tag
        if opening in escaped and escaped.count(opening) == escaped.count(closing):
            escaped = escaped.replace(opening, "<%s>" % tag).replace(closing, "</%s>" % tag)
    escaped = _BR.sub("<br>", escaped)
    escaped = _MD_LINK.sub(lambda m: '<a href="%s">%s</a>' % (m.group(2), m.group(1)), escaped)
    return _MD_BOLD.sub(r"<strong>\1</strong>", escaped)


def rich_html(value: str, name: str, entry: BibEntry, problems: list[Problem]) -> str:
    return allow_inline_markup(convert(value, name, entry, problems).html)


def is_flag_set(value: str | None) -> bool:
    """A BibTeX flag such as ``selected = {true}``; ``{{true}}`` counts too."""
    return truthy((value or "").strip().strip("{}"))


def slugify_key(key: str) -> str:
    """A URL path segment for a BibTeX key (keys may hold ':' '/' or accents)."""
    slug = _NOT_IN_SLUG.sub("-", unidecode(key)).strip("-.").lower()
    return slug or "entry"


# ---- Authors ------------------------------------------------------------


def format_authors(authors: list[Author], limit: int | None) -> tuple[str, str]:
    """The author line as HTML and as text.

    Beyond ``limit`` authors, the rest sit in a ``<details>`` whose summary
    reads "and N more authors": readable without JavaScript.
    """
    text = join_names([a.name + a.marks for a in authors])
    if not limit or len(authors) <= limit:
        return join_names([a.html for a in authors]), text
    shown, hidden = authors[:limit], authors[limit:]
    count = len(hidden)
    summary = "%d more author%s" % (count, "" if count == 1 else "s")
    rest = ", ".join(a.html for a in hidden[:-1])
    rest = (rest + ", and " if rest else "") + hidden[-1].html
    more = ('<details class="pub-more-authors"><summary>and %s</summary>'
            '<span class="pub-more-authors__list">%s</span></details>' % (summary, rest))
    return ", ".join(a.html for a in shown) + ", " + more, text


# ---- Venue and date -----------------------------------------------------


def parse_month(value: str) -> int | None:
    value = (value or "").strip().strip("{}.").lower()
    if not value:
        return None
    if value.isdigit():
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


def _pages(value: str) -> str:
    text = latex.to_html(value.replace("--", "-").replace("—", "-").replace("–", "-"))
    if "-" in text.strip("-"):
        first, last = [p.strip() for p in text.split("-", 1)]
        return "pp. %s–%s" % (first, last.lstrip("-").strip())
    return "p. %s" % text.strip("-")


def format_venue(entry_type: str, values: Mapping[str, str], date_text: str,
                 converted: Mapping[str, str]) -> str:
    """The venue line: journal or book, volume, pages, location, date.

    ``converted`` holds fields already converted to HTML.
    """
    def get(name: str) -> str:
        return converted.get(name, "")

    parts: list[str] = []
    t = entry_type
    if t == "article":
        if get("journal"):
            parts.append("<em>%s</em>" % get("journal"))
    elif t in ("inproceedings", "incollection", "conference", "inbook") and get("booktitle"):
        parts.append("In <em>%s</em>" % get("booktitle"))
    elif t in ("phdthesis", "mastersthesis", "thesis"):
        kind = {"phdthesis": "PhD thesis", "mastersthesis": "Master’s thesis"}.get(t, get("type") or "Thesis")
        parts.append(kind)
        if get("school"):
            parts.append("<em>%s</em>" % get("school"))
    elif t == "techreport":
        report = get("type") or "Technical report"
        parts.append(report + (" " + get("number") if get("number") else ""))
        if get("institution"):
            parts.append("<em>%s</em>" % get("institution"))
    elif t in ("book", "proceedings", "collection", "manual"):
        for name in ("series", "publisher", "organization"):
            if get(name):
                parts.append(get(name) if parts else "<em>%s</em>" % get(name))
    else:
        for name in ("journal", "booktitle", "howpublished", "publisher", "school",
                     "institution", "organization"):
            if get(name):
                parts.append("In <em>%s</em>" % get(name) if name == "booktitle"
                             else "<em>%s</em>" % get(name))
                break
    if get("volume"):
        parts.append("vol. " + get("volume"))
    if get("number") and t != "techreport":
        parts.append("no. " + get("number"))
    if values.get("pages"):
        parts.append(_pages(values["pages"]))
    if get("location"):
        parts.append(get("location"))
    if date_text:
        parts.append(html.escape(date_text, quote=False))
    venue = ", ".join(parts)
    if get("additional_info"):
        venue += " " + get("additional_info")
    return venue


# ---- Links --------------------------------------------------------------


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
        return (value, False) if scheme.group(1).lower() in _SAFE_SCHEMES else None
    if value.startswith("//"):
        return "https:" + value, False
    if value.lower().startswith("www."):
        return "https://" + value, False
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


def build_links(entry: BibEntry, options: RenderOptions, problems: list[Problem]) -> list[Link]:
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
        resolved = resolve_link(value, options.files_url, name, entry, problems)
        if resolved:
            links.append(Link(name, label, resolved[0], resolved[1]))
    return links


def _looks_like_link(value: str) -> bool:
    if "://" in value or value.startswith(("/", "www.", "mailto:")):
        return True
    return not _SPACE.search(value) and bool(_FILE_LIKE.search(value))


def build_extras(entry: BibEntry, options: RenderOptions,
                 problems: list[Problem]) -> tuple[list[Link], list[Badge]]:
    """Fields the user listed in PUBLICATIONS_EXTRA_FIELDS: links or badges."""
    links: list[Link] = []
    badges: list[Badge] = []
    for name in options.extra_fields:
        value = (entry.fields.get(name.lower()) or "").strip()
        if not value:
            continue
        label = name.replace("_", " ").capitalize()
        tokens = [t for t in _TOKEN_SEPARATORS.split(value) if t]
        if tokens and all(_looks_like_link(t) for t in tokens):
            for number, token in enumerate(tokens, start=1):
                resolved = resolve_link(token, options.files_url, name, entry, problems)
                if resolved:
                    text = label if len(tokens) == 1 else "%s %d" % (label, number)
                    links.append(Link(name.lower(), text, resolved[0], resolved[1]))
        else:
            badges.append(Badge(name.lower(), label, rich_html(value, name, entry, problems)))
    return links, badges


def parse_color(value: str) -> tuple[int, int, int] | None:
    """Red, green and blue (0–255) of a hex or ``rgb()``/``rgba()`` colour, else None.

    ``#rgb``, ``#rgba``, ``#rrggbb``, ``#rrggbbaa``, ``rgb(255, 204, 0)``,
    ``rgb(100% 80% 0% / 50%)``. Alpha is dropped: a badge is drawn opaque, so
    that its text stays readable on a light and a dark page alike. Named
    colours (``gold``) are not read: the caller falls back to the neutral badge.
    """
    value = (value or "").strip()
    match = _HEX_COLOR.fullmatch(value)
    if match:
        digits = match.group(1)
        if len(digits) <= 4:
            digits = "".join(c * 2 for c in digits)
        red, green, blue = (int(digits[i:i + 2], 16) for i in (0, 2, 4))
        return red, green, blue
    match = _RGB_COLOR.fullmatch(value)
    if not match:
        return None
    parts = [part for part in _RGB_SEPARATORS.split(match.group(1)) if part]
    numbers = [_CSS_NUMBER.fullmatch(part) for part in parts]
    if len(parts) not in (3, 4) or not all(numbers):
        return None
    red, green, blue = (round(min(255.0, float(n.group(1)) * (2.55 if n.group(2) else 1)))
                        for n in numbers[:3])
    return red, green, blue


def _luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2 relative luminance."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: tuple[int, int, int], second: tuple[int, int, int]) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# Pure black and white: against any background one of them reaches 4.58:1
# (a near-black such as #111 can fall to 4.35:1, below WCAG AA).
_TEXT_COLORS = (("#000", (0, 0, 0)), ("#fff", (255, 255, 255)))


def venue_style(color: str) -> str:
    """``background-color`` plus the text colour that contrasts more with it.

    "" when ``color`` is not a colour :func:`parse_color` reads: the badge
    keeps the theme's neutral style.
    """
    rgb = parse_color(color)
    if rgb is None:
        return ""
    text = max(_TEXT_COLORS, key=lambda option: contrast_ratio(rgb, option[1]))[0]
    return "background-color: #%02x%02x%02x; color: %s" % (*rgb, text)


# ---- BibTeX view --------------------------------------------------------


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


# ---- Machine-readable metadata ------------------------------------------


def highwire_meta(pub: Publication, converted_text: Mapping[str, str],
                  options: RenderOptions) -> list[tuple[str, str]]:
    """The ``citation_*`` meta tags of Google Scholar's inclusion guidelines."""
    meta: list[tuple[str, str]] = [("citation_title", pub.title_text)]
    for author in pub.authors:
        if not author.is_others:
            meta.append(("citation_author", ", ".join(p for p in (author.last, author.first) if p)))
    if pub.year:
        date = "%d/%02d" % (pub.year, pub.month) if pub.month else str(pub.year)
        meta.append(("citation_publication_date", date))
    t = pub.entry_type
    get = converted_text.get
    if t == "article" and get("journal"):
        meta.append(("citation_journal_title", get("journal")))
    elif t in ("inproceedings", "conference") and get("booktitle"):
        meta.append(("citation_conference_title", get("booktitle")))
    elif t in ("incollection", "inbook") and get("booktitle"):
        meta.append(("citation_inbook_title", get("booktitle")))
    elif t in ("phdthesis", "mastersthesis", "thesis") and get("school"):
        meta.append(("citation_dissertation_institution", get("school")))
    elif t == "techreport":
        if get("institution"):
            meta.append(("citation_technical_report_institution", get("institution")))
        if get("number"):
            meta.append(("citation_technical_report_number", get("number")))
    elif get("journal"):
        meta.append(("citation_journal_title", get("journal")))
    for name, tag in (("volume", "citation_volume"), ("number", "citation_issue"),
                      ("publisher", "citation_publisher"), ("isbn", "citation_isbn"),
                      ("issn", "citation_issn"), ("language", "citation_language")):
        if get(name) and not (name == "number" and t == "techreport"):
            meta.append((tag, get(name)))
    pages = _PAGE_RANGE.split(pub.fields.get("pages", "").strip())
    if pages and pages[0]:
        meta.append(("citation_firstpage", pages[0]))
        if len(pages) > 1 and pages[-1]:
            meta.append(("citation_lastpage", pages[-1]))
    doi = next((link.url for link in pub.links if link.kind == "doi"), "")
    if doi:
        meta.append(("citation_doi", doi.split("doi.org/", 1)[-1]))
    arxiv = next((link.url for link in pub.links if link.kind == "arxiv"), "")
    if arxiv:
        meta.append(("citation_arxiv_id", arxiv.rsplit("/abs/", 1)[-1]))
    if pub.url:
        meta.append(("citation_abstract_html_url", absolute_url(pub.url, options.siteurl)))
    pdf = pub.pdf
    if pdf and pdf.internal:
        # Google Scholar only trusts PDFs on the site's own host.
        meta.append(("citation_pdf_url", absolute_url(pdf.url, options.siteurl)))
    return meta


def jsonld(pub: Publication, converted_text: Mapping[str, str], options: RenderOptions) -> str:
    """A schema.org ``ScholarlyArticle``, safe inside a ``<script>``."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": pub.title_text[:110],
        "name": pub.title_text,
        "author": [
            {"@type": "Person", "name": a.name, **({"url": a.url} if a.url else {})}
            for a in pub.authors if not a.is_others
        ],
    }
    if pub.year:
        data["datePublished"] = "%d-%02d" % (pub.year, pub.month) if pub.month else str(pub.year)
    venue = converted_text.get("journal") or converted_text.get("booktitle")
    if venue:
        data["isPartOf"] = {"@type": "Periodical" if converted_text.get("journal") else "CreativeWork",
                            "name": venue}
    if converted_text.get("publisher"):
        data["publisher"] = {"@type": "Organization", "name": converted_text["publisher"]}
    if pub.abstract_text:
        data["abstract"] = pub.abstract_text
    if pub.url:
        data["url"] = absolute_url(pub.url, options.siteurl)
    same_as = [link.url for link in pub.links if link.kind in ("doi", "arxiv") and not link.internal]
    if same_as:
        data["sameAs"] = same_as
    doi = next((link.url for link in pub.links if link.kind == "doi"), "")
    if doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI",
                              "value": doi.split("doi.org/", 1)[-1]}
    if pub.fields.get("pages"):
        data["pagination"] = latex.to_text(pub.fields["pages"])
    return jsonld_script(data)


# ---- The whole entry ----------------------------------------------------

_TEXT_FIELDS = ("journal", "booktitle", "school", "institution", "publisher",
                "howpublished", "organization", "series", "volume", "number",
                "location", "type", "isbn", "issn", "language")


def build_publication(entry: BibEntry, order: int, options: RenderOptions,
                      problems: list[Problem]) -> Publication:
    """Convert one entry.  Problems (missing title, ...) go to ``problems``."""
    values = entry.fields
    pub = Publication(key=entry.key, slug=slugify_key(entry.key), entry_type=entry.entry_type,
                      source=entry.path, line=entry.line, order=order, fields=dict(values))

    title = values.get("title", "").strip()
    if not title:
        problems.append(Problem(entry.path, entry.line, entry.key,
                                "entry has no title; it is listed as 'Untitled'. Add a title field."))
        pub.title_html, pub.title_text = "Untitled", "Untitled"
    else:
        converted = convert(title, "title", entry, problems)
        pub.title_html, pub.title_text = converted.html, converted.text

    if not values.get("author", "").strip():
        if values.get("editor", "").strip():
            pass  # an edited volume: the editors stand in for authors
        else:
            problems.append(Problem(entry.path, entry.line, entry.key,
                                    "entry has no author; it is listed without one. "
                                    "Add an author field."))
    pub.authors = parse_authors(values.get("author") or values.get("editor") or "",
                                options.owner_last_names, options.owner_first_names,
                                options.coauthors)
    pub.authors_html, pub.authors_text = format_authors(pub.authors, options.max_authors)
    limited = options.max_authors and len(pub.authors) > options.max_authors
    pub.authors_full_html = format_authors(pub.authors, None)[0] if limited else pub.authors_html

    pub.year, pub.year_label = parse_year(values.get("year", ""))
    if not pub.year_label:
        problems.append(Problem(entry.path, entry.line, entry.key,
                                "entry has no year; it is listed under 'Undated'. Add a year field."))
    pub.month = parse_month(values.get("month", ""))
    month_name = MONTHS[pub.month - 1] if pub.month else ""
    pub.date_text = " ".join(p for p in (month_name, pub.year_label) if p)

    converted_html: dict[str, str] = {}
    converted_text: dict[str, str] = {}
    for name in _TEXT_FIELDS:
        if values.get(name, "").strip():
            converted = convert(values[name], name, entry, problems)
            converted_html[name], converted_text[name] = converted.html, converted.text
    if values.get("additional_info"):
        converted_html["additional_info"] = rich_html(values["additional_info"], "additional_info",
                                                      entry, problems)
    pub.venue_html = format_venue(entry.entry_type, values, pub.date_text, converted_html)
    pub.venue_text = _TAG.sub("", pub.venue_html)

    for name, attr in (("note", "note_html"), ("annotation", "annotation_html"),
                       ("award", "award_html"), ("award_name", "award_name_html")):
        if values.get(name, "").strip():
            setattr(pub, attr, rich_html(values[name], name, entry, problems))
    if values.get("abstract", "").strip():
        pub.abstract_html = rich_html(values["abstract"], "abstract", entry, problems)
        pub.abstract_text = latex.to_text(values["abstract"])

    abbr = values.get("abbr", "").strip()
    if abbr:
        pub.abbr_html = convert(abbr, "abbr", entry, problems).html
        venue = options.venues.get(abbr) or options.venues.get(latex.to_text(abbr))
        if isinstance(venue, Mapping):
            url = resolve_url(str(venue.get("url") or ""), "")
            pub.abbr_url = url[0] if url and not url[1] else ""
            pub.abbr_color = venue_style(str(venue.get("color") or ""))

    preview = values.get("preview", "").strip()
    if preview:
        resolved = resolve_link(preview, options.previews_url, "preview", entry, problems)
        if resolved:
            pub.preview = Link("preview", "", resolved[0], resolved[1])

    pub.links = build_links(entry, options, problems)
    extra_links, pub.badges = build_extras(entry, options, problems)
    pub.links.extend(extra_links)

    hidden = [*options.hidden_bibtex_fields, *(f.lower() for f in options.extra_fields)]
    pub.bibtex = filtered_bibtex(entry, hidden)
    pub.show_bibtex = options.bibtex == "always" or (
        options.bibtex == "field" and is_flag_set(values.get("bibtex_show")))
    pub.selected = is_flag_set(values.get("selected"))

    if options.paper_url:
        pub.url = options.paper_url.format(slug=pub.slug, key=pub.slug)
        pub.save_as = options.paper_save_as.format(slug=pub.slug, key=pub.slug)
    pub.citation_text = ". ".join(p for p in (pub.authors_text, pub.title_text, pub.venue_text) if p) + "."
    pub.meta = highwire_meta(pub, converted_text, options)
    pub.jsonld = jsonld(pub, converted_text, options)
    return pub
