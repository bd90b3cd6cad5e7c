"""Markdown with YAML front matter, the way al-folio writes it.

Builds on pelican-yaml-metadata's reader and adds:

* a broken front matter is one clear warning naming the file and line; the
  page is still built from its body, titled after its file name;
* a value of the wrong kind never loses the page: a key YAML reads as a
  number or yes/no (`2024: award`) is read as text, a number or date where
  text belongs (`title: 2024`) is read as text, a list or mapping where text
  belongs (`title: [a, b]`, `lang: []`) and a date that is not one
  (`date: next tuesday`) are left out, each with a warning naming the file;
* a file that is not UTF-8 is skipped with a warning (as news items are),
  and control characters (terminal colour codes) are removed with one;
* al-folio's keys work unchanged: `permalink: /teaching/` sets where the page
  is written, `layout: about` picks the about template, space-separated
  `tags: a b` and `categories: x y` are split as Jekyll splits them, and
  `description` becomes the summary.

No settings.
"""

from __future__ import annotations

import datetime
import html
import logging
import os

import yaml
from pelican import signals
from pelican.contents import Category, Tag
from markdown import Markdown
from pelican.plugins.yaml_metadata.yaml_metadata import HEADER_RE, YAMLMetadataReader
from pelican.readers import MarkdownReader
from pelican.utils import get_date, pelican_open

from ..data import parse_yaml, shown_path, strip_control_characters, truthy, yaml_error_line
from ..markdown import Document, converting
from ..urls import is_safe_url, url_path
from . import reading_warnings, second_core

logger = logging.getLogger(__name__)

# al-folio layouts -> our templates. Layouts not listed keep Pelican's default.
# `layout: cv` pages are claimed by the CV part (cv/), which writes the CV there.
LAYOUT_TEMPLATES = {"about": "about", "page": "page", "post": "article", "default": "page",
                    "course": "course", "profiles": "profiles", "cv": "page", "distill": "distill"}

# Keys Pelican and the theme use as one piece of text.
TEXT_KEYS = frozenset({"title", "subtitle", "summary", "description", "slug", "save_as", "url",
                       "status", "lang", "layout", "template", "permalink", "category",
                       "author", "translation", "image"})
# Text that may also be written as a list of lines, which are joined.
LINES_KEYS = frozenset({"summary", "description"})
DATE_KEYS = frozenset({"date", "modified"})


def permalink_to_url(permalink: str, settings: dict) -> tuple[str, str]:
    """`/teaching/` -> ("teaching/", "teaching/index.html"); `/` -> ("", "index.html").

    Each part of the path becomes valid in a URL (see urls.url_path); `..` is dropped.
    """
    path = url_path(permalink.strip(), settings)
    if not path or path.endswith("/"):
        return path, f"{path}index.html"
    if path.endswith(".html"):
        return path, path
    return f"{path}/", f"{path}/index.html"


def _split_words(value) -> list[str]:
    """Jekyll's tags: a list, or one string split on spaces."""
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value if item not in (None, "")]
    return str(value).replace(",", " ").split()


def checked_types(metadata: dict, shown: str) -> dict:
    """The front matter with every value of a kind Pelican can use; a warning for each change."""
    checked = {}
    for key, value in metadata.items():
        if not isinstance(key, str):
            logger.warning("%s: the front matter key %r is not a word (YAML reads it as %s); "
                           "it is read as %r. Quote it, or remove it.",
                           shown, key, _kind(key), str(key))
            key = str(key)
        name = key.lower()
        if value is None:
            continue
        if name in LINES_KEYS and isinstance(value, list) and all(
                isinstance(item, str) for item in value):
            value = "\n".join(value)
        if name in TEXT_KEYS and not isinstance(value, str):
            if isinstance(value, (bool, int, float, datetime.date)):
                logger.warning("%s: `%s: %s` is read as the text %r. Put it in quotes to say so.",
                               shown, key, value, str(value))
                value = str(value)
            else:
                logger.warning("%s: `%s:` should be text, not %s; it is left out. Write it "
                               "as `%s: …` on one line.", shown, key, _kind(value), key)
                continue
        if name in DATE_KEYS and not _is_date(value):
            logger.warning("%s: `%s: %s` is not a date; it is left out. Write it as "
                           "2025-01-31 (or 2025-01-31 14:30).", shown, key, value)
            continue
        checked[key] = value
    return checked


def _kind(value) -> str:
    """What YAML made of a value, in words."""
    if isinstance(value, bool):
        return "yes or no"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, datetime.date):
        return "a date"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "a " + type(value).__name__


def _is_date(value) -> bool:
    if isinstance(value, datetime.date):
        return True
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        return False
    try:
        get_date(str(value).strip().replace("_", " "))
    except (ValueError, TypeError, OverflowError):
        return False
    return True


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


# Where markdown.extensions.meta puts its step among a converter's preprocessors.
META_PRIORITY = 27


class ScholarFrontMatterReader(YAMLMetadataReader):
    # pelican-yaml-metadata has no public hooks: `_load_yaml_metadata` and
    # `_parse_yaml_metadata` are the two steps its own `read` calls, and the
    # only way to add clear errors and al-folio's keys without copying the
    # reader. Pinned: pelican-yaml-metadata==2.2.0 in requirements.txt.

    def __init__(self, *args, **kwargs):
        # Not pelican-yaml-metadata's __init__, which makes a converter at once:
        # Pelican makes this reader for each Markdown file extension in each of
        # its generators on every build, and most of them never read a file.
        MarkdownReader.__init__(self, *args, **kwargs)
        self._converters: dict[bool, Markdown] = {}

    def _converter(self, with_meta: bool) -> Markdown:
        """A converter made on first use and reset between files, rather than a new one
        per file as Pelican's own reader makes for `Key: value` metadata (making one
        registers every extension: a twentieth of a first build of 500 such posts)."""
        if with_meta not in self._converters:
            settings = dict(self.settings["MARKDOWN"])
            if not with_meta:
                settings["extensions"] = [extension for extension in settings.get("extensions", [])
                                          if extension != "markdown.extensions.meta"]
            self._converters[with_meta] = Markdown(**settings)
        return self._converters[with_meta]

    def _read_pelican_metadata(self, source_path, text):
        """A file without YAML front matter, read as Pelican's Markdown reader reads it."""
        converter = self._md = self._converter(with_meta=True)
        self._source_path = source_path
        content = converter.reset().convert(text)
        meta_step = converter.preprocessors["meta"]
        try:
            # Converts formatted fields (a summary) with `self._md`, after taking
            # its meta step out; the step goes back for the next file.
            metadata = self._parse_metadata(converter.Meta)
        finally:
            if "meta" not in converter.preprocessors:
                converter.preprocessors.register(meta_step, "meta", META_PRIORITY)
        return content, metadata

    def read(self, source_path):
        # Before `collecting`: a document the second core read logs its warnings
        # when Pelican makes it (reading_warnings.log_again_if_cached).
        answer = second_core.take(source_path)
        if answer is not None:
            return answer
        with reading_warnings.collecting(source_path) as warnings:
            content, metadata = self._read(source_path)
        if warnings:
            metadata[reading_warnings.KEY] = tuple(warnings)
        second_core.keep(source_path, content, metadata)
        return content, metadata

    def _read(self, source_path):
        shown = shown_path(source_path, self.settings)
        # Markdown extensions (math, citations, Liquid) name the file and line
        # in their warnings: tell them which document they are converting.
        try:
            with pelican_open(source_path) as text:
                pass
        except UnicodeDecodeError as error:
            logger.warning("%s: not UTF-8 text (byte %d); it is skipped. Save the file as "
                           "UTF-8.", shown, error.start)
            return "", {"status": "skip"}
        with converting(Document(source_path, shown, front_matter_lines(text), text)):
            if HEADER_RE.fullmatch(text):
                self._md = self._converter(with_meta=False)
                content, metadata = super().read(source_path)
            else:
                content, metadata = self._read_pelican_metadata(source_path, text)
        content, line = strip_control_characters(content)
        found = line is not None
        for key, value in metadata.items():
            if isinstance(value, str):
                metadata[key], line = strip_control_characters(value)
                found = found or line is not None
        if found:
            logger.warning("%s: control characters (such as terminal colour codes) are left "
                           "out; feeds cannot hold them. Delete them from the file.", shown)
        if "title" not in metadata and self._needs_title(source_path):
            metadata["title"] = self._fallback(source_path)["title"]
            logger.warning("%s: no title; it is shown as %r. Add `title: …` to the front matter.",
                           shown, html.unescape(metadata["title"]))
        return content, metadata

    def _needs_title(self, source_path) -> bool:
        """Pages and posts need a title (Pelican drops them without one); news doesn't."""
        return self._in_folders(source_path, [*self.settings["PAGE_PATHS"], *self.settings["ARTICLE_PATHS"]])

    def _in_folders(self, source_path, folders) -> bool:
        relative = os.path.relpath(source_path, self.settings["PATH"])
        return any(relative == folder or relative.startswith(folder.rstrip("/") + "/")
                   for folder in folders)

    def _load_yaml_metadata(self, text, source_path):
        try:
            metadata = parse_yaml(text)  # refuses alias bombs and deep nesting
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
        metadata = checked_types(metadata, shown_path(source_path, self.settings))
        return self._parse_yaml_metadata(self._translate_al_folio(metadata, source_path), source_path)

    def _fallback(self, source_path) -> dict:
        """A title made from the file name: text, so escaped (titles are HTML)."""
        stem = os.path.splitext(os.path.basename(source_path))[0]
        return {"title": html.escape(stem.replace("-", " ").replace("_", " ").capitalize())}

    def _translate_al_folio(self, metadata: dict, source_path: str) -> dict:
        metadata = dict(metadata)
        permalink = metadata.pop("permalink", None)
        if isinstance(permalink, str):
            url, save_as = permalink_to_url(permalink, self.settings)
            metadata.setdefault("url", url)
            metadata.setdefault("save_as", save_as)
        layout = metadata.get("layout")
        if layout == "distill" and not self._in_folders(source_path, self.settings["ARTICLE_PATHS"]):
            layout = "a distill page"  # distill.html draws posts: a page gets the warning below
        if layout in LAYOUT_TEMPLATES and "template" not in metadata:
            template = LAYOUT_TEMPLATES[layout]
            if template not in ("page", "article"):
                metadata["template"] = template
        elif layout and "template" not in metadata:
            logger.warning(
                "%s: `layout: %s` is al-folio's; Pelican Scholar has no such layout, so the "
                "page shows only its text. Use `layout: page`, or remove the file.",
                shown_path(source_path, self.settings), metadata.get("layout"))
        people = metadata.get("authors")
        if isinstance(people, list) and any(isinstance(person, dict) for person in people):
            # al-folio's distill byline: names with urls and affiliations. The
            # records go to the template (longform/); Pelican gets the names.
            metadata["byline"] = metadata.pop("authors")
            names = [str(p.get("name") if isinstance(p, dict) else p) for p in people]
            metadata["authors"] = [name for name in names if name and name != "None"]
        if "description" in metadata and "summary" not in metadata:
            metadata["summary"] = metadata["description"]
        self._publishing(metadata, shown_path(source_path, self.settings))
        return metadata

    def _publishing(self, metadata: dict, shown: str) -> None:
        """al-folio's `published: false`, `hidden: true` and `redirect:`.

        An unpublished file is a draft (never written); a hidden post is
        written but listed nowhere; a redirect page sends readers on, and
        lists link straight to where it points.
        """
        published = metadata.pop("published", True)
        hidden = metadata.pop("hidden", False)
        if "status" not in metadata:
            if published is False or str(published).lower() in ("false", "no"):
                metadata["status"] = "draft"
            elif truthy(hidden):
                metadata["status"] = "hidden"
        redirect = metadata.get("redirect")
        if redirect is None:
            return
        target = str(redirect).strip()
        if not target or not is_safe_url(target):
            logger.warning("%s: `redirect: %s` is not a web address or a path of this site; the "
                           "page is built as it is. Give an https:// address or a path such as /blog/.",
                           shown, redirect)
            del metadata["redirect"]
            return
        metadata["redirect"] = target
        metadata.setdefault("template", "redirect")

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
    signals.get_generators.connect(reading_warnings.forget_reads)
    signals.content_object_init.connect(reading_warnings.log_again_if_cached)
    signals.article_generator_init.connect(second_core.start)
    signals.finalized.connect(second_core.finish)
