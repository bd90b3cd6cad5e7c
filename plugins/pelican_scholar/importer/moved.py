"""al-folio's addresses checked against the built site; a redirect for each one that moved.

After the first build, an address is kept when the site answers it (a page,
or the file a web server serves for it). Any other address whose content was
imported gets a line in content/data/redirects.yml (read by the build's
redirects part, so the redirects stay a feature of the site, not files dropped
into output/), and the site is built again. Then each redirect page is read
back: it counts as moved only when it exists and its target does.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from lxml import html as lxml_html
from pelican import signals

from ..data import parse_yaml
from ..redirects import copied_file, exists_exactly, redirect_file
from .addresses import Address

REDIRECTS_FILE = "data/redirects.yml"  # under content/, the default REDIRECTS_FILE


@dataclass
class AddressCheck:
    """What became of every address the al-folio site published (paths under `baseurl`)."""

    baseurl: str = ""
    computed: int = 0
    kept: list[str] = field(default_factory=list)
    moved: list[tuple[str, str]] = field(default_factory=list)  # (old, new)
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (old, why): content skipped on purpose
    lost: list[tuple[str, str]] = field(default_factory=list)  # (old, why)

    def shown(self, path: str) -> str:
        """An address as readers knew it, with the site's baseurl."""
        return self.baseurl + path if path.startswith("/") else path


def served_files(path: str) -> list[str]:
    """The files under output/ a web server answers `path` with (GitHub Pages, Netlify)."""
    file = redirect_file(path)
    if file is None:  # not a page: the file itself
        copy = copied_file(path)
        return [copy] if copy else []
    if path.endswith("/") or re.search(r"\.html?$", path, re.I):
        return [file]
    return [file, file[:-len(".html")] + "/index.html"]  # /about: about.html, or about/ (redirected there)


def is_built(output: Path, path: str) -> bool:
    """Whether the built site answers `path`, with the case of every name as written (as web
    servers compare names, even where the disk does not)."""
    return any((output / name).is_file() and exists_exactly(str(output), name) for name in served_files(path))


def _built_url(target: str, pages: dict[str, str]) -> str | None:
    """The address `{filename}path` or `{static}path` became, or None."""
    link = re.match(r"\{(?:filename|static)\}/?(.*)$", target)
    return pages.get(link[1]) if link else None


def _usable(target: str, output: Path, pages: dict[str, str]) -> bool:
    """Whether a redirect may point to `target`: a file that became a built page or file, a tag
    or category, a full URL, or a path of the built site."""
    if target.startswith(("{filename}", "{static}")):
        url = _built_url(target, pages)
        return url is not None and is_built(output, "/" + url)
    if target.startswith("{") or "://" in target:
        return True
    return is_built(output, "/" + target.lstrip("/"))


def plan(addresses: list[Address], output: Path, baseurl: str,
         pages: dict[str, str]) -> tuple[dict[str, str], AddressCheck]:
    """(old path -> redirect target, the check so far), from the first build's output/.

    `pages` maps each file under content/ the build read to its address.
    """
    check = AddressCheck(baseurl=baseurl, computed=len(addresses))
    redirects: dict[str, str] = {}
    for address in addresses:
        if is_built(output, address.path):
            check.kept.append(address.path)
        elif address.left_out:
            check.left_out.append((address.path, address.left_out))
        elif redirect_file(address.path) is None and not (copied_file(address.path) and address.targets):
            check.lost.append((address.path, "not a page, so no redirect page can stand in for it"))
        else:
            # A file that is not a page is served as a copy of its new self (redirects.py).
            targets = address.targets if redirect_file(address.path) else \
                [target for target in address.targets if target.startswith("{static}")]
            target = next((target for target in targets if _usable(target, output, pages)), None)
            if target is None:
                why = address.lost or (f"its new home {address.targets[0]} was not built" if address.targets
                                       else "the import has no page for it")
                check.lost.append((address.path, why))
            else:
                redirects[address.path] = target
    return redirects, check


@contextmanager
def built_pages() -> Iterator[dict[str, str]]:
    """While a build runs in the block: each file under content/ it read -> its address."""
    found: dict[str, str] = {}

    def collect(generators) -> None:
        context = generators[0].context
        for path, content in [*context["generated_content"].items(), *context["static_content"].items()]:
            if getattr(content, "url", None) is not None:
                found[path.replace(os.sep, "/")] = content.url

    signals.all_generators_finalized.connect(collect)
    try:
        yield found
    finally:
        signals.all_generators_finalized.disconnect(collect)


def write_redirects(content: Path, redirects: dict[str, str]) -> None:
    """Add the redirects to content/data/redirects.yml (lines already there win)."""
    path = content / REDIRECTS_FILE
    existing = {}
    if path.is_file():
        data = parse_yaml(path.read_text(encoding="utf-8"))
        existing = data if isinstance(data, dict) else {}
    lines = ["# Addresses of the al-folio site that moved, and where readers go now",
             "# (written by `invoke import-alfolio`; see the README's \"Addresses that moved\").", ""]
    merged = {**redirects, **{str(old): new for old, new in existing.items()}}
    lines += [f"{json.dumps(old, ensure_ascii=False)}: {json.dumps(str(new), ensure_ascii=False)}"
              for old, new in sorted(merged.items())]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _refresh_target(page: Path) -> str:
    """Where a redirect page sends readers ("" when it is not one)."""
    if not page.is_file():
        return ""
    contents = lxml_html.fromstring(page.read_bytes()).xpath('//meta[@http-equiv="refresh"]/@content')
    return contents[0].split("url=", 1)[1] if contents and "url=" in contents[0] else ""


def confirm(redirects: dict[str, str], output: Path, check: AddressCheck, pages: dict[str, str]) -> None:
    """After the second build: each redirect page exists, and so does the page it points to;
    each file copy exists."""
    for old in sorted(redirects):
        copy = copied_file(old) if redirect_file(old) is None else None
        if copy:
            new = _built_url(redirects[old], pages)
            if (output / copy).is_file() and new:
                check.moved.append((old, check.shown("/" + new)))
            else:
                check.lost.append((old, "its copy was not written (see the build warnings)"))
            continue
        new = _refresh_target(output / redirect_file(old))
        if not new:
            check.lost.append((old, "its redirect page was not written (see the build warnings)"))
            continue
        if "://" not in new and not is_built(output, new):
            check.lost.append((old, f"it would redirect to {new}, which the site lacks"))
            continue
        check.moved.append((old, new if "://" in new else check.shown(new)))


def keep_addresses(report, site_root: Path, build) -> None:
    """Build the imported site, redirect each al-folio address it lacks, and build again if any.

    Fills `report.addresses` (an AddressCheck), `report.moved_urls` and `report.build_warnings`.
    """
    with built_pages() as pages:
        report.build_warnings = build(site_root)
    baseurl = str(report.site.config.get("baseurl") or "").strip().strip("/")
    output = site_root / "output"
    redirects, check = plan(report.alfolio_addresses, output, "/" + baseurl if baseurl else "", pages)
    if redirects:
        write_redirects(site_root / "content", redirects)
        # The second build reads most files from the content cache, so it does not
        # repeat their warnings: keep the first build's, and add any new ones.
        first = report.build_warnings
        report.build_warnings = first + [message for message in build(site_root) if message not in first]
        confirm(redirects, output, check, pages)
    report.addresses = check
    report.moved_urls = [(check.shown(old), new) for old, new in check.moved]
