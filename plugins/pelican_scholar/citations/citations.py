"""Citations in posts and pages, from the same BibTeX files as the publications page.

    As we showed {% cite curie1898 %}, …     (al-folio's jekyll-scholar tag)
    As we showed [@curie1898; @meitner1939], …

become "(Curie et al., 1898; Meitner & Frisch, 1939)", each linked to a
References list added at the end of the text, whose entries link to the
papers' own pages. A key that is in none of the BibTeX files is a warning
naming the file, and shows as "(key?)".

Settings (default):
    CITATIONS_HEADING ("References"): the heading of the list.
Needs the scholar_publications plugin for the entries.
"""

from __future__ import annotations

import html
import logging
import re

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor
from pelican import signals

from ..content import raw_html, replace_html
from ..data import shown_path
from ..markdown import add_markdown_extension

logger = logging.getLogger(__name__)

LIQUID_CITE = r"\{%\s*cite\s+(?P<liquid>[^%]+?)\s*%\}"
PANDOC_CITE = r"\[(?P<pandoc>@[^\]\s;]+(?:\s*;\s*@[^\]\s;]+)*)\]"
PLACEHOLDER = re.compile(r'<span class="citation" data-keys="(?P<keys>[^"]*)">[^<]*</span>')


def cited_keys(match: re.Match) -> list[str]:
    groups = match.groupdict()
    if groups.get("liquid"):
        return groups["liquid"].split()
    return [part.strip().lstrip("@") for part in groups["pandoc"].split(";")]


class _CitePattern(InlineProcessor):
    def handleMatch(self, m, data):  # noqa: N802 (Markdown's API)
        keys = cited_keys(m)
        placeholder = (f'<span class="citation" data-keys="{html.escape(" ".join(keys))}">'
                       f'{html.escape("; ".join(keys))}</span>')
        return self.md.htmlStash.store(placeholder), m.start(0), m.end(0)


class CitationsExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        md.inlinePatterns.register(_CitePattern(LIQUID_CITE, md), "cite-liquid", 187)
        md.inlinePatterns.register(_CitePattern(PANDOC_CITE, md), "cite-pandoc", 187)


def short_label(publication) -> str:
    """ "Noether, 1918", "Meitner & Frisch, 1939", "Curie et al., 1898" """
    people = [author.last or author.first for author in publication.authors if not author.is_others]
    if not people:
        names = publication.title_text or publication.key
    elif len(people) == 1 and len(publication.authors) == 1:
        names = people[0]
    elif len(people) == 2 and len(publication.authors) == 2:
        names = f"{people[0]} & {people[1]}"
    else:
        names = f"{people[0]} et al."
    year = publication.year_label or "n.d."
    return f"{names}, {year}"


def cite(content_html: str, publications: dict, source: str, settings: dict) -> str:
    """Replace citation placeholders and add the References list."""
    cited: list = []

    def replace(match: re.Match) -> str:
        parts = []
        for key in html.unescape(match["keys"]).split():
            publication = publications.get(key)
            if publication is None:
                logger.warning("%s: cites %r, which is in none of the BibTeX files; it is shown "
                               "as '(%s?)'. Check the key.", source, key, key)
                parts.append(html.escape(f"{key}?"))
                continue
            if publication not in cited:
                cited.append(publication)
            parts.append(f'<a href="#ref-{html.escape(publication.slug)}">'
                         f"{html.escape(short_label(publication))}</a>")
        return f'<span class="citation">({"; ".join(parts)})</span>'

    content_html = PLACEHOLDER.sub(replace, content_html)
    if not cited:
        return content_html
    siteurl = settings.get("SITEURL", "")
    items = []
    for publication in cited:
        text = html.escape(publication.citation_text or publication.title_text)
        if publication.url:
            text += f' <a href="{html.escape(siteurl)}/{html.escape(publication.url)}">Details</a>'
        items.append(f'<li id="ref-{html.escape(publication.slug)}">{text}</li>')
    heading = html.escape(settings["CITATIONS_HEADING"])
    return (f'{content_html}\n<section class="references" aria-labelledby="references">'
            f'<h2 id="references">{heading}</h2><ol>{"".join(items)}</ol></section>')


def _add_extension(pelican) -> None:
    add_markdown_extension(pelican.settings, CitationsExtension())


def _resolve(generators) -> None:
    context = generators[0].context
    settings = generators[0].settings
    publications = {publication.key: publication for publication in context.get("publications", [])}
    for name in ("articles", "pages", "hidden_pages", "news"):
        for content in context.get(name) or ():
            if 'class="citation" data-keys=' in raw_html(content):
                source = shown_path(content.source_path, settings)
                replace_html(content, lambda body, source=source: cite(body, publications, source, settings))


def register() -> None:
    signals.initialized.connect(_add_extension)
    signals.all_generators_finalized.connect(_resolve)
