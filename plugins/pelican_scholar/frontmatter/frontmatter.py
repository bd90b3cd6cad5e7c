"""Markdown with YAML front matter, the way al-folio writes it.

Builds on pelican-yaml-metadata's reader and adds:

* a broken front matter is one clear warning naming the file and line; the
  page is still built from its body, titled after its file name;
* al-folio's keys work unchanged: `permalink: /teaching/` sets where the page
  is written, `layout: about` picks the about template, space-separated
  `tags: a b` and `categories: x y` are split as Jekyll splits them, and
  `description` becomes the summary.

No settings.
"""

from __future__ import annotations

import logging
import os

import yaml
from pelican import signals
from pelican.contents import Category, Tag
from pelican.plugins.yaml_metadata.yaml_metadata import YAMLMetadataReader

from ..data import shown_path, yaml_error_line
from ..markdown import Document, converting

logger = logging.getLogger(__name__)

# al-folio layouts -> our templates. Layouts not listed keep Pelican's default.
LAYOUT_TEMPLATES = {"about": "about", "page": "page", "post": "article", "default": "page",
                    "course": "course", "profiles": "profiles", "distill": "distill"}


def permalink_to_url(permalink: str) -> tuple[str, str]:
    """`/teaching/` -> ("teaching/", "teaching/index.html"); `/` -> ("", "index.html")."""
    path = permalink.strip().lstrip("/")
    if not path or path.endswith("/"):
        return path, f"{path}index.html"
    if path.endswith(".html"):
        return path, path
    return f"{path}/", f"{path}/index.html"


def _split_words(value) -> list[str]:
    """Jekyll's tags: a list, or one string split on spaces."""
    if isinstance(value, str):
        return value.replace(",", " ").split()
    return [str(item) for item in value or []]


def front_matter_lines(text: str) -> int:
    """How many lines of a file come before its Markdown body (the front matter).

    The body starts on the line that closes the YAML front matter, as the
    empty rest of that line.
    """
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].strip() != "---":
        return 0
    closing = next((i for i in range(first + 1, len(lines)) if lines[i].strip() in ("---", "...")),
                   None)
    return closing if closing is not None else 0


class ScholarFrontMatterReader(YAMLMetadataReader):
    # pelican-yaml-metadata has no public hooks: `_load_yaml_metadata` and
    # `_parse_yaml_metadata` are the two steps its own `read` calls, and the
    # only way to add clear errors and al-folio's keys without copying the
    # reader. Pinned: pelican-yaml-metadata==2.2.0 in requirements.txt.
    def read(self, source_path):
        shown = shown_path(source_path, self.settings)
        # Markdown extensions (math, citations, Liquid) name the file and line
        # in their warnings: tell them which document they are converting.
        try:
            with open(source_path, encoding="utf-8") as handle:
                body_line = front_matter_lines(handle.read())
        except (OSError, UnicodeDecodeError):
            body_line = 0
        with converting(Document(source_path, shown, body_line)):
            content, metadata = super().read(source_path)
        if "title" not in metadata and self._needs_title(source_path):
            metadata["title"] = self._fallback(source_path)["title"]
            logger.warning("%s: no title; it is shown as %r. Add `title: …` to the front matter.",
                           shown, metadata["title"])
        return content, metadata

    def _needs_title(self, source_path) -> bool:
        """Pages and posts need a title (Pelican drops them without one); news doesn't."""
        relative = os.path.relpath(source_path, self.settings["PATH"])
        folders = [*self.settings["PAGE_PATHS"], *self.settings["ARTICLE_PATHS"]]
        return any(relative == folder or relative.startswith(folder.rstrip("/") + "/")
                   for folder in folders)

    def _load_yaml_metadata(self, text, source_path):
        try:
            metadata = yaml.safe_load(text)
        except yaml.YAMLError as error:
            # The YAML text starts on the opening '---' line, the file's first.
            line = yaml_error_line(error, first_line=1)
            shown = shown_path(source_path, self.settings)
            where = f"{shown}:{line}" if line else shown
            logger.warning(
                "%s: the front matter is not valid YAML (%s). The page is built "
                "without it; fix that line (quote values containing ': ' or '#').",
                where,
                getattr(error, "problem", None) or error,
            )
            return self._fallback(source_path)
        if not isinstance(metadata, dict):
            logger.warning(
                "%s: the front matter should be 'key: value' lines. The page is "
                "built without it.",
                shown_path(source_path, self.settings),
            )
            return self._fallback(source_path)
        return self._parse_yaml_metadata(self._translate_al_folio(metadata, source_path), source_path)

    def _fallback(self, source_path) -> dict:
        stem = os.path.splitext(os.path.basename(source_path))[0]
        return {"title": stem.replace("-", " ").replace("_", " ").capitalize()}

    def _translate_al_folio(self, metadata: dict, source_path: str) -> dict:
        metadata = dict(metadata)
        permalink = metadata.pop("permalink", None)
        if isinstance(permalink, str):
            metadata.setdefault("url", permalink_to_url(permalink)[0])
            metadata.setdefault("save_as", permalink_to_url(permalink)[1])
        layout = metadata.get("layout")
        if layout in LAYOUT_TEMPLATES and "template" not in metadata:
            template = LAYOUT_TEMPLATES[layout]
            if template not in ("page", "article"):
                metadata["template"] = template
        elif layout and "template" not in metadata:
            logger.warning(
                "%s: `layout: %s` is al-folio's; Pelican Scholar has no such layout, so the "
                "page shows only its text. Use `layout: page`, or remove the file.",
                shown_path(source_path, self.settings), layout)
        people = metadata.get("authors")
        if isinstance(people, list) and any(isinstance(person, dict) for person in people):
            # al-folio's distill byline: names with urls and affiliations. The
            # records go to the template (longform/); Pelican gets the names.
            metadata["byline"] = metadata.pop("authors")
            names = [str(p.get("name") if isinstance(p, dict) else p) for p in people]
            metadata["authors"] = [name for name in names if name and name != "None"]
        if "description" in metadata and "summary" not in metadata:
            metadata["summary"] = metadata["description"]
        return metadata

    def _parse_yaml_metadata(self, meta, source_path):
        tags = meta.pop("tags", None)
        categories = meta.pop("categories", None)
        output = super()._parse_yaml_metadata(meta, source_path)
        if tags:
            output["tags"] = [Tag(word, self.settings) for word in _split_words(tags)]
        if categories and "category" not in output:
            words = _split_words(categories)
            if words:
                output["category"] = Category(words[0], self.settings)
        return output


def _add_reader(readers) -> None:
    for extension in ScholarFrontMatterReader.file_extensions:
        readers.reader_classes[extension] = ScholarFrontMatterReader


def register() -> None:
    signals.readers_init.connect(_add_reader)
