"""al-folio's other collections: `_people/`, `_talks/`, `_courses/`, `_books/` and the user's own.

Jekyll reads a folder `_name/` only when `_config.yml` declares `name` under
`collections:`, and writes a page for each document only with `output: true`,
at the collection's `permalink` (Jekyll's default `/:collection/:path:output_ext`).

Where a section of ours fits, the documents become its data:

    _people/    profiles on the people page (`layout: profiles`), written where
                the page that listed them was (e.g. /labmembers/), else at /people/
    _talks/     entries of content/data/talks.yml
    _courses/   courses of the teaching section (content/teaching/), each at its
                al-folio address

Any other collection with `output: true`: each document becomes an ordinary page
at the address al-folio gave it (content/pages/<name>/), so links to it keep working.

A page of _pages/ that lists a collection with a Liquid loop (`site.people`,
`{% include talks.liquid %}`) keeps its own text; the loop is taken out, since
the section draws the list, or, for a collection without a section, replaced
by a plain list of links to the documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

from .files import content_path_of_asset, rewrite_references
from .yamlfile import front_matter

MARKDOWN = {".md", ".markdown", ".mdown", ".mkd", ".html"}
# al-folio collection -> our section, for the collections a section fits.
SECTION_OF = {"people": "people", "talks": "talks", "courses": "teaching"}
# A person's keys (al-folio's people cards) -> the link each gives.
PERSON_LINKS = (
    ("website", "Website", "{}"),
    ("email", "Email", "mailto:{}"),
    ("orcid_id", "ORCID", "https://orcid.org/{}"),
    ("scholar_userid", "Google Scholar", "https://scholar.google.com/citations?user={}"),
    ("research_gate_profile", "ResearchGate", "https://www.researchgate.net/profile/{}/"),
    ("github_username", "GitHub", "https://github.com/{}"),
    ("linkedin_username", "LinkedIn", "https://www.linkedin.com/in/{}"),
    ("x_username", "X", "https://x.com/{}"),
    ("twitter_username", "X", "https://x.com/{}"),
)
# Details of a book (al-folio's `layout: book-review`), shown under its title.
BOOK_KEYS = ("author", "released", "status")


@dataclass(frozen=True)
class Collection:
    name: str  # "people", without the underscore
    output: bool  # al-folio writes a page per document
    permalink: str  # the collection's pattern, "" for Jekyll's default

    @property
    def section(self) -> str:
        return SECTION_OF.get(self.name, "")


@dataclass
class Document:
    source: Path
    relative: PurePosixPath  # under the collection's folder
    meta: dict
    body: str
    url: str  # where al-folio published it ("" when it did not)
    record: object = None
    target: str = ""  # the imported file under content/, or the page that now shows it


@dataclass
class Listing:
    """A page of _pages/ whose Liquid lists a collection's documents."""

    source: Path
    meta: dict
    body: str
    record: object
    names: list[str] = field(default_factory=list)


def declared(config: dict, handled: set[str]) -> dict[str, Collection]:
    """The collections `_config.yml` declares, apart from those imported elsewhere (`handled`)."""
    found = {}
    value = config.get("collections") or {}
    items = value.items() if isinstance(value, dict) else ((name, {}) for name in value) \
        if isinstance(value, list) else ()
    for name, options in items:
        options = options if isinstance(options, dict) else {}
        if str(name) in handled:
            continue
        output = options.get("output", False) in (True, "true", "True", "yes")
        found[str(name)] = Collection(str(name), output, str(options.get("permalink") or ""))
    return found


def document_url(collection: Collection, relative: PurePosixPath, meta: dict) -> str:
    """The address al-folio wrote a document to: its `permalink:`, else the collection's pattern."""
    if isinstance(meta.get("permalink"), str) and meta["permalink"].strip():
        return "/" + meta["permalink"].strip().lstrip("/")
    pattern = collection.permalink or "/:collection/:path:output_ext"
    if pattern in ("pretty", "date"):
        pattern = "/:collection/:path/"
    stem = str(relative.with_suffix(""))
    date = str(meta.get("date") or "")[:10].split("-")
    values = {"collection": collection.name, "path": stem, "name": relative.stem.lower(),
              "title": str(meta.get("slug") or relative.stem), "output_ext": ".html",
              "year": date[0] if len(date) == 3 else "", "month": date[1] if len(date) == 3 else "",
              "day": date[2] if len(date) == 3 else "", "categories": ""}
    url = re.sub(r":(output_ext|collection|categories|title|path|name|year|month|day)\b",
                 lambda match: values[match[1]], pattern)
    return "/" + re.sub(r"/{2,}", "/", url).lstrip("/")


# --- Liquid loops over a collection --------------------------------------------------

_TAG = re.compile(r"\{%-?\s*(?P<tag>for|endfor|assign|include)\b(?P<rest>.*?)-?%\}", re.S)
_EMPTY_ELEMENT = re.compile(r"<(div|ul|ol|section|table|tbody)\b[^>]*>\s*(?:<!--(?:(?!-->).)*-->\s*)*</\1>",
                            re.I | re.S)
_CUT = "\x00"  # marks where a loop was cut, until the `{% if %}` around it is resolved
# An {% if %} … {% else %} … {% endif %} holding no other Liquid: after the loops
# in it are cut, what is left of its branches stands without it.
_IF_BLOCK = re.compile(r"\{%-?\s*(?:if|unless)\b[^%]*%\}(?P<inside>(?:(?!\{%-?\s*(?:if|unless|endif|endunless)\b)"
                       r".)*?)\{%-?\s*end(?:if|unless)\s*-?%\}", re.S)
_ELSE = re.compile(r"\{%-?\s*(?:else|elsif\b[^%]*)\s*-?%\}")


def _mentions(text: str, names) -> bool:
    return any(re.search(rf"\bsite\.{re.escape(name)}\b", text) for name in names)


def listing_includes(root: Path, names) -> dict[str, list[str]]:
    """The _includes/ files that loop over collections (`talks.liquid`), and the collections each lists."""
    folder = root / "_includes"
    found = {}
    for path in sorted(folder.glob("*")) if folder.is_dir() else ():
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            if listed := [name for name in names if _mentions(text, [name])]:
                found[path.name] = listed
    return found


def _included(match: re.Match) -> str:
    return (match["rest"].split() or [""])[0]


def listed_collections(body: str, names, includes: dict[str, list[str]]) -> list[str]:
    """The collections a page's Liquid lists (by `site.name`, or an include that does)."""
    found = [name for name in names if _mentions(body, [name])]
    for match in _TAG.finditer(body):
        if match["tag"] == "include":
            found += [name for name in includes.get(_included(match), ()) if name in names and name not in found]
    return found


def cut_loops(body: str, names, includes: dict[str, list[str]], replacement) -> str:
    """The page's text without its Liquid loops over the collections `names`.

    A loop is cut from its `{% for %}` to its `{% endfor %}`, with the
    `{% assign %}` tags before it that prepare its list; an include that lists
    a collection (`{% include talks.liquid %}`) is cut too. A loop over a variable
    assigned from the collection (`{% assign sorted = site.books | sort %}`) counts
    as a loop over it, wherever it is. `replacement(inside_list)`
    gives what stands where the first loop was (`inside_list`: it sat in a <ul>/<ol>).
    An `{% if %}` around the cuts that holds no other Liquid is resolved (its
    branches' remains kept), and elements the cuts left empty are removed.
    """
    cuts: list[tuple[int, int, bool]] = []  # start, end, a loop (not an assign)
    assigns: list[tuple[int, int, bool]] = []
    depth, loop_start = 0, 0
    variables: set[str] = set()  # assigned from the collections

    def uses(text: str) -> bool:
        return _mentions(text, names) or any(re.search(rf"\b{re.escape(v)}\b", text) for v in variables)

    for match in _TAG.finditer(body):
        tag = match["tag"]
        if tag == "assign" and uses(match["rest"].partition("=")[2]):
            variables.add(match["rest"].partition("=")[0].strip())
        if depth == 0 and tag == "include":
            if set(includes.get(_included(match), ())) & set(names):
                cuts.append((*match.span(), True))
            assigns = []
        elif depth == 0 and tag == "assign":
            assigns.append((*match.span(), False))
        elif tag == "for":
            loop_start = match.start() if depth == 0 else loop_start
            depth += 1
        elif tag == "endfor" and depth:
            depth -= 1
            if depth == 0:
                prepared = "".join(body[a:b] for a, b, _ in assigns)
                if uses(prepared + body[loop_start:match.end()]):
                    cuts += assigns + [(loop_start, match.end(), True)]
                elif uses(prepared):  # prepared for a later loop, or for none
                    cuts += [span for span in assigns if uses(body[span[0]:span[1]])]
                assigns = []
    cuts += [span for span in assigns if uses(body[span[0]:span[1]])]  # never looped over
    pieces, last, placed = [], 0, False
    for start, end, loop in sorted(cuts):
        pieces.append(body[last:start] + _CUT)
        if loop and not placed:
            pieces.append(replacement(_inside_list(body[:start])))
            placed = True
        last = end
    text = "".join(pieces) + body[last:]

    def resolve(block: re.Match) -> str:
        inside = block["inside"]
        if _CUT not in inside or re.search(r"\{%|\{\{", _ELSE.sub("", inside)):
            return block[0]
        return _ELSE.sub("", inside)

    while (resolved := _IF_BLOCK.sub(resolve, text)) != text:
        text = resolved
    text = text.replace(_CUT, "")
    while (shorter := _EMPTY_ELEMENT.sub("", text)) != text:
        text = shorter
    return text


def _inside_list(before: str) -> bool:
    lower = before.lower()
    return lower.count("<ul") + lower.count("<ol") > lower.count("</ul>") + lower.count("</ol>")


# --- The import ----------------------------------------------------------------------

def _front_matter_text(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000) + "---\n"


def _with_front_matter(text: str, changes: dict, drop=()) -> str:
    """`text` with front-matter keys set to `changes` (as written lines) and `drop` removed."""
    end = text.find("\n---", 3)
    head, rest = text[:end + 1], text[end + 1:]
    for key in list(changes) + list(drop):
        head = re.sub(rf"(?m)^{re.escape(key)}\s*:.*\n(?:[ \t]+.*\n)*", "", head)
    lines = "".join(yaml.safe_dump({key: value}, allow_unicode=True, width=1000)
                    for key, value in changes.items())
    return head + lines + rest


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _sort_key(document: Document):
    meta = document.meta
    importance = meta.get("importance")
    return (importance if isinstance(importance, (int, float)) else float("inf"),
            str(meta.get("date") or ""), str(document.relative))


class Collections:
    """The collections of one import; `importer` is run._Importer (record, write, text_file)."""

    def __init__(self, importer) -> None:
        self.importer = importer
        self.root: Path = importer.root
        self.found = declared(importer.site.config, handled=set(importer.handled_collections))
        self.includes = listing_includes(self.root, list(self.found))
        self.listings: list[Listing] = []
        self.documents: dict[str, list[Document]] = {}

    # Called by the _pages/ import for each page, before it judges the page's Liquid.
    def claims(self, path: Path, meta: dict, body: str, record) -> bool:
        names = listed_collections(body, [n for n in self.found if self._has_documents(n)], self.includes)
        if not names:
            return False
        self.listings.append(Listing(path, meta, body, record, names))
        return True

    def _has_documents(self, name: str) -> bool:
        folder = self.root / f"_{name}"
        return folder.is_dir() and any(p.suffix in MARKDOWN for p in folder.rglob("*"))

    def run(self) -> None:
        for folder in sorted(self.root.glob("_*")):
            name = folder.name[1:]
            if folder.is_dir() and name in self.found:
                self._collection(self.found[name], folder)
            elif folder.is_dir() and folder.name not in self.importer.known_folders:
                for path in self._files(folder):
                    self.importer.record(path, status="skipped",
                                         notes=[f"`{name}` is not a collection in _config.yml, so "
                                                "al-folio does not publish this folder either"])
        for listing in self.listings:
            self._listing(listing)
        self.write_people_without_listing()

    def _files(self, folder: Path):
        return [path for path in sorted(folder.rglob("*")) if path.is_file() and path.suffix in MARKDOWN]

    def _collection(self, collection: Collection, folder: Path) -> None:
        documents = []
        for path in self._files(folder):
            record = self.importer.record(path)
            relative = PurePosixPath(path.relative_to(folder).as_posix())
            meta, body = front_matter(path.read_text(encoding="utf-8", errors="replace"))
            if any(part.startswith("_") for part in relative.parts):
                record.status, record.notes = "skipped", ["in a folder Jekyll does not publish (`_…`)"]
                continue
            if meta.get("published", True) in (False, "false", "False", "no"):
                record.status, record.notes = "skipped", ["`published: false`"]
                continue
            if not self.importer.keep_samples and _is_lorem_ipsum(body):
                record.status, record.notes = "skipped", ["al-folio's sample content (--keep-samples imports it)"]
                continue
            url = document_url(collection, relative, meta) if collection.output else ""
            documents.append(Document(path, relative, meta, body, url, record))
        self.documents[collection.name] = documents
        self.importer.report.collections.append(_summary(collection, len(documents)))
        if collection.section == "people":
            return  # written with the page that lists them (_listing), or at /people/
        if collection.section == "talks":
            self._talks(documents)
        elif collection.section == "teaching":
            for document in documents:
                self._course(document)
        elif collection.output:
            for document in documents:
                self._page(collection, document)
        else:
            for document in documents:
                document.record.status = "skipped"
                document.record.notes = [f"the collection `{collection.name}` has `output: false`: al-folio "
                                         "shows it only through a page's Liquid, which is not run here"]

    # -- documents becoming pages and courses --

    def _page(self, collection: Collection, document: Document) -> None:
        target = f"pages/{collection.name}/{document.relative.with_suffix('.md')}"
        changes = {"permalink": document.url}
        if document.meta.get("layout") not in (None, "page", "post", "default"):
            changes["layout"] = "page"
        # A book's `status: Reading` is not Pelican's status (published, hidden, draft).
        drop = ["status"] if _text(document.meta.get("status")).lower() not in ("", "published", "hidden",
                                                                                  "draft") else []
        text = document.source.read_text(encoding="utf-8", errors="replace")
        text = _with_front_matter(text, changes, drop) if document.meta else _front_matter_text(changes) + text
        details = _book_details(document.meta)
        image = _text(document.meta.get("img") or document.meta.get("image"))
        if not details and image and not document.body.strip():
            # al-folio's cards show a document's `img:`; a page with no text of its own shows it here.
            details = f"![{_text(document.meta.get('title')) or document.relative.stem}](/{image.lstrip('/')})"
        if details:
            end = text.find("\n---", 3) + 4
            text = text[:end] + "\n\n" + details + "\n" + text[end:]
        self.importer.text_file(document.source, target, document.record, text=text)
        document.target = target
        document.record.status = "imported with changes"
        document.record.notes.append(f"the collection `{collection.name}` has no section here: a page "
                                     f"at al-folio's address {document.url}")

    def _course(self, document: Document) -> None:
        target = f"teaching/{document.relative.with_suffix('.md')}"
        text = document.source.read_text(encoding="utf-8", errors="replace")
        changes = {"layout": "course"}
        if document.url:
            changes["permalink"] = document.url
        text = _with_front_matter(text, changes) if document.meta else _front_matter_text(changes) + text
        self.importer.text_file(document.source, target, document.record, text=text)
        document.target = target
        document.record.status = "imported with changes"
        document.record.notes.append(f"a course of the teaching section, at al-folio's address {document.url}"
                                     if document.url else "a course of the teaching section")

    def _talks(self, documents: list[Document]) -> None:
        talks = []
        for document in documents:
            talk = _talk(document)
            talks.append(talk)
            if talk.get("slides") and "://" not in talk["slides"]:
                self.importer.referenced.setdefault(document.record.source, set()).add(f"files/{talk['slides']}")
            document.target = "data/talks.yml"
            document.record.target = "data/talks.yml"
            document.record.status = "imported with changes"
            document.record.notes.append("now an entry of content/data/talks.yml (the Markdown "
                                         "formatting of its text is dropped)")
        if not talks:
            return
        existing = self.importer.staging / "data" / "talks.yml"
        if existing.is_file():
            before = yaml.safe_load(existing.read_text(encoding="utf-8"))
            talks = (before if isinstance(before, list) else []) + talks
        self.importer.write("data/talks.yml", yaml.safe_dump(talks, sort_keys=False, allow_unicode=True,
                                                             width=1000))

    # -- the pages listing them --

    def _listing(self, listing: Listing) -> None:
        importer, record = self.importer, listing.record
        names = listing.names
        people = "people" in names

        def replacement(inside_list: bool) -> str:
            return _links_html([d for name in names if not self.found[name].section
                                for d in sorted(self.documents.get(name, []), key=_sort_key) if d.target],
                               inside_list, lambda path: (importer.staging / path).is_file())

        body = cut_loops(listing.body, names, self.includes, replacement)
        meta = dict(listing.meta)
        stem = listing.source.stem
        if people:
            meta["layout"] = "profiles"
            if isinstance(meta.get("display_categories"), list):
                meta["groups"] = meta.pop("display_categories")
            meta["profiles"] = self._profiles(self.documents.get("people", []), meta)
            stem = "people" if stem == "profiles" else stem
        text = _front_matter_text(meta) + body
        record.status = "imported with changes"
        record.notes.append("its Liquid list of " + ", ".join(f"`site.{n}`" for n in names)
                            + (" is drawn by the section" if any(self.found[n].section for n in names)
                               else " is now a plain list of links: restyle it at will"))
        importer.text_file(listing.source, f"pages/{stem}.md", record, text=text)
        for name in names:
            for document in self.documents.get(name, []):
                if self.found[name].section == "people" and not document.target:
                    self._person_moved(document, meta)

    def write_people_without_listing(self) -> None:
        """`_people/` with no page listing them: a people page at /people/."""
        if "people" not in self.documents or any("people" in listing.names for listing in self.listings):
            return
        documents = self.documents["people"]
        if not documents:
            return
        meta = {"layout": "profiles", "title": "People", "permalink": "/people/"}
        meta["profiles"] = self._profiles(documents, meta)
        self.importer.write("pages/people.md", _front_matter_text(meta))
        for document in documents:
            self._person_moved(document, meta)

    def _person_moved(self, document: Document, meta: dict) -> None:
        page = str(meta.get("permalink") or "/people/")
        document.target = document.record.target = "pages/people.md"
        document.record.status = "imported with changes"
        document.record.notes.append(f"a profile on the people page ({page})")

    def _profiles(self, documents: list[Document], page_meta: dict) -> list[dict]:
        profiles = []
        by_name = sorted(documents, key=lambda d: (_text(d.meta.get("lastname")).lower(), str(d.relative)))
        for document in by_name:
            meta = document.meta
            if meta.get("show") is False:
                document.record.status, document.record.notes = "skipped", ["`show: false`"]
                document.target = "-"
                continue
            profiles.append(self._profile(document))
        return profiles

    def _profile(self, document: Document) -> dict:
        meta = document.meta
        name = " ".join(part for part in (_text(meta.get("firstname")), _text(meta.get("lastname"))) if part) \
            or _text(meta.get("title")) or document.relative.stem.replace("_", " ")
        profile: dict = {"name": name}
        description = _text(meta.get("description") or meta.get("role"))
        if "<" in description:
            profile["more_info"] = description  # al-folio's cards show it as HTML
        elif description:
            profile["role"] = description
        if _text(meta.get("category")):
            profile["group"] = _text(meta["category"])
        image = _text(meta.get("img") or meta.get("image"))
        if image:
            profile["image"] = content_path_of_asset(image) or image.lstrip("/")
            profile["image_alt"] = f"Photo of {name}"
            # Listed in the report when the al-folio folder lacks it.
            self.importer.referenced.setdefault(document.record.source, set()).add(profile["image"])
        links = {}
        redirect = _text(meta.get("redirect"))
        if redirect.startswith(("http://", "https://")):
            links["Website"] = redirect
        for key, title, pattern in PERSON_LINKS:
            value = _text(meta.get(key))
            if value and title not in links:
                links[title] = pattern.format(value)
        if links:
            profile["links"] = links
        body = document.body.strip()
        if body:
            name_md = f"{document.relative.with_suffix('').as_posix().replace('/', '-')}.md"
            seen: set[str] = set()
            self.importer.write(f"pages/profiles/{name_md}",
                                rewrite_references(body, seen.add,
                                                   lambda path: (self.importer.staging / path).is_file()) + "\n")
            self.importer.referenced.setdefault(document.record.source, set()).update(seen)
            profile["content"] = name_md
        return profile


def _summary(collection: Collection, count: int) -> str:
    """One line of IMPORT-REPORT.md: what a collection became."""
    became = {"people": "profiles on a people page (`layout: profiles`)",
              "talks": "entries of content/data/talks.yml",
              "teaching": "courses in content/teaching/, at their al-folio addresses"}.get(collection.section)
    if not became:
        became = (f"pages in content/pages/{collection.name}/, at their al-folio addresses" if collection.output
                  else "not imported: `output: false`, al-folio shows it only through a page's Liquid")
    return f"`_{collection.name}/` ({count} document{'s' if count != 1 else ''}): {became}"


def _links_html(documents: list[Document], inside_list: bool, exists) -> str:
    """A plain list of links to the imported documents (with their `img:`), for a page that
    listed them with Liquid."""
    if not documents:
        return ""
    items = []
    for document in documents:
        title = _text(document.meta.get("title")) or document.relative.stem.replace("_", " ")
        about = _text(document.meta.get("description") or document.meta.get("author"))
        title = title.replace("&", "&amp;").replace("<", "&lt;")
        image = _text(document.meta.get("img") or document.meta.get("image")).lstrip("/")
        image = (content_path_of_asset(image) or image) if image.startswith("assets/") else image
        thumbnail = (f'<img class="collection-list__image" src="{"{static}/" if exists(image) else "/"}{image}" '
                     'alt="" loading="lazy">') if image else ""
        items.append(f'<li><a href="{{filename}}/{document.target}">{thumbnail}{title}</a>'
                     + (f" — {about}" if about else "") + "</li>")
    text = "\n".join(items)
    return f"\n{text}\n" if inside_list else f'\n<ul class="collection-list">\n{text}\n</ul>\n'


def _book_details(meta: dict) -> str:
    """A book's cover, author, year, rating and status, which al-folio's book layout shows."""
    if meta.get("layout") != "book-review":
        return ""
    parts = [_text(meta.get(key)) for key in BOOK_KEYS if _text(meta.get(key))]
    stars = meta.get("stars")
    if isinstance(stars, (int, float)) and 0 < stars <= 5:
        parts.append(f"{stars:g} of 5 stars")
    if _text(meta.get("buy_link")).startswith(("http://", "https://")):
        parts.append(f"[where to get it]({_text(meta['buy_link'])})")
    cover = _text(meta.get("cover"))
    lines = [f"![Cover of {_text(meta.get('title'))}](/{cover.lstrip('/')})"] if cover else []
    if parts:
        lines.append(" · ".join(parts))
    return "\n\n".join(lines)


_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<url>[^)\s]+)\)")
_EVENT = re.compile(r"^\s*[*_](?P<event>[^*_].*?)[*_]\s*\\?\s*$", re.M)


def _talk(document: Document) -> dict:
    """A talk of talks.yml from al-folio's talk document (front matter, or a news-like text)."""
    meta, body = document.meta, document.body
    talk: dict = {}
    first = _LINK.search(body)
    title = _text(meta.get("title")) or (first["text"] if first else "") \
        or next((line.strip(" #*\\") for line in body.splitlines() if line.strip()), "") \
        or document.relative.stem
    talk["title"] = title
    event = _text(meta.get("event") or meta.get("venue"))
    if not event and (match := _EVENT.search(body)):
        event = match["event"].strip()
    if event:
        talk["event"] = event
    for key in ("location", "type"):
        if _text(meta.get(key)):
            talk[key] = _text(meta[key])
    date = meta.get("date") or re.match(r"\d{4}-\d{2}(?:-\d{2})?", document.relative.stem)
    if date:
        talk["date"] = str(date[0] if isinstance(date, re.Match) else date)[:10]
    slides = _text(meta.get("slides"))
    if not slides and first and not _text(meta.get("title")):
        slides = first["url"]
    if slides:
        moved = content_path_of_asset(slides.replace("{{ site.baseurl }}", ""))
        talk["slides"] = moved.removeprefix("files/") if moved and moved.startswith("files/") else slides
    for key, ours in (("video", "video"), ("talk_url", "url"), ("url", "url")):
        if _text(meta.get(key)) and ours not in talk:
            talk[ours] = _text(meta[key])
    text = body
    if first and not _text(meta.get("title")):
        text = text.replace(first[0], "", 1)
    if event:
        text = _EVENT.sub("", text, count=1)
    text = re.sub(r"<[^>]+>|\*\*|__|\\$", "", text, flags=re.M)
    text = " ".join(text.split())
    if text:
        talk["description"] = text
    return talk


def _is_lorem_ipsum(body: str) -> bool:
    """al-folio's sample documents (the sample book) are placeholder Latin."""
    return body.lower().count("lorem ipsum") >= 2 or body.lstrip().lower().startswith("lorem ipsum")
