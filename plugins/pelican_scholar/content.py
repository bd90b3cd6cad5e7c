"""Reading and changing the HTML body of a post, page or news item.

Pelican keeps the body, before its {filename} links are resolved, in the
private attribute `_content`; `content` is a read-only property that resolves
links on every access. Changing a body after it was read (citations, code
blocks) has no public API, so this module is the one place that touches the
private attribute.
"""

from __future__ import annotations

from collections.abc import Callable


def raw_html(content) -> str:
    """The body as read, before Pelican resolves {filename} links."""
    return getattr(content, "_content", None) or ""


def replace_html(content, transform: Callable[[str], str]) -> None:
    """Replace the body with `transform(body)`; an empty body is left alone."""
    body = raw_html(content)
    if body:
        content._content = transform(body)
