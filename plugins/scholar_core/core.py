"""Site structure, shared template helpers and strict mode for Pelican Scholar.

Our defaults replace Pelican's own where Pelican's suit a blog more than an
academic site. A setting you write in pelicanconf.py wins, with one catch: a
plugin cannot tell a value you wrote from Pelican's default, so writing
exactly Pelican's default (e.g. `TYPOGRIFY = False`) is not enough; list the
key in KEEP_PELICAN_DEFAULTS as well.

Settings (default):

URLs and paths
    ARTICLE_PATHS (["blog"]), PAGE_PATHS (["pages"])
    ARTICLE_URL ("blog/{date:%Y}/{slug}/"), as al-folio makes them
    PAGE_URL ("{slug}/"), TAG_URL ("blog/tag/{slug}/"),
    CATEGORY_URL ("blog/category/{slug}/"), YEAR_ARCHIVE_URL ("blog/{date:%Y}/")
    INDEX_SAVE_AS ("blog/index.html"): the blog index; the about page is "/"
    DEFAULT_PAGINATION (10): posts per blog index page
    WITH_FUTURE_DATES (False): a post dated in the future waits for its date
    FILENAME_METADATA: a file named 2025-01-31-my-post.md is dated 2025-01-31
        and has the slug "my-post", as in Jekyll
    STATIC_PATHS (["images", "files"]), and content/extra.css when it exists
    THEME_TEMPLATES_OVERRIDES ([]): when empty and content/templates/ exists,
        templates there override the theme's, file by file.
Writing
    TYPOGRIFY (True), with TYPOGRIFY_DASHES ("oldschool": -- is an en dash,
        --- an em dash) and never inside code, math or scripts.
    MARKDOWN: Pelican's extensions plus a table of contents and footnotes.
Identity, used by the theme
    AUTHOR, EMAIL, AFFILIATION, SITE_DESCRIPTION (""), KEYWORDS ([]),
    FAVICON (""): an emoji, or a path under content/.
    OG_IMAGE (""): the default social-card image, a path under content/.
Build
    GZIP_CACHE (False): Pelican's content cache is written uncompressed, which
        is faster to save and load.
    KEEP_PELICAN_DEFAULTS ([]): keys of the settings above for which you want
        Pelican's own default, e.g. ["TYPOGRIFY", "WITH_FUTURE_DATES"].
    SITEMAP: sitemap.xml without the 404 page and robots.txt; pages without
        a date get the date of the newest content, so that the same content
        always gives the same sitemap.
    STRICT (False): fail the build (exit code 1) when anything logged a
        warning. All pages are still written first, so you see every problem at
        once. `invoke build --strict` sets it.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
from urllib.parse import quote

from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup
from pelican import signals
from pelican.settings import DEFAULT_CONFIG

from .data import shown_path
from .icons import ICONS

logger = logging.getLogger(__name__)

SITE_DEFAULTS = {
    "ARTICLE_PATHS": ["blog"],
    "PAGE_PATHS": ["pages"],
    "ARTICLE_URL": "blog/{date:%Y}/{slug}/",
    "ARTICLE_SAVE_AS": "blog/{date:%Y}/{slug}/index.html",
    # Drafts and future posts are not written at all, so they cannot leak
    # into a published site.
    "DRAFT_SAVE_AS": "",
    "DRAFT_PAGE_SAVE_AS": "",
    "PAGE_URL": "{slug}/",
    "PAGE_SAVE_AS": "{slug}/index.html",
    "TAG_URL": "blog/tag/{slug}/",
    "TAG_SAVE_AS": "blog/tag/{slug}/index.html",
    "TAGS_URL": "blog/tags/",
    "TAGS_SAVE_AS": "blog/tags/index.html",
    "CATEGORY_URL": "blog/category/{slug}/",
    "CATEGORY_SAVE_AS": "blog/category/{slug}/index.html",
    "CATEGORIES_URL": "blog/categories/",
    "CATEGORIES_SAVE_AS": "blog/categories/index.html",
    "ARCHIVES_URL": "blog/archive/",
    "ARCHIVES_SAVE_AS": "blog/archive/index.html",
    "YEAR_ARCHIVE_URL": "blog/{date:%Y}/",
    "YEAR_ARCHIVE_SAVE_AS": "blog/{date:%Y}/index.html",
    "AUTHOR_SAVE_AS": "",
    "AUTHORS_SAVE_AS": "",
    "INDEX_URL": "blog/",
    "INDEX_SAVE_AS": "blog/index.html",
    "DIRECT_TEMPLATES": ["index", "tags", "categories", "archives"],
    "PAGINATION_PATTERNS": [
        (1, "{url}", "{save_as}"),
        (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
    ],
    "DEFAULT_PAGINATION": 10,
    "WITH_FUTURE_DATES": False,
    "DEFAULT_DATE_FORMAT": "%-d %B %Y",
    # Jekyll's file names: 2025-01-31-my-post.md is dated and slugged "my-post".
    "FILENAME_METADATA": r"(?P<date>\d{4}-\d{2}-\d{2})-(?P<slug>.*)",
    "USE_FOLDER_AS_CATEGORY": False,
    "STATIC_PATHS": ["images", "files"],
    "TYPOGRIFY": True,
    "TYPOGRIFY_DASHES": "oldschool",
    "TYPOGRIFY_IGNORE_TAGS": ["pre", "code", "kbd", "script", "style", "math", ".math"],
    # Only the filters whose result readers see: quotes, dashes, ellipses and no
    # lone last word. `caps` and `initial_quotes` add spans the theme doesn't
    # style, and cost a third of typogrify's time.
    "TYPOGRIFY_OMIT_FILTERS": ["caps", "initial_quotes"],
    "SLUGIFY_SOURCE": "basename",
    "SUMMARY_MAX_LENGTH": 40,
    "SUMMARY_MAX_PARAGRAPHS": 1,
    # One site-wide Atom and RSS feed; publishconf.py's SITEURL makes them valid.
    "FEED_ALL_ATOM": "feeds/all.atom.xml",
    "FEED_ALL_RSS": "feeds/all.rss.xml",
    "CATEGORY_FEED_ATOM": None,
    "AUTHOR_FEED_ATOM": None,
    "AUTHOR_FEED_RSS": None,
    "TRANSLATION_FEED_ATOM": None,
    # The content cache (CACHE_CONTENT, `invoke regenerate`) stays on this
    # machine: compressing it cost more than reading the unchanged posts saves.
    "GZIP_CACHE": False,
}

MARKDOWN_EXTENSION_CONFIGS = {
    "markdown.extensions.codehilite": {"css_class": "highlight", "guess_lang": False},
    "markdown.extensions.extra": {},
    "markdown.extensions.meta": {},
    "markdown.extensions.toc": {},
}

IDENTITY_DEFAULTS = {
    "EMAIL": "",
    "AFFILIATION": "",
    "SITE_DESCRIPTION": "",
    "KEYWORDS": [],
    "FAVICON": "",
    "OG_IMAGE": "",
}

BUILD_DEFAULTS = {
    "KEEP_PELICAN_DEFAULTS": [],
    "STRICT": False,
    "SITEMAP": {"format": "xml", "exclude": [r"^404\.html$", r"^robots\.txt$"]},
    # Extra direct templates every site has, on top of DIRECT_TEMPLATES.
    "SCHOLAR_PAGES": {"404": "404.html", "robots": "robots.txt"},
}


def apply_defaults(settings: dict) -> None:
    """Fill in our defaults wherever the user kept Pelican's."""
    kept = set(settings.get("KEEP_PELICAN_DEFAULTS") or ())
    for key, value in SITE_DEFAULTS.items():
        if key in kept:
            continue
        if key not in settings or settings[key] == DEFAULT_CONFIG.get(key):
            settings[key] = value
    for key, value in {**IDENTITY_DEFAULTS, **BUILD_DEFAULTS}.items():
        settings.setdefault(key, value)
    # Pelican makes a new Jinja environment for every generator of every build:
    # checking template files for changes before each page is wasted work, and
    # compiling every template again each time is too (a fifth of a build of
    # a small site). Compiled templates are kept in CACHE_PATH/jinja, keyed by
    # their source, so an edited template is compiled afresh.
    jinja = settings["JINJA_ENVIRONMENT"]
    if jinja == DEFAULT_CONFIG["JINJA_ENVIRONMENT"]:
        cache = os.path.join(settings["CACHE_PATH"], "jinja")
        os.makedirs(cache, exist_ok=True)
        settings["JINJA_ENVIRONMENT"] = {**jinja, "auto_reload": False,
                                         "bytecode_cache": FileSystemBytecodeCache(cache)}
    # Other plugins add Markdown extensions in the same signal, in no set
    # order: replace only the configs, never the list of extensions.
    markdown = settings["MARKDOWN"]
    if markdown.get("extension_configs") == DEFAULT_CONFIG["MARKDOWN"]["extension_configs"]:
        markdown["extension_configs"] = dict(MARKDOWN_EXTENSION_CONFIGS)

    # Pelican sorts PAGINATION_PATTERNS into named tuples while reading the
    # settings; ours arrive later, so do the same.
    from pelican.paginator import PaginationRule

    settings["PAGINATION_PATTERNS"] = sorted(
        (PaginationRule(*rule) for rule in settings["PAGINATION_PATTERNS"]),
        key=lambda rule: rule[0],
    )

    overrides = os.path.join(settings["PATH"], "templates")
    if not settings.get("THEME_TEMPLATES_OVERRIDES") and os.path.isdir(overrides):
        settings["THEME_TEMPLATES_OVERRIDES"] = [overrides]

    # content/extra.css: the user's own CSS, loaded after the theme's.
    if os.path.isfile(os.path.join(settings["PATH"], "extra.css")):
        settings.setdefault("EXTRA_CSS", "extra.css")
        if "extra.css" not in settings["STATIC_PATHS"]:
            settings["STATIC_PATHS"] = [*settings["STATIC_PATHS"], "extra.css"]

    for key in ("FAVICON", "OG_IMAGE"):
        _publish_content_file(settings, key)

    for name, save_as in settings["SCHOLAR_PAGES"].items():
        if name not in settings["DIRECT_TEMPLATES"]:
            settings["DIRECT_TEMPLATES"] = [*settings["DIRECT_TEMPLATES"], name]
        settings.setdefault(f"{name.upper()}_SAVE_AS", save_as)
        settings.setdefault(f"{name.upper()}_URL", save_as)


def _publish_content_file(settings: dict, key: str) -> None:
    """Copy the file a setting names (e.g. FAVICON = "favicon.png") into the site."""
    value = str(settings.get(key) or "")
    if "." not in value and "/" not in value:
        return  # empty, or an emoji
    if "://" in value:
        return
    path = value.lstrip("/")
    if not os.path.isfile(os.path.join(settings["PATH"], path)):
        logger.warning("pelicanconf.py: %s = %r, but content/%s does not exist. Add the file "
                       "or fix the setting.", key, value, path)
        return
    if not any(path == folder or path.startswith(folder.rstrip("/") + "/")
               for folder in settings["STATIC_PATHS"]):
        settings["STATIC_PATHS"] = [*settings["STATIC_PATHS"], path]


def newest_content_date(context: dict):
    """The date of the newest dated post, page or news item, or None."""
    dates = [item.date for name in ("articles", "pages", "news")
             for item in context.get(name) or () if getattr(item, "date", None)]
    return max(dates, key=lambda d: d.timestamp(), default=None)


def _pin_sitemap_date(generators) -> None:
    # pelican-sitemap dates undated pages with the time of the build, so two
    # builds of the same content differ. Use the newest content date instead.
    try:
        from pelican.plugins.sitemap import sitemap
    except ImportError:
        return
    newest = newest_content_date(generators[0].context)
    if newest is not None:
        sitemap.generator.now = newest


# Pages the plugins generate, by the setting that says where; a page of the
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
    """al-folio needs _pages/publications.md and blog.md; here they would hide ours."""
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


@functools.lru_cache(maxsize=256)  # every page draws the same few icons
def render_icon(name: str, css_class: str = "icon") -> str:
    """Inline SVG for one of ICONS, hidden from assistive technology.

    The surrounding link or button carries the accessible name. Inline, so a
    page carries only the icons it shows and no icon font is loaded.
    """
    icon = ICONS.get(name) or ICONS["link"]
    if icon.stroked:
        paint = ('fill="none" stroke="currentColor" stroke-width="2" '
                 'stroke-linecap="round" stroke-linejoin="round"')
        body = icon.path
    else:
        paint = 'fill="currentColor"'
        body = f'<path d="{icon.path}"/>'
    return (f'<svg class="{css_class}" viewBox="{icon.view_box}" {paint} '
            f'aria-hidden="true" focusable="false">{body}</svg>')


def jsonld(data: dict) -> str:
    """JSON for a <script type="application/ld+json">, without empty values.

    <, > and & are written as \\u escapes (as Django's json_script does), so no
    value can end the script element or open an HTML comment inside it.
    """
    def prune(value):
        if isinstance(value, dict):
            pruned = {key: prune(item) for key, item in value.items()}
            return {key: item for key, item in pruned.items() if item not in (None, "", [], {})}
        if isinstance(value, (list, tuple)):
            return [prune(item) for item in value if item not in (None, "")]
        return value

    text = json.dumps(prune(data), ensure_ascii=False, sort_keys=False, indent=None)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def add_markdown_extension(settings: dict, extension) -> None:
    """Add a Markdown extension once (autoreload sends `initialized` again)."""
    extensions = settings["MARKDOWN"].setdefault("extensions", [])
    if not any(type(existing) is type(extension) for existing in extensions):
        extensions.append(extension)


def plain_text(value) -> str:
    """Text for <title>, meta tags and alt: no tags, entities decoded, plain spaces.

    Titles are HTML after Markdown and typogrify (&nbsp;, <span class="caps">).
    """
    return " ".join(Markup(str(value or "")).striptags().replace("\xa0", " ").split())


def absolute_url(path: str, siteurl: str) -> str:
    """Join a site path onto SITEURL ("" is the home page); full URLs pass through.

    Spaces and other characters a URL may not hold are percent-encoded.
    """
    path = str(path or "")
    if "://" in path or path.startswith(("mailto:", "data:", "#")):
        return path
    return f"{siteurl.rstrip('/')}/{quote(path.lstrip('/'), safe='/%#?=&~:@!$()*+,;')}"


class WarningCounter(logging.Handler):
    """Counts what the build logged at WARNING or above, for strict mode."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class StrictModeError(SystemExit):
    """Ends a strict build with exit code 1 and the list of warnings.

    A SystemExit, so that Pelican's command line does not print it as a crash
    with a traceback; in-process callers can still catch it.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @property
    def code(self) -> int:
        print(self.message, file=sys.stderr)
        return 1

    @code.setter
    def code(self, value) -> None:  # SystemExit.__init__ sets it
        pass


_counter: WarningCounter | None = None


def _start(pelican) -> None:
    global _counter
    _counter = WarningCounter()
    logging.getLogger().addHandler(_counter)
    apply_defaults(pelican.settings)


def _add_template_helpers(generator) -> None:
    env = generator.env
    env.filters.setdefault("absolute_url", absolute_url)
    env.globals.setdefault("icon", render_icon)
    env.filters.setdefault("jsonld", jsonld)
    env.filters.setdefault("plain_text", plain_text)
    # `mathml` turns TeX in <span class="math"> into MathML when scholar_math is
    # enabled (it replaces this filter); without it, the TeX stays as it is.
    env.filters.setdefault("mathml", lambda html: html)


def _make_code_blocks_focusable(content) -> None:
    # Wide code scrolls sideways on a phone; tabindex lets keyboard users scroll
    # it too (WCAG 2.1.1). Markdown's code blocks have no other way to get it.
    if getattr(content, "_content", None) and "<pre>" in content._content:
        content._content = content._content.replace("<pre>", '<pre tabindex="0">')


def _finish(pelican) -> None:
    global _counter
    counter, _counter = _counter, None
    if counter is None:
        return
    logging.getLogger().removeHandler(counter)
    if pelican.settings.get("STRICT") and counter.records:
        listed = "\n".join(f"  - {record.getMessage()}" for record in counter.records)
        raise StrictModeError(
            f"strict mode: the build logged {len(counter.records)} warning(s); every page was "
            f"written, but the build fails until they are fixed:\n{listed}"
        )


def register() -> None:
    signals.initialized.connect(_start)
    signals.generator_init.connect(_add_template_helpers)
    signals.content_object_init.connect(_make_code_blocks_focusable)
    signals.all_generators_finalized.connect(_pin_sitemap_date)
    signals.all_generators_finalized.connect(_skip_pages_that_replace_generated_ones)
    signals.finalized.connect(_finish)
