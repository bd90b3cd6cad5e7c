"""Helpers every template can use: icons, URLs, JSON-LD, plain text.

Filters: `absolute_url(siteurl)`, `jsonld`, `plain_text`, `mathml` (the math
part replaces it; without math, TeX stays as it is). Global: `icon(name)`.
"""

from __future__ import annotations

import functools
import json
from urllib.parse import quote

from jinja2 import pass_context
from markupsafe import Markup

from .icons import ICONS


@functools.lru_cache(maxsize=256)  # every page draws the same few icons
def render_icon(name: str, css_class: str = "icon") -> Markup:
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
    return Markup(f'<svg class="{css_class}" viewBox="{icon.view_box}" {paint} '
                  f'aria-hidden="true" focusable="false">{body}</svg>')


def jsonld(data: dict) -> Markup:
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
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


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


@pass_context
def href(context, item) -> str:
    """Where a link to a post, page or news item goes: its own page, or its `redirect:` target."""
    siteurl = context.get("SITEURL", "")
    target = getattr(item, "redirect", "")
    if target:
        return absolute_url(target, siteurl)
    return f"{siteurl}/{item.url}"


def add_template_helpers(generator) -> None:
    env = generator.env
    env.globals.setdefault("href", href)
    env.filters.setdefault("absolute_url", absolute_url)
    env.globals.setdefault("icon", render_icon)
    env.filters.setdefault("jsonld", jsonld)
    env.filters.setdefault("plain_text", plain_text)
    env.filters.setdefault("mathml", Markup)  # publication fields are HTML already
