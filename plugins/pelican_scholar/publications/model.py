"""Records the publication templates render."""

from __future__ import annotations

from dataclasses import dataclass, field

from .names import Author


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
    html: str


@dataclass
class Publication:
    """One BibTeX entry, converted for display.

    Every ``*_html`` attribute is safe HTML (all BibTeX text escaped); every
    ``*_text`` attribute is plain text, to be escaped by the template.
    """

    key: str  # the BibTeX key, exactly: the element id
    slug: str  # URL-safe form of the key
    entry_type: str
    source: str  # the .bib file
    line: int
    order: int  # position across all files, for file-order sorting
    fields: dict[str, str]  # raw LaTeX values, lower-case names

    title_html: str = ""
    title_text: str = ""
    authors: list[Author] = field(default_factory=list)
    authors_html: str = ""  # the author line, truncation included
    authors_text: str = ""
    authors_full_html: str = ""  # no truncation, for the paper page
    venue_html: str = ""
    venue_text: str = ""
    date_text: str = ""  # "March 2024"
    year: int | None = None
    year_label: str = ""  # "2024", "In press", or "" when undated
    month: int | None = None
    note_html: str = ""
    annotation_html: str = ""
    abstract_html: str = ""
    abstract_text: str = ""
    abbr_html: str = ""
    abbr_url: str = ""
    abbr_color: str = ""
    award_html: str = ""
    award_name_html: str = ""
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
    jsonld: str = ""

    @property
    def pdf(self) -> Link | None:
        return next((link for link in self.links if link.kind == "pdf"), None)


@dataclass
class PublicationGroup:
    """A heading on the publications page and its entries."""

    label: str  # "2024", "Journal articles", "Undated"
    anchor: str  # an id for the heading
    publications: list[Publication]
