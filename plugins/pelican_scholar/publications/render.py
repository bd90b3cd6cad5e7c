"""BibTeX entry → :class:`Publication`: pure functions, no Pelican, no HTML.

The parts live in their own modules: ``fields`` (text, dates, the Bib view),
``names`` (authors), ``venue``, ``links``, ``colors`` (venue badges),
``metadata`` (Scholar meta tags, JSON-LD), ``addresses`` (slugs, URLs, ids).
This module puts them together; templates in theme/templates/partials/
make the HTML.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from markupsafe import Markup

from ..templating import jsonld as jsonld_script
from . import latex
from .addresses import default_address
from .bibfile import BibEntry, Problem
from .colors import venue_style
from .fields import (
    HIDDEN_BIBTEX_FIELDS, MONTHS, convert, filtered_bibtex, is_flag_set, parse_month, parse_year,
    rich_html,
)
from .links import build_extras, build_links, external_url, resolve_link
from .metadata import highwire_meta, jsonld
from .model import Address, Link, Publication
from .names import CoauthorIndex, join_names, parse_authors
from .venue import build_venue

_TEXT_FIELDS = ("journal", "booktitle", "school", "institution", "publisher",
                "howpublished", "organization", "series", "volume", "number",
                "location", "type", "isbn", "issn", "language")
_RICH_FIELDS = (("note", "note_html"), ("annotation", "annotation_html"),
                ("award", "award_html"), ("award_name", "award_name_html"))


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


def _title(entry: BibEntry, pub: Publication, problems: list[Problem]) -> None:
    title = entry.fields.get("title", "").strip()
    if not title:
        problems.append(Problem(entry.path, entry.line, entry.key,
                                "entry has no title; it is listed as 'Untitled'. Add a title field."))
        pub.title_html, pub.title_text = Markup("Untitled"), "Untitled"
    else:
        converted = convert(title, "title", entry, problems)
        pub.title_html, pub.title_text = Markup(converted.html), converted.text


def _authors(entry: BibEntry, pub: Publication, options: RenderOptions,
             problems: list[Problem]) -> None:
    values = entry.fields
    if not values.get("author", "").strip() and not values.get("editor", "").strip():
        # (An edited volume without authors: the editors stand in for them.)
        problems.append(Problem(entry.path, entry.line, entry.key,
                                "entry has no author; it is listed without one. "
                                "Add an author field."))

    def report(message: str) -> None:
        problems.append(Problem(entry.path, entry.line, entry.key, message))

    pub.authors = parse_authors(values.get("author") or values.get("editor") or "",
                                options.owner_last_names, options.owner_first_names,
                                options.coauthors, report)
    pub.author_limit = options.max_authors
    pub.authors_text = join_names([a.name + a.marks for a in pub.authors])


def _dates(entry: BibEntry, pub: Publication, problems: list[Problem]) -> None:
    pub.year, pub.year_label = parse_year(entry.fields.get("year", ""))
    if not pub.year_label:
        problems.append(Problem(entry.path, entry.line, entry.key,
                                "entry has no year; it is listed under 'Undated'. Add a year field."))
    pub.month = parse_month(entry.fields.get("month", ""))
    month_name = MONTHS[pub.month - 1] if pub.month else ""
    pub.date_text = " ".join(p for p in (month_name, pub.year_label) if p)


def _abbr(entry: BibEntry, pub: Publication, options: RenderOptions,
          problems: list[Problem]) -> None:
    abbr = entry.fields.get("abbr", "").strip()
    if not abbr:
        return
    pub.abbr_html = Markup(convert(abbr, "abbr", entry, problems).html)
    venue = options.venues.get(abbr) or options.venues.get(latex.to_text(abbr))
    if isinstance(venue, Mapping):
        pub.abbr_url = external_url(str(venue.get("url") or "")) or ""
        pub.abbr_color = venue_style(str(venue.get("color") or ""))


def build_publication(entry: BibEntry, order: int, options: RenderOptions,
                      problems: list[Problem], address: Address | None = None) -> Publication:
    """Convert one entry.  Problems (missing title, ...) go to ``problems``.

    ``address`` (slug, URL, element id) comes from :func:`assign_addresses`
    over all entries; alone, an entry gets the one its key gives.
    """
    values = entry.fields
    if address is None:
        address = default_address(entry, options.paper_url, options.paper_save_as)
    pub = Publication(key=entry.key, slug=address.slug, entry_type=entry.entry_type,
                      source=entry.path, line=entry.line, order=order, fields=dict(values),
                      anchor=address.anchor, url=address.url, save_as=address.save_as)
    _title(entry, pub, problems)
    _authors(entry, pub, options, problems)
    _dates(entry, pub, problems)

    converted: dict[str, latex.Converted] = {}
    for name in _TEXT_FIELDS:
        if values.get(name, "").strip():
            converted[name] = convert(values[name], name, entry, problems)
    additional = Markup("")
    if values.get("additional_info"):
        additional = rich_html(values["additional_info"], "additional_info", entry, problems)
    pub.venue = build_venue(entry.entry_type, values, pub.date_text, converted, additional)
    pub.venue_text = " ".join(p for p in (pub.venue.text, additional.striptags()) if p)

    for name, attr in _RICH_FIELDS:
        if values.get(name, "").strip():
            setattr(pub, attr, rich_html(values[name], name, entry, problems))
    if values.get("abstract", "").strip():
        pub.abstract_html = rich_html(values["abstract"], "abstract", entry, problems)
        pub.abstract_text = latex.to_text(values["abstract"])
    _abbr(entry, pub, options, problems)

    preview = values.get("preview", "").strip()
    if preview:
        resolved = resolve_link(preview, options.previews_url, "preview", entry, problems)
        if resolved:
            pub.preview = Link("preview", "", resolved[0], resolved[1])
    pub.links = build_links(entry, options.files_url, problems)
    extra_links, pub.badges = build_extras(entry, options.extra_fields, options.files_url,
                                           problems)
    pub.links.extend(extra_links)

    hidden = [*options.hidden_bibtex_fields, *(f.lower() for f in options.extra_fields)]
    pub.bibtex = filtered_bibtex(entry, hidden)
    pub.show_bibtex = options.bibtex == "always" or (
        options.bibtex == "field" and is_flag_set(values.get("bibtex_show")))
    pub.selected = is_flag_set(values.get("selected"))

    pub.citation_text = ". ".join(p for p in (pub.authors_text, pub.title_text, pub.venue_text) if p) + "."
    converted_text = {name: value.text for name, value in converted.items()}
    pub.meta = highwire_meta(pub, converted_text, options.siteurl)
    pub.jsonld = jsonld_script(jsonld(pub, converted_text, options.siteurl))
    return pub
