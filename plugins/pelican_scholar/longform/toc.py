"""A post's table of contents, made at build time from its headings.

Three ways to ask for one, as al-folio posts do:

    toc: true                      # or toc: {sidebar: left}: every section
    toc:                           # distill: these sections, by their titles
      - name: Equations
        subsections:
          - name: Numbering
    <d-contents> … </d-contents>   # written by hand in the post

The post gets `toc`, a list of TocEntry, which `partials/toc.html` draws.
Headings get kramdown's ids (Jekyll's Markdown), so links written for
al-folio, such as `#notation--background`, keep working.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..markdown import kramdown_id

_HEADINGS = ("h1", "h2", "h3", "h4")


@dataclass
class TocEntry:
    title: str
    anchor: str  # the heading's id; "" when no heading has this title
    children: list[TocEntry] = field(default_factory=list)


def _text(element) -> str:
    return " ".join(element.text_content().split())


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text).casefold().split())


def section_headings(root) -> list:
    """The headings of the text (h1 to h4), each given an id if it has none."""
    found = [node for node in root.iter(*_HEADINGS)
             if not any(a.tag in ("nav", "aside", "details") for a in node.iterancestors())]
    taken = {node.get("id") for node in root.iter() if isinstance(node.tag, str) and node.get("id")}
    for heading in found:
        if not heading.get("id"):
            base = kramdown_id(_text(heading))
            anchor, number = base, 1
            while anchor in taken:
                anchor, number = f"{base}-{number}", number + 1
            heading.set("id", anchor)
            taken.add(anchor)
    return found


def from_headings(root) -> list[TocEntry]:
    """Sections and their subsections: the two highest heading levels the text uses
    (## and ###, or # and ## in posts whose sections are # headings)."""
    headings = section_headings(root)
    if not headings:
        return []
    top = min(int(heading.tag[1]) for heading in headings)
    entries: list[TocEntry] = []
    for heading in headings:
        level = int(heading.tag[1])
        if level > top + 1:
            continue
        entry = TocEntry(_text(heading), heading.get("id"))
        if level == top + 1 and entries:
            entries[-1].children.append(entry)
        else:
            entries.append(entry)
    return entries


def from_front_matter(spec: list, root, warn) -> list[TocEntry]:
    """al-folio's `toc:` list of {name, subsections}, linked to the headings of those titles.

    `warn(message)` is told about a title no heading has.
    """
    by_title: dict[str, str] = {}
    for heading in section_headings(root):
        by_title.setdefault(_fold(_text(heading)), heading.get("id"))

    def entry(item) -> TocEntry | None:
        if isinstance(item, dict):
            name, subsections = str(item.get("name") or ""), item.get("subsections") or []
        else:
            name, subsections = str(item or ""), []
        if not name:
            return None
        anchor = by_title.get(_fold(name), "")
        if not anchor:
            warn(f"the table of contents names {name!r}, but no section has that title; it is "
                 "listed without a link. Make the `toc:` name match the heading.")
        children = [child for child in map(entry, subsections if isinstance(subsections, list) else [])
                    if child]
        return TocEntry(name, anchor, children)

    return [item for item in map(entry, spec) if item]


def from_contents(element) -> list[TocEntry]:
    """The links of a hand-written <d-contents>; links inside a list are subsections."""
    entries: list[TocEntry] = []
    for link in element.iter("a"):
        href = link.get("href") or ""
        if not href.startswith("#"):
            continue
        entry = TocEntry(_text(link), href[1:])
        nested = any(node.tag == "li" for node in link.iterancestors())
        if nested and entries:
            entries[-1].children.append(entry)
        else:
            entries.append(entry)
    return entries
