"""What a citation points at: one entry of a post's References list, as plain data.

A reference is made from a BibTeX entry's raw fields, whether the entry is in
the post's own bibliography or among the researcher's publications (then it
also links to the paper's page). Templates draw it:
`partials/citation.html` the link in the text, `partials/references.html`
the list at the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..publications import latex
from ..publications.names import parse_authors
from ..urls import valid_href

# Fields that name where a work appeared, most telling first.
VENUE_FIELDS = ("journal", "booktitle", "howpublished", "school", "institution",
                "publisher", "organization", "series")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|2[01]\d\d)(?!\d)")
_URL_COMMAND = re.compile(r"\\url\s*\{([^}]*)\}")
_NOT_IN_ID = re.compile(r"[^\w.:-]+")


@dataclass
class Reference:
    """One cited work. Every text is plain text, for templates to escape."""

    key: str  # the BibTeX key
    anchor: str  # the id of its entry in the References list
    number: int  # its place in the list, from 1
    title: str
    authors: list[str] = field(default_factory=list)  # "Marie Curie", …; "et al." last
    short_authors: str = ""  # "Noether", "Meitner & Frisch", "Curie et al."
    year: str = ""  # "2024", "In press", ""
    venue: str = ""  # "Nature", "Proceedings of …"
    link: str = ""  # a DOI, arXiv or web address, https only
    link_label: str = ""  # "DOI", "arXiv", "URL"
    page_url: str = ""  # the site-relative page of the researcher's own paper
    own: bool = False  # one of the researcher's publications

    @property
    def label(self) -> str:
        """The author-year label: "Curie et al., 1898"."""
        return f"{self.short_authors or self.title}, {self.year or 'n.d.'}"

    @property
    def authors_text(self) -> str:
        """ "A", "A and B", "A, B, and C" """
        names = self.authors
        if len(names) <= 2:
            return " and ".join(names)
        return ", ".join(names[:-1]) + ", and " + names[-1]

    @property
    def summary(self) -> str:
        """The whole reference in one line, for a tooltip."""
        parts = [self.authors_text, self.title, self.venue, self.year]
        return ". ".join(part.rstrip(".") for part in parts if part) + "."


def element_id(key: str) -> str:
    """An id for a key: keys may hold characters an id or a URL fragment should not."""
    return "ref-" + (_NOT_IN_ID.sub("-", key).strip("-") or "entry")


def _text(value: str) -> str:
    return latex.to_text(value) if value else ""


def _short_authors(people: list[str], others: bool) -> str:
    if not people:
        return ""
    if len(people) == 1 and not others:
        return people[0]
    if len(people) == 2 and not others:
        return f"{people[0]} & {people[1]}"
    return f"{people[0]} et al."


def _web_address(value: str) -> str:
    """An http(s) address as written in BibTeX (\\url{…}, braces), or ""."""
    value = _URL_COMMAND.sub(r"\1", value or "").replace("\\_", "_").replace("\\%", "%")
    value = value.replace("{", "").replace("}", "").strip()
    return value if re.match(r"https?://[^\s]+$", value, re.I) else ""


def _link(fields: dict[str, str]) -> tuple[str, str]:
    doi = (fields.get("doi") or "").replace("{", "").replace("}", "").strip()
    if doi:
        doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", "", doi, flags=re.I)
        return valid_href(f"https://doi.org/{doi}"), "DOI"
    arxiv = fields.get("arxiv") or (
        fields.get("eprint") if (fields.get("archiveprefix") or "").lower().strip("{}") == "arxiv" else "")
    arxiv = (arxiv or "").replace("{", "").replace("}", "").strip()
    if re.match(r"^[\w./-]+$", arxiv):
        return f"https://arxiv.org/abs/{re.sub(r'^arxiv:', '', arxiv, flags=re.I)}", "arXiv"
    for name in ("url", "html", "website"):
        address = _web_address(fields.get(name, ""))
        if address:
            return valid_href(address), "URL"
    return "", ""


def make_reference(key: str, fields: dict[str, str], number: int, page_url: str = "",
                   own: bool = False) -> Reference:
    """A Reference from an entry's raw (LaTeX) fields, lower-case names."""
    authors = parse_authors(fields.get("author") or fields.get("editor") or "")
    people = [author.name for author in authors if not author.is_others]
    lasts = [author.last or author.first for author in authors if not author.is_others]
    others = any(author.is_others for author in authors)
    year_text = _text(fields.get("year", ""))
    year = _YEAR.search(year_text)
    venue = next((_text(fields[name]) for name in VENUE_FIELDS if fields.get(name)), "")
    link, link_label = _link(fields)
    return Reference(
        key=key,
        anchor=element_id(key),
        number=number,
        title=_text(fields.get("title", "")) or key,
        authors=people + (["et al."] if others else []),
        short_authors=_short_authors(lasts, others),
        year=year.group(1) if year else year_text.strip(),
        venue=venue,
        link=link,
        link_label=link_label,
        page_url=page_url,
        own=own,
    )
