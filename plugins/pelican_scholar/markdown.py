"""Markdown extensions of the plugin's parts, added once per build."""

from __future__ import annotations


def add_markdown_extension(settings: dict, extension) -> None:
    """Add a Markdown extension once (autoreload sends `initialized` again)."""
    extensions = settings["MARKDOWN"].setdefault("extensions", [])
    if not any(type(existing) is type(extension) for existing in extensions):
        extensions.append(extension)
