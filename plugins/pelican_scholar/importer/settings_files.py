"""pelicanconf.py and publishconf.py of an imported site, as a person would write them."""

from __future__ import annotations

import datetime
import pprint

from .config import Settings


def _plain(value):
    """YAML's dates as the text they were written as, so the written file needs no imports."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def _python(value) -> str:
    return pprint.pformat(_plain(value), width=88, sort_dicts=False)


def pelicanconf_text(settings: Settings, nav: list) -> str:
    values = dict(settings.values)
    lines = ['"""Your site\'s settings, imported from al-folio by `invoke import-alfolio`.',
             "",
             "Only what differs from the defaults; every default is documented in",
             "plugins/pelican_scholar/defaults.py. publishconf.py imports this file.",
             '"""', "",
             "# Pelican Scholar's defaults first, so that everything below wins.",
             "from pelican_scholar.defaults import *  # noqa: F403", "",
             "# --- Who you are " + "-" * 60]
    for key in ("AUTHOR", "AUTHOR_LAST_NAMES", "AUTHOR_FIRST_NAMES", "EMAIL", "SITENAME",
                "SITE_DESCRIPTION", "KEYWORDS", "DEFAULT_LANG", "TIMEZONE"):
        if key in values:
            lines.append(f"{key} = {_python(values.pop(key))}")
    lines += ["# Left empty while you write; publishconf.py sets the real address.",
              'SITEURL = ""', "", "# --- Navigation: the menu, in al-folio's nav_order " + "-" * 28,
              f"NAVIGATION = {_python(nav)}"]
    if "NAVIGATION_TITLES" in values:
        lines.append(f"NAVIGATION_TITLES = {{**NAVIGATION_TITLES, **{_python(values.pop('NAVIGATION_TITLES'))}}}"
                     "  # noqa: F405")
    lines += ["", "# --- Social links and contact " + "-" * 47,
              f"SOCIALS = {_python(settings.socials)}"]
    if "CONTACT_NOTE" in values:
        lines.append(f"CONTACT_NOTE = {_python(values.pop('CONTACT_NOTE'))}")
    if values:
        lines += ["", "# --- Look and features " + "-" * 54]
        for key, value in values.items():
            if key in settings.comments:
                lines.append(f"# {settings.comments[key]}")
            lines.append(f"{key} = {_python(value)}")
    lines += ["", "# --- Machinery " + "-" * 62, 'PATH = "content"', 'THEME = "theme"',
              'PLUGINS = ["pelican_scholar"]',
              "# Feeds need an absolute address; publishconf.py sets the real one.",
              'FEED_DOMAIN = "http://localhost:8000"', ""]
    return "\n".join(lines)


def publishconf_text(template: str, siteurl: str) -> str:
    marker = 'SITEURL = os.environ.get("SITEURL", '
    start = template.find(marker)
    if start < 0 or not siteurl:
        return template
    end = template.find(")", start)
    return template[:start] + marker + repr(siteurl) + template[end:]
