"""Citations in posts and pages, linked to a References list at the end.

    As we showed {% cite curie1898 %}, …            (al-folio's jekyll-scholar tag)
    As we showed [@curie1898; @meitner1939], …
    As we showed <d-cite key="curie1898, meitner1939"></d-cite>, …   (distill)

A key is looked up first in the post's own bibliography (`bibliography:
file.bib` in its front matter, see bibliography.py), then among the
publications. Citations are found in the parsed page, so they work inside
HTML too (figure captions, footnotes), never inside code or math.

Python gives the templates data: each citation is drawn by
`partials/citation.html` (an inline news item, which has no page and so no
References list, links to the paper's page), and the post gets `references`, a list of
Reference (references.py), which `partials/references.html` lists. A key found
nowhere is a warning naming the file and line, and shows as "(key?)".

Settings (default):
    CITATIONS_STYLE ("author-year"): "(Curie et al., 1898)", or "numbered"
        for "[1]"; a post's front matter `citation_style:` overrides it.
    CITATIONS_HEADING ("References"): the heading of the list.
    CITATIONS_BIBLIOGRAPHY_PATH ("bibliography"): the folder under content/
        where posts' bibliographies are found (al-folio's assets/bibliography/).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from lxml import html as lxml_html
from pelican import signals

from ..content import documents, edit_tree, raw_html, template_generator
from ..data import shown_path
from .bibliography import Bibliographies
from .references import Reference, element_id, make_reference

logger = logging.getLogger(__name__)

STYLES = ("author-year", "numbered")
# Citations written as text: {% cite a b %} and [@a; @b].
TEXT_CITE = re.compile(r"\{%-?\s*cite\s+(?P<liquid>[^%]+?)\s*-?%\}"
                       r"|\[(?P<pandoc>@[^\]\s;]+(?:\s*;\s*@[^\]\s;]+)*)\]")
# Where a citation is never looked for.
_LEAVE_ALONE = {"code", "pre", "kbd", "samp", "script", "style", "math", "textarea", "a"}
_MARKERS = ("{%", "[@", "<d-cite")


@dataclass
class Cite:
    """One key of a citation; `reference` is None when the key is found nowhere."""

    key: str
    reference: Reference | None


def keys_of(match: re.Match) -> list[str]:
    if match["liquid"]:
        return match["liquid"].split()
    return [part.strip().lstrip("@") for part in match["pandoc"].split(";")]


def d_cite_keys(element) -> list[str]:
    """The keys of <d-cite key="a, b"> (or bibtex-key=…), in any spacing."""
    value = element.get("key") or element.get("bibtex-key") or ""
    return [key for key in re.split(r"[\s,]+", value) if key]


class _PostCitations:
    """Resolves the citations of one post, in order, and collects its references."""

    def __init__(self, content, entries: dict, publications: dict, settings: dict, template):
        self.content = content
        # An inline news item has no page, so no References list: its citations
        # link to the paper's page instead of #ref-… on a page that lacks it.
        self.listed_here = not getattr(content, "is_inline", False)
        self.entries = entries
        self.publications = publications
        self.settings = settings
        self.template = template
        self.style = content.metadata.get("citation_style") or settings["CITATIONS_STYLE"]
        if self.style not in STYLES:
            logger.warning("%s: citation_style %r is not one of %s; %r is used.",
                           self.source, self.style, ", ".join(STYLES), settings["CITATIONS_STYLE"])
            self.style = settings["CITATIONS_STYLE"]
        self.references: dict[str, Reference] = {}
        self.missing: set[str] = set()
        self._lines: list[str] | None = None

    @property
    def source(self) -> str:
        return shown_path(self.content.source_path, self.settings)

    def reference(self, key: str) -> Reference | None:
        if key in self.references:
            return self.references[key]
        number = len(self.references) + 1
        entry = self.entries.get(key) or _casefold_get(self.entries, key)
        if entry is not None:
            reference = make_reference(key, entry.fields, number)
        else:
            publication = self.publications.get(key) or _casefold_get(self.publications, key)
            if publication is None:
                self._warn_missing(key)
                return None
            page = publication.url or f"{self.settings['PUBLICATIONS_URL']}#{publication.key}"
            reference = make_reference(key, publication.fields, number, page_url=page, own=True)
        self.references[key] = reference
        return reference

    def _warn_missing(self, key: str) -> None:
        if key in self.missing:
            return
        self.missing.add(key)
        where = self.source
        line = self._line_of(key)
        if line:
            where = f"{where}:{line}"
        bibliography = self.content.metadata.get("bibliography")
        places = (f"neither in its bibliography {bibliography!r} nor in your publications"
                  if bibliography else "not in your publications")
        logger.warning("%s: cites %r, which is %s; it is shown as '(%s?)'. Check the key, "
                       "or add the entry.", where, key, places, key)

    def _line_of(self, key: str) -> int | None:
        """The first line of the source file that mentions the key."""
        if self._lines is None:
            try:
                with open(self.content.source_path, encoding="utf-8", errors="replace") as handle:
                    self._lines = handle.read().splitlines()
            except OSError:
                self._lines = []
        pattern = re.compile(r"(?<![\w:-])%s(?![\w:-])" % re.escape(key))
        in_front_matter = bool(self._lines) and self._lines[0].strip() == "---"
        for number, line in enumerate(self._lines, 1):
            if in_front_matter:
                in_front_matter = number == 1 or line.strip() not in ("---", "...")
                continue
            if pattern.search(line):
                return number
        return None

    def render(self, keys: list[str]):
        """The citation's element, drawn by the template."""
        cites = [Cite(key, self.reference(key)) for key in keys]
        html = self.template.render(cites=cites, style=self.style, listed_here=self.listed_here,
                                    SITEURL=self.settings["SITEURL"])
        return lxml_html.fragment_fromstring(html.strip())

    def edit(self, root) -> bool:
        changed = False
        for element in list(root.iter("d-cite")):
            new = self.render(d_cite_keys(element))
            new.tail = element.tail
            element.getparent().replace(element, new)
            changed = True
        if not TEXT_CITE.search(lxml_html.tostring(root, encoding="unicode", method="text")):
            return changed
        for element, inside, outside in list(_walk(root)):
            if not inside and isinstance(element.tag, str):
                changed |= self._replace_text(element, "text")
            if element is not root and not outside:
                changed |= self._replace_text(element, "tail")
        return changed

    def _replace_text(self, element, where: str) -> bool:
        """Replace {% cite %} and [@key] in an element's text or tail."""
        text = getattr(element, where)
        matches = list(TEXT_CITE.finditer(text or ""))
        if not matches:
            return False
        setattr(element, where, text[: matches[0].start()])
        if where == "text":
            parent, position = element, 0
        else:
            parent = element.getparent()
            position = parent.index(element) + 1
        for number, match in enumerate(matches):
            new = self.render(keys_of(match))
            end = matches[number + 1].start() if number + 1 < len(matches) else len(text)
            new.tail = text[match.end():end]
            parent.insert(position + number, new)
        return True


def _walk(element, outside: bool = False):
    """Each element with whether its text, and its tail, are in code, math, a link or a
    citation already made (where citations are never looked for)."""
    tag = element.tag if isinstance(element.tag, str) else ""
    inside = outside or tag in _LEAVE_ALONE or "citation" in (element.get("class") or "").split()
    yield element, inside, outside
    for child in element:
        yield from _walk(child, inside)


def _casefold_get(mapping: dict, key: str):
    """BibTeX keys are case-insensitive."""
    folded = key.casefold()
    return next((value for name, value in mapping.items() if name.casefold() == folded), None)


def _resolve(generators) -> None:
    generator = template_generator(generators)
    if generator is None:
        return
    context, settings = generator.context, generator.settings
    template = generator.env.get_template("partials/citation.html")
    publications = {publication.key: publication for publication in context.get("publications", [])}
    bibliographies = Bibliographies(settings)
    for content in documents(context):
        body = raw_html(content)
        if not any(marker in body for marker in _MARKERS):
            continue
        post = _PostCitations(content, bibliographies.entries_for(content), publications,
                              settings, template)
        edit_tree(content, post.edit)
        content.references = list(post.references.values())
        content.citation_style = post.style


def register() -> None:
    signals.all_generators_finalized.connect(_resolve)


__all__ = ["Cite", "Reference", "element_id", "register"]
