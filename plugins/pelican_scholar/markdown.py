"""Markdown extensions of the plugin's parts, and the document they are converting.

Extensions name the file in their warnings (`posts/x.md:12: …`), but Markdown
gives them only the text. The front matter reader sets the document being read
in a context variable for the length of the conversion; extensions ask
`current_document()`. Nothing of Pelican's or Markdown's objects is replaced.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

# The opening (or closing) line of a fenced code block, its fence in `fence`.
FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})")


@dataclass(frozen=True)
class Document:
    source_path: str = ""  # the file, to read
    shown_path: str = ""  # the file, to name in messages (relative to content/)
    body_line: int = 0  # lines before the Markdown body (the front matter)
    text: str = ""  # the whole file, as the reader read it (checks quote its lines)

    def line(self, body_line_number: int) -> int:
        """A line number in the body (1 = its first line) as a line number in the file."""
        return self.body_line + body_line_number


_NO_DOCUMENT = Document()
_current: ContextVar[Document | None] = ContextVar("pelican_scholar_document", default=None)


def current_document() -> Document:
    """The document being converted; empty when Markdown runs on its own."""
    return _current.get() or _NO_DOCUMENT


@contextlib.contextmanager
def converting(document: Document) -> Iterator[None]:
    token = _current.set(document)
    try:
        yield
    finally:
        _current.reset(token)


def add_markdown_extension(settings: dict, extension) -> None:
    """Add a Markdown extension once (autoreload sends `initialized` again)."""
    extensions = settings["MARKDOWN"].setdefault("extensions", [])
    if not any(type(existing) is type(extension) for existing in extensions):
        extensions.append(extension)


def kramdown_id(text: str, separator: str = "-") -> str:
    """A heading's id as kramdown (Jekyll's Markdown) makes it, so al-folio links keep working.

    ASCII letters, digits and hyphens only, one hyphen per space, lower case:
    "Notation & Background" is `notation--background`.
    """
    import re

    value = re.sub(r"^[^a-zA-Z]+", "", text)
    value = re.sub(r"[^a-zA-Z0-9 -]", "", value)
    return value.replace(" ", separator).lower() or "section"
