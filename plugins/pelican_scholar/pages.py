"""What every page of the site shares, whatever made it.

- al-folio's stand-in pages (`_pages/publications.md`, `blog.md`) would be
  written over the pages we generate: they are left out, with a warning.
- Code blocks and tables are focusable, so keyboard users can scroll wide ones.
"""

from __future__ import annotations

import logging

from pelican import signals

from .data import shown_path
from .content import replace_html

logger = logging.getLogger(__name__)

# Pages the plugin generates, by the setting that says where; a page of the
# user's written to the same place is al-folio's stand-in for them.
GENERATED_PAGES = {
    "INDEX_SAVE_AS": "the blog index",
    "ARCHIVES_SAVE_AS": "the blog archive",
    "TAGS_SAVE_AS": "the list of tags",
    "CATEGORIES_SAVE_AS": "the list of categories",
    "PUBLICATIONS_SAVE_AS": "the publications page (made from content/publications/*.bib)",
    "NEWS_INDEX_SAVE_AS": "the news page (made from content/news/)",
}


def _skip_pages_that_replace_generated_ones(generators) -> None:
    settings = generators[0].settings
    reserved = {settings[key]: what for key, what in GENERATED_PAGES.items() if settings.get(key)}
    for generator in generators:
        pages = getattr(generator, "pages", None)
        if pages is None or not hasattr(generator, "hidden_pages"):
            continue
        for page in list(pages):
            what = reserved.get(page.save_as)
            if what:
                logger.warning(
                    "%s: this page would be written over %s, at /%s, so it is left out. "
                    "Delete it: al-folio needed it, Pelican Scholar makes that page itself.",
                    shown_path(page.source_path, settings), what, page.url)
                pages.remove(page)
        generator.context["pages"] = pages


def _focusable(html: str) -> str:
    for tag in ("<pre>", "<table>"):
        if tag in html:
            html = html.replace(tag, tag[:-1] + ' tabindex="0">')
    return html


def _make_code_blocks_focusable(content) -> None:
    # Wide code and wide tables (main.css) scroll sideways on a phone; tabindex
    # lets keyboard users scroll them too (WCAG 2.1.1).
    replace_html(content, _focusable)


def register() -> None:
    signals.content_object_init.connect(_make_code_blocks_focusable)
    signals.all_generators_finalized.connect(_skip_pages_that_replace_generated_ones)


def claim_section_page(context: dict, settings: dict, *, layout: str, save_as: str, url: str,
                       available: bool, missing: str):
    """The user's page for a generated section (al-folio's `layout: cv`), or None.

    A page with that `layout:`, or any page written to `save_as`, is not written
    on its own: the section's generator shows its title, description and text,
    and its `nav:`/`nav_order:` still place the section in the menu (the page
    stays in the list of pages, pointing at the section's URL). Without the
    section's data (`available` false) a page with the layout would be empty:
    it is left out with a warning saying what is `missing`; a plain page at
    that address is the user's own and stays as it is.
    """
    for name in ("pages", "hidden_pages"):
        found = context.get(name) or []
        for page in list(found):
            has_layout = page.metadata.get("layout") == layout
            if not (has_layout or (save_as and page.save_as == save_as)):
                continue
            if available:
                page.override_save_as, page.override_url = "", url
                return page
            if has_layout:
                logger.warning("%s: `layout: %s`, but %s; the page is left out.",
                               shown_path(page.source_path, settings), layout, missing)
                found.remove(page)
    return None
