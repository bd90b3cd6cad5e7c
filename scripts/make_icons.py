"""Regenerate plugins/pelican_scholar/icons.py from the icon packages on npm.

    cd "$(mktemp -d)" && npm pack simple-icons@16.37.0 lucide-static@1.62.0
    for f in *.tgz; do mkdir "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
    python scripts/make_icons.py "$PWD"        # from the repository root

Brand icons come from simple-icons (CC0-1.0), generic ones from lucide-static
(ISC; some Feather-derived, also MIT). ICONS-LICENSES.md beside icons.py holds
the notices. Add a name to BRANDS or GENERIC and run this again: only the
icons listed here are inlined, so a page carries only what it shows.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

SIMPLE_ICONS_VERSION = "16.37.0"
LUCIDE_STATIC_VERSION = "1.62.0"

# simple-icons slugs (the file names under icons/).
BRANDS = [
    "academia", "acm", "arxiv", "blogger", "bluesky", "dblp", "discord", "facebook", "flickr",
    "github", "gitlab", "googlescholar", "hal", "ieee", "inspire", "instagram", "kaggle",
    "keybase", "lastdotfm", "leetcode", "letterboxd", "mastodon", "medium", "orcid", "osf",
    "pinterest", "publons", "quora", "researchgate", "scopus", "semanticscholar", "spotify",
    "stackoverflow", "strava", "substack", "telegram", "unsplash", "wechat", "whatsapp",
    "wikidata", "wikipedia", "x", "youtube", "zotero",
]
# lucide-static icon names.
GENERIC = [
    "briefcase", "code", "external-link", "file", "file-text", "globe", "graduation-cap",
    "link", "mail", "moon", "rss", "search", "sun",
]

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "plugins" / "pelican_scholar" / "icons.py"
HEADER = '''"""SVG icons for Pelican Scholar (generated; do not edit by hand).

Generated from the npm packages simple-icons {simple} and lucide-static {lucide}
by scripts/make_icons.py; regenerate rather than editing entries.

Licences:

* simple-icons (https://simpleicons.org) -- brand icons, released under CC0-1.0
  (public domain dedication).  The brands themselves remain trademarks of their
  owners; see simple-icons' DISCLAIMER.md.  ``path`` is the single path of the
  icon; draw it with ``fill="currentColor"``.
* lucide-static (https://lucide.dev) -- ISC licence,
  "Copyright (c) 2026 Lucide Icons and Contributors"; icons derived from
  Feather are also under the MIT licence, "Copyright (c) 2013-present Cole
  Bemis".  Both notices must accompany redistributions; see ICONS-LICENSES.md.
  Lucide icons are stroked and made of several elements, so ``path`` holds the
  inner SVG markup; draw it with ``fill="none" stroke="currentColor"
  stroke-width="2" stroke-linecap="round" stroke-linejoin="round"``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ICONS", "Icon", "SIMPLE_ICONS_VERSION", "LUCIDE_STATIC_VERSION"]

SIMPLE_ICONS_VERSION = "{simple}"
LUCIDE_STATIC_VERSION = "{lucide}"


@dataclass(frozen=True)
class Icon:
    """One SVG icon.

    Attributes:
        view_box: value of the ``viewBox`` attribute, e.g. ``"0 0 24 24"``.
        path: for filled icons (``stroked`` false) the ``d`` attribute of the
            single ``<path>``; for stroked icons the inner SVG markup
            (several elements) to place inside ``<svg>``.
        source: ``"simple-icons (CC0-1.0)"`` or ``"lucide-static (ISC)"``.
        stroked: true for lucide icons: render with ``fill="none"
            stroke="currentColor" stroke-width="2" stroke-linecap="round"
            stroke-linejoin="round"``; false: ``fill="currentColor"``.
        title: the upstream name (brand title or lucide icon name).
        hex: the brand colour from simple-icons (no ``#``); empty for lucide.
    """

    view_box: str
    path: str
    source: str
    stroked: bool = False
    title: str = ""
    hex: str = ""


'''


def _attribute(svg: str, name: str) -> str:
    return re.search(rf'\b{name}="([^"]*)"', svg).group(1)


def brand(folder: Path, slug: str, data: dict) -> dict:
    svg = (folder / "icons" / f"{slug}.svg").read_text(encoding="utf-8")
    return {"view_box": _attribute(svg, "viewBox"), "path": _attribute(svg, "d"),
            "source": "simple-icons (CC0-1.0)", "stroked": False,
            "title": data[slug]["title"], "hex": data[slug]["hex"]}


def generic(folder: Path, name: str) -> dict:
    svg = (folder / "icons" / f"{name}.svg").read_text(encoding="utf-8")
    inner = svg[svg.index(">", svg.index("<svg")) + 1:svg.rindex("</svg>")]
    inner = "".join(line.strip() for line in inner.splitlines())
    return {"view_box": _attribute(svg, "viewBox"), "path": inner,
            "source": "lucide-static (ISC)", "stroked": True, "title": name, "hex": ""}


def render(icons: dict[str, dict]) -> str:
    lines = [HEADER.format(simple=SIMPLE_ICONS_VERSION, lucide=LUCIDE_STATIC_VERSION),
             "ICONS: dict[str, Icon] = {\n"]
    for name in sorted(icons):
        icon = icons[name]
        lines.append(f"    {json.dumps(name)}: Icon(\n")
        for field in ("view_box", "path", "source"):
            lines.append(f"        {field}={json.dumps(icon[field], ensure_ascii=False)},\n")
        lines.append(f"        stroked={icon['stroked']},\n")
        for field in ("title", "hex"):
            lines.append(f"        {field}={json.dumps(icon[field], ensure_ascii=False)},\n")
        lines.append("    ),\n")
    lines.append("}\n")
    return "".join(lines)


def main(packs: Path) -> None:
    simple = packs / f"simple-icons-{SIMPLE_ICONS_VERSION}" / "package"
    lucide = packs / f"lucide-static-{LUCIDE_STATIC_VERSION}" / "package"
    data = {entry["slug"]: entry for entry in
            json.loads((simple / "data" / "simple-icons.json").read_text(encoding="utf-8"))}
    icons = {slug: brand(simple, slug, data) for slug in BRANDS}
    icons.update({name: generic(lucide, name) for name in GENERIC})
    TARGET.write_text(render(icons), encoding="utf-8")
    print(f"wrote {len(icons)} icons to {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
