"""Addresses that moved: a redirect page at each old address, pointing to its new home.

When a site moves (from al-folio, or a post renamed), links elsewhere keep
working if the old address still answers. `content/data/redirects.yml` maps
old addresses to new ones, one per line:

    /blog/2021/05/score/: "{filename}/blog/2021-05-05-score.md"   # a post, page, news item…
    /blog/tag/ML/: "{tag}ML"                # a tag's page; {category}name works too
    /news/announcement_1/: /news/           # a path of this site
    /old-talk/: https://example.org/talk    # or anywhere on the web

Each old address gets the page that `redirect:` front matter gets (the
`redirect.html` template): a meta refresh, the canonical link, a visible link
and `noindex`; sitemap.xml leaves it out. `{filename}` names the file under
content/, so the redirect follows a post whose address changes later.
An old address ending in `/` is written as `…/index.html`, one ending in
`.html` as that file, any other as `NAME.html` (what GitHub Pages and Netlify
serve for `/NAME`). The old address of a file that is not a page
(`/assets/pdf/paper.pdf`) gets a copy of the file its new address names
(`"{static}/files/paper.pdf"`): a PDF cannot redirect. Nothing is ever written
over a page or file of the site (a warning names the address), nor outside
output/.

Settings (default):
    REDIRECTS ({}): old address -> new address, as in the file; these win over the file.
    REDIRECTS_FILE ("data/redirects.yml"): the file, under content/.
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import yaml
from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator
from pelican.urlwrappers import Category, Tag

from .data import CONTROL_CHARACTERS, DataLoader, load_yaml
from .output import copy_if_changed
from .urls import is_safe_url

logger = logging.getLogger(__name__)

# Pelican's link syntax, {filename}path or |filename|path.
_LINK = re.compile(r"^[{|](?P<what>filename|static|attach|tag|category)[}|](?P<value>.*)$")
# An extension that says the file is not a page: a redirect page cannot stand in for it.
_NOT_HTML = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,10}$")  # .pdf … .webmanifest


@dataclass
class Redirect:
    """One redirect page, as the `redirect.html` template draws it (it takes `page`)."""

    url: str  # the old address, a site path without the leading "/"
    save_as: str  # the file under output/
    redirect: str  # where it points: a site path or a full URL (sitemap.xml leaves it out)
    title: Markup


def _segments(old: str) -> list[str] | None:
    """The path of an old address, unquoted, in segments; None if it could climb out of output/."""
    old = str(old).strip()
    if not old or CONTROL_CHARACTERS.search(old) or "\\" in old or "?" in old or "#" in old:
        return None
    if "://" in old:  # a full URL of this site: keep its path
        old = urlsplit(old).path
    path = unquote(old)
    segments = [segment for segment in path.split("/") if segment]
    if any(segment in (".", "..") for segment in segments) or "\x00" in path:
        return None
    return segments + [""] if path.endswith("/") else segments


def redirect_file(old: str) -> str | None:
    """The file under output/ that answers the old address, or None when no page can.

    `/a/b/` -> `a/b/index.html`, `/a/b.html` -> itself, `/a/b` -> `a/b.html`;
    None for `/a/b.pdf` (see `copied_file`), a query or fragment, `..`, or control characters.
    """
    segments = _segments(old)
    if segments is None:
        return None
    if not segments or not segments[-1]:
        return "/".join([*segments[:-1], "index.html"])
    if segments[-1].lower().endswith((".html", ".htm")):
        return "/".join(segments)
    if _NOT_HTML.search(segments[-1]):
        return None
    return "/".join(segments) + ".html"


def copied_file(old: str) -> str | None:
    """The file under output/ for the old address of a file that is not a page (`/assets/a.pdf`)."""
    segments = _segments(old)
    if not segments or not segments[-1] or not _NOT_HTML.search(segments[-1]) \
            or redirect_file(old) is not None:
        return None
    return "/".join(segments)


def read_redirects(path: str, shown: str) -> list[tuple[str, object, int | None]]:
    """(old, new, line) from a redirects file; [] after a warning when it cannot be used."""
    data = load_yaml(path, dict, "no redirects from it are written", shown=shown)
    if not data:
        return []
    with open(path, encoding="utf-8") as handle:
        node = yaml.compose(handle.read(), Loader=DataLoader)  # read once already: safe
    lines = {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
    return [(str(old), new, lines.get(str(old))) for old, new in data.items()]


class RedirectsGenerator(Generator):
    """Reads the redirects, then writes their pages after every other page of the site."""

    def generate_context(self) -> None:
        self.entries: list[tuple[str, object, str]] = []  # (old, new, where for messages)
        file = self.settings["REDIRECTS_FILE"]
        full = os.path.join(self.path, file)
        if file and os.path.isfile(full):
            for old, new, line in read_redirects(full, file):
                self.entries.append((old, new, f"{file}:{line}" if line else file))
        for old, new in self.settings["REDIRECTS"].items():
            self.entries.append((str(old), new, "pelicanconf.py: REDIRECTS"))

    def _target(self, new, where: str) -> tuple[str, Markup] | None:
        """(site path or URL, page title) of a redirect's target; None after a warning."""
        target = str(new or "").strip()
        link = _LINK.match(target)
        if link:
            what, value = link["what"], link["value"].strip()
            if what in ("tag", "category"):
                wrapper = (Tag if what == "tag" else Category)(value, self.settings)
                return wrapper.url, Markup.escape(value)
            key = posixpath.normpath(value.lstrip("/"))
            content = (self.context["generated_content"].get(key)
                       or self.context["static_content"].get(key))
            if content is None:
                logger.warning("%s: `%s` names no file under content/; no redirect is written. "
                               "Give the path of a post, page or file, as in {filename}/blog/my-post.md.",
                               where, target)
                return None
            redirect = getattr(content, "redirect", "")  # a page that itself points elsewhere
            title = getattr(content, "title", "")
            return redirect or content.url, Markup(title) if title else Markup.escape(key)
        if not target or not is_safe_url(target):
            logger.warning("%s: `%s` is not a web address or a path of this site; no redirect "
                           "is written. Give a path such as /blog/, or an https:// address.", where, target)
            return None
        if urlsplit(target).scheme:
            return target, Markup.escape(target)
        return target.lstrip("/"), Markup.escape("/" + target.lstrip("/"))

    def generate_output(self, writer) -> None:
        if not self.entries:
            return
        taken = {os.path.relpath(path, output).replace(os.sep, "/") for path, output in _written}
        taken |= {static.save_as for static in self.context["static_content"].values()
                  if getattr(static, "save_as", None)}
        template = self.get_template("redirect")
        ours: dict[str, str] = {}
        for old, new, where in self.entries:
            save_as = redirect_file(old) or copied_file(old)
            if save_as is None:
                logger.warning("%s: `%s` cannot be answered by a redirect page (only a path of a "
                               "page can, such as /blog/old/ or /old.html); skipped.", where, old)
                continue
            if save_as in ours:
                logger.warning("%s: `%s` is the same page as `%s`, given before; this one is skipped.",
                               where, old, ours[save_as])
                continue
            if save_as in taken:
                logger.warning("%s: `%s` is a page of this site (%s); the redirect is not written. "
                               "Remove the line, or move the page.", where, old, save_as)
                continue
            if os.path.exists(os.path.join(self.output_path, save_as)) and not exists_exactly(
                    self.output_path, save_as):
                # On a disk that ignores case (macOS, Windows), /Tree_Rings/ is /tree_rings/.
                logger.warning("%s: `%s` differs only in case from a page of this site, and this disk "
                               "ignores case, so the redirect would replace that page; it is not written. "
                               "Build on a disk that tells case apart (as the web server does).", where, old)
                continue
            if save_as == copied_file(old):
                self._copy(old, new, where, save_as)
                ours[save_as] = old
                continue
            target = self._target(new, where)
            if target is None:
                continue
            ours[save_as] = old
            redirect = Redirect(url=old.lstrip("/"), save_as=save_as, redirect=target[0], title=target[1])
            writer.write_file(save_as, template, self.context, page=redirect, url=redirect.url)

    def _copy(self, old: str, new, where: str, save_as: str) -> None:
        """A file's old address answers with a copy of the file: a redirect page cannot stand in
        for a PDF a reader (or a citation manager) downloads."""
        link = _LINK.match(str(new or "").strip())
        key = posixpath.normpath(link["value"].strip().lstrip("/")) if link else ""
        static = self.context["static_content"].get(key) if link and link["what"] in ("static", "filename",
                                                                                      "attach") else None
        if static is None:
            logger.warning("%s: `%s` is a file, not a page, so only a copy of a file under content/ "
                           "can answer it: write its new address as {static}/files/name.pdf.", where, old)
            return
        copy_if_changed(static.source_path, os.path.join(self.output_path, save_as))


def exists_exactly(folder: str, path: str) -> bool:
    """Whether `path` under `folder` exists with exactly this case of every name."""
    for name in path.split("/"):
        try:
            if name not in os.listdir(folder):
                return False
        except OSError:
            return False
        folder = os.path.join(folder, name)
    return True


# Every file Pelican's writer wrote in this build, with the output folder, so a
# redirect never replaces one (made relative only when there are redirects).
_written: list[tuple[str, str]] = []


def _start(pelican) -> None:
    _written.clear()


def _note_written(path, context) -> None:
    output = context.get("OUTPUT_PATH")
    if output:
        _written.append((path, output))


def _get_generators(pelican):
    return RedirectsGenerator


def register() -> None:
    signals.get_generators.connect(_start)  # each build: livereload runs one Pelican again
    signals.content_written.connect(_note_written)
    signals.get_generators.connect(_get_generators)
