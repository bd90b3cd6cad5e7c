"""Which pages of a built site the browser gates look at."""

from __future__ import annotations

from pathlib import Path


def is_redirect(page: Path) -> bool:
    """A page that only sends readers on (an old address, REDIRECTS): nothing to audit there."""
    return 'http-equiv="refresh"' in page.read_text(encoding="utf-8", errors="replace")[:2000]


def first_page(site: Path, pattern: str, containing: str = "") -> str | None:
    """Site path ("/blog/2025/x/") of the first page matching a glob, in sorted order, that
    is not a redirect (and holds the text `containing`, when given)."""
    matches = [page for page in sorted(site.glob(pattern)) if not is_redirect(page)
               and (not containing or containing in page.read_text(encoding="utf-8"))]
    return "/" + str(matches[0].parent.relative_to(site)) + "/" if matches else None


def auditable(site: Path, page: str | None) -> bool:
    """The page is written (the 404 page always is) and is not a redirect."""
    if page == "/404.html":
        return True
    written = site / (page or "").lstrip("/") / "index.html"
    return bool(page) and written.exists() and not is_redirect(written)
