"""Small helpers for writing sites and reading built pages in tests."""

import filecmp
import textwrap
from pathlib import Path


def write_files(root: Path, files: dict) -> None:
    """Write {path under root: text or bytes}; text is dedented, as tests indent it."""
    for name, body in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")


def differences(one: Path, two: Path) -> list[str]:
    """Files only one of two built sites has, or whose bytes differ."""
    names = {str(p.relative_to(one)) for p in one.rglob("*") if p.is_file()}
    others = {str(p.relative_to(two)) for p in two.rglob("*") if p.is_file()}
    _, mismatch, errors = filecmp.cmpfiles(one, two, sorted(names & others), shallow=False)
    return sorted(names ^ others) + mismatch + errors


def text(node) -> str:
    """Visible text of a parsed element, with typogrify's no-break spaces as spaces."""
    return " ".join(node.get_text(" ").replace("\xa0", " ").split())


# Elements and attributes a browser fetches while a page loads (links a reader
# follows, such as <a href>, are not among them).
_FETCHED_ON_LOAD = (("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "srcset"),
                    ("source", "src"), ("iframe", "src"), ("video", "src"), ("video", "poster"),
                    ("audio", "src"), ("embed", "src"), ("object", "data"), ("track", "src"))
_LINKS_FETCHED = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "preconnect",
                  "dns-prefetch", "manifest", "apple-touch-icon"}


def third_party_loads(page, own_host: str = "scholar.example.org") -> list[str]:
    """URLs on another host than `own_host` that a parsed page fetches as it loads."""
    from urllib.parse import urlsplit

    urls = []
    for tag, attribute in _FETCHED_ON_LOAD:
        for node in page.find_all(tag, attrs={attribute: True}):
            urls += [part.split()[0] for part in node[attribute].split(",") if part.strip()]
    for node in page.find_all("link", href=True):
        if _LINKS_FETCHED & set(node.get("rel") or []):
            urls.append(node["href"])
    return [url for url in urls
            if urlsplit(url).netloc and urlsplit(url).hostname != own_host]
