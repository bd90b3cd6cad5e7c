"""The site's main menu.

Settings (default):
    NAVIGATION (None): the menu, in order. Each entry is a page slug (its file
        name in content/pages/ without .md), a built-in section ("blog",
        "publications", "news", "projects", "teaching", "repositories", "cv",
        "talks"; the last five only once they have content), or a ("Title",
        "url") pair. When None, the
        menu is built the al-folio way: the about page, then pages whose front
        matter says `nav: true`, ordered by `nav_order`, then the blog.
    NAVIGATION_TITLES ({"blog": "Blog", "publications": "Publications",
        "news": "News", "projects": "Projects", "teaching": "Teaching",
        "repositories": "Repositories", "cv": "CV", "talks": "Talks"}): menu
        titles of the built-in sections, whose URLs are INDEX_URL,
        PUBLICATIONS_URL, NEWS_INDEX_URL, PROJECTS_URL, TEACHING_URL,
        REPOSITORIES_URL, CV_URL and TALKS_URL.

Templates get NAV_ITEMS, a list of NavItem.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from pelican import signals

from ..data import truthy
from ..templating import plain_text

logger = logging.getLogger(__name__)

@dataclass(frozen=True)
class NavItem:
    title: str
    url: str  # a site path ("" is the home page, "/cv/" and "cv/" the same), or a full URL

    def is_current(self, output_file: str | None) -> bool:
        """Whether the page being written belongs to this menu entry."""
        if not output_file or ":" in self.url:
            return False
        path = self.url.lstrip("/")
        if not path:
            return output_file == "index.html"
        return output_file.startswith(path)


def _page_slug(page) -> str:
    return getattr(page, "slug", "")


def resolve(navigation, pages, sections, empty=frozenset()) -> list[NavItem]:
    """Menu entries for NAVIGATION; `empty` sections (no projects, no courses) are left out."""
    pages_by_slug = {_page_slug(page): page for page in pages}
    items = []
    for entry in navigation:
        if isinstance(entry, (tuple, list)) and len(entry) == 2:
            items.append(NavItem(str(entry[0]), str(entry[1])))
        elif entry in pages_by_slug:
            page = pages_by_slug[entry]
            # Text: a title is HTML after typogrify ("two&nbsp;words").
            items.append(NavItem(plain_text(page.metadata.get("nav_title") or page.title),
                                 page.url))
        elif entry in sections:
            items.append(NavItem(*sections[entry]))
        elif entry in empty:
            logger.info("NAVIGATION names %r, which has no content yet; it is left out of "
                        "the menu until it has.", entry)
        else:
            logger.warning(
                "pelicanconf.py: NAVIGATION names %r, which is neither a page in "
                "content/pages/ nor one of %s. Fix the name or remove it.",
                entry,
                ", ".join(sorted(sections)),
            )
    return items


def al_folio_navigation(pages) -> list:
    """About first, then pages with `nav: true` by `nav_order`, then the blog."""
    def order(page):
        try:
            return float(page.metadata.get("nav_order", 1000))
        except (TypeError, ValueError):
            return 1000.0

    flagged = [page for page in pages if truthy(page.metadata.get("nav", False))]
    home = [page for page in pages if page.url in ("", "/") and page not in flagged]
    return [_page_slug(page) for page in home + sorted(flagged, key=order)] + ["blog"]


def _build(generators) -> None:
    context = generators[0].context
    settings = generators[0].settings
    pages = context.get("pages", []) + context.get("hidden_pages", [])
    navigation = settings.get("NAVIGATION")
    if navigation is None:
        navigation = al_folio_navigation(pages)
    urls = {"blog": settings["INDEX_URL"], "publications": settings.get("PUBLICATIONS_URL"),
            "news": settings.get("NEWS_INDEX_URL")}
    # Sections that exist only when their data does: no menu entry without content.
    for name, url_setting, data in (("projects", "PROJECTS_URL", "projects"),
                                    ("teaching", "TEACHING_URL", "courses"),
                                    ("repositories", "REPOSITORIES_URL", "repositories"),
                                    ("cv", "CV_URL", "cv"), ("talks", "TALKS_URL", "talks")):
        urls[name] = settings.get(url_setting) if context.get(data) else None
    sections = {name: (title, urls[name]) for name, title in settings["NAVIGATION_TITLES"].items()
                if urls.get(name) is not None}
    empty = {name for name in settings["NAVIGATION_TITLES"] if urls.get(name) is None}
    context["NAV_ITEMS"] = resolve(navigation, pages, sections, empty)


def register() -> None:
    signals.all_generators_finalized.connect(_build)
