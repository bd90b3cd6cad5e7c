"""Every address the al-folio site published, worked out from its source as Jekyll does.

Pages (`permalink:` or Jekyll's address from the file's path), posts (the
`permalink:` of _config.yml: a pattern with :year :month :i_month :day :i_day
:title :slug :categories …, or a named style: date, pretty, ordinal, weekdate,
none), collection documents (`collections:` with `output:` and `permalink:`),
the blog's pagination (jekyll-paginate-v2's `pagination:`, or jekyll-paginate's
`paginate_path`), tag, category and year archives (`jekyll-archives:`),
`redirect_from:` entries, the feed and the sitemap. `baseurl` is kept apart:
an address here is a path under it.

Each address knows where its content went (`targets`, in the form
content/data/redirects.yml takes), so run.py can check the built site and
redirect what moved. `post_settings` maps the permalink settings onto ours
where Pelican can say the same thing, so those addresses are kept, not redirected.
"""

from __future__ import annotations

import datetime
import fnmatch
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..blog.jekyll import jekyll_slug
from .. import defaults
from .files import content_path_of_asset
from .pages import classify
from .yamlfile import front_matter

NAMED_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
PAGE_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd", ".html", ".htm"}
# Where our generated sections live (al-folio's stand-in pages go there).
SECTION_URLS = {"blog": defaults.INDEX_URL, "publications": defaults.PUBLICATIONS_URL,
                "news": defaults.NEWS_INDEX_URL, "projects": defaults.PROJECTS_URL,
                "repositories": defaults.REPOSITORIES_URL, "cv": defaults.CV_URL,
                "teaching": defaults.TEACHING_URL}
# Files under assets/ not served at their old address too (see _Computer.files).
PICTURES_AND_MEDIA = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp", ".tif", ".tiff",
                      ".ico", ".heic", ".mp4", ".webm", ".mov", ".avi", ".mkv", ".m4v", ".ogv", ".mp3",
                      ".wav", ".ogg", ".m4a", ".flac"}
# Data files that are a section's page: what was imported into one lives there.
DATA_SECTIONS = {"data/talks.yml": defaults.TALKS_URL, "data/cv.yml": defaults.CV_URL,
                 "data/cv.yaml": defaults.CV_URL, "data/resume.json": defaults.CV_URL,
                 "data/repositories.yml": defaults.REPOSITORIES_URL}
# Jekyll leaves these out of every site, whatever `exclude:` says.
JEKYLL_EXCLUDES = ("node_modules", "vendor", "Gemfile", "Gemfile.lock")


@dataclass
class Address:
    path: str  # as al-folio published it, under baseurl: "/blog/2021/score/"
    what: str  # "post", "page", "news", "tag archive", …
    source: str = ""  # the al-folio file it comes from
    # Where it lives now, best first, as redirects.yml takes them: "{filename}/blog/x.md",
    # "{tag}name", a site path ("blog/"), a full URL. A site path counts only if it was built.
    targets: tuple[str, ...] = ()
    left_out: str = ""  # why the import left its content out on purpose (al-folio's samples)
    lost: str = ""  # why it cannot be kept, when that is known before the build


@dataclass
class Sources:
    """What the import did with each al-folio file: source path -> (status, target, notes)."""

    records: dict[str, tuple[str, str, list[str]]] = field(default_factory=dict)

    @classmethod
    def of(cls, files) -> Sources:
        """From the import's FileRecords."""
        return cls({record.source: (record.status, record.target, record.notes) for record in files})

    def targets_of(self, source: str) -> tuple[tuple[str, ...], str, str]:
        """(targets, left_out, lost) of the content of one al-folio file."""
        status, target, notes = self.records.get(source, ("", "", []))
        if status in ("imported as is", "imported with changes"):
            if target.endswith(".md"):
                return (f"{{filename}}/{target}",), "", ""
            if target in DATA_SECTIONS:  # e.g. a talk, now an entry of talks.yml
                return (DATA_SECTIONS[target],), "", ""
        why = "; ".join(notes) or "not imported"
        if status == "skipped" and any("sample" in note for note in notes):
            return (), why, ""
        return (), "", why


# --- Jekyll's addresses ---------------------------------------------------------------

def slugify(text: str) -> str:
    """Jekyll's default slugify: lower case, every run of other characters one hyphen."""
    return re.sub(r"[^\w]+|_+", "-", str(text).lower()).strip("-")


def permalink_suffix(template: str, style: str) -> str:
    """Jekyll's add_permalink_suffix: pages and documents end as the site's permalink style does."""
    if style == "pretty":
        return template + "/"
    if style in ("date", "ordinal", "none", "weekdate"):
        return template + ":output_ext"
    if style.endswith("/"):
        return template + "/"
    if style.endswith(":output_ext"):
        return template + ":output_ext"
    return template


def fill(template: str, values: dict[str, str]) -> str:
    """A Jekyll URL template filled in: placeholders replaced, `//` squeezed, `..` dropped."""
    def replace(match: re.Match) -> str:
        name = match[1]
        for key in (name, name.rstrip("_")):
            if key in values:
                return str(values[key])
        return match[0]

    url = re.sub(r":([a-z_]+)", replace, template)
    url = ("/" + url).replace("..", "/").replace("./", "")
    return re.sub(r"/+", "/", url)


def _date(meta: dict, name: str) -> datetime.datetime | None:
    value = meta.get("date")
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day)
    for text in (str(value or ""), name):
        found = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?", text)
        if found:
            try:
                return datetime.datetime(*(int(part or 0) for part in found.groups()))
            except ValueError:
                continue
    return None


_DATED = re.compile(r"^\d{2,4}-\d{1,2}-\d{1,2}-(?P<slug>.+)$")


def _words(value) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value if str(item).strip()]
    return str(value).split() if value else []


def document_values(relative: str, meta: dict, collection: str) -> dict[str, str]:
    """Jekyll's URL placeholders for a post or collection document (`relative` inside its folder)."""
    stem = PurePosixPath(relative).stem
    dated = _DATED.match(stem)
    slug = str(meta.get("slug") or (dated["slug"] if dated else stem)).rstrip(".")
    categories = []
    for word in _words(meta.get("categories")) + _words(meta.get("category")):
        if word.lower() not in categories:
            categories.append(word.lower())
    values = {"collection": collection, "path": str(PurePosixPath(relative).with_suffix("")),
              "name": slugify(stem), "title": jekyll_slug(slug), "slug": slugify(slug),
              "categories": "/".join(categories), "output_ext": ".html"}
    date = _date(meta, stem)
    if date:
        values.update(year=f"{date:%Y}", month=f"{date:%m}", day=f"{date:%d}", i_month=str(date.month),
                      i_day=str(date.day), short_year=f"{date:%y}", y_day=f"{date:%j}",
                      short_month=f"{date:%b}", long_month=f"{date:%B}", hour=f"{date:%H}",
                      minute=f"{date:%M}", second=f"{date:%S}", week=f"{date:%V}",
                      short_day=f"{date:%a}", long_day=f"{date:%A}")
    return values


def _permalink(value) -> str:
    text = str(value or "").strip()
    return text if text.startswith("/") else "/" + text if text else ""


# --- Mapping al-folio's settings onto ours -------------------------------------------------

_PELICAN_DATE = {"year": "%Y", "month": "%m", "day": "%d", "i_month": "%-m", "i_day": "%-d",
                 "short_year": "%y", "y_day": "%j", "short_month": "%b", "long_month": "%B",
                 "hour": "%H", "minute": "%M", "second": "%S"}


def post_template(config: dict) -> str:
    collections = config.get("collections") if isinstance(config.get("collections"), dict) else {}
    posts = collections.get("posts") if isinstance(collections.get("posts"), dict) else {}
    style = str(posts.get("permalink") or config.get("permalink") or "date").strip()
    return NAMED_STYLES.get(style, style)


def post_settings(config: dict) -> dict[str, str]:
    """ARTICLE_URL and ARTICLE_SAVE_AS saying what al-folio's post permalink says; {} when ours
    already do, or when Pelican cannot say it (:categories)."""
    template = post_template(config)
    out: list[str] = []
    for piece in re.split(r"(:[a-z_]+)", template):
        name = piece[1:] if piece.startswith(":") else None
        if name is None:
            out.append(piece.replace("{", "{{").replace("}", "}}"))
        elif name in _PELICAN_DATE:
            out.append(f"{{date:{_PELICAN_DATE[name]}}}")
        elif name in ("title", "slug"):
            out.append("{slug}")
        elif name == "output_ext":
            out.append(".html")
        else:
            return {}
    url = re.sub(r"/+", "/", "".join(out)).lstrip("/")
    if not url or "{slug}" not in url:
        return {}
    save_as = url + "index.html" if url.endswith("/") else url if url.endswith(".html") else url + ".html"
    if url == defaults.ARTICLE_URL:
        return {}
    return {"ARTICLE_URL": url, "ARTICLE_SAVE_AS": save_as}


def _plugins(site_root: Path, config: dict) -> set[str]:
    names = {str(name) for name in config.get("plugins") or config.get("gems") or () if name}
    gemfile = site_root / "Gemfile"
    if gemfile.is_file():
        names |= set(re.findall(r"gem\s+['\"]([\w-]+)['\"]", gemfile.read_text(errors="replace")))
    return names


def feed_path(site_root: Path, config: dict) -> str:
    """Where jekyll-feed wrote the feed ("feed.xml"), or "" when the site had none."""
    if "jekyll-feed" not in _plugins(site_root, config):
        return ""
    feed = config.get("feed") if isinstance(config.get("feed"), dict) else {}
    return str(feed.get("path") or "feed.xml").lstrip("/")


SAMPLES_ONLY = "only al-folio's sample posts had it, and they were not imported (--keep-samples imports them)"


@dataclass
class _Post:
    meta: dict
    targets: tuple[str, ...]  # empty when the post was not imported
    year: str


# --- The whole list ---------------------------------------------------------------------

class _Computer:
    def __init__(self, root: Path, config: dict, sources: Sources) -> None:
        self.root, self.config, self.sources = root, config, sources
        self.style = str(config.get("permalink") or "date").strip()
        self.found: dict[str, Address] = {}
        self.posts: list[_Post] = []  # the published posts, samples too
        excludes = config.get("exclude") if isinstance(config.get("exclude"), list) else []
        self.excludes = [str(item).rstrip("/") for item in excludes] + list(JEKYLL_EXCLUDES)
        # al-folio's pages folder, which every al-folio _config.yml includes.
        self.includes = {"_pages"} | {str(item).rstrip("/") for item in config.get("include") or () if item}

    def add(self, address: Address) -> None:
        if address.path and address.path not in self.found:
            self.found[address.path] = address

    def _excluded(self, relative: str) -> bool:
        parts = PurePosixPath(relative).parts
        for index, part in enumerate(parts[:-1]):
            if part.startswith((".", "_")) and "/".join(parts[:index + 1]) not in self.includes:
                return True
        if parts[-1].startswith((".", "#", "~")):
            return True
        return any(relative == item or relative.startswith(item + "/") or fnmatch.fnmatch(relative, item)
                   for item in self.excludes)

    def _read(self, path: Path) -> tuple[dict, str] | None:
        text = path.read_text(encoding="utf-8", errors="replace")
        if not text.startswith("---"):
            return None
        meta, body = front_matter(text)
        if meta.get("published", True) in (False, "false", "False", "no"):
            return None
        return meta, body

    def _redirect_from(self, meta: dict, source: str, targets, left_out: str, lost: str) -> None:
        olds = meta.get("redirect_from")
        for old in olds if isinstance(olds, list) else [olds]:
            if old and str(old).strip():
                self.add(Address(_permalink(old), "redirect_from", source, targets, left_out, lost))

    def _site_files(self):
        """The files Jekyll reads as pages or copies: not in excluded, `_` or `.` folders, nor assets/."""
        for folder, names, files in os.walk(self.root):
            relative = os.path.relpath(folder, self.root).replace(os.sep, "/")
            relative = "" if relative == "." else relative + "/"
            names[:] = sorted(name for name in names if relative + name != "assets"
                              and not self._excluded(relative + name + "/x"))
            for name in sorted(files):
                if not self._excluded(relative + name):
                    yield Path(folder) / name, relative + name

    def pages(self) -> None:
        for path, relative in self._site_files():
            if path.suffix not in PAGE_SUFFIXES:
                continue
            read = self._read(path)
            if read is None:
                continue
            meta, body = read
            stem, folder = path.stem, str(PurePosixPath(relative).parent)
            url = _permalink(meta.get("permalink"))
            if not url:
                template = "/:path/" if stem == "index" else permalink_suffix("/:path/:basename", self.style)
                url = fill(template, {"path": "" if folder == "." else folder, "basename": stem,
                                      "output_ext": ".html"})
            targets, left_out, lost = self.sources.targets_of(relative)
            info = classify(relative, meta, body)
            if not targets and info.section in SECTION_URLS:
                targets, lost = (SECTION_URLS[info.section],), ""
            pdf = str(meta.get("cv_pdf") or "").strip().lstrip("/")
            if info.section == "cv" and pdf and "://" not in pdf:  # without CV data, al-folio showed the PDF
                targets += ((content_path_of_asset(pdf) if pdf.startswith("assets/") else None) or f"files/{pdf}",)
            if not targets and stem == "404":
                targets, lost = ("404.html",), ""
            if not relative.startswith("_pages/") and not targets and not left_out:
                lost = lost if lost != "not imported" else "only _pages/ is imported; make it a page in content/pages/"
            self.add(Address(url, "page", relative, targets, left_out, lost))
            self._redirect_from(meta, relative, targets, left_out, lost)
            self.pagination(url, meta)

    def documents(self) -> None:
        collections = self.config.get("collections")
        if isinstance(collections, list):
            collections = {name: {} for name in collections}
        collections = dict(collections) if isinstance(collections, dict) else {}
        collections.setdefault("posts", {"output": True})
        for name, options in sorted(collections.items()):
            options = options if isinstance(options, dict) else {}
            if not options.get("output", name == "posts"):
                continue
            if name == "posts":
                template = post_template(self.config)
            else:
                template = _permalink(options.get("permalink")) or permalink_suffix("/:collection/:path", self.style)
                template = NAMED_STYLES.get(template.strip("/"), template)
            folder = self.root / f"_{name}"
            for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
                relative = path.relative_to(folder)
                if (not path.is_file() or path.suffix not in PAGE_SUFFIXES
                        or any(part.startswith(("_", ".")) for part in relative.parts)):
                    continue
                read = self._read(path)
                if read is None:
                    continue
                meta, _ = read
                source = f"_{name}/{relative}"
                values = document_values(str(relative), meta, name)
                url = fill(_permalink(meta.get("permalink")) or template, values)
                targets, left_out, lost = self.sources.targets_of(source)
                if targets and name == "news":
                    targets += (defaults.NEWS_INDEX_URL,)  # an inline item has no page of its own here
                if targets and name == "projects" and meta.get("redirect"):
                    targets += (str(meta["redirect"]),)  # the card links there; there is no project page
                what = "post" if name == "posts" else name
                self.add(Address(url, what, source, targets, left_out, lost))
                self._redirect_from(meta, source, targets, left_out, lost)
                if name == "posts":
                    self.posts.append(_Post(meta, targets, values.get("year", "")))

    def pagination(self, index_url: str, meta: dict) -> None:
        """The blog's pages 2, 3, … as jekyll-paginate-v2 numbered them."""
        options = meta.get("pagination")
        if not isinstance(options, dict) or not options.get("enabled"):
            return
        site = self.config.get("pagination") if isinstance(self.config.get("pagination"), dict) else {}
        if not site.get("enabled") or str(options.get("collection") or "posts") != "posts":
            return  # jekyll-paginate-v2 paginates only when _config.yml turns it on
        per_page = options.get("per_page") or site.get("per_page") or 10
        if not isinstance(per_page, int) or isinstance(per_page, bool) or per_page < 1:
            per_page = 10  # what jekyll-paginate-v2 does with a value it cannot use
        permalink = str(options.get("permalink") or site.get("permalink") or "/page/:num/")
        self.blog_pages.append((index_url, per_page, permalink, True))

    def numbered_pages(self) -> None:
        posts = [post.meta for post in self.posts]
        for index_url, per_page, permalink, honours_hidden in self.blog_pages:
            shown = [meta for meta in posts if not (honours_hidden and str(meta.get("hidden")).lower() == "true")]
            for number in range(2, math.ceil(len(shown) / per_page) + 1):
                url = fill(index_url + "/" + permalink.replace(":num", str(number)), {})
                self.add(Address(url, "blog page", targets=(f"{defaults.INDEX_URL}page/{number}/",
                                                            defaults.INDEX_URL)))

    def old_pagination(self) -> None:
        """jekyll-paginate (before v2): `paginate: N` and `paginate_path`."""
        per_page = self.config.get("paginate")
        if isinstance(per_page, int) and per_page > 0 and not isinstance(per_page, bool):
            path = str(self.config.get("paginate_path") or "/page:num/")
            index = fill(str(PurePosixPath(path).parent) + "/", {})
            self.blog_pages.append((index, per_page, path[len(index) - 1:] if path.startswith(index)
                                    else path, False))

    def archives(self) -> None:
        options = self.config.get("jekyll-archives")
        plugins = _plugins(self.root, self.config)
        if not isinstance(options, dict) or not {"jekyll-archives", "jekyll-archives-v2"} & plugins:
            return
        if isinstance(options.get("posts"), dict):  # jekyll-archives-v2: one block per collection
            options = options["posts"]
        enabled = options.get("enabled") or []
        if enabled == "all":
            enabled = ["year", "month", "day", "tags", "categories"]
        permalinks = options.get("permalinks") if isinstance(options.get("permalinks"), dict) else {}
        for kind, singular in (("tags", "tag"), ("categories", "category")):
            if kind not in enabled:
                continue
            template = str(permalinks.get(singular) or permalinks.get(kind) or f"/{singular}/:name/")
            names: dict[str, tuple[str, int]] = {}  # slug -> (name, 2 ours, 1 on imported posts, 0 samples)
            for post in self.posts:
                words = _words(post.meta.get("tags")) if kind == "tags" else \
                    _words(post.meta.get("categories")) + _words(post.meta.get("category"))
                for position, word in enumerate(words):
                    # Ours: a post has one category, the first word of `categories`.
                    rank = (2 if kind == "tags" or position == 0 else 1) if post.targets else 0
                    name, before = names.get(slugify(word), (word, 0))
                    names[slugify(word)] = (name, max(before, rank))
            for slug, (name, rank) in sorted(names.items()):
                url = fill(template, {"name": slug, "type": singular})
                self.add(Address(url, f"{singular} archive",
                                 targets=((f"{{{singular}}}{name}",) if rank == 2 else ()) + (defaults.INDEX_URL,),
                                 left_out="" if rank else SAMPLES_ONLY))
        if "year" in enabled:
            template = str(permalinks.get("year") or "/:year/")
            years: dict[str, bool] = {}
            for post in self.posts:
                if post.year:
                    years[post.year] = years.get(post.year, False) or bool(post.targets)
            for year, kept in sorted(years.items()):
                ours = defaults.YEAR_ARCHIVE_URL.replace("{date:%Y}", year)
                self.add(Address(fill(template, {"year": year}), "year archive",
                                 targets=(ours, defaults.INDEX_URL) if kept else (),
                                 left_out="" if kept else SAMPLES_ONLY))

    def files(self) -> None:
        """The site-wide files: the feed and the sitemap; HTML files under assets/."""
        feed = feed_path(self.root, self.config)
        if feed:
            self.add(Address("/" + feed, "feed"))
        if "jekyll-sitemap" in _plugins(self.root, self.config):
            self.add(Address("/sitemap.xml", "sitemap"))
        folder = self.root / "assets"
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            relative = str(path.relative_to(self.root))
            new = content_path_of_asset(relative)
            if not path.is_file() or not new or self._excluded(relative):
                continue
            if path.suffix.lower() in (".html", ".htm"):
                self.add(Address("/" + relative, "file", relative, (f"{{static}}/{new}",)))
            elif new.startswith("bibliography/"):
                self.add(Address("/" + relative, "file", relative, left_out="a post's bibliography: read "
                                 "while the site builds, not published as a file"))
            elif path.suffix.lower() not in PICTURES_AND_MEDIA:
                # A paper's or a CV's PDF, slides, data: what other sites link to. Served at its
                # old address as a copy; images and media are not, as they would double the site.
                self.add(Address("/" + relative, "file", relative, (f"{{static}}/{new}",)))

    def run(self) -> list[Address]:
        self.blog_pages: list[tuple[str, int, str, bool]] = []
        self.pages()
        self.documents()
        self.old_pagination()
        self.numbered_pages()
        self.archives()
        self.files()
        return sorted(self.found.values(), key=lambda address: address.path)


@dataclass
class AlFolioAddresses:
    addresses: list[Address]  # every address the site published, sorted by path
    settings: dict  # NAME -> value for pelicanconf.py, so that more of them are kept as they are
    comments: dict  # NAME -> why, for pelicanconf.py


def page_files(root: Path, config: dict) -> list[tuple[Path, str]]:
    """Every file Jekyll reads as a page, with front matter or not: (path, path from the site root)."""
    computer = _Computer(root, config, Sources.of([]))
    return [(path, relative) for path, relative in computer._site_files() if path.suffix in PAGE_SUFFIXES]


def alfolio_addresses(root: Path, config: dict, sources: Sources) -> AlFolioAddresses:
    computer = _Computer(root, config, sources)
    addresses = computer.run()
    settings, comments = {}, {}
    posts = post_settings(config)
    if posts:
        settings.update(posts)
        comments["ARTICLE_URL"] = f"al-folio's post addresses (permalink: {post_template(config)})"
    per_page = next((per_page for _, per_page, _, v2 in computer.blog_pages if v2), None)
    if per_page and per_page != defaults.DEFAULT_PAGINATION:
        settings["DEFAULT_PAGINATION"] = per_page
        comments["DEFAULT_PAGINATION"] = "posts per blog page, as al-folio's pagination.per_page"
    feed = feed_path(root, config)
    if feed and feed != defaults.FEED_ALL_ATOM:
        settings["FEED_ALL_ATOM"] = feed
        comments["FEED_ALL_ATOM"] = "the feed where al-folio's readers subscribed"
    return AlFolioAddresses(addresses, settings, comments)
