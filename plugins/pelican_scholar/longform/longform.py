"""Long-form posts: al-folio's `layout: distill` without distill.pub's JavaScript,
and side notes and tables of contents for every post.

A distill post is drawn by theme/templates/distill.html: title, description
as a subtitle, the byline of its `authors:` and the date. In its text, read
with a real HTML parser after citations are resolved:

    <d-contents>, `toc:`       a table of contents (toc.py), in the margin on wide screens
    <d-footnote>, [^1]         side notes on wide screens, notes at the end (notes.py)
    <d-code language="x">      code highlighted by Pygments (markdown_ext.py for blocks)
    <d-figure>                 a <figure>
    <d-appendix>               the post's `appendix`, drawn after the text
    <d-article>                its content, unwrapped
    <d-bibliography>, <d-title>, <d-byline>, <d-front-matter>
                               removed: the template draws what they stood for
    `_styles:`                 CSS for this post only (frontmatter_data.py)

Layout classes (l-body, l-body-outset, l-page, l-page-outset, l-screen,
l-screen-inset, l-gutter) are styled by main.css. Any other <d-…> tag is
unwrapped with a warning. Nothing from distill.pub is loaded.

`toc: true` and `toc: {sidebar: left}` give any post a table of contents, and
footnotes in any post are side notes. No settings.
"""

from __future__ import annotations

import logging

from lxml import html as lxml_html
from markupsafe import Markup
from pelican import signals
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import TextLexer, get_lexer_by_name
from pygments.util import ClassNotFound

from ..content import documents, edit_tree, raw_html, serialize_fragment, template_generator
from ..data import shown_path
from ..markdown import add_markdown_extension
from . import toc as tocs
from .frontmatter_data import byline, post_styles
from .markdown_ext import DistillExtension
from .notes import collect_notes

logger = logging.getLogger(__name__)

# Tags whose job the template does.
_REMOVED = ("d-bibliography", "d-title", "d-byline", "d-front-matter", "d-footnote-list",
            "d-citation-list")
_MARKERS = ("<d-", 'class="footnote"', "footnote-ref")


def _inline_code(element) -> None:
    """Inline <d-code language="x">…</d-code>: a <code> highlighted by Pygments."""
    language = element.get("language") or ""
    try:
        lexer = get_lexer_by_name(language) if language else TextLexer()
    except ClassNotFound:
        lexer = TextLexer()
    highlighted = highlight(element.text_content().strip(), lexer, HtmlFormatter(nowrap=True)).strip()
    code = lxml_html.fragment_fromstring(f'<code class="highlight">{highlighted}</code>')
    code.tail = element.tail
    element.getparent().replace(element, code)


class _LongForm:
    """The long-form parts of one post or page."""

    def __init__(self, content, settings: dict, note_template) -> None:
        self.content = content
        self.settings = settings
        self.note_template = note_template
        self.source = shown_path(content.source_path, settings)
        self.toc: list[tocs.TocEntry] = []
        self.notes = []
        self.appendix: Markup | None = None

    def warn(self, message: str) -> None:
        logger.warning("%s: %s", self.source, message)

    def edit(self, root) -> bool:
        changed = False
        spec = self.content.metadata.get("toc")
        contents = list(root.iter("d-contents"))
        for element in contents:
            if not self.toc:
                self.toc = tocs.from_contents(element)
            element.drop_tree()
            changed = True
        if isinstance(spec, list):
            self.toc = tocs.from_front_matter(spec, root, self.warn)
            changed = True
        elif spec and spec not in ("false", "False") and not contents:
            self.toc = tocs.from_headings(root)
            changed = True
        for element in list(root.iter("d-appendix")):
            self.appendix = Markup((self.appendix or "") + serialize_fragment(element).strip())
            element.drop_tree()
            changed = True
        for element in list(root.iter(*_REMOVED)):
            element.drop_tree()
            changed = True
        for element in list(root.iter("d-code")):
            _inline_code(element)
            changed = True
        for element in list(root.iter("d-figure")):
            element.tag = "figure"
            changed = True
        self.notes = collect_notes(root, self._note_ref)
        changed |= bool(self.notes)
        unknown: set[str] = set()
        for element in list(root.iter()):
            if isinstance(element.tag, str) and element.tag.startswith("d-") and element.tag != "d-footnote":
                if element.tag not in unknown and element.tag != "d-article":
                    unknown.add(element.tag)
                    self.warn(f"<{element.tag}> is distill.pub's, drawn by its JavaScript, which "
                              "Pelican Scholar does not load; its content is shown as it is. "
                              "Replace it with HTML.")
                element.drop_tag()
                changed = True
        return changed

    def _note_ref(self, note, side, repeat: bool):
        html = self.note_template.render(note=note, side=side, repeat=repeat)
        return lxml_html.fragment_fromstring(html.strip())


def _needs_tree(content, body: str) -> bool:
    return bool(content.metadata.get("toc")) or any(marker in body for marker in _MARKERS)


def _transform(generators) -> None:
    generator = template_generator(generators)
    if generator is None:
        return
    context, settings = generator.context, generator.settings
    note_template = generator.env.get_template("partials/note_ref.html")
    for content in documents(context):
        metadata = content.metadata
        source = shown_path(content.source_path, settings)
        content.byline = byline(metadata.get("byline"))
        content.post_styles = post_styles(
            metadata.get("_styles"), lambda message, source=source: logger.warning(
                "%s: %s", source, message))
        if not _needs_tree(content, raw_html(content)):
            continue
        post = _LongForm(content, settings, note_template)
        edit_tree(content, post.edit)
        content.toc, content.notes, content.appendix = post.toc, post.notes, post.appendix


def _add_extension(pelican) -> None:
    add_markdown_extension(pelican.settings, DistillExtension())


def register() -> None:
    signals.initialized.connect(_add_extension)
    signals.all_generators_finalized.connect(_transform)


__all__ = ["register"]
