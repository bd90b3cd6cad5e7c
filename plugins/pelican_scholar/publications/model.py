"""Records the publication templates render: plain data, no HTML built here.

Every ``*_html`` attribute (and ``VenuePart.html``, ``Badge.html``) is a
:class:`markupsafe.Markup`: HTML on purpose, BibTeX text already escaped,
inline markup sanitised. Every other string is text, which templates escape.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

@dataclass
class Author:
    """One author of a publication, ready to render."""

    first: str  # plain text, marks removed
    last: str
    marks: str = ""  # "*", "†", ...
    note: str = ""  # e.g. "[* equal contribution]"
    is_owner: bool = False
    url: str | None = None
    is_others: bool = False  # "and others"

    @property
    def name(self) -> str:
        if self.is_others:
            return "et al."
        return " ".join(part for part in (self.first, self.last) if part)


@dataclass
class Link:
    """A link button: ``label`` is the visible text ("PDF")."""

    kind: str  # the BibTeX field: pdf, code, arxiv, ...
    label: str
    url: str
    internal: bool = False  # a site-relative path: templates prefix SITEURL


@dataclass
class Badge:
    """A text badge for an extra field whose value is not a link."""

    kind: str
    label: str
    html: Markup


@dataclass
class VenuePart:
    """One comma-separated piece of the venue line.

    ``kind`` names where it comes from (journal, booktitle, volume, pages,
    date, ...); ``prefix`` is text written before it ("In ", "vol. ");
    ``emphasised`` parts are the journal or book, set in italics.
    """

    kind: str
    html: Markup
    text: str
    prefix: str = ""
    emphasised: bool = False


@dataclass
class Venue:
    """The venue line: ``parts`` joined by commas, then ``additional_info``."""

    parts: list[VenuePart] = field(default_factory=list)
    additional_info: Markup = Markup("")

    @property
    def text(self) -> str:
        return ", ".join(part.prefix + part.text for part in self.parts)

    def __bool__(self) -> bool:
        return bool(self.parts or self.additional_info)


@dataclass
class Address:
    """Where an entry lives: decided for all entries before any is built."""

    slug: str  # URL-safe form of the key, unique across the site
    anchor: str  # the element id: the key, unless the page already uses that id
    url: str = ""  # site-relative page URL, "" when paper pages are off
    save_as: str = ""


@dataclass
class Publication:
    """One BibTeX entry, converted for display."""

    key: str  # the BibTeX key, exactly
    slug: str  # URL-safe form of the key
    entry_type: str
    source: str  # the .bib file
    line: int
    order: int  # position across all files, for file-order sorting
    fields: dict[str, str]  # raw LaTeX values, lower-case names
    anchor: str = ""  # the element id (see Address)

    title_html: Markup = Markup("")
    title_text: str = ""
    authors: list[Author] = field(default_factory=list)
    author_limit: int | None = None  # PUBLICATIONS_MAX_AUTHORS: "and N more" beyond it
    authors_text: str = ""
    venue: Venue = field(default_factory=Venue)
    venue_text: str = ""
    date_text: str = ""  # "March 2024"
    year: int | None = None
    year_label: str = ""  # "2024", "In press", or "" when undated
    month: int | None = None
    note_html: Markup = Markup("")
    annotation_html: Markup = Markup("")
    abstract_html: Markup = Markup("")
    abstract_text: str = ""
    abbr_html: Markup = Markup("")
    abbr_url: str = ""
    abbr_color: str = ""  # a CSS declaration list, validated
    award_html: Markup = Markup("")
    award_name_html: Markup = Markup("")
    preview: Link | None = None
    links: list[Link] = field(default_factory=list)
    badges: list[Badge] = field(default_factory=list)
    bibtex: str = ""  # without site-only fields
    show_bibtex: bool = False
    selected: bool = False
    citation_text: str = ""
    url: str = ""  # site-relative page URL, "" when paper pages are off
    save_as: str = ""
    meta: list[tuple[str, str]] = field(default_factory=list)  # Highwire Press
    jsonld: Markup = Markup("")  # schema.org JSON, safe inside <script> (built once, cached)

    @property
    def pdf(self) -> Link | None:
        return next((link for link in self.links if link.kind == "pdf"), None)

    @property
    def shown_authors(self) -> list[Author]:
        """The authors named on the author line, before "and N more"."""
        if self.author_limit and len(self.authors) > self.author_limit:
            return self.authors[:self.author_limit]
        return self.authors

    @property
    def more_authors(self) -> list[Author]:
        """The authors folded into "and N more authors" (often none)."""
        return self.authors[len(self.shown_authors):]


@dataclass
class PublicationGroup:
    """A heading on the publications page and its entries."""

    label: str  # "2024", "Journal articles", "Undated"
    anchor: str  # an id for the heading
    publications: list[Publication]
