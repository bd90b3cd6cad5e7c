"""Settings at the start of a build: checked once, then completed from your files.

Defaults themselves live in `defaults.py`, imported at the top of
pelicanconf.py, so a value you write always wins. Here:

- every setting of ours is checked against the type it needs; a wrong one
  stops the build with one message naming the setting and what it expects,
  before anything is read (a settings mistake is not a content problem that
  can be skipped);
- settings that depend on your files are filled in where you left them
  unset, at the start of every build (livereload keeps one Pelican while you
  add files): content/templates/ as template overrides, content/extra.css,
  the FAVICON and OG_IMAGE files, and the content cache's key; the
  compiled-template cache once.
"""

from __future__ import annotations

import copy
import glob
import hashlib
import logging
import os
import re
import weakref
from collections.abc import Callable

from jinja2 import FileSystemBytecodeCache
from pelican.settings import DEFAULT_CONFIG

from . import defaults

logger = logging.getLogger(__name__)


class SettingsError(SystemExit):
    """Stops the build with a message about a setting, and exit code 1.

    A SystemExit, so Pelican does not swallow it into a logged line and go on.
    """

    def __init__(self, message: str) -> None:
        super().__init__(f"pelicanconf.py: {message}")


# --- Checking -----------------------------------------------------------------

def _whole_number(minimum: int, optional: bool = False) -> Callable[[object], bool]:
    def check(value) -> bool:
        if value is None:
            return optional
        return isinstance(value, int) and not isinstance(value, bool) and value >= minimum
    return check


def _list_of(*types: type) -> Callable[[object], bool]:
    return lambda value: isinstance(value, (list, tuple)) and all(
        isinstance(item, types) and not isinstance(item, bool) for item in value)


def _text_or_text_list(value) -> bool:
    return isinstance(value, str) or _list_of(str)(value)


def _navigation_entry(item) -> bool:
    if isinstance(item, str):
        return True
    return (isinstance(item, (list, tuple)) and len(item) == 2
            and all(isinstance(part, str) for part in item))


def _mapping(value) -> bool:
    return isinstance(value, dict)


def _text(value) -> bool:
    return isinstance(value, str)


def _optional_text_list(value) -> bool:
    return value is None or _text_or_text_list(value)


# setting -> (check, what it expects, in words)
CHECKS: dict[str, tuple[Callable[[object], bool], str]] = {
    "NAVIGATION": (lambda v: v is None or (isinstance(v, (list, tuple))
                                           and all(map(_navigation_entry, v))),
                   'a list of page slugs, section names and ("Title", "url") pairs, or None'),
    "NAVIGATION_TITLES": (_mapping, "a mapping of section name to title"),
    "SOCIALS": (_mapping, 'a mapping such as {"github_username": "ada"}'),
    "SOCIALS_FILE": (_text, "a path under content/"),
    "CONTACT_NOTE": (_text, "text (HTML allowed)"),
    "NEWS_LIMIT": (_whole_number(0, optional=True), "a whole number (0 or None: all)"),
    "LATEST_POSTS_LIMIT": (_whole_number(0, optional=True), "a whole number (0 or None: all)"),
    "NEWS_PATHS": (_list_of(str), "a list of folders under content/"),
    "READING_SPEED": (_whole_number(1), "a whole number of words per minute, 1 or more"),
    "DEFAULT_PAGINATION": (lambda v: v is False or _whole_number(1)(v),
                           "a whole number of posts per page, or False"),
    "PROFILE_IMAGE_WIDTHS": (_list_of(int), "a list of widths in pixels, such as [240, 480]"),
    "PROFILE_IMAGE_DIR": (_text, "a folder under content/"),
    "PUBLICATIONS_BIB_PATHS": (_text_or_text_list, "a path or a list of paths under content/"),
    "PUBLICATIONS_OWNER_LAST_NAMES": (_optional_text_list, "a list of names"),
    "PUBLICATIONS_OWNER_FIRST_NAMES": (_optional_text_list, "a list of names"),
    "AUTHOR_LAST_NAMES": (_text_or_text_list, "a list of names"),
    "AUTHOR_FIRST_NAMES": (_text_or_text_list, "a list of names"),
    "PUBLICATIONS_EXTRA_FIELDS": (_text_or_text_list, "a list of BibTeX field names"),
    "PUBLICATIONS_MAX_AUTHORS": (_whole_number(1, optional=True),
                                 "a whole number of authors, 1 or more, or None"),
    "PUBLICATIONS_GROUP_BY": (lambda v: v in ("year", "type", "none"),
                              'one of "year", "type", "none"'),
    "PUBLICATIONS_BIBTEX": (lambda v: v in ("field", "always", "never"),
                            'one of "field", "always", "never"'),
    "PUBLICATIONS_SORT": (_text, 'text such as "-year,-month" ("" keeps file order)'),
    "PUBLICATIONS_HIDDEN_BIBTEX_FIELDS": (_list_of(str), "a list of BibTeX field names"),
    "KEYWORDS": (_text_or_text_list, "a list of words"),
    "FAVICON": (_text, "an emoji or a path under content/"),
    "OG_IMAGE": (_text, "a path under content/"),
    "CITATIONS_STYLE": (lambda v: v in ("author-year", "numbered"), 'one of "author-year", "numbered"'),
    "CITATIONS_BIBLIOGRAPHY_PATH": (_text, "a folder under content/"),
    "RELATED_BLOG_POSTS": (lambda v: isinstance(v, bool), "True or False"),
    "RELATED_POSTS_LIMIT": (_whole_number(0), "a whole number of posts (0: none)"),
    "GISCUS": (lambda v: _mapping(v) and bool(re.fullmatch(r"([\w.-]+/[\w.-]+)?", str(v.get("repo") or ""))),
               'a mapping of al-folio\'s giscus keys, with repo as "owner/name"'),
    "DISQUS_SHORTNAME": (lambda v: _text(v) and bool(re.fullmatch(r"[A-Za-z0-9-]*", v)),
                         "your Disqus shortname: letters, digits and hyphens"),
    **{key: (lambda v: _text(v) and bool(re.fullmatch(r"[\w.-]*", v)),
             "an ID or code as the provider gives it: letters, digits, '-', '_' and '.'")
       for key in ("GOATCOUNTER_CODE", "PLAUSIBLE_DOMAIN", "UMAMI_WEBSITE_ID",
                   "CLOUDFLARE_ANALYTICS_TOKEN", "GOOGLE_ANALYTICS")},
    **{key: (lambda v: _text(v) and v.startswith("https://"), "an https:// address")
       for key in ("PLAUSIBLE_SCRIPT", "UMAMI_SCRIPT")},
    "SEARCH_ENABLED": (lambda v: isinstance(v, bool), "True or False"),
    "PARALLEL_BUILD": (lambda v: isinstance(v, bool), "True or False"),
    "EXTERNAL_SOURCES": (lambda v: isinstance(v, (list, tuple)) and all(
        _mapping(source) and (source.get("rss_url") or isinstance(source.get("posts"), list))
        for source in v),
                         'a list of {"name": …, "rss_url": …} or {"name": …, "posts": [{"url": …, '
                         '"published_date": …}]}, as al-folio\'s external_sources'),
    "EXTERNAL_POSTS_FILE": (_text, "a path under content/"),
    "STRICT": (lambda v: isinstance(v, (bool, str)), "True or False"),
    # Sections: projects, teaching, repositories, people
    "PROJECTS_PATHS": (_list_of(str), "a list of folders under content/"),
    "PROJECTS_CATEGORIES": (_list_of(str), "a list of category names"),
    "PROJECTS_HORIZONTAL": (lambda v: isinstance(v, bool), "True or False"),
    "PROJECT_IMAGE_WIDTHS": (_list_of(int), "a list of widths in pixels, such as [360, 720]"),
    "TEACHING_PATHS": (_list_of(str), "a list of folders under content/"),
    "REPOSITORIES_FILE": (_text, "a path under content/"),
    "REPOSITORIES_CACHE_FILE": (_text, "a path under content/"),
    "CV_FILES": (_list_of(str), "a list of paths under content/"),
    "CV_URL": (_text, 'a site path such as "cv/"'),
    "CV_SAVE_AS": (_text, 'a file path such as "cv/index.html"'),
    "CV_TITLE": (_text, "text"),
    "CV_PDF": (lambda v: isinstance(v, bool), "True or False"),
    "CV_PDF_NAME": (lambda v: isinstance(v, str) and v.endswith(".pdf") and "/" not in v,
                    'a file name ending in .pdf, such as "cv.pdf"'),
    "CV_PDF_PAPER": (lambda v: v in ("a4", "us-letter"), '"a4" or "us-letter"'),
    "CV_SELECTED_PUBLICATIONS": (lambda v: isinstance(v, bool), "True or False"),
    "CV_TALKS": (lambda v: isinstance(v, bool), "True or False"),
    "TALKS_FILE": (_text, "a path under content/"),
    "TALKS_URL": (_text, 'a site path such as "talks/"'),
    "TALKS_SAVE_AS": (_text, 'a file path such as "talks/index.html"'),
    "TALKS_TITLE": (_text, "text"),
    "REDIRECTS": (_mapping, 'a mapping of old address to new, such as {"/old/": "/blog/"}'),
    "REDIRECTS_FILE": (_text, "a path under content/"),
}


def _flag(value) -> bool:
    return isinstance(value, bool)


def _address(value) -> bool:
    return value is None or value is False or isinstance(value, str)


def _type_groups(value) -> bool:
    return isinstance(value, (list, tuple)) and all(
        isinstance(group, (list, tuple)) and len(group) == 2 and isinstance(group[0], str)
        and _list_of(str)(group[1]) for group in value)


CHECKS.update({
    "PUBLICATIONS_TYPE_GROUPS": (_type_groups, 'a list of ("Heading", ["entry type", …]) pairs'),
    "JINJA_ENVIRONMENT": (_mapping, 'a mapping such as {**JINJA_ENVIRONMENT, "extensions": […]}'),
    "SITEMAP": (_mapping, 'a mapping such as {"format": "xml"}'),
    "MARKDOWN": (_mapping, "a mapping of Markdown options"),
    "OUTPUT_RETENTION": (_list_of(str), 'a list of names in output/, such as [".git"]'),
    "STATIC_PATHS": (_list_of(str), "a list of folders or files under content/"),
    "ARTICLE_PATHS": (_list_of(str), "a list of folders under content/"),
    "PAGE_PATHS": (_list_of(str), "a list of folders under content/"),
})
CHECKS.update({name: (_flag, "True or False") for name in (
    "MATH", "PUBLICATIONS_PAPER_PAGES", "PUBLICATIONS_CACHE", "DELETE_OUTPUT_DIRECTORY",
    "TYPOGRIFY", "WITH_FUTURE_DATES", "USE_FOLDER_AS_CATEGORY")})
CHECKS.update({name: (_text, "text") for name in (
    "EMAIL", "AFFILIATION", "SITE_DESCRIPTION", "CITATIONS_HEADING", "PUBLICATIONS_TITLE",
    "PUBLICATIONS_NOTE", "PUBLICATIONS_UNDATED_LABEL", "PUBLICATIONS_COAUTHORS_FILE",
    "PUBLICATIONS_VENUES_FILE", "DEFAULT_DATE_FORMAT") if name not in CHECKS})
# Every address (…_URL, …_SAVE_AS) is text: a URL, or a path under output/ ("" writes nothing).
CHECKS.update({name: (_address, 'text, a path such as "news/{slug}/"')
               for name in defaults.__all__
               if name.endswith(("_URL", "_SAVE_AS")) and name not in CHECKS})


def check(settings: dict) -> None:
    """Stop the build on the first setting that cannot be used as it is."""
    for key, (is_valid, expected) in CHECKS.items():
        if key in settings and not is_valid(settings[key]):
            raise SettingsError(f"{key} = {settings[key]!r} cannot be used: it should be "
                                f"{expected}. Fix it and build again.")
    plugins = [getattr(plugin, "__name__", plugin) for plugin in settings.get("PLUGINS") or ()]
    if "sitemap" in plugins or "pelican.plugins.sitemap" in plugins:
        raise SettingsError('PLUGINS lists "sitemap", but Pelican Scholar writes sitemap.xml '
                            'itself: remove "sitemap" from PLUGINS.')


# --- Completing -----------------------------------------------------------------

def _strict_flag(value) -> bool:
    # `pelican -e STRICT=true` arrives as a JSON value, but a string is possible.
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


def complete(settings: dict) -> None:
    """Our keys if pelicanconf.py lacks them, in the form the parts read them (what
    depends on your files is filled in at the start of each build: fill_in_from_files)."""
    if "SCHOLAR_DEFAULTS_LOADED" not in settings:
        logger.warning("The settings do not start with `from pelican_scholar.defaults import *`, "
                       "so Pelican's own defaults are used for URLs, typography and feeds. "
                       "Add that line at the top of pelicanconf.py.")
    for key in defaults.__all__:
        if key not in settings:
            settings[key] = copy.deepcopy(getattr(defaults, key))
    settings["STRICT"] = _strict_flag(settings["STRICT"])
    # Parts add their Markdown extensions to MARKDOWN: to a copy, so the
    # defaults module's own dict (shared by every build of a process) stays as
    # it is written.
    markdown = dict(settings["MARKDOWN"])
    markdown["extensions"] = list(markdown.get("extensions") or [])
    settings["MARKDOWN"] = markdown
    settings.setdefault("404_SAVE_AS", "404.html")
    settings.setdefault("404_URL", "404.html")
    for key, fallback in (("PUBLICATIONS_OWNER_LAST_NAMES", "AUTHOR_LAST_NAMES"),
                          ("PUBLICATIONS_OWNER_FIRST_NAMES", "AUTHOR_FIRST_NAMES")):
        if settings[key] is None:
            settings[key] = list(settings.get(fallback) or [])
    for key in ("PUBLICATIONS_BIB_PATHS", "PUBLICATIONS_OWNER_LAST_NAMES",
                "PUBLICATIONS_OWNER_FIRST_NAMES", "PUBLICATIONS_EXTRA_FIELDS",
                "AUTHOR_LAST_NAMES", "AUTHOR_FIRST_NAMES", "KEYWORDS"):
        if isinstance(settings[key], str):
            settings[key] = [settings[key]]
    for key in ("PUBLICATIONS_FILES_URL", "PUBLICATIONS_PREVIEWS_URL"):
        folder = str(settings[key] or "").strip("/")
        settings[key] = folder + "/" if folder else ""

    _escape_in_templates(settings)
    _cache_compiled_templates(settings)


# Settings filled in from your files where you left them unset. `./dev
# regenerate` and livereload keep one Pelican while you add content/templates/
# or extra.css, so this is done at the start of every build, from the values as
# you wrote them (remembered per Pelican).
FILLED_FROM_FILES = ("THEME_TEMPLATES_OVERRIDES", "EXTRA_CSS", "STATIC_PATHS")
_as_written: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def fill_in_from_files(pelican) -> None:
    """At the start of each build: the settings that depend on your files, and the
    content cache's key (which includes the partials drawn into posts)."""
    settings = pelican.settings
    written = _as_written.setdefault(pelican, {key: copy.deepcopy(settings[key])
                                               for key in FILLED_FROM_FILES if key in settings})
    for key in FILLED_FROM_FILES:
        if key in written:
            settings[key] = copy.deepcopy(written[key])
        else:
            settings.pop(key, None)
    overrides = os.path.join(settings["PATH"], "templates")
    if not settings.get("THEME_TEMPLATES_OVERRIDES") and os.path.isdir(overrides):
        settings["THEME_TEMPLATES_OVERRIDES"] = [overrides]
    # content/extra.css: your own CSS, loaded after the theme's.
    if os.path.isfile(os.path.join(settings["PATH"], "extra.css")):
        settings.setdefault("EXTRA_CSS", "extra.css")
        _add_static_path(settings, "extra.css")
    for key in ("FAVICON", "OG_IMAGE"):
        _publish_content_file(settings, key)
    _key_content_cache(settings)


def share_with_templates(generator) -> None:
    """Pelican copied the settings into the templates' context before the build
    started: they get the values filled in for this build."""
    for key in FILLED_FROM_FILES:
        if key in generator.settings:
            generator.context[key] = generator.settings[key]
        else:
            generator.context.pop(key, None)


# Templates drawn into a document while it is read (so kept in the content
# cache with it): their source is part of the cache's key.
TEMPLATES_READ_WITH_CONTENT = ("partials/figure.html", "partials/details.html", "partials/tabs.html")


def template_folders(settings: dict) -> list[str]:
    """Where templates are looked for, in Pelican's order: your overrides, then the theme."""
    theme = [os.path.join(settings["THEME"], "templates")] if settings.get("THEME") else []
    return [*settings.get("THEME_TEMPLATES_OVERRIDES", []), *theme]


def find_template(settings: dict, name: str) -> str | None:
    return next((path for folder in template_folders(settings)
                 if os.path.isfile(path := os.path.join(folder, name))), None)


# Settings that change nothing Pelican caches: the cache's own switches, and what
# only Pelican's command line sets (DEBUG always), so that `./dev build` and
# livereload, which reads pelicanconf.py itself, share one cache.
NOT_IN_THE_CACHE_KEY = frozenset({"CACHE_CONTENT", "LOAD_CONTENT_CACHE", "DEBUG", "PORT", "BIND",
                                  "WRITE_SELECTED", "DELETE_OUTPUT_DIRECTORY"})

# Where the content cache's key is kept, in CACHE_PATH.
CONTENT_CACHE_KEY = "scholar-content-cache.key"


def content_cache_key(settings: dict) -> str:
    """What the content Pelican caches depends on besides each file: the settings,
    this plugin's code and Pelican's version."""
    import pelican

    digest = hashlib.sha1(pelican.__version__.encode())
    folder = os.path.dirname(os.path.abspath(__file__))
    for path in sorted(glob.glob(os.path.join(folder, "**", "*.py"), recursive=True)):
        with open(path, "rb") as handle:
            digest.update(os.path.relpath(path, folder).encode() + b"\0" + handle.read())
    for template in TEMPLATES_READ_WITH_CONTENT:
        path = find_template(settings, template)
        if path:
            with open(path, "rb") as handle:
                digest.update(template.encode() + b"\0" + handle.read())
    for key in sorted(settings):
        if key not in NOT_IN_THE_CACHE_KEY:
            value = _markdown_as_written(settings[key]) if key == "MARKDOWN" else settings[key]
            digest.update(key.encode() + b"=" + _stable_repr(value).encode() + b"\0")
    return digest.hexdigest()


def _markdown_as_written(markdown):
    """MARKDOWN without what a build adds to its `extensions` (and leaves there when one
    process builds twice): Pelican's copies of `extension_configs`, and our own
    extensions, which the plugin's code in the key already stands for."""
    if not isinstance(markdown, dict):
        return markdown
    configs = markdown.get("extension_configs") or {}
    added = [item for item in markdown.get("extensions") or []
             if not (isinstance(item, str) and item in configs)
             and not type(item).__module__.startswith(__package__ + ".")]
    return {**markdown, "extensions": added}


def _stable_repr(value) -> str:
    """repr() that is the same in every process: sets sorted, no object addresses."""
    if isinstance(value, dict):
        return "{%s}" % ", ".join(sorted("%s: %s" % (_stable_repr(k), _stable_repr(v))
                                         for k, v in value.items()))
    if isinstance(value, (set, frozenset)):
        return "{%s}" % ", ".join(sorted(_stable_repr(item) for item in value))
    if isinstance(value, (list, tuple)):
        return "[%s]" % ", ".join(_stable_repr(item) for item in value)
    return re.sub(r" at 0x[0-9a-fA-F]+", "", repr(value))


def _key_content_cache(settings: dict) -> None:
    # Pelican's content cache notices a changed file, not changed settings or
    # plugin code (Markdown extensions, typogrify): on such a change, its cache
    # files are removed before anything is read, so the build reads every file.
    if not settings.get("CACHE_CONTENT") and not settings.get("LOAD_CONTENT_CACHE"):
        return
    folder = settings["CACHE_PATH"]
    key = content_cache_key(settings)
    key_file = os.path.join(folder, CONTENT_CACHE_KEY)
    try:
        with open(key_file, encoding="utf-8") as handle:
            if handle.read() == key:
                return
    except OSError:
        pass
    # Removing the files is enough: LOAD_CONTENT_CACHE stays as it is, so the
    # next builds of the same process (regenerate, livereload) use the cache
    # this build fills.
    try:
        os.makedirs(folder, exist_ok=True)
        for name in os.listdir(folder):
            if name.endswith(("-Readers", "Generator")):
                os.remove(os.path.join(folder, name))
        with open(key_file, "w", encoding="utf-8") as handle:
            handle.write(key)
    except OSError as error:
        settings["LOAD_CONTENT_CACHE"] = False
        logger.debug("%s: the content cache's key cannot be written (%s).", folder, error)


def _escape_in_templates(settings: dict) -> None:
    # The theme relies on Jinja's autoescape: it prints file names, tags, URLs
    # and YAML values as text and marks only HTML-by-design values `|safe`.
    # Settings that never imported defaults.py carry Pelican's environment,
    # which does not escape: they get ours.
    jinja = settings["JINJA_ENVIRONMENT"]
    if jinja == DEFAULT_CONFIG["JINJA_ENVIRONMENT"]:
        settings["JINJA_ENVIRONMENT"] = copy.deepcopy(defaults.JINJA_ENVIRONMENT)
    elif not jinja.get("autoescape"):
        logger.warning("pelicanconf.py: JINJA_ENVIRONMENT has no `\"autoescape\": True`, so "
                       "file names, tags and data from YAML and BibTeX reach the pages "
                       "unescaped. Add it: JINJA_ENVIRONMENT = {**JINJA_ENVIRONMENT, …}.")


def _cache_compiled_templates(settings: dict) -> None:
    # Pelican makes a new Jinja environment for every generator of every build:
    # checking template files for changes before each page is wasted work, and
    # compiling every template again each time is too (a fifth of a build of a
    # small site). Compiled templates are kept in CACHE_PATH/jinja, keyed by
    # their source, so an edited template is compiled afresh.
    jinja = settings["JINJA_ENVIRONMENT"]
    if "bytecode_cache" in jinja or jinja != defaults.JINJA_ENVIRONMENT:
        return  # yours
    cache = os.path.join(settings["CACHE_PATH"], "jinja")
    os.makedirs(cache, exist_ok=True)
    settings["JINJA_ENVIRONMENT"] = {**jinja, "auto_reload": False,
                                     "bytecode_cache": FileSystemBytecodeCache(cache)}


def _add_static_path(settings: dict, path: str) -> None:
    if not any(path == folder or path.startswith(folder.rstrip("/") + "/")
               for folder in settings["STATIC_PATHS"]):
        settings["STATIC_PATHS"] = [*settings["STATIC_PATHS"], path]


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
    _add_static_path(settings, path)
