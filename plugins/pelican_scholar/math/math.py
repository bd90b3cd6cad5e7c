"""TeX math in Markdown, rendered to MathML while the site builds.

`$…$` and `\\(…\\)` are inline math, `$$…$$` and `\\[…\\]` display math;
`\\begin{equation}…\\end{equation}` (and `align`, `gather`, `multline`, …)
written bare in a paragraph is display math too, as MathJax reads it on
al-folio. Math inside raw HTML blocks (`<details>`, `<div>`, tables) is
converted as well. Equations are numbered as MathJax's `tags: 'ams'` numbers
them (see `numbering.py`), and `\\eqref{x}`/`\\ref{x}`, in math or in text,
link to the labelled equation.

The converter is Temml (`engine.py`); its MathML passes an allow-list
(`sanitize.py`). Browsers draw MathML natively, so a page with math loads no
JavaScript; the math font is subset to the site's glyphs (`font.py`). A
dollar sign followed by a space or a digit after the closing one
("$5 and $10") stays a dollar sign. A formula Temml cannot read is a warning
naming the file, line and TeX, and the page shows the TeX as code.

Settings (default):
    MATH (True): turn the conversion off with False, e.g. to use your own.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass, field

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markupsafe import Markup
from pelican import signals

from ..markdown import add_markdown_extension, current_document
from . import engine, font
from .numbering import BARE_ENVIRONMENTS, MARK, NUMBERED, Numbering, anchor, markdown_unescaped
from .sanitize import UnsafeMathML, sanitize

logger = logging.getLogger(__name__)

# `\\[` and `\\(` too: Markdown written for kramdown (al-folio) doubles the backslash.
DISPLAY = r"\$\$(?P<display>.+?)\$\$|\\\\?\[(?P<display2>.+?)\\\\?\]"
# The check for what precedes the opening `$` (not a backslash, a dollar or a
# letter) sits after it, so that both alternatives start with a literal
# character: the regex engine then skips to the next `$` or `\` instead of
# trying every position of every paragraph.
INLINE = r"\$(?<![\\$\w]\$)(?=\S)(?P<inline>(?:[^$\\]|\\.)+?)(?<=\S)\$(?![\d$])|\\\\?\((?P<inline2>.+?)\\\\?\)"
# An environment written bare in the text, as MathJax finds it.
BARE = r"(?P<environment>\\begin\{(?P<name>%s)(?P<star>\*?)\}.*?\\end\{(?P=name)(?P=star)\})" % "|".join(
    re.escape(name) for name in dict.fromkeys(BARE_ENVIRONMENTS))
# \eqref{x} and \ref{x} in the text, outside math.
TEXT_REF = r"\\(?P<kind>eqref|ref)\{(?P<label>[^{}\s]+)\}"
# One pattern, so that what starts first wins: `$$\begin{equation}…$$` is one
# formula, not an environment between two dollar pairs.
FORMULA = "|".join((DISPLAY, BARE, INLINE))
ANY_MATH = re.compile("|".join((FORMULA, TEXT_REF)), re.S)

# MathJax's `\require{colorv2}` loads one of its extensions; Temml has them built in.
MATHJAX_REQUIRE = re.compile(r"\\require\s*\{[\w-]*\}")

# Where a formula goes until the page is numbered and converted.
# The punctuation right after it is kept with an inline formula: a browser may
# break a line after a <math> box, leaving "x" at the end of one line and ","
# at the start of the next.
SLOT = re.compile(r'<(?P<tag>div|span) data-scholar-(?P<what>math|ref)="(?P<index>\d+)"></(?P=tag)>'
                  r'(?P<after>[,.;:!?]*)')
DISPLAY_ENVIRONMENT = re.compile(r"\\begin\{(?:%s)\*?\}" % "|".join(NUMBERED))
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
TEX_IN_TAG = re.compile(r"[$\\^_{}]")
# Parts of raw HTML whose text is never math.
NOT_MATH = re.compile(r"<(code|pre|kbd|samp|script|style|textarea|math)\b.*?</\1\s*>|<!--.*?-->|<[A-Za-z/!?][^>]*>",
                      re.S | re.I)


@dataclass
class Formula:
    tex: str
    display: bool
    in_text: bool  # inside a paragraph, title or link: only phrasing content
    line: int = 0
    focusable: bool = False  # a display formula in a post's text scrolls on a phone


@dataclass
class Page:
    """The formulas and references of one document, in the order they were found."""
    source: str = ""  # the file, as warnings name it
    text: str = ""  # its Markdown, to find line numbers
    formulas: list[Formula] = field(default_factory=list)
    refs: list[tuple[str, str, int]] = field(default_factory=list)  # kind, label, line

    def line_of(self, needle: str) -> int:
        index = self.text.find(needle.strip()[:80]) if needle.strip() else -1
        return self.text.count("\n", 0, index) + 1 if index >= 0 else 0

    def add_formula(self, tex: str, display: bool, in_text: bool) -> str:
        line = self.line_of(tex)
        # MathJax reads the page's text, in which the browser has already
        # turned `&amp;` into `&`: so do we.
        tex = _printable(html.unescape(tex))
        # `$$\begin{align}…$$` within a sentence is still a display formula.
        display = display or bool(DISPLAY_ENVIRONMENT.search(tex))
        self.formulas.append(Formula(tex, display, in_text, line, focusable=True))
        tag = "div" if display and not in_text else "span"
        return f'<{tag} data-scholar-math="{len(self.formulas) - 1}"></{tag}>'

    def add_ref(self, kind: str, label: str) -> str:
        self.refs.append((kind, label, self.line_of("\\%s{%s}" % (kind, label))))
        return f'<span data-scholar-ref="{len(self.refs) - 1}"></span>'

    def add_match(self, match: re.Match, in_text: bool) -> str:
        """A slot for what ANY_MATH (or one of its parts) found."""
        groups = match.groupdict()
        if groups.get("kind"):
            return self.add_ref(groups["kind"], groups["label"])
        if groups.get("environment"):
            return self.add_formula(groups["environment"], True, in_text)
        display = bool(groups.get("display") or groups.get("display2"))
        tex = next(groups[name] for name in ("display", "display2", "inline", "inline2") if groups.get(name))
        return self.add_formula(tex, display, in_text)

    def finish(self, document: str) -> str:
        """Number, convert and link every formula, in the order the page shows them."""
        # Only the slots this page made: the same markup typed into a post is left as it is.
        slots = [slot for slot in SLOT.finditer(document) if self._owns(slot)]
        if not slots:
            return document
        numbering = Numbering()
        order = list(dict.fromkeys(int(slot["index"]) for slot in slots if slot["what"] == "math"))
        prepared = {index: numbering.prepare(self.formulas[index].tex.strip(), self.formulas[index].display)
                    for index in order}
        # Posts written for a Markdown that unescapes inside math (`c^\*`,
        # `\\{`): what Temml cannot read is tried once more, unescaped.
        items = []
        for index in order:
            tex = MATHJAX_REQUIRE.sub("", prepared[index])
            alternative = markdown_unescaped(tex)
            items.append((tex, self.formulas[index].display, alternative if alternative != tex else ""))
        rendered = dict(zip(order, engine.render_page(tuple(items))))
        math_refs = numbering.refs

        def replace(slot: re.Match) -> str:
            index = int(slot["index"])
            if not self._owns(slot):
                return slot[0]
            if slot["what"] == "ref":
                kind, label, line = self.refs[index]
                return self._text_ref(kind, label, line, numbering.labels) + slot["after"]
            formula = self.formulas[index]
            converted = _wrap(formula, rendered[index], self.source, formula.line,
                              lambda mark: self._math_ref(math_refs[int(mark["index"])], formula.line,
                                                          numbering.labels))
            if slot["after"] and slot["tag"] == "span" and not formula.display:
                return f'<span class="math-nobreak">{converted}{slot["after"]}</span>'
            return converted + slot["after"]

        return SLOT.sub(replace, document)

    def _owns(self, slot: re.Match) -> bool:
        made = self.refs if slot["what"] == "ref" else self.formulas
        return int(slot["index"]) < len(made)

    def _number(self, kind: str, label: str, line: int, labels: dict) -> str | None:
        shown = labels.get(label)
        if shown is None:
            reason = "no equation has this label" if label not in labels else "that equation has no number"
            logger.warning("%s:%d: math: \\%s{%s}: %s; it is shown as (??). Check the label.",
                           self.source or "Markdown", line, kind, label, reason)
            return None
        return shown[1:-1] if kind == "ref" and shown.startswith("(") and shown.endswith(")") else shown

    def _text_ref(self, kind: str, label: str, line: int, labels: dict) -> str:
        shown = self._number(kind, label, line, labels)
        if shown is None:
            return '<span class="eqref">(??)</span>'
        return f'<a class="eqref" href="#{html.escape(anchor(label))}">{_tag_html(shown)}</a>'

    def _math_ref(self, ref: tuple[str, str], line: int, labels: dict) -> str:
        kind, label = ref
        return "<mtext>%s</mtext>" % self._text_ref(kind, label, line, labels)


def _printable(tex: str) -> str:
    """The TeX without control characters (terminal colours, NUL), which no page may carry."""
    return CONTROL.sub("", tex)


def _tag_html(shown: str) -> str:
    """An equation's number as the text shows it; a \\tag with TeX in it (`$\\star$`) as MathML."""
    if not TEX_IN_TAG.search(shown):
        return html.escape(shown)
    rendered = engine.render("\\text{%s}" % shown, False)
    try:
        return sanitize(rendered.text) if rendered.ok else html.escape(shown)
    except UnsafeMathML:
        return html.escape(shown)


def _wrap(formula: Formula, rendered: engine.Rendered, source: str, line: int, link=None) -> str:
    """The converted formula in the element CSS and typogrify know, or its TeX as code."""
    css = "math math-display" if formula.display else "math"
    where = f"{source or 'Markdown'}:{line}" if line else (source or "Markdown")
    mathml = None
    if rendered.ok:
        try:
            mathml = sanitize(rendered.text)
        except UnsafeMathML as error:
            message = f"unexpected MathML ({error})"
        else:
            if link is not None:
                mathml = MARK.sub(link, mathml)
    else:
        message = rendered.text.splitlines()[0] if rendered.text else "unknown error"
    if mathml is None:
        logger.warning("%s: math: could not convert %r (%s); it is shown as TeX. Check the formula.",
                       where, formula.tex.strip(), message)
        return f'<code class="{css}">{html.escape(formula.tex)}</code>'
    if not formula.display:
        return f'<span class="{css}">{mathml}</span>'
    tag = "span" if formula.in_text else "div"
    # A wide formula scrolls sideways on a phone: keyboard users must reach it
    # too, and a focusable box needs a name to be announced.
    focus = ' tabindex="0" role="group" aria-label="Formula"' if formula.focusable else ""
    return f'<{tag} class="{css}"{focus}>{mathml}</{tag}>'


def render_math(tex: str, display: bool, source: str = "", in_text: bool = False) -> str:
    """HTML for one formula on its own (no numbering): MathML, or the TeX as code."""
    tex = _printable(tex)
    formula = Formula(tex, display, in_text)
    prepared = Numbering().prepare(tex.strip(), display)
    return _wrap(formula, engine.render(prepared, display), source, 0)


MATH_SPAN = re.compile(r'<span class="math">(?P<tex>[^<]*)</span>')
DELIMITERS = re.compile(r"^\s*(?:\$\$(?P<d1>.*)\$\$|\$(?P<i1>.*)\$|\\\[(?P<d2>.*)\\\]|\\\((?P<i2>.*)\\\))\s*$", re.S)


def math_spans_to_mathml(fragment: str) -> Markup:
    """MathML for the TeX that other plugins leave in <span class="math">…</span>.

    The publications plugin keeps `$…$` from BibTeX fields that way, escaped;
    templates apply this as the `mathml` filter. The TeX is unescaped only to
    be read by the converter, whose output is escaped and allow-listed.
    """
    def replace(match: re.Match) -> str:
        tex = html.unescape(match["tex"])
        parts = DELIMITERS.match(tex)
        if parts is None:
            return match[0]
        display = bool(parts["d1"] or parts["d2"])
        body = next(part for part in parts.groups() if part is not None)
        return render_math(body, display, "a BibTeX field", in_text=True)

    if '<span class="math">' not in fragment:
        return Markup(fragment)  # HTML either way: templates autoescape
    return Markup(MATH_SPAN.sub(replace, str(fragment)))


def _page(md) -> Page:
    page = getattr(md, "scholar_math", None)
    if page is None:
        page = md.scholar_math = Page(current_document().shown_path)
    return page


class _Start(Preprocessor):
    """A fresh page for every document the converter reads."""

    def run(self, lines):
        document = current_document()
        self.md.scholar_math = Page(document.shown_path, _source_text(document.source_path, lines))
        return lines


def _source_text(path: str, lines: list[str]) -> str:
    """The file as written, front matter included, so that lines count from its top."""
    if path:
        try:
            with open(path, encoding="utf-8") as handle:
                return handle.read()
        except (OSError, UnicodeDecodeError):
            pass
    return "\n".join(lines)


HTML_BLOCK_START = re.compile(r"^ {0,3}<[A-Za-z]")
CODE_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})|^\s*\{%-?\s*highlight\b")
LESS_THAN_BEFORE_TAG = re.compile(r"<(?=[A-Za-z/!?])")


class _LessThanInRawHtml(Preprocessor):
    """`$0<t$` in a raw HTML block: Markdown's HTML parser would read `<t` as a tag
    and break the block, where kramdown (and so al-folio) reads it as text. The
    `<` is written `\\lt `, which TeX reads as the same sign.

    Only in paragraphs that start with a tag, outside code fences, and only in a
    formula holding no `>`: `$5 and <b>$10</b>` is tags, not math.
    """

    def run(self, lines):
        out, fence, html_block = [], "", False
        for line in lines:
            if fence:
                if line.strip().startswith(fence):
                    fence = ""
                out.append(line)
                continue
            opening = CODE_FENCE.match(line)
            if opening:
                fence = opening["fence"] or "{%"
                out.append(line)
                continue
            if not line.strip():
                html_block = False
            elif not html_block and (not out or not out[-1].strip()):
                html_block = bool(HTML_BLOCK_START.match(line))
            out.append(ANY_MATH.sub(_less_than_as_tex, line) if html_block and "<" in line else line)
        return out


def _less_than_as_tex(match: re.Match) -> str:
    formula = match[0]
    if match["label"] is not None or ">" in formula:
        return formula
    return LESS_THAN_BEFORE_TAG.sub(r"\\lt ", formula)


class _MathPattern(InlineProcessor):
    def handleMatch(self, m, data):  # noqa: N802 (Markdown's API)
        groups = m.groupdict()
        # kramdown's rule, which al-folio's posts follow: $$…$$ is display math
        # only when it is a paragraph of its own; within text it is inline.
        alone = not data[:m.start(0)].strip() and not data[m.end(0):].strip()
        if groups.get("display") and not alone:
            slot = _page(self.md).add_formula(groups["display"], False, True)
        else:
            slot = _page(self.md).add_match(m, in_text=not alone)
        return self.md.htmlStash.store(slot), m.start(0), m.end(0)


class _RawHtmlMath(Postprocessor):
    """Math in raw HTML blocks (`<details>`, `<div>`, tables), which Markdown leaves alone."""

    def run(self, text):
        page = _page(self.md)
        blocks = self.md.htmlStash.rawHtmlBlocks
        for index, block in enumerate(blocks):
            if isinstance(block, str) and not block.startswith(("<div data-scholar-", "<span data-scholar-")):
                blocks[index] = _convert_raw_html(block, page)
        return text


def _convert_raw_html(block: str, page: Page) -> str:
    if "$" not in block and "\\" not in block:
        return block
    out, index = [], 0
    for skip in NOT_MATH.finditer(block):
        out.append(_convert_text(block[index:skip.start()], page))
        out.append(skip[0])
        index = skip.end()
    out.append(_convert_text(block[index:], page))
    return "".join(out)


def _convert_text(text: str, page: Page) -> str:
    """Math in a run of HTML text: the TeX is the text unescaped."""
    if "$" not in text and "\\" not in text:
        return text
    def replace(match: re.Match) -> str:
        # Matched on unescaped text, so that `&lt;` is read as `<`.
        return page.add_match(match, in_text=True)
    # Entities are unescaped per match: a formula's TeX never spans a tag.
    return ANY_MATH.sub(lambda m: replace(ANY_MATH.match(html.unescape(m[0])) or m), text)


class _Finish(Postprocessor):
    def run(self, text):
        return _page(self.md).finish(text)


class MathExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        md.preprocessors.register(_Start(md), "scholar-math-start", 100)
        md.preprocessors.register(_LessThanInRawHtml(md), "scholar-math-less-than", 90)
        # Above backslash escapes (180) so \( is seen; below code spans (190).
        md.inlinePatterns.register(_MathPattern(FORMULA, md), "math", 186)
        md.inlinePatterns.register(_MathPattern(TEXT_REF, md), "math-ref", 184)
        # Before raw HTML is put back (30); after everything else.
        md.postprocessors.register(_RawHtmlMath(md), "scholar-math-raw-html", 35)
        md.postprocessors.register(_Finish(md), "scholar-math-finish", 1)


def _add_extension(pelican) -> None:
    settings = pelican.settings
    if not settings.get("MATH", True):
        return
    add_markdown_extension(settings, MathExtension())


def _add_filter(generator) -> None:
    if generator.settings.get("MATH", True):
        generator.env.filters["mathml"] = math_spans_to_mathml


def _start(pelican) -> None:
    engine.start_build(pelican.settings)


def _end(pelican) -> None:
    engine.end_build()


def register() -> None:
    signals.get_generators.connect(_start)
    signals.finalized.connect(_end)
    signals.initialized.connect(_add_extension)
    signals.generator_init.connect(_add_filter)
    font.register()
