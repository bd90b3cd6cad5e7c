"""People: a lab page, al-folio's `layout: profiles` and a simpler form of ours.

    ---
    layout: profiles
    title: People
    groups: [PI, Postdocs, Students, Alumni]   # optional: the order of the groups
    profiles:
      # al-folio's form: the person's text is a Markdown file (no front matter),
      # next to this page or in content/pages/profiles/
      - image: einstein.jpg
        align: right
        image_circular: false
        more_info: <p>Office 3.14</p>
        content: about_einstein.md
      # our simpler form
      - name: A. Researcher
        role: Associate Professor
        group: PI
        image: prof_pic.jpg
        links: {Website: "https://example.org", Email: "mailto:a.researcher@example.org"}
    ---
    Text above the list.

Photos are handled as on the about page: WebP copies at PROFILE_IMAGE_WIDTHS,
never upscaled; a bare name is looked for in PROFILE_IMAGE_DIR. A profile with
neither `name` nor `content` is left out with a warning.

No settings of its own. PAGE_EXCLUDES keeps content/pages/profiles/ from
becoming pages.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass

from markdown import Markdown
from markupsafe import Markup
from pelican import signals
from pelican.contents import Page

from ..about.about import ImageRefused, ProfileImage, image_path, load_image
from ..data import shown_path, truthy
from ..sections import front_matter_line, where
from ..urls import is_safe_url

logger = logging.getLogger(__name__)

FRONT_MATTER = re.compile(r"\A\s*---\n.*?^(?:---|\.\.\.)$\n?", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class PersonLink:
    title: str
    url: str


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    group: str
    image: ProfileImage | None
    align: str  # "left" or "right"
    circular: bool
    more_info: Markup  # HTML, as al-folio allows
    text: Markup  # the content file, as HTML
    links: tuple[PersonLink, ...]


@dataclass(frozen=True)
class PeopleGroup:
    title: str  # "" for people without a group
    people: tuple[Person, ...]


def find_content_file(page, name: str) -> str | None:
    """al-folio looks next to the page; we also look in content/pages/profiles/."""
    candidates = [os.path.join(os.path.dirname(page.source_path), name),
                  os.path.join(os.path.dirname(page.source_path), "profiles", name),
                  os.path.join(page.settings["PATH"], name.lstrip("/"))]
    return next((path for path in candidates if os.path.isfile(path)), None)


def render_markdown(path: str, settings: dict) -> Markup:
    with open(path, encoding="utf-8") as handle:
        text = FRONT_MATTER.sub("", handle.read(), count=1)
    converter = Markdown(**settings["MARKDOWN"])
    # Our Markdown extensions name the file in their warnings.
    converter.source_path, converter.shown_path = path, shown_path(path, settings)
    return Markup(converter.convert(text))


def _links(value, where_shown) -> tuple[PersonLink, ...]:
    """`where_shown()` names the file and line, for warnings."""
    if isinstance(value, dict):
        pairs = list(value.items())
    elif isinstance(value, list):
        pairs = [(item.get("title") or item.get("name"), item.get("url"))
                 if isinstance(item, dict) else (None, None) for item in value]
    else:
        pairs = [] if value is None else [(None, None)]
    links = []
    for title, url in pairs:
        url = str(url or "").strip()
        if title and url and is_safe_url(url):
            links.append(PersonLink(str(title), url))
        else:
            logger.warning("%s: a link needs a title and an http(s) or mailto: URL (%r: %r); "
                           "it is left out.", where_shown(), title, url)
    return tuple(links)


def read_person(page, profile, index: int) -> Person | None:
    settings = page.settings
    def shown() -> str:  # only when warning: finding the line reads the file again
        return where(page.source_path, settings, front_matter_line(page.source_path, "profiles", index))

    if not isinstance(profile, dict):
        logger.warning("%s: profile %d should be `key: value` lines (name:, image:, …); it is "
                       "left out.", shown(), index + 1)
        return None
    name = str(profile.get("name") or "").strip()
    text = Markup("")
    content = str(profile.get("content") or "").strip()
    if content:
        path = find_content_file(page, content)
        if path is None:
            logger.warning("%s: profile %d: its content file %r is neither next to the page "
                           "nor in content/pages/profiles/; it is shown without that text.",
                           shown(), index + 1, content)
        else:
            text = render_markdown(path, settings)
            page.profile_files.add(os.path.abspath(path))
    if not name and not content:
        logger.warning("%s: profile %d has no name (and no content file naming them); it is "
                       "left out. Add `name: …`.", shown(), index + 1)
        return None
    image = None
    image_name = str(profile.get("image") or "").strip()
    if image_name:
        relative = image_path(image_name, settings["PROFILE_IMAGE_DIR"], settings["PATH"])
        alt = str(profile.get("image_alt") or (f"Photo of {name}" if name else ""))
        try:
            image = load_image(relative, settings["PATH"], alt, settings["PROFILE_IMAGE_WIDTHS"],
                               settings["OUTPUT_PATH"])
        except ImageRefused as error:
            logger.warning("%s: profile %d: the image %r is left out: %s.",
                           shown(), index + 1, image_name, error)
        else:
            if image is None:
                logger.warning("%s: profile %d: image %r not found at content/%s; the profile "
                               "is shown without it. Put the photo there, or fix `image:`.",
                               shown(), index + 1, image_name, relative)
    return Person(name=name, role=str(profile.get("role") or "").strip(),
                  group=str(profile.get("group") or "").strip(), image=image,
                  align="left" if str(profile.get("align", "right")).lower() == "left" else "right",
                  circular=truthy(profile.get("image_circular", False)),
                  more_info=Markup(str(profile.get("more_info") or "")),
                  text=text, links=_links(profile.get("links"), shown))


def group_people(people: list[Person], order) -> list[PeopleGroup]:
    """Groups in the page's `groups:` order, then in order of first appearance."""
    by_group: dict[str, list[Person]] = {}
    for person in people:
        by_group.setdefault(person.group, []).append(person)
    names = [str(name) for name in order or () if str(name) in by_group]
    names += [name for name in by_group if name not in names]
    return [PeopleGroup(name, tuple(by_group[name])) for name in names]


def prepare_people_page(page) -> None:
    page.profile_files = set()
    profiles = page.metadata.get("profiles") or []
    if not isinstance(profiles, list):
        logger.warning("%s: `profiles:` should be a list of people (- name: …); the page is "
                       "built without them.", where(page.source_path, page.settings,
                                                    front_matter_line(page.source_path, "profiles")))
        profiles = []
    people = [person for index, profile in enumerate(profiles)
              if (person := read_person(page, profile, index)) is not None]
    page.people_groups = group_people(people, page.metadata.get("groups"))
    page.responsive_images = tuple(person.image for person in people if person.image)


def _on_content(content) -> None:
    if isinstance(content, Page) and content.metadata.get("template") == "profiles":
        prepare_people_page(content)


def _leave_out_content_files(generators) -> None:
    """A person's Markdown file next to the page (al-folio's place) is not a page of its own."""
    for generator in generators:
        if not hasattr(generator, "hidden_pages"):
            continue
        pages = generator.pages  # the list the context holds, too
        used = set().union(*(getattr(page, "profile_files", set())
                             for page in pages + generator.hidden_pages))
        for page in [page for page in pages if os.path.abspath(page.source_path) in used]:
            logger.warning("%s: is a profile's text on the people page, so it is not made a "
                           "page of its own. Move it to content/pages/profiles/.",
                           shown_path(page.source_path, page.settings))
            pages.remove(page)


def register() -> None:
    signals.content_object_init.connect(_on_content)
    signals.all_generators_finalized.connect(_leave_out_content_files)
