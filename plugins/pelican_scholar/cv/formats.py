"""Three CV formats, read into the one model of `model.py`.

- al-folio's `cv.yml`: a list of sections, each with `title`, `type` (map,
  list, nested_list, time_table, list_groups) and `contents`; values may hold
  HTML, which is sanitised to a small allow-list.
- RenderCV's YAML (al-folio v1's `cv_format: rendercv`): `cv:` with `name`,
  `label`/`headline`, `email`, `location` and `sections:`, a mapping of
  section titles to lists of entries; values may hold Markdown.
- JSON Resume (`resume.json`): `basics`, `work`, `education`, `awards`, …

Every problem is reported through `warn(line, message)` and the rest of the
CV is still read: a broken section is left out, a broken entry is skipped.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import markdown
import nh3
from markupsafe import Markup, escape

from ..data import line_of
from ..publications.links import resolve_url
from .model import CV, KINDS, Entry, Item, Link, Section

Warn = Callable[[int | None, str], None]

# What HTML may stay in a CV value: text-level markup and links, nothing that
# runs code or changes the page's layout.
ALLOWED_TAGS = {"a", "abbr", "b", "br", "cite", "code", "em", "i", "mark", "q", "s",
                "small", "span", "strong", "sub", "sup", "u"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
URL_SCHEMES = {"http", "https", "mailto"}

# Which sections say where one studied, worked, or what one won (for JSON-LD).
_ROLES = (
    ("education", re.compile(r"educat|degree|studies", re.I)),
    ("work", re.compile(r"experience|employment|position|appointment|career|\bwork\b", re.I)),
    ("awards", re.compile(r"award|honou?r|prize", re.I)),
    ("publications", re.compile(r"publication|paper", re.I)),
    ("talks", re.compile(r"talk|presentation", re.I)),
)
_CURRENT = re.compile(r"(present|now|current|today|ongoing|[-–—]\s*)$", re.I)


def html(value) -> Markup:
    """A value that may hold HTML (al-folio's cv.yml), sanitised."""
    if value is None:
        return Markup("")
    text = str(value).strip()
    if "<" not in text and "&" not in text:
        return Markup(escape(text))
    return Markup(nh3.clean(text, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                            url_schemes=URL_SCHEMES))


def inline_markdown(value) -> Markup:
    """A RenderCV value: inline Markdown (**bold**, [link](url)), sanitised."""
    if value is None:
        return Markup("")
    text = str(value).strip()
    if not re.search(r"[*_`\[<&]", text):
        return Markup(escape(text))
    converted = markdown.markdown(text)
    converted = re.sub(r"^<p>(.*)</p>$", r"\1", converted.strip(), flags=re.S)
    return html(converted)


def text(value) -> Markup:
    """A JSON Resume value: plain text."""
    return Markup(escape(str(value).strip())) if value is not None else Markup("")


def anchor_for(title: str, taken: set[str]) -> str:
    """A unique, readable element id for a section: "Honors and awards" -> honors-and-awards."""
    base = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-") or "section"
    if base[0].isdigit():
        base = "s-" + base
    anchor, number = base, 1
    while anchor in taken:
        number += 1
        anchor = f"{base}-{number}"
    taken.add(anchor)
    return anchor


def role_of(title: str) -> str:
    return next((role for role, pattern in _ROLES if pattern.search(title)), "")


def is_current(when: str) -> bool:
    return bool(when) and bool(_CURRENT.search(when.strip()))


def _year(value) -> str:
    """The year of a date (2019-06-30, "2019-06", 2019), or the text as written."""
    if value is None or value == "":
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return str(value.year)
    value = str(value).strip()
    match = re.fullmatch(r"(\d{4})(-\d{1,2}(-\d{1,2})?)?", value)
    if match:
        return match.group(1)
    if value.casefold() in ("present", "now", "current"):
        return "present"
    return value


def span(start=None, end=None, date=None) -> str:
    """The year column: "2015 – 2019", "2021 – present", "2022".

    As in RenderCV and JSON Resume, a start without an end is still going on.
    """
    if date not in (None, "") and start in (None, ""):
        return _year(date)
    first, last = _year(start), _year(end)
    if not first:
        return last
    if not last:
        last = "present"
    return first if first == last else f"{first} – {last}"


def safe_url(value, warn: Warn, line: int | None) -> str:
    """A link of the CV: a full URL, a site path, or a file name in content/files/.

    A scheme that could run code (`javascript:`) is left out with a warning.
    """
    if value in (None, ""):
        return ""
    resolved = resolve_url(str(value), "files/")
    if resolved is None:
        warn(line, f"the link {str(value)!r} is left out: only http(s), mailto and paths "
             "are allowed. Fix it.")
        return ""
    return resolved[0]


def _strings(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


# --- al-folio's cv.yml ------------------------------------------------------------

def _alfolio_items(value, warn: Warn, line: int | None) -> list[Item]:
    """`description:` / `items:`: strings, or {title, contents} with sub-items."""
    items = []
    for item in _strings(value):
        if isinstance(item, dict) and "title" not in item and len(item) == 1:
            # `- Advisor: Prof. Berg` is read by YAML as a key and a value.
            (key, value), = item.items()
            warn(line_of(item) or line, f"the item '{key}: {value}' reads as a key and a value "
                 "because of its ': '; it is shown as text. Put the line in quotes.")
            items.append(Item(html(f"{key}: {value}")))
        elif isinstance(item, dict):
            children = [html(child) for child in _strings(item.get("contents"))
                        if not isinstance(child, (dict, list))]
            items.append(Item(html(item.get("title", "")), children))
        elif isinstance(item, list):
            warn(line_of(item) or line, "a list inside a list of items; it is left out. "
                 "Write sub-items as `- title: …` with `contents:`.")
        elif item is not None:
            items.append(Item(html(item)))
    return items


def _alfolio_entry(kind: str, content, warn: Warn, line: int | None) -> Entry | None:
    if kind == "list":
        if isinstance(content, (dict, list)):
            warn(line_of(content) or line, "a `list` section holds text lines; this item is "
                 "not text and is left out.")
            return None
        return Entry(title=html(content))
    if not isinstance(content, dict):
        warn(line, f"an entry of a `{kind}` section should be 'key: value' lines, not "
             f"{content!r}; it is left out.")
        return None
    line = line_of(content) or line
    if kind == "map":
        return Entry(title=html(content.get("name")), value=html(content.get("value")))
    if kind == "nested_list":
        return Entry(title=html(content.get("title")),
                     items=_alfolio_items(content.get("items"), warn, line))
    if kind == "list_groups":
        children = []
        for item in _strings(content.get("items")):
            if not isinstance(item, dict):
                warn(line_of(item) or line, "a `list_groups` item should have `name` (and "
                     "`level`, `school`, `time`, `link`); it is left out.")
                continue
            link = safe_url(item.get("link"), warn, line_of(item) or line)
            children.append(Entry(
                title=html(item.get("name")), value=html(item.get("level")),
                subtitle=html(item.get("school")), when=str(item.get("time") or ""),
                links=[Link(str(item.get("linkname") or "Document"), link)] if link else []))
        return Entry(title=html(content.get("category")), children=children)
    # time_table
    when = str(content.get("year") or "").strip()
    links = [Link(str(item.get("linkname") or "Document"), url)
             for item in _strings(content.get("linkitems"))
             if isinstance(item, dict) and (url := safe_url(item.get("link"), warn, line))]
    return Entry(
        title=html(content.get("title")),
        subtitle=html(content.get("institution")),
        department=html(content.get("department")),
        location=html(content.get("location")),
        when=when,
        current=is_current(when),
        summary=html(content.get("maindescription")),
        items=(_alfolio_items(content.get("description"), warn, line)
               + _alfolio_items(content.get("items"), warn, line)),
        links=links,
    )


def read_alfolio(data: list, cv: CV, warn: Warn) -> None:
    taken: set[str] = set()
    for number, section in enumerate(data, start=1):
        if not isinstance(section, dict):
            warn(None, f"section {number} should be 'key: value' lines with `title`, `type` "
                 "and `contents`; it is left out.")
            continue
        line = line_of(section)
        title = str(section.get("title") or "").strip()
        kind = str(section.get("type") or "").strip()
        if not title:
            warn(line, f"section {number} has no `title`; it is left out. Add one.")
            continue
        if kind not in KINDS:
            warn(line, f"section {title!r} has the type {kind!r}, which is not one of "
                 f"{', '.join(KINDS)}; it is left out. Fix its `type:`.")
            continue
        contents = section.get("contents")
        if not isinstance(contents, list):
            warn(line, f"section {title!r}: `contents` should be a list (lines starting "
                 "with '- '); the section is left out.")
            continue
        entries = [entry for content in contents
                   if (entry := _alfolio_entry(kind, content, warn, line)) is not None]
        cv.sections.append(Section(title, anchor_for(title, taken), kind, entries,
                                   role_of(title)))


# --- RenderCV ---------------------------------------------------------------------

def _degree_title(degree, area, convert) -> Markup:
    degree, area = convert(degree), convert(area)
    if degree and area:
        return Markup("{} in {}").format(degree, area)
    return degree or area


def _dated_entry(entry: dict, convert, title, subtitle, warn: Warn) -> Entry:
    when = span(entry.get("start_date", entry.get("startDate")),
                entry.get("end_date", entry.get("endDate")),
                entry.get("date", entry.get("releaseDate")))
    url = safe_url(entry.get("url"), warn, line_of(entry))
    if not url and entry.get("doi"):
        url = "https://doi.org/" + str(entry["doi"])
    summary = entry.get("summary")
    if summary is None:
        summary = entry.get("journal") or (entry.get("publisher") if entry.get("authors") else None)
    return Entry(
        title=title, subtitle=subtitle, location=convert(entry.get("location")),
        when=when, current=is_current(when), summary=convert(summary),
        items=[Item(convert(item)) for item in _strings(entry.get("highlights"))
               if not isinstance(item, (dict, list))],
        url=url,
    )


def _keywords(value, convert) -> Markup:
    return Markup(", ").join(convert(word) for word in _strings(value)) if value else Markup("")


def structured_entry(entry: dict, convert, warn: Warn) -> tuple[str, Entry]:
    """One RenderCV or JSON Resume entry: its section kind and the entry."""
    if "bullet" in entry:
        return "list", Entry(title=convert(entry["bullet"]))
    if "label" in entry and "details" in entry:
        return "map", Entry(title=convert(entry["label"]), value=convert(entry["details"]))
    if "institution" in entry:
        return "time_table", _dated_entry(
            entry, convert, _degree_title(entry.get("degree", entry.get("studyType")),
                                          entry.get("area"), convert),
            convert(entry["institution"]), warn)
    if "company" in entry or "position" in entry:
        employer = entry.get("company", entry.get("organization", entry.get("name")))
        return "time_table", _dated_entry(entry, convert, convert(entry.get("position")),
                                          convert(employer), warn)
    if "title" in entry:
        authors = entry.get("authors")
        subtitle = (Markup(", ").join(convert(a) for a in _strings(authors)) if authors
                    else convert(entry.get("awarder", entry.get("issuer",
                                                                entry.get("publisher")))))
        return "time_table", _dated_entry(entry, convert, convert(entry["title"]), subtitle, warn)
    name = entry.get("name", entry.get("language"))
    dated = any(entry.get(key) for key in ("date", "start_date", "end_date", "startDate",
                                           "endDate", "releaseDate", "highlights"))
    if dated:
        subtitle = convert(entry.get("issuer", entry.get("publisher", entry.get("awarder"))))
        return "time_table", _dated_entry(entry, convert, convert(name), subtitle, warn)
    value = (_keywords(entry.get("keywords"), convert)
             or convert(entry.get("level") or entry.get("fluency") or entry.get("summary")
                        or entry.get("reference")))
    return "map", Entry(title=convert(name), value=value)


def _section_from(title: str, raw: list, convert, warn: Warn, line: int | None,
                  taken: set[str]) -> Section | None:
    kinds, entries = [], []
    for item in raw:
        if isinstance(item, dict):
            kind, entry = structured_entry(item, convert, warn)
        elif isinstance(item, (str, int, float)):
            kind, entry = "list", Entry(title=convert(item))
        else:
            warn(line_of(item) or line, f"section {title!r}: an entry is neither text nor "
                 "'key: value' lines; it is left out.")
            continue
        kinds.append(kind)
        entries.append(entry)
    if not entries:
        return None
    kind = kinds[0] if len(set(kinds)) == 1 else "time_table"
    return Section(title, anchor_for(title, taken), kind, entries, role_of(title))


def read_rendercv(data: dict, cv: CV, warn: Warn) -> None:
    cv.name = str(data.get("name") or "")
    cv.label = str(data.get("label") or data.get("headline") or "")
    cv.email = str(data.get("email") or "")
    cv.location = str(data.get("location") or "")
    cv.summary = inline_markdown(data.get("summary"))
    sections = data.get("sections") or {}
    if not isinstance(sections, dict):
        warn(line_of(data), "`cv: sections:` should map section titles to lists of entries; "
             "no section is shown.")
        return
    taken: set[str] = set()
    for title, raw in sections.items():
        if not isinstance(raw, list):
            warn(line_of(sections), f"section {title!r} should be a list of entries (lines "
                 "starting with '- '); it is left out.")
            continue
        section = _section_from(str(title).replace("_", " "), raw, inline_markdown, warn,
                                line_of(sections), taken)
        if section:
            cv.sections.append(section)


# --- JSON Resume ------------------------------------------------------------------

JSON_RESUME_SECTIONS = {
    "work": "Experience", "education": "Education", "volunteer": "Volunteer",
    "awards": "Awards", "certificates": "Certificates", "publications": "Publications",
    "skills": "Skills", "languages": "Languages", "interests": "Interests",
    "references": "References", "projects": "Projects",
}


def _location_text(value) -> str:
    if isinstance(value, dict):
        return ", ".join(str(value[key]) for key in ("city", "region", "countryCode")
                         if value.get(key))
    return str(value or "")


def read_json_resume(data: dict, cv: CV, warn: Warn) -> None:
    basics = data.get("basics") or {}
    if isinstance(basics, dict):
        cv.name = str(basics.get("name") or "")
        cv.label = str(basics.get("label") or "")
        cv.email = str(basics.get("email") or "")
        cv.location = _location_text(basics.get("location"))
        cv.summary = text(basics.get("summary")) if basics.get("summary") else Markup("")
    taken: set[str] = set()
    for key, raw in data.items():
        if key in ("basics", "meta", "$schema"):
            continue
        if key not in JSON_RESUME_SECTIONS:
            warn(None, f"{key!r} is not a JSON Resume section; it is left out. The sections "
                 f"are {', '.join(JSON_RESUME_SECTIONS)}.")
            continue
        if not isinstance(raw, list):
            warn(None, f"{key!r} should be a list of entries ([…]); it is left out.")
            continue
        section = _section_from(JSON_RESUME_SECTIONS[key], raw, text, warn, None, taken)
        if section:
            cv.sections.append(section)
