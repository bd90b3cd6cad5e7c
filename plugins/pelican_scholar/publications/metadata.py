"""What machines read on a paper page: Google Scholar's citation_* tags, schema.org JSON-LD."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..templating import absolute_url
from . import latex
from .model import Publication

_PAGE_RANGE = re.compile(r"\s*[-–—]+\s*")


def highwire_meta(pub: Publication, converted_text: Mapping[str, str],
                  siteurl: str) -> list[tuple[str, str]]:
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
        meta.append(("citation_abstract_html_url", absolute_url(pub.url, siteurl)))
    pdf = pub.pdf
    if pdf and pdf.internal:
        # Google Scholar only trusts PDFs on the site's own host.
        meta.append(("citation_pdf_url", absolute_url(pdf.url, siteurl)))
    return meta


def jsonld(pub: Publication, converted_text: Mapping[str, str], siteurl: str) -> dict:
    """A schema.org ``ScholarlyArticle``, for ``templating.jsonld`` to write."""
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
        data["url"] = absolute_url(pub.url, siteurl)
    same_as = [link.url for link in pub.links if link.kind in ("doi", "arxiv") and not link.internal]
    if same_as:
        data["sameAs"] = same_as
    doi = next((link.url for link in pub.links if link.kind == "doi"), "")
    if doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI",
                              "value": doi.split("doi.org/", 1)[-1]}
    if pub.fields.get("pages"):
        data["pagination"] = latex.to_text(pub.fields["pages"])
    return data
