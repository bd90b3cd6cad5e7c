"""TeX math in Markdown, rendered to MathML while the site builds.

`$…$` and `\\(…\\)` are inline math, `$$…$$` and `\\[…\\]` display math.
Browsers draw MathML natively, so a page with math loads no JavaScript and
no fonts. A dollar sign followed by a space or a digit after the closing one
("$5 and $10") stays a dollar sign.

Settings (default):
    MATH (True): turn the conversion off with False, e.g. to use your own.
"""

from __future__ import annotations

import functools
import html
import logging
import re

from latex2mathml.converter import convert as latex_to_mathml
from markdown import Extension
from markupsafe import Markup
from markdown.inlinepatterns import InlineProcessor
from pelican import signals

from ..markdown import add_markdown_extension, current_document

logger = logging.getLogger(__name__)

# `\\[` and `\\(` too: Markdown written for kramdown (al-folio) doubles the backslash.
DISPLAY = r"\$\$(?P<display>.+?)\$\$|\\\\?\[(?P<display2>.+?)\\\\?\]"
# The check for what precedes the opening `$` (not a backslash, a dollar or a
# letter) sits after it, so that both alternatives start with a literal
# character: the regex engine then skips to the next `$` or `\` instead of
# trying every position of every paragraph.
INLINE = r"\$(?<![\\$\w]\$)(?=\S)(?P<inline>(?:[^$\\]|\\.)+?)(?<=\S)\$(?![\d$])|\\\\?\((?P<inline2>.+?)\\\\?\)"


@functools.lru_cache(maxsize=4096)
def render_math(tex: str, display: bool, source: str = "", in_text: bool = False) -> str:
    """MathML for one formula, wrapped so typogrify and CSS can find it.

    `in_text`: the formula sits inside a title, link or paragraph, where only
    phrasing content is allowed, so even display math gets a <span>.
    """
    block = display and not in_text
    tag = "div" if block else "span"
    css = "math math-display" if display else "math"
    try:
        mathml = latex_to_mathml(tex.strip(), display="block" if display else "inline")
    except Exception as error:  # latex2mathml raises many kinds on bad input
        logger.warning(
            "%s: math: could not convert %r (%s); it is shown as TeX. Check the formula.",
            source or "Markdown", tex.strip(), type(error).__name__,
        )
        return f'<code class="{css}">{html.escape(tex)}</code>'
    # A wide formula scrolls sideways on a phone: keyboard users must reach it too.
    focus = ' tabindex="0"' if block else ""
    return f'<{tag} class="{css}"{focus}>{mathml}</{tag}>'


MATH_SPAN = re.compile(r'<span class="math">(?P<tex>[^<]*)</span>')
DELIMITERS = re.compile(r"^\s*(?:\$\$(?P<d1>.*)\$\$|\$(?P<i1>.*)\$|\\\[(?P<d2>.*)\\\]|\\\((?P<i2>.*)\\\))\s*$", re.S)


def math_spans_to_mathml(fragment: str) -> Markup:
    """MathML for the TeX that other plugins leave in <span class="math">…</span>.

    The publications plugin keeps `$…$` from BibTeX fields that way; templates
    apply this as the `mathml` filter.
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
    return Markup(MATH_SPAN.sub(replace, fragment))


LABEL = re.compile(r"\\label\{[^{}]*\}")


class _MathPattern(InlineProcessor):
    def handleMatch(self, m, data):  # noqa: N802 (Markdown's API)
        groups = m.groupdict()
        # kramdown's rule, which al-folio's posts follow: $$…$$ is display math
        # only when it is a paragraph of its own; within text it is inline.
        alone = not data[:m.start(0)].strip() and not data[m.end(0):].strip()
        display = bool(groups.get("display2") or (groups.get("display") and alone))
        tex = LABEL.sub("", next(value for value in groups.values() if value))
        source = current_document().shown_path
        html = render_math(tex, display, source, in_text=not alone)
        return self.md.htmlStash.store(html), m.start(0), m.end(0)


class MathExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        # Above backslash escapes (180) so \( is seen; below code spans (190).
        md.inlinePatterns.register(_MathPattern(DISPLAY, md), "math-display", 186)
        md.inlinePatterns.register(_MathPattern(INLINE, md), "math-inline", 185)


def _add_extension(pelican) -> None:
    settings = pelican.settings
    if not settings.get("MATH", True):
        return
    add_markdown_extension(settings, MathExtension())


def _add_filter(generator) -> None:
    if generator.settings.get("MATH", True):
        generator.env.filters["mathml"] = math_spans_to_mathml


def register() -> None:
    signals.initialized.connect(_add_extension)
    signals.generator_init.connect(_add_filter)
