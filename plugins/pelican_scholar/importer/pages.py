"""al-folio's _pages/: stock functional pages become the sections we generate.

al-folio needs a page to draw the publications list, the blog index, the CV,
the projects grid; here those are generated, so such a page is not copied. Its
menu place (`nav`, `nav_order`, `title`) becomes the section's NAVIGATION entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Section name -> what, in a page, says it is al-folio's stand-in for it.
SECTIONS = (
    ("publications", re.compile(r"\{%-?\s*bibliography\b|^/publications/?$")),
    ("blog", re.compile(r"paginator\.posts|site\.posts|^/blog/?$")),
    ("news", re.compile(r"\{%-?\s*include news\.(?:html|liquid)|^/news/?$")),
    ("projects", re.compile(r"site\.projects|^/projects/?$")),
    ("repositories", re.compile(r"site\.data\.repositories|^/repositories/?$")),
    ("cv", re.compile(r"^cv$")),  # by layout
    ("teaching", re.compile(r"site\.teachings")),  # a /teaching/ page of words stays a page
)
# No "people": a `layout: profiles` page is the people page itself here (people/), imported as it is.


@dataclass
class PageInfo:
    source: str  # path under _pages/
    title: str
    permalink: str
    nav: bool
    nav_order: float
    section: str = ""  # a generated section this page stands in for
    children: list | None = None  # a dropdown's entries


def classify(source: str, meta: dict, body: str) -> PageInfo:
    permalink = str(meta.get("permalink") or "")
    layout = str(meta.get("layout") or "")
    try:
        order = float(meta.get("nav_order"))
    except (TypeError, ValueError):
        order = 1e9
    info = PageInfo(source=source, title=str(meta.get("title") or ""), permalink=permalink,
                    nav=bool(meta.get("nav")), nav_order=order,
                    children=meta.get("children") if meta.get("dropdown") else None)
    if layout in ("about",) or permalink == "/":
        return info
    for section, signal in SECTIONS:
        if section == "cv":
            if signal.search(layout):
                info.section = section
                break
        elif signal.search(body) or signal.search(permalink):
            info.section = section
            break
    return info


def navigation(pages: list[PageInfo], imported: set[str], sections: set[str],
               left_out: list[str]) -> list:
    """NAVIGATION entries in al-folio's order: the about page, then nav pages by nav_order.

    Only what the imported site has: a page that was imported (its permalink
    in `imported`), a section with data (in `sections`). Anything else is
    named in `left_out`, so the menu never links to a missing page.
    """
    entries: list = ["about"]

    def page_entry(title: str, permalink: str) -> None:
        permalink = "/" + permalink.strip("/") + "/" if permalink.strip("/") else "/"
        section = next((name for name in sections if permalink == f"/{name}/"), None)
        if section:
            entries.append(section)
        elif permalink in imported:
            entries.append((title or permalink.strip("/"), permalink))
        else:
            left_out.append(f"{title or permalink} ({permalink}): no such page in the imported site")

    for page in sorted((p for p in pages if p.nav), key=lambda p: (p.nav_order, p.title)):
        if page.section:
            if page.section in sections:
                entries.append(page.section)
            else:
                left_out.append(f"{page.title or page.section}: the site has no {page.section} data")
        elif page.children:
            for child in page.children:
                if isinstance(child, dict) and child.get("permalink") and child.get("title") != "divider":
                    page_entry(str(child.get("title") or ""), str(child["permalink"]))
        elif page.permalink and page.permalink != "/":
            page_entry(page.title, page.permalink)
    seen: list = []
    for entry in entries:
        if entry not in seen:
            seen.append(entry)
    return seen
