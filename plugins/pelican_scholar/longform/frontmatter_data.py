"""A long-form post's front matter as data for its template: byline and styles.

    authors:                       # al-folio's distill byline
      - name: Albert Einstein
        url: https://…
        affiliations:
          name: IAS, Princeton     # or a list of {name, url}
    _styles: >                     # CSS for this post only
      .fake-img { background: #bbb; }
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup

_SAFE_URL = re.compile(r"^(https?://|/|#|mailto:)", re.I)


@dataclass
class Affiliation:
    name: str
    url: str = ""


@dataclass
class BylineAuthor:
    name: str
    url: str = ""
    affiliations: list[Affiliation] = field(default_factory=list)


def _url(value) -> str:
    value = str(value or "").strip()
    return value if _SAFE_URL.match(value) else ""


def _affiliations(value) -> list[Affiliation]:
    if isinstance(value, dict):
        value = [value]
    if isinstance(value, str):
        value = [{"name": value}]
    found = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, str):
            item = {"name": item}
        if isinstance(item, dict) and item.get("name"):
            found.append(Affiliation(str(item["name"]).strip(), _url(item.get("url"))))
    return found


def byline(people) -> list[BylineAuthor]:
    """al-folio's `authors:` list (names, urls, affiliations) as records."""
    authors = []
    for person in people if isinstance(people, list) else []:
        if isinstance(person, str):
            person = {"name": person}
        if isinstance(person, dict) and person.get("name"):
            authors.append(BylineAuthor(str(person["name"]).strip(), _url(person.get("url")),
                                        _affiliations(person.get("affiliations"))))
    return authors


def post_styles(css, warn) -> Markup | None:
    """`_styles:` as the text of a <style> that only applies inside this post.

    The rules are nested in `.post` (CSS nesting), so `body { … }` or `h1 { … }`
    cannot restyle the rest of the site; `<` is written as its CSS escape, so
    the text can never end the <style> element. Unbalanced braces would
    escape the nesting: then the styles are left out, with a warning.
    """
    if not css:
        return None
    if not isinstance(css, str):
        warn("`_styles:` should be CSS text; it is ignored.")
        return None
    depth = 0
    for char in re.sub(r"/\*.*?\*/|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'", "", css, flags=re.S):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            break
    if depth != 0:
        warn("`_styles:` has unbalanced braces { }; the styles are left out. Fix the CSS.")
        return None
    return Markup(".post {\n%s\n}" % css.replace("<", "\\3C ").strip())
