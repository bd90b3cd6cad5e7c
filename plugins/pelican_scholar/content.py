"""Reading and changing the HTML body of a post, page or news item.

Pelican keeps the body, before its {filename} links are resolved, in the
private attribute `_content`; `content` is a read-only property that resolves
links on every access. Changing a body after it was read (citations, code
blocks) has no public API, so this module is the one place that touches the
private attribute.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape as html_escape


def raw_html(content) -> str:
    """The body as read, before Pelican resolves {filename} links."""
    return getattr(content, "_content", None) or ""


def replace_html(content, transform: Callable[[str], str]) -> None:
    """Replace the body with `transform(body)`; an empty body is left alone."""
    body = raw_html(content)
    if body:
        content._content = transform(body)


def parse_fragment(body: str):
    """The body as an lxml tree: a <div> holding it (its text and children)."""
    from lxml import html as lxml_html

    return lxml_html.fragment_fromstring(body, create_parent="div")


def serialize_fragment(root) -> str:
    """The inside of `parse_fragment`'s <div> as HTML again."""
    from lxml import html as lxml_html

    return (html_escape(root.text or "", quote=False)
            + "".join(lxml_html.tostring(child, encoding="unicode", with_tail=True) for child in root))


def edit_tree(content, edit: Callable[[object], bool]) -> None:
    """Change the body as a parsed tree: `edit(root)` returns whether it changed anything.

    Only a changed tree is written back, so a body nothing applies to keeps
    its bytes.
    """
    def transform(body: str) -> str:
        root = parse_fragment(body)
        return serialize_fragment(root) if edit(root) else body

    replace_html(content, transform)


# The lists of the shared context that hold documents with a body.
DOCUMENT_LISTS = ("articles", "pages", "hidden_pages", "news")


def documents(context: dict):
    """Every post, page and news item of the build read from a file (not, say, a
    post listed from another site, which has no body)."""
    from pelican.contents import Content

    for name in DOCUMENT_LISTS:
        for document in context.get(name) or ():
            if isinstance(document, Content):
                yield document


def template_generator(generators):
    """The first generator with a Jinja environment, for parts that draw HTML
    inside a body with the theme's partials once every document is read."""
    return next((generator for generator in generators if hasattr(generator, "env")), None)
