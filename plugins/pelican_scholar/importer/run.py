"""The whole import, in order: recognise, map settings, copy content, build, report."""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .addresses import Address, Sources, alfolio_addresses, page_files
from .collections import Collections
from .config import Settings, map_config
from .detect import NotAlFolio, Site, detect
from .example import is_example_content
from .files import content_path_of_asset, normalised_post_name, rewrite_references, root_folders_referenced
from .moved import AddressCheck, keep_addresses
from .pages import PageInfo, classify, navigation
from .settings_files import pelicanconf_text, publishconf_text
from .samples import is_sample
from .weight import about_page_note
from .yamlfile import front_matter, read_yaml

MARKDOWN = {".md", ".markdown", ".mdown", ".mkd"}
# al-folio collection -> (folder under content/, kind for sample detection)
COLLECTIONS = {"_posts": ("blog", "post"), "_news": ("news", "news"),
               "_projects": ("projects", "project"), "_teachings": ("teaching", "course")}
DATA_FILES = {"coauthors.yml", "venues.yml", "cv.yml", "cv.yaml", "repositories.yml",
              "talks.yml", "citations.yml"}
# Jekyll's own folders and the ones imported above; any other `_name/` folder is
# one of the user's collections (collections.py).
KNOWN_FOLDERS = {"_pages", "_posts", "_news", "_projects", "_teachings", "_bibliography", "_data",
                 "_includes", "_layouts", "_sass", "_plugins", "_site", "_scripts", "_drafts"}
# Everything of the project that an imported site shares, when --into makes a new one.
SKELETON_SKIP = {"content", "output", "cache", ".venv", ".git", "node_modules", "IMPORT-REPORT.md",
                 "pelicanconf.py", "publishconf.py", "__pycache__", ".pytest_cache"}


class ImportError_(Exception):  # noqa: N801 (ImportError is a builtin)
    """The import cannot go on; the message says why and what to do."""


@dataclass
class FileRecord:
    source: str
    target: str = ""
    status: str = "imported as is"  # or "imported with changes", "skipped", "needs attention"
    notes: list[str] = field(default_factory=list)


@dataclass
class Report:
    site: Site | None = None
    files: list[FileRecord] = field(default_factory=list)
    settings: Settings | None = None
    missing: list[tuple[str, str]] = field(default_factory=list)  # (file, referenced path)
    build_warnings: list[str] = field(default_factory=list)
    moved_urls: list[tuple[str, str]] = field(default_factory=list)
    alfolio_addresses: list[Address] = field(default_factory=list)  # every address al-folio published
    addresses: AddressCheck | None = None  # what became of them (after the build)
    collections: list[str] = field(default_factory=list)  # what each of the user's collections became
    about_page: str | None = None  # the about page over the audit's request budget: what it loads

    def count(self, status: str) -> int:
        return sum(1 for record in self.files if record.status == status)


# --- Content -------------------------------------------------------------------

def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


# What a page loads from another host: readers' browsers contact it, and the
# audit's third-party gate fails on it.
_ELSEWHERE = re.compile(
    r"<(?P<tag>iframe|script|embed|object|img|video|audio|source|link)\b[^>]*?\s(?:src|data|href)\s*=\s*"
    r"[\"']?(?P<url>(?:https?:)?//[^\"'\s>]+)|!\[[^\]]*\]\((?P<image>https?://[^)\s]+)", re.I)
_LIQUID_CODE = re.compile(r"\{%-?\s*(?:for|assign|if|capture)\b|\{\{-?\s*(?:site|page|paginator)\.")


def loaded_from_elsewhere(text: str) -> list[str]:
    """`line 12: <iframe> from maps.example.org`, for each thing a page loads from another host
    (a <link> only when it loads: a style sheet, a font host to connect to early)."""
    found = []
    for match in _ELSEWHERE.finditer(text):
        if (match["tag"] or "").lower() == "link" and not re.search(
                r"\brel\s*=\s*[\"']?[^\"'>]*\b(?:stylesheet|preconnect|preload|modulepreload|icon)\b",
                match.group(0) + text[match.end():text.find(">", match.end()) + 1], re.I):
            continue
        url = match["url"] or match["image"]
        host = url.split("//", 1)[1].split("/", 1)[0]
        what = f"<{match['tag'].lower()}>" if match["tag"] else "an image"
        found.append(f"line {text.count(chr(10), 0, match.start()) + 1}: {what} from {host}")
    return found


def _mostly_liquid(body: str) -> bool:
    """A page whose text is a Liquid program (loops over site data), not words."""
    code = len(_LIQUID_CODE.findall(body))
    words = len(re.sub(r"\{[%{].*?[%}]\}|<[^>]+>", " ", body, flags=re.S).split())
    return code >= 3 and words < 40 * code


def _profile_texts(folder: Path) -> set[str]:
    """The `content:` files the `layout: profiles` pages of _pages/ show (al-folio keeps them beside)."""
    names = set()
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else ():
        meta, _ = front_matter(_read(path))
        if meta.get("layout") == "profiles" and isinstance(meta.get("profiles"), list):
            names |= {str(p["content"]) for p in meta["profiles"] if isinstance(p, dict) and p.get("content")}
    return names


def _is_published(meta: dict) -> bool:
    return meta.get("published", True) not in (False, "false", "False", "no")


class _Importer:
    def __init__(self, site: Site, staging: Path, keep_samples: bool) -> None:
        self.site, self.root, self.staging = site, site.root, staging
        self.keep_samples = keep_samples
        self.report = Report(site=site)
        self.pages: list[PageInfo] = []
        self.referenced: dict[str, set[str]] = {}
        self.handled_collections = {folder[1:] for folder in COLLECTIONS}
        self.known_folders = KNOWN_FOLDERS
        self.collections = Collections(self)

    def record(self, source: Path, **values) -> FileRecord:
        record = FileRecord(source=str(source.relative_to(self.root)), **values)
        self.report.files.append(record)
        return record

    def write(self, target: str, text: str) -> None:
        path = self.staging / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def copy(self, source: Path, target: str) -> None:
        path = self.staging / target
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, path)

    def text_file(self, source: Path, target: str, record: FileRecord, text: str | None = None) -> None:
        """Copy a Markdown or HTML file (or `text` made from it), pointing its references at the moved files."""
        text = _read(source) if text is None else text
        seen: set[str] = set()
        rewritten = rewrite_references(text, seen.add, lambda path: (self.staging / path).is_file())
        if rewritten != text:
            record.status = "imported with changes"
            record.notes.append(f"{len(seen)} file reference(s) now point into content/")
        self.referenced.setdefault(record.source, set()).update(seen)
        self.write(target, rewritten)
        record.target = target
        loads = loaded_from_elsewhere(text)
        if loads:
            record.status = "needs attention"
            record.notes.append("loads from another host, which readers' browsers then contact and "
                                "`./dev audit` flags: " + ", ".join(loads) + "; keep it if you mean to, "
                                "or download the file into content/ (or link to the page instead)")

    def _page_sources(self) -> list[Path]:
        """_pages/, then the pages Jekyll publishes from elsewhere in the site (e.g. a note
        in its own folder): every file with front matter outside `_` folders and assets/."""
        folder = self.root / "_pages"
        found = [path for path in sorted(folder.rglob("*")) if path.is_file()] if folder.is_dir() else []
        for path, relative in page_files(self.root, self.site.config):
            if not relative.startswith("_pages/") and _read(path).startswith("---"):
                found.append(path)
        return found

    def pages_folder(self) -> None:
        profile_texts = _profile_texts(self.root / "_pages")
        for path in self._page_sources():
            if path.suffix not in MARKDOWN | {".html", ".liquid"}:
                continue
            meta, body = front_matter(_read(path))
            pages_folder = self.root / "_pages"
            source = path.relative_to(pages_folder if path.is_relative_to(pages_folder) else self.root)
            info = classify(source.as_posix(), meta, body)
            record = self.record(path)
            if path.name in profile_texts and not (not self.keep_samples and is_sample("page", path.stem, meta, body)):
                # A person's text on a `layout: profiles` page: where the people part looks for it.
                self.text_file(path, f"pages/profiles/{path.name}", record)
                record.notes.append("a person's text on the people page")
                continue
            if path.name.startswith("_") or not meta:
                record.status, record.notes = "skipped", ["not a page (no front matter)"]
                continue
            if not _is_published(meta):
                record.status, record.notes = "skipped", ["`published: false`"]
                continue
            self.pages.append(info)
            if info.section:
                record.status = "skipped"
                record.notes.append(f"al-folio's stand-in for the {info.section} section, which "
                                    "Pelican Scholar generates; its menu place is kept")
                continue
            if self.collections.claims(path, meta, body, record):
                continue  # a page listing a collection: imported with it
            if _mostly_liquid(body):
                # Imported all the same, so links to it keep working; the build
                # shows each Liquid tag as text and warns with its line.
                self.text_file(path, f"pages/{path.stem}.md", record)
                record.status = "needs attention"
                record.notes.append("the page is mostly Liquid template code, which Pelican Scholar "
                                    "does not run: its tags are shown as text. Rewrite them as Markdown "
                                    f"in content/pages/{path.stem}.md")
                continue
            if not self.keep_samples and is_sample("page", path.stem, meta, body):
                record.status, record.notes = "skipped", ["al-folio's sample page"]
                continue
            if path.stem in ("404",):
                record.status, record.notes = "skipped", ["Pelican Scholar writes its own 404 page"]
                continue
            target = f"pages/{path.stem}.md"
            if (self.staging / target).exists():  # two folders' pages of one name
                target = f"pages/{path.parent.relative_to(self.root).as_posix().replace('/', '-')}-{path.stem}.md"
            self.text_file(path, target, record)

    def collection(self, folder_name: str) -> None:
        target_folder, kind = COLLECTIONS[folder_name]
        folder = self.root / folder_name
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if not path.is_file() or path.suffix not in MARKDOWN | {".html"}:
                continue
            record = self.record(path)
            relative = path.relative_to(folder)
            if any(part.startswith("_") for part in relative.parts):
                record.status, record.notes = "skipped", ["in a folder Jekyll does not publish (`_…`)"]
                continue
            meta, body = front_matter(_read(path))
            if not _is_published(meta):
                record.status, record.notes = "skipped", ["`published: false`"]
                continue
            if not self.keep_samples and is_sample(kind, path.stem, meta, body):
                record.status, record.notes = "skipped", ["al-folio's sample content (--keep-samples imports it)"]
                continue
            name = normalised_post_name(path.name) if kind == "post" else path.name
            name = name.rsplit(".", 1)[0] + ".md"
            self.text_file(path, f"{target_folder}/{name}", record)
            if name != path.name and kind == "post":
                record.status = "imported with changes"
                record.notes.append(f"renamed {path.name} -> {name}")

    def bibliographies(self) -> None:
        scholar = self.site.config.get("scholar") if isinstance(self.site.config.get("scholar"), dict) else {}
        main = str(scholar.get("bibliography") or "papers.bib")
        if not main.endswith(".bib"):
            main += ".bib"
        folder = self.root / "_bibliography"
        for path in sorted(folder.glob("*.bib")) if folder.is_dir() else ():
            record = self.record(path)
            if path.name == main:
                self.copy(path, f"publications/{path.name}")
                record.target = f"publications/{path.name}"
            else:
                # Not the publication list al-folio shows: a citation source only.
                self.copy(path, f"bibliography/{path.name}")
                record.target = f"bibliography/{path.name}"
                record.status = "needs attention"
                record.notes.append("not your publication list (scholar.bibliography is "
                                    f"{main}); kept in content/bibliography/ for citations. Move "
                                    "it to content/publications/ to list its entries")

    def data(self) -> None:
        folder = self.root / "_data"
        for path in sorted(folder.glob("*")) if folder.is_dir() else ():
            if not path.is_file():
                continue
            record = self.record(path)
            if path.name in DATA_FILES:
                self.copy(path, f"data/{path.name}")
                record.target = f"data/{path.name}"
            elif path.name == "socials.yml":
                record.status, record.notes = "imported with changes", ["now SOCIALS in pelicanconf.py"]
            else:
                record.status = "skipped"
                record.notes.append("a data file no part of Pelican Scholar reads")
        resume = self.root / "assets" / "json" / "resume.json"
        if resume.is_file():
            self.copy(resume, "data/resume.json")
            self.record(resume, target="data/resume.json")

    def assets(self) -> None:
        folder = self.root / "assets"
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if not path.is_file():
                continue
            relative = str(path.relative_to(self.root))
            target = content_path_of_asset(relative)
            if target is None:
                continue  # the theme's own CSS, JavaScript and fonts
            self.copy(path, target)
            self.copied_page(path, self.record(path, target=target))

    def copied_page(self, path: Path, record: FileRecord) -> None:
        """An HTML file published as it is (a map, a demo): what the audit will say of it."""
        if path.suffix.lower() not in (".html", ".htm"):
            return
        text = _read(path)
        loads = loaded_from_elsewhere(text)
        scripts = len(re.findall(r"<script\b", text, re.I))
        if loads or scripts:
            record.status = "needs attention"
            record.notes.append(
                "an HTML page of yours, published as it is"
                + (f"; it loads from other hosts ({', '.join(loads)}), which readers' browsers then "
                   "contact" if loads else "")
                + (f"; it runs {scripts} script(s), more than the theme's one that `./dev audit` allows "
                   "a page without math or code" if scripts else "")
                + ". Keep it if you mean to: the audit will flag it")

    def imported_permalinks(self) -> set[str]:
        """The addresses of the pages that were imported, e.g. {"/teaching/"}."""
        found = set()
        for record in self.report.files:
            if record.target.startswith("pages/"):
                meta, _ = front_matter(_read(self.staging / record.target))
                link = str(meta.get("permalink") or "/" + Path(record.target).stem + "/")
                found.add("/" + link.strip("/") + "/" if link.strip("/") else "/")
        return found

    def root_folders(self) -> list[str]:
        """Folders of the site root that imported text links into, copied as they are (STATIC_PATHS)."""
        folders: set[str] = set()
        for path in sorted(self.staging.rglob("*")):
            if path.suffix in MARKDOWN | {".html"} and path.is_file():
                folders |= root_folders_referenced(_read(path), self.root)
        folders -= {path.name for path in self.staging.iterdir()}  # never over what was imported
        for folder in sorted(folders):
            for path in sorted((self.root / folder).rglob("*")):
                if path.is_file():
                    target = str(path.relative_to(self.root))
                    self.copy(path, target)
                    self.copied_page(path, self.record(
                        path, target=target, notes=["a file of the site root that a page links to; copied as it is"]))
        return sorted(folders)

    def check_references(self) -> None:
        for source, targets in self.referenced.items():
            for target in sorted(targets):
                if not (self.staging / target).is_file():
                    self.report.missing.append((source, target))


def sections_with_data(content: Path) -> set[str]:
    """The generated sections the imported content has data for."""
    def has(*patterns: str) -> bool:
        return any(next(content.glob(pattern), None) for pattern in patterns)

    candidates = {"blog": ("blog/*.md",), "news": ("news/*.md",), "publications": ("publications/*.bib",),
                  "projects": ("projects/*.md",), "teaching": ("teaching/*.md", "pages/teaching.md"),
                  "cv": ("data/cv.yml", "data/cv.yaml", "data/resume.json"),
                  "repositories": ("data/repositories.yml",), "talks": ("data/talks.yml",)}
    return {name for name, patterns in candidates.items() if has(*patterns)}


# --- The whole import ------------------------------------------------------------------

def _copy_skeleton(project: Path, target: Path) -> None:
    for item in sorted(project.iterdir()):
        if item.name in SKELETON_SKIP or item.name.endswith(".egg-info"):
            continue
        if item.is_dir():
            shutil.copytree(item, target / item.name, symlinks=True, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "out"))
        else:
            shutil.copy2(item, target / item.name)


def build(site_root: Path) -> list[str]:
    """Build the imported site into its output/; the warnings it logged."""
    from pelican import Pelican
    from pelican.settings import read_settings

    class Collect(logging.Handler):
        def __init__(self) -> None:
            super().__init__(level=logging.WARNING)
            self.messages: list[str] = []

        def emit(self, record: logging.LogRecord) -> None:
            self.messages.append(record.getMessage())

    collect = Collect()
    logging.getLogger().addHandler(collect)
    try:
        settings = read_settings(str(site_root / "pelicanconf.py"),
                                 override={"OUTPUT_PATH": str(site_root / "output"),
                                           "CACHE_PATH": str(site_root / "cache")})
        Pelican(settings).run()
    finally:
        logging.getLogger().removeHandler(collect)
    return collect.messages


def import_alfolio(source: Path, project: Path, into: Path | None = None, *, dry_run: bool = False,
                   keep_samples: bool = False, force: bool = False, run_build: bool = True) -> Report:
    """Import the al-folio site at `source` into `into` (a new site) or into `project`."""
    from .report import write_report

    source, project = source.resolve(), project.resolve()
    try:
        site = detect(source)
    except NotAlFolio as error:
        raise ImportError_(f"{source}: {error}") from error
    target = (into or project).resolve()
    if target == source or source in target.parents:
        raise ImportError_("the site must be imported outside the al-folio folder, which is never modified.")
    if into is not None and into.exists() and any(into.iterdir()) and not force:
        raise ImportError_(f"{into} is not empty. Give a new folder, or --force to write into it.")
    if into is None and not force and not is_example_content(project / "content"):
        raise ImportError_("content/ holds your own files, not the example. Import into a new folder "
                           "with --into DIR, or use --force to replace content/.")

    with tempfile.TemporaryDirectory() as temporary:
        staging = Path(temporary) / "content"
        staging.mkdir()
        importer = _Importer(site, staging, keep_samples)
        importer.assets()  # first: references to them are written knowing what exists
        importer.pages_folder()
        for folder in COLLECTIONS:
            importer.collection(folder)
        importer.bibliographies()
        importer.data()
        importer.collections.run()  # after data(): talks join data/talks.yml
        root_folders = importer.root_folders()
        importer.check_references()
        report = importer.report
        socials_file = source / "_data" / "socials.yml"
        socials = read_yaml(socials_file)[0] if socials_file.is_file() else None
        report.settings = map_config(site.config, socials if isinstance(socials, dict) else None)
        if root_folders:
            from ..defaults import STATIC_PATHS

            report.settings.values["STATIC_PATHS"] = STATIC_PATHS + root_folders
        found = alfolio_addresses(source, site.config, Sources.of(report.files))
        report.alfolio_addresses = found.addresses
        report.settings.values.update(found.settings)
        report.settings.comments.update(found.comments)
        nav = navigation(importer.pages, importer.imported_permalinks(), sections_with_data(staging),
                         report.settings.changed)
        if dry_run:
            return report
        target.mkdir(parents=True, exist_ok=True)
        if into is not None:
            _copy_skeleton(project, target)
        content = target / "content"
        if content.exists():
            shutil.rmtree(content)
        shutil.copytree(staging, content)
    (target / "pelicanconf.py").write_text(pelicanconf_text(report.settings, nav), encoding="utf-8")
    publish_template = (project / "publishconf.py").read_text(encoding="utf-8")
    (target / "publishconf.py").write_text(publishconf_text(publish_template, report.settings.siteurl),
                                           encoding="utf-8")
    if run_build:
        keep_addresses(report, target, build)
        report.about_page = about_page_note(target / "output")
    write_report(report, target / "IMPORT-REPORT.md")
    return report
