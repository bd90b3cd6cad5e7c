"""Footnotes as side notes: distill's <d-footnote> and Markdown's [^1].

Each note is numbered in the order the text refers to it. Where the
reference sits in running text, the note is also written beside it as a side
note (`partials/note.html`), which main.css floats into the margin on wide
screens; the numbered list at the end (`partials/notes.html`, from the
post's `notes`) is what narrow screens show. No JavaScript either way.

A note holding more than paragraphs (a list, a table, code) or referred to
from a heading, table, figure or link stays a note at the end only.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from markupsafe import Markup

from ..content import serialize_fragment

# Where a side note may sit: running text.
_TEXT_BLOCKS = {"p", "li", "dd", "dt"}
_NOT_BESIDE = {"h1", "h2", "h3", "h4", "h5", "h6", "table", "figure", "figcaption", "a",
               "details", "summary", "nav", "pre", "code", "math", "button", "label"}
_PHRASING_CONTAINERS = {"p"}
_FLOW = {"div", "ul", "ol", "dl", "table", "pre", "blockquote", "figure", "section", "aside",
         "h1", "h2", "h3", "h4", "h5", "h6", "hr", "details", "form", "iframe", "img", "video"}


@dataclass
class Note:
    """One footnote. `html` is the note's HTML, as written in the post."""

    number: int
    anchor: str  # id of the note in the list at the end
    ref_anchor: str  # id of the first reference to it in the text
    html: Markup
    sidenote: bool  # also shown beside the text on wide screens


def _inner_html(element) -> str:
    holder = copy.deepcopy(element)
    holder.tail = None
    return serialize_fragment(holder).strip()


def _can_be_beside(ref) -> bool:
    block = next((node for node in ref.iterancestors() if node.tag in _TEXT_BLOCKS | _FLOW), None)
    if block is None or block.tag not in _TEXT_BLOCKS:
        return False
    return not any(node.tag in _NOT_BESIDE for node in ref.iterancestors())


def _side_copy(element):
    """The note as a <span> of phrasing content, or None when it holds more than paragraphs."""
    side = copy.deepcopy(element)
    side.tail = None
    side.tag = "span"
    side.attrib.clear()
    for node in side.iter():
        if node is side or not isinstance(node.tag, str):
            continue
        if node.tag in _FLOW:
            return None
        if node.tag in _PHRASING_CONTAINERS:
            if node.getparent() is not side:
                return None
            node.tag = "span"
            node.set("class", "sidenote__para")
        node.attrib.pop("id", None)  # the copy at the end keeps the ids
    return side


def _markdown_footnotes(root) -> dict[str, object]:
    """Python-Markdown's list at the end: {its id: the <li>}; the list is removed."""
    found = {}
    for holder in root.xpath('//div[contains(concat(" ", normalize-space(@class), " "), " footnote ")]'):
        for item in holder.xpath("./ol/li[@id]"):
            for back in item.xpath('.//a[contains(@class, "footnote-backref")]'):
                _drop_keeping_tail(back)
            found[item.get("id")] = item
        holder.drop_tree()
    return found


def _drop_keeping_tail(element) -> None:
    """Remove an element and the no-break space Markdown puts before a back link."""
    previous = element.getprevious()
    parent = element.getparent()
    tail = element.tail or ""
    if previous is not None:
        previous.tail = (previous.tail or "").rstrip("\xa0 ") + tail
    else:
        parent.text = (parent.text or "").rstrip("\xa0 ") + tail
    parent.remove(element)


def collect_notes(root, render_ref) -> list[Note]:
    """Turn every footnote in the tree into a Note; references become `render_ref(note, side)`.

    `render_ref(note, side_html)` returns the element that replaces the reference.
    """
    markdown_notes = _markdown_footnotes(root)
    references = root.xpath('//d-footnote | //sup[a[contains(@class, "footnote-ref")]]')
    notes: list[Note] = []
    by_markdown_id: dict[str, Note] = {}
    for ref in references:
        if ref.tag == "d-footnote":
            body = ref
            known = None
        else:
            target = ref.find("a").get("href", "").lstrip("#")
            known = by_markdown_id.get(target)
            body = markdown_notes.get(target)
            if body is None and known is None:
                continue
        if known is not None:  # a second reference to a Markdown note
            new = render_ref(known, None, repeat=True)
        else:
            number = len(notes) + 1
            side = _side_copy(body) if _can_be_beside(ref) else None
            note = Note(number, f"fn-{number}", f"fnref-{number}", Markup(_inner_html(body)),
                        side is not None)
            notes.append(note)
            if ref.tag != "d-footnote":
                by_markdown_id[target] = note
            side_html = Markup(_inner_html(side)) if side is not None else None
            new = render_ref(note, side_html, repeat=False)
        new.tail = ref.tail
        ref.getparent().replace(ref, new)
    return notes
