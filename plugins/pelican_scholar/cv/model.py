"""The one model every CV format is read into: a CV, its sections, their entries.

Text that may carry HTML (al-folio allows it in cv.yml) is already sanitised
Markup here; templates print it as it is, and `plain()` gives the text for
the PDF and JSON-LD.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

# The section layouts, al-folio's names: each has a partial
# theme/templates/partials/cv_<kind>.html and a function in theme/typst/cv.typ.
KINDS = ("map", "list", "nested_list", "time_table", "list_groups")


def plain(value) -> str:
    """Text without tags or entities, whitespace collapsed."""
    return " ".join(Markup(str(value or "")).striptags().replace("\xa0", " ").split())


@dataclass
class Item:
    """A bullet of an entry, with optional sub-bullets."""

    text: Markup
    children: list[Markup] = field(default_factory=list)


@dataclass
class Link:
    label: str
    url: str


@dataclass
class Entry:
    """One line of a section: a job, a degree, an award, a map's row, a list's item.

    Which fields are set depends on the section's kind: a `map` row has `title`
    and `value`, a `list` item only `title`, a `time_table` entry most of them,
    a `list_groups` group a `title` (the category) and `children`.
    """

    title: Markup = Markup("")
    value: Markup = Markup("")  # a map row's value; a skill's level
    subtitle: Markup = Markup("")  # institution, company, awarder, authors
    department: Markup = Markup("")
    location: Markup = Markup("")
    when: str = ""  # the year column: "2019 – 2024", "2021", "Summer 2016"
    summary: Markup = Markup("")
    items: list[Item] = field(default_factory=list)
    children: list[Entry] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    url: str = ""  # the title links here
    current: bool = False  # still going on ("2021 – present")


@dataclass
class Section:
    title: str
    anchor: str  # the element id: /cv/#education
    kind: str  # one of KINDS
    entries: list[Entry] = field(default_factory=list)
    role: str = ""  # "education", "work", "awards", "publications", "talks" or ""


@dataclass
class CV:
    source: str  # the file, as warnings name it
    name: str = ""
    label: str = ""  # a headline: "Associate Professor of Ecology"
    email: str = ""
    location: str = ""
    summary: Markup = Markup("")
    sections: list[Section] = field(default_factory=list)

    def _names(self, role: str, current_only: bool = False) -> list[str]:
        names = []
        for section in self.sections:
            if section.role != role:
                continue
            for entry in section.entries:
                if current_only and not entry.current:
                    continue
                name = plain(entry.subtitle if role in ("education", "work") else entry.title)
                if name and name not in names:
                    names.append(name)
                names += [plain(item.text) for item in entry.items
                          if role == "awards" and not entry.title and plain(item.text)]
        return names

    @property
    def alumni_of(self) -> list[str]:
        """Institutions of the education sections, for JSON-LD."""
        return self._names("education")

    @property
    def works_for(self) -> list[str]:
        """Employers of current positions, for JSON-LD."""
        return self._names("work", current_only=True)

    @property
    def awards(self) -> list[str]:
        return self._names("awards")
