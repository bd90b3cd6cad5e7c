"""Authors' HTML that browsers forgive but the audit rejects, named with file and line.

Posts moved from other site generators carry HTML written for browsers that
forgive anything. It renders, so nothing looks wrong, but the HTML checker
and axe (`./dev audit`) fail the page. Each kind of problem in a Markdown
document is one warning, naming the file, the lines and the fix:

* a heading that skips a level (`###` right under the page's title): screen
  reader users move by heading level (axe's heading-order);
* `width`/`height` that are not whole pixels (`width="100%"`) on images,
  iframes and videos;
* a yes/no attribute with a value (`allowfullscreen="true"`);
* CSS written as an attribute (`font-size="12px"`, `color="red"`);
* obsolete elements (`<center>`, `<font>`, `<tt>`, `<big>`, `<strike>` …).

Static `.html` files published as they are (an old lecture handout) are named
when they are not HTML5 documents (no `<!DOCTYPE html>`).

The checks run while a document is read, so a document taken from the
content cache costs nothing and warns again (frontmatter/reading_warnings.py).
Elements of SVG, MathML and custom elements (distill's `<d-…>`) follow rules
of their own and are not checked. No settings.
"""

from __future__ import annotations

import logging
import re

from markdown import Extension
from markdown.postprocessors import Postprocessor
from pelican import signals

from ..content import parse_fragment
from ..data import shown_path
from ..markdown import add_markdown_extension, current_document

logger = logging.getLogger(__name__)

SIZED_ELEMENTS = {"img", "iframe", "video", "canvas", "embed", "object", "source", "input"}
YES_NO_ATTRIBUTES = {"allowfullscreen", "async", "autofocus", "autoplay", "checked", "controls", "default",
                     "defer", "disabled", "formnovalidate", "hidden", "inert", "ismap", "loop", "multiple",
                     "muted", "nomodule", "novalidate", "open", "playsinline", "readonly", "required",
                     "reversed", "selected"}
VALUED_YES_NO = {"hidden": "until-found"}  # the one yes/no attribute with a value of its own
# Attributes with a hyphen that HTML has; any other is CSS or a typo.
HYPHENATED_ATTRIBUTES = {"accept-charset", "http-equiv"}
STYLE_ATTRIBUTES = {"color"}  # on anything but <font>, which is obsolete itself
OBSOLETE_ELEMENTS = {"acronym": "<abbr>", "applet": "<object>", "basefont": "CSS", "big": "CSS",
                     "blink": "CSS", "center": "CSS (style=\"text-align: center\")",
                     "dir": "<ul>", "font": "CSS (style=\"color: …\")", "frame": "<iframe>",
                     "frameset": "<iframe>", "listing": "<pre>", "marquee": "CSS", "nobr": "CSS",
                     "noframes": "nothing", "plaintext": "<pre>", "spacer": "CSS",
                     "strike": "<del> or <s>", "tt": "<code> or <kbd>", "xmp": "<pre>"}
FOREIGN_ROOTS = {"svg", "math"}
HEADING = re.compile(r"^h([1-6])$")


class _Problems:
    """Problems found in one document, grouped by what to do about them."""

    def __init__(self, source_lines: list[str]) -> None:
        self.lines = [line.lower() for line in source_lines]
        self.found: dict[str, list[int | None]] = {}
        self.seen: dict[tuple[str, ...], int] = {}

    def add(self, message: str, *needles: str) -> None:
        self.found.setdefault(message, []).append(self.line_of(*needles))

    def line_of(self, *needles: str) -> int | None:
        """The line of the source holding every needle (case-insensitive): the first
        such line for the first problem with these needles, the second for the second …"""
        wanted = tuple(needle.lower() for needle in needles if needle)
        occurrence = self.seen[wanted] = self.seen.get(wanted, -1) + 1
        matching = [number for number, line in enumerate(self.lines, 1)
                    if all(needle in line for needle in wanted)]
        return matching[min(occurrence, len(matching) - 1)] if matching else None

    def log(self, shown: str) -> None:
        for message, lines in self.found.items():
            known = sorted({line for line in lines if line})
            where = f"{shown}:{known[0]}" if known else shown
            also = f" (also line{'s' if len(known) > 2 else ''} {', '.join(map(str, known[1:]))})" \
                if len(known) > 1 else ""
            logger.warning("%s: %s%s", where, message, also)


def _is_checked(element) -> bool:
    """An HTML element of the author's (not SVG, MathML or a custom element)."""
    if not isinstance(element.tag, str) or "-" in element.tag:
        return False
    return not any(ancestor.tag in FOREIGN_ROOTS for ancestor in element.iterancestors())


def _attribute_problems(element, problems: _Problems) -> None:
    tag = element.tag
    for name, value in element.attrib.items():
        name = name.lower()
        needle = f"{name}="
        if tag in SIZED_ELEMENTS and name in ("width", "height") and not value.strip().isdigit():
            pixels = value.strip().lower().removesuffix("px").strip()
            fix = (f'write {name}="{pixels}"' if pixels.isdigit()
                   else f'for a share of the page write style="{name}: {value.strip()}" instead')
            problems.add(f'{name}="{value}" on <{tag}> is not valid HTML: {name} is a whole number of '
                         f"pixels; {fix}.", needle, value)
        elif name in YES_NO_ATTRIBUTES and value.lower() not in ("", name, VALUED_YES_NO.get(name)):
            problems.add(f'{name}="{value}" on <{tag}> is not valid HTML: {name} is on when present, '
                         f"whatever its value. Write {name} alone (or leave it out to turn it off).",
                         needle, value)
        elif ("-" in name and not name.startswith(("data-", "aria-")) and name not in HYPHENATED_ATTRIBUTES) \
                or name in STYLE_ATTRIBUTES:
            problems.add(f'{name}="{value}" on <{tag}> is not an HTML attribute, so browsers ignore it. '
                         f'If it is CSS, write style="{name}: {value}".', needle, value)


def check_html(html: str, source_lines: list[str], shown: str) -> None:
    """Warn about each kind of problem in a document's HTML (see the module's docstring)."""
    if not html.strip():
        return
    problems = _Problems(source_lines)
    level = 1  # the page's title
    skips: list[tuple[int | None, str, int, int]] = []  # (line, text, its level, the level before)
    for element in parse_fragment(html).iterdescendants():
        if not _is_checked(element):
            continue
        heading = HEADING.match(element.tag)
        if heading:
            found = int(heading[1])
            if found > level + 1:
                text = " ".join(element.text_content().split())
                skips.append((problems.line_of(text[:30]), text[:60], found, level))
            level = found
        if element.tag in OBSOLETE_ELEMENTS:
            problems.add(f"<{element.tag}> is obsolete HTML, which the HTML checker rejects. "
                         f"Use {OBSOLETE_ELEMENTS[element.tag]} instead.", f"<{element.tag}")
        _attribute_problems(element, problems)
    if skips:
        problems.found[_heading_message(skips)] = [skips[0][0]]
    problems.log(shown)


def _heading_message(skips: list[tuple[int | None, str, int, int]]) -> str:
    """One message for every heading of a document that skips a level."""
    def fix(level: int) -> str:
        return f"level {level + 1} ({'#' * (level + 1)})"

    if len(skips) == 1:
        _, text, found, level = skips[0]
        return (f"the heading “{text}” is level {found} right after level {level}"
                f"{' (the title)' if level == 1 else ''}, skipping a level that screen reader users "
                f"move by. Make it {fix(level)}.")
    listed = "; ".join(f"{f'line {line} ' if line else ''}“{text}”: {found} after {level}, make it {fix(level)}"
                       for line, text, found, level in skips)
    return (f"{len(skips)} headings skip a level (the title is level 1), which screen reader users "
            f"move by: {listed}.")


class _CheckDocument(Postprocessor):
    def run(self, text: str) -> str:
        document = current_document()
        if document.source_path:
            try:
                with open(document.source_path, encoding="utf-8") as handle:
                    lines = handle.read().splitlines()
            except (OSError, UnicodeDecodeError):
                lines = []
            check_html(text, lines, document.shown_path)
        return text


class HtmlChecksExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        # Last of all (math finishes at 1): the HTML as the page will hold it.
        md.postprocessors.register(_CheckDocument(md), "scholar-html-checks", 0)


DOCTYPE = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<!doctype\s+html\s*>", re.I | re.S)


def _check_static_html(generator) -> None:
    """Static .html files are published as they are: name those that are not HTML5."""
    for static in getattr(generator, "staticfiles", []):
        if not static.source_path.lower().endswith((".html", ".htm")):
            continue
        try:
            with open(static.source_path, "rb") as handle:
                start = handle.read(4096)
        except OSError:
            continue
        if not DOCTYPE.match(start.removeprefix(b"\xef\xbb\xbf")):
            logger.warning("%s: published as it is, but it is not an HTML5 document (no <!DOCTYPE html> "
                           "at its start), so browsers show it in quirks mode and the HTML checker rejects "
                           "it. Add <!DOCTYPE html> as its first line, or publish it as a PDF.",
                           shown_path(static.source_path, generator.settings))


def _add_extension(pelican) -> None:
    add_markdown_extension(pelican.settings, HtmlChecksExtension())


def register() -> None:
    signals.initialized.connect(_add_extension)
    signals.static_generator_finalized.connect(_check_static_html)
