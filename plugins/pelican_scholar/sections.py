"""What the section parts (projects, teaching, repositories, people) share.

- `read_folder`: a folder of Markdown files read with Pelican's readers, so
  front matter is handled as for pages, joining Pelican's content cache;
- `SectionPage`: the index page of a section (/projects/, /teaching/, …),
  either written by the part, or the user's own page at that address (al-folio's
  `_pages/projects.md`), whose front matter (title, `nav:`, `display_categories`)
  and text are kept and whose template becomes the section's;
- `front_matter_line`: the line of an entry in a front-matter list, for warnings.
"""

from __future__ import annotations

import logging
import os
import re

import yaml
from pelican.contents import Page
from pelican.generators import Generator

from .content import raw_html
from .data import shown_path

logger = logging.getLogger(__name__)


class FolderGenerator(Generator):
    """A generator reading content/<folder>/*.md into Page subclasses.

    Subclasses set `cache_name`, `what` (e.g. "project") and call
    `read_folder(paths, content_class)` from `generate_context()`.
    """

    cache_name = "FolderGenerator"
    what = "file"

    def __init__(self, *args, **kwargs) -> None:
        # A cache name of its own gives the reader Pelican's content cache
        # (CACHE_CONTENT), as ArticlesGenerator and PagesGenerator have.
        super().__init__(*args, readers_cache_name=f"{self.cache_name}-Readers", **kwargs)

    def read_folder(self, paths, content_class, keep_hidden: bool = False) -> list:
        """The published items (and, with `keep_hidden`, those with `hidden: true`)."""
        items = []
        for path in self.get_files(paths, extensions=("md", "markdown", "mkd", "mdown")):
            try:
                item = self.readers.read_file(base_path=self.path, path=path,
                                              content_class=content_class, context=self.context)
            except Exception as error:  # a reader error must not stop the build
                logger.warning("%s: could not read this %s (%s); it is skipped.",
                               path, self.what, error)
                self._add_failed_source_path(path)
                continue
            if item.status != "published" and not (keep_hidden and item.status == "hidden"):
                continue
            if "title" in content_class.mandatory_properties and not getattr(item, "title", ""):
                item.title = os.path.splitext(os.path.basename(path))[0].replace("-", " ").capitalize()
                logger.warning("%s: this %s has no title; it is shown as %r. Add `title: …` "
                               "to its front matter.", shown_path(item.source_path, self.settings),
                               self.what, item.title)
            self.add_source_path(item)
            items.append(item)
        self.readers.save_cache()
        return sorted(items, key=lambda item: item.source_path)


class SectionGenerator(FolderGenerator):
    """A folder of items, a page for each, and the section's index page.

    `section` names the settings (PROJECTS -> PROJECTS_PATHS, PROJECTS_SAVE_AS,
    PROJECTS_URL) and, in lower case, the index template. The index is the
    user's own page at that address when there is one (adopted), else ours.
    Subclasses set `content_class`, `index_what`, and publish in `publish()`.
    With `writes_hidden`, an item with al-folio's `hidden: true` gets its page
    but is not listed: it is in `hidden_items`, not `items`.
    """

    section = ""
    content_class = Page
    index_what = "the list"
    writes_hidden = False

    def generate_context(self) -> None:
        found = self.read_folder(self.settings[f"{self.section}_PATHS"], self.content_class,
                                 keep_hidden=self.writes_hidden)
        self.items = [item for item in found if item.status == "published"]
        self.hidden_items = [item for item in found if item.status != "published"]
        self.index_page = None
        if not found:
            return
        self.index_page = user_section_page(self.context, self.settings[f"{self.section}_SAVE_AS"])
        if self.index_page is not None:
            adopt_section_page(self.index_page, self.section.lower(), self.index_what)
        self.publish()

    def publish(self) -> None:
        raise NotImplementedError

    def generate_output(self, writer) -> None:
        for item in self.items + self.hidden_items:
            if getattr(item, "has_page", True):
                writer.write_file(item.save_as, self.get_template(item.template), self.context,
                                  page=item, url=item.url)
        if self.items and self.index_page is None:
            writer.write_file(self.settings[f"{self.section}_SAVE_AS"],
                              self.get_template(self.section.lower()), self.context,
                              url=self.settings[f"{self.section}_URL"])


def user_section_page(context: dict, save_as: str):
    """The user's own page written at a section's address (al-folio's stand-in), or None."""
    for page in context.get("pages", []) + context.get("hidden_pages", []):
        if page.save_as == save_as:
            return page
    return None


LIQUID = re.compile(r"\{%|\{\{")


def adopt_section_page(page, template: str, what: str) -> None:
    """Show the user's page at a section's address with the section's template.

    Its text stays above the list, unless it is al-folio's Liquid loop that
    the list replaces: then it is left out, with a warning.
    """
    page.template = template
    page.show_intro = True
    if LIQUID.search(raw_html(page)):
        page.show_intro = False
        logger.warning("%s: its text is al-folio's Liquid code for %s, which Pelican Scholar "
                       "makes itself; the text is left out. Delete the text below the front "
                       "matter, or write an introduction there instead.",
                       shown_path(page.source_path, page.settings), what)


def front_matter_line(path: str, key: str, index: int | None = None) -> int | None:
    """The file line of front-matter `key` (or of its list item `index`), or None."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return None
    match = re.match(r"\s*---\n(.*?)^(?:---|\.\.\.)$", text, re.MULTILINE | re.DOTALL)
    if not match:
        return None
    line = yaml_line(match.group(1), key, index)
    return line + text[:match.start(1)].count("\n") if line else None


def yaml_line(text: str, key: str, index: int | None = None) -> int | None:
    """The line (from 1) of top-level `key` in YAML text, or of its list item `index`."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    for key_node, value in root.value:
        if key_node.value == key:
            if index is None:
                return key_node.start_mark.line + 1
            if isinstance(value, yaml.SequenceNode) and index < len(value.value):
                return value.value[index].start_mark.line + 1
    return None


def where(path: str, settings: dict, line: int | None) -> str:
    """`teaching/x.md:12`, or without the line when it is unknown."""
    shown = shown_path(path, settings)
    return f"{shown}:{line}" if line else shown


def folder_exists(settings: dict, folders) -> bool:
    return any(os.path.isdir(os.path.join(settings["PATH"], folder)) for folder in folders)
