"""Where al-folio's files go, and the references to them rewritten on the way."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

# al-folio's asset folders -> folders under content/, most specific first.
ASSET_FOLDERS = (
    ("assets/img/publication_preview/", "images/publications/"),
    ("assets/img/", "images/"),
    ("assets/pdf/", "files/"),
    ("assets/bibliography/", "bibliography/"),
)
# The theme's own assets: not the user's, never copied.
THEME_ASSETS = {"js", "css", "fonts", "webfonts", "sass", "scss", "libs", "json", "plotly",
                "audio_player", "img/favicon"}

_LIQUID = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
_BASEURL = r"(?:\{\{-?\s*site\.baseurl\s*-?\}\})?"
_BASEURL_BEFORE_ASSETS = re.compile(r"\{\{-?\s*site\.baseurl\s*-?\}\}(?=/assets/)")
_ASSET_REFERENCE = re.compile(_BASEURL + r"(?P<slash>/?)assets/(?P<rest>[^\s\"')<>\]|}]+)")


def content_path_of_asset(relative: str) -> str | None:
    """`assets/img/a.png` -> `images/a.png`; None for the theme's own assets."""
    relative = relative.lstrip("/")
    for old, new in ASSET_FOLDERS:
        if relative.startswith(old):
            return new + relative[len(old):]
    parts = PurePosixPath(relative).parts
    if len(parts) < 3 or parts[0] != "assets" or parts[1] in THEME_ASSETS:
        return None
    return "files/" + "/".join(parts[1:])


def rewrite_references(text: str, on_reference, exists=lambda path: True) -> str:
    """Point every `assets/...` reference at its new place under content/.

    Inside Liquid tags the new path is written as the old one was, with or
    without its leading slash (`images/a.png`, which the Liquid translator
    serves from the site root). A link or image of Markdown or HTML
    (`](…)`, `src="…"`, `href="…"`) to a file that exists becomes Pelican's
    `{static}/images/a.png`, which Pelican resolves against SITEURL; anything
    else (a CSS url(), a file the site lacks) a site path, `/images/a.png`.
    `on_reference(new_path)` is told about every rewritten reference.
    """
    def replace(match: re.Match, bare: bool) -> str:
        new = content_path_of_asset("assets/" + match["rest"])
        if new is None:
            return match[0]
        on_reference(new)
        if bare:
            return match["slash"] + new
        before = text_outside[max(0, match.start() - 12):match.start()]
        if exists(new) and _LINK_CONTEXT.search(before):
            return "{static}/" + new
        return "/" + new

    text = _BASEURL_BEFORE_ASSETS.sub("", text)
    text = _LIQUID_LINK.sub(_intrasite_link, text)
    pieces, last = [], 0
    for tag in _LIQUID.finditer(text):
        text_outside = text[last:tag.start()]
        pieces.append(_ASSET_REFERENCE.sub(lambda m: replace(m, False), text_outside))
        pieces.append(_ASSET_REFERENCE.sub(lambda m: replace(m, True), tag[0]))
        last = tag.end()
    text_outside = text[last:]
    pieces.append(_ASSET_REFERENCE.sub(lambda m: replace(m, False), text_outside))
    return "".join(pieces)


# `](` of Markdown, or an HTML attribute that Pelican resolves {static} in.
_LINK_CONTEXT = re.compile(r"\]\(\s*$|\b(?:src|href|poster)\s*=\s*[\"']?$")
# {% link _posts/2021-01-01-x.md %}: Jekyll's link to another file of the site.
_LIQUID_LINK = re.compile(r"\{%-?\s*link\s+(?P<path>_(?:posts|pages|projects|news|teachings)/[^\s%]+)\s*-?%\}")
_COLLECTION_FOLDERS = {"_posts": "blog", "_pages": "pages", "_projects": "projects", "_news": "news",
                       "_teachings": "teaching"}


def _intrasite_link(match: re.Match) -> str:
    """`{% link _projects/x.md %}` -> Pelican's `{filename}/projects/x.md`."""
    folder, _, rest = match["path"].partition("/")
    name = normalised_post_name(PurePosixPath(rest).name) if folder == "_posts" else PurePosixPath(rest).name
    name = name.rsplit(".", 1)[0] + ".md"
    return f"{{filename}}/{_COLLECTION_FOLDERS[folder]}/{name}"


_JEKYLL_NAME = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})-(?P<slug>.+)$")


def normalised_post_name(name: str) -> str:
    """`2021-5-5-score.md` -> `2021-05-05-score.md`, as Jekyll reads the date."""
    stem, dot, suffix = name.rpartition(".")
    match = _JEKYLL_NAME.match(stem)
    if not match:
        return name
    if suffix in ("markdown", "mdown", "mkd"):
        suffix = "md"
    return (f"{match['y']}-{int(match['m']):02d}-{int(match['d']):02d}-{match['slug']}"
            f"{dot}{suffix}")


# A link or embed of a file of the site root, outside assets/: `<iframe src="/talkmap/map.html">`.
_ROOT_FILE = re.compile(r"""(?:\b(?:src|href|data)\s*=\s*["']?|\]\()/(?P<path>[A-Za-z0-9][\w.-]*/[^\s"'()<>#?]+)""")


def root_folders_referenced(text: str, root) -> set[str]:
    """The top folders of the al-folio site (not assets/, not Jekyll's `_…`) holding a file the text
    links to or embeds. Jekyll publishes them as they are; so must the import (talkmap/)."""
    found = set()
    for match in _ROOT_FILE.finditer(text):
        path = match["path"]
        folder = path.split("/", 1)[0]
        if folder != "assets" and (root / path).is_file():
            found.add(folder)
    return found
