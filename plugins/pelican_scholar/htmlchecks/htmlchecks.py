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
* obsolete elements (`<center>`, `<font>`, `<tt>`, `<big>`, `<strike>` …);
* an `<img>` without `alt`, a `<figcaption>` outside a `<figure>`, a block
  (`<figure>`, `<div>` …) inside a paragraph, a `<style>` element in the text
  (its place is content/extra.css), and a whole HTML document pasted in;
* text coloured inline below WCAG's contrast on the light or dark theme;
* HTML comments opened inside another, or never closed.

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
from markdown.treeprocessors import Treeprocessor
from pelican import signals

from ..content import parse_fragment
from ..data import shown_path
from ..markdown import FENCE, add_markdown_extension, current_document
from ..publications.colors import contrast_ratio, parse_color

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


# The theme's page backgrounds (--color-bg in main.css), light and dark.
BACKGROUNDS = {"light": (255, 255, 255), "dark": (20, 23, 27)}
NAMED_COLOURS = {"black": (0, 0, 0), "white": (255, 255, 255), "gray": (128, 128, 128),
                 "grey": (128, 128, 128), "silver": (192, 192, 192), "red": (255, 0, 0),
                 "blue": (0, 0, 255), "green": (0, 128, 0), "navy": (0, 0, 128), "darkgray": (169, 169, 169),
                 "lightgray": (211, 211, 211), "lightgrey": (211, 211, 211), "darkgrey": (169, 169, 169)}
COLOUR = re.compile(r"(?:^|;)\s*color\s*:\s*([^;!]+)", re.I)
OPACITY = re.compile(r"(?:^|;)\s*opacity\s*:\s*([\d.]+)\s*(%?)", re.I)


def _rgb(value: str) -> tuple[int, int, int] | None:
    """A CSS colour as the venue badges read it (hex, rgb()), or a common named one.
    A translucent colour counts as opaque: mixed with the page behind it, it only
    loses contrast, so one that fails opaque fails as it is."""
    value = value.strip().lower()
    return NAMED_COLOURS.get(value) or parse_color(value)


def _inline_colour_problems(element, problems: _Problems) -> None:
    """Text coloured in a style="" attribute: one colour for the light and the dark theme."""
    style = element.get("style") or ""
    colour = COLOUR.search(style)
    rgb = _rgb(colour[1]) if colour else None
    if rgb:
        low = {scheme: contrast_ratio(rgb, background) for scheme, background in BACKGROUNDS.items()}
        failing = {scheme: ratio for scheme, ratio in low.items() if ratio < 4.5}
        if failing:
            problems.add(f"the text colour {colour[1].strip()} set in style=\"…\" has a contrast of "
                         + " and ".join(f"{ratio:.1f}:1 on the {scheme} theme" for scheme, ratio in failing.items())
                         + " (readers need 4.5:1). Leave the colour out (the theme's text colour suits both), "
                         "or set it in content/extra.css for each theme.", "color", colour[1].strip()[:12])
    opacity = OPACITY.search(style)
    if opacity:
        amount = float(opacity[1]) / (100 if opacity[2] else 1)
        if amount < 0.8 and element.text_content().strip():
            problems.add(f"text made see-through with opacity: {opacity[1]}{opacity[2]} in style=\"…\" loses "
                         "contrast readers need. Leave it out, or use the theme's muted text colour in "
                         "content/extra.css (var(--color-muted)).", "opacity", opacity[1])


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
        if element.tag == "img" and "alt" not in element.attrib:
            problems.add("an <img> has no alt attribute, which screen readers need: add alt=\"…\" "
                         "describing it (alt=\"\" for a purely decorative image).",
                         "<img", element.get("src", ""))
        if element.tag == "figcaption" and element.getparent().tag != "figure":
            problems.add("a <figcaption> outside a <figure> is not valid HTML: put the image and "
                         "its caption in <figure> … </figure>.", "<figcaption")
        if element.tag == "style":
            problems.add("a <style> element in a post is only valid HTML as the first thing of its "
                         "section; move the CSS to content/extra.css (see the README), where it "
                         "styles every page.", "<style")
        _inline_colour_problems(element, problems)
        if element.tag in OBSOLETE_ELEMENTS:
            problems.add(f"<{element.tag}> is obsolete HTML, which the HTML checker rejects. "
                         f"Use {OBSOLETE_ELEMENTS[element.tag]} instead.", f"<{element.tag}")
        _attribute_problems(element, problems)
    if skips:
        problems.found[_heading_message(skips)] = [skips[0][0]]
    document = WHOLE_DOCUMENT.search(html)
    if document:
        problems.add("the text holds a whole HTML document of its own (<!DOCTYPE>, <html>, <head> or <body>), "
                     "which ends up inside this site's page, where the HTML checker rejects it. Keep only what "
                     "is between <body> and </body>, or publish the file as it is from content/files/ and "
                     "link to it.", document.group(0).strip())
    for match in BLOCK_IN_PARAGRAPH.finditer(html):
        problems.add(f"a <{match['tag']}> inside a paragraph is not valid HTML (browsers end the paragraph "
                     "before it, leaving a stray </p>): leave a blank line before and after the HTML block.",
                     f"<{match['tag']}")
    _comment_problems(source_lines, problems)
    problems.log(shown)


WHOLE_DOCUMENT = re.compile(r"<!doctype\s|<(?:html|head|body)[\s>]", re.I)
# A <p> opened by Markdown or the author, then a block element before it closes.
BLOCK_IN_PARAGRAPH = re.compile(r"<p(?:\s[^>]*)?>(?:(?!</p>|<p[\s>]).)*?<(?P<tag>figure|div|table|ul|ol|dl|"
                                r"blockquote|pre|section|h[1-6]|details|hr)[\s>]", re.I | re.S)


def _comment_problems(lines: list[str], problems: _Problems) -> None:
    """HTML comments do not nest: an opening <!-- inside one, or one never closed, hides or shows the wrong text."""
    opened = None  # the line of the comment we are in
    fence = ""
    for number, line in enumerate(lines, 1):
        fenced = opened is None and FENCE.match(line)  # a fence in a comment is text
        if fence or fenced:
            fence = "" if fence and line.strip().startswith(fence) else (fence or fenced.group(1))
            continue
        for token in re.findall(r"<!--|-->", line):
            if token == "<!--" and opened is not None:
                problems.found.setdefault(
                    f"the HTML comment opened on line {opened} holds another <!-- (line {number}); comments do "
                    "not nest, so the first --> ends both and what follows shows, or the rest is garbled. "
                    "Close each comment before opening the next.", []).append(number)
            elif token == "<!--":
                opened = number
            else:
                opened = None
    if opened is not None:
        problems.found.setdefault("an HTML comment is opened here but never closed with -->: everything after it "
                                  "is hidden. Close it.", []).append(opened)


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


class _TreeDone(Treeprocessor):
    """Marks that the whole document was parsed: postprocessors also run on each
    heading's text for the table of contents (Markdown's toc), which is no document."""

    def run(self, root) -> None:
        self.md.scholar_tree_done = True


class _CheckDocument(Postprocessor):
    def run(self, text: str) -> str:
        document = current_document()
        if getattr(self.md, "scholar_tree_done", False) and document.source_path:
            self.md.scholar_tree_done = False
            check_html(text, document.text.splitlines(), document.shown_path)
        return text


class HtmlChecksExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        # Last of all (math finishes at 1): the HTML as the page will hold it.
        md.postprocessors.register(_CheckDocument(md), "scholar-html-checks", 0)
        md.treeprocessors.register(_TreeDone(md), "scholar-html-checks-tree-done", -100)


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
