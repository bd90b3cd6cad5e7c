"""Projects: al-folio's _projects/ folder, as cards at /projects/ and a page each.

Each file in content/projects/ is one project, with al-folio's front matter:

    title: Tree-ring archive
    description: Fifty years of increment cores, digitised.   # the card's text
    img: assets/img/cores.jpg   # or cores.jpg (in content/images/); the card image
    img_alt: …                  # optional; the card image is decorative otherwise
    importance: 1               # order on the page, smallest first
    category: work              # the group it is shown in
    redirect: https://…         # the card links there, and the project gets no page
    github: ada/ring-archive    # a link to the repository
    related_publications: [lindqvist2024drought]   # BibTeX keys, listed on its page

/projects/ groups the cards by the `display_categories` list in the front
matter of your own content/pages/projects.md (al-folio's page; its text, if not
al-folio's Liquid loop, is shown above the cards), else by PROJECTS_CATEGORIES,
else by category name. `horizontal: true` there gives wide cards. Nothing is
written when content/projects/ holds no project.

Settings (default):
    PROJECTS_PATHS (["projects"]): folders under content/ holding projects.
    PROJECTS_URL ("projects/"), PROJECTS_SAVE_AS ("projects/index.html"): the cards.
    PROJECT_URL ("projects/{slug}/"), PROJECT_SAVE_AS ("projects/{slug}/index.html").
    PROJECTS_TITLE ("Projects"): the heading of a generated projects page.
    PROJECTS_CATEGORIES ([]): category order, when the page gives none.
    PROJECTS_HORIZONTAL (False): wide cards, when the page does not say.
    PROJECT_IMAGE_WIDTHS ([360, 720]): widths of the WebP copies of card images.

Templates get `projects` (ordered), `project_groups` and `projects_horizontal`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from pelican import signals
from pelican.contents import Page

from ..about.about import ImageRefused, image_path, load_image, write_images
from ..data import shown_path, truthy
from ..sections import SectionGenerator, front_matter_line, where

logger = logging.getLogger(__name__)

GITHUB_REPO = re.compile(r"^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$")


class Project(Page):
    default_template = "project"

    @property
    def has_page(self) -> bool:
        return not self.redirect

    @property
    def link(self) -> str:
        """Where the card links: `redirect`, else the project's own page."""
        return self.redirect or self.url


@dataclass(frozen=True)
class ProjectGroup:
    title: str  # "" when the projects have no categories
    projects: tuple[Project, ...]


def _words(value) -> list[str]:
    """A YAML list, or al-folio's comma- or space-separated text."""
    if isinstance(value, (list, tuple)):
        return [str(item).strip() for item in value if str(item).strip()]
    return [word for word in re.split(r"[,\s]+", str(value or "")) if word]


def _importance(project: Project) -> float:
    value = project.metadata.get("importance")
    if value is None:
        return float("inf")
    try:
        return float(value)
    except (TypeError, ValueError):
        logger.warning("%s: `importance: %s` is not a number; the project is listed last. "
                       "Write a number such as 1.",
                       where(project.source_path, project.settings,
                             front_matter_line(project.source_path, "importance")), value)
        return float("inf")


def prepare_project(project: Project) -> None:
    """Attach what the card and the page show, checking the front matter."""
    meta, settings = project.metadata, project.settings
    project.description = str(meta.get("description") or "")
    project.category_name = str(meta.get("category") or "").strip()
    project.importance = _importance(project)
    project.redirect = str(meta.get("redirect") or "").strip()
    github = str(meta.get("github") or "").strip().removeprefix("https://github.com/").strip("/")
    project.github = github if GITHUB_REPO.match(github) else ""
    if github and not project.github:
        logger.warning("%s: `github: %s` is not owner/repository; no link is shown. "
                       "Write it as `github: ada/tree-rings`.",
                       where(project.source_path, settings,
                             front_matter_line(project.source_path, "github")), github)
    project.related_keys = _words(meta.get("related_publications")) \
        if not isinstance(meta.get("related_publications"), bool) else []
    project.related_publications = []
    project.card_image = None
    name = str(meta.get("img") or "").strip()
    if name:
        relative = image_path(name, settings["PROFILE_IMAGE_DIR"], settings["PATH"])

        def shown() -> str:  # only when warning: finding the line reads the file again
            return where(project.source_path, settings, front_matter_line(project.source_path, "img"))

        try:
            image = load_image(relative, settings["PATH"], str(meta.get("img_alt") or ""),
                               settings["PROJECT_IMAGE_WIDTHS"], settings["OUTPUT_PATH"])
        except ImageRefused as error:
            logger.warning("%s: the project image %r is left out: %s.", shown(), name, error)
        else:
            if image is None:
                logger.warning("%s: project image %r not found at content/%s; the card is "
                               "shown without it. Put the image there, or fix `img:`.",
                               shown(), name, relative)
            elif image.width is None:
                logger.warning("%s: the project image %s is not an image Pillow can read; it "
                               "is shown as it is. Save it as JPEG, PNG or WebP.", shown(), relative)
            project.card_image = image


def order_projects(projects: list[Project]) -> list[Project]:
    return sorted(projects, key=lambda p: (p.importance, p.title.lower(), p.source_path))


def group_projects(projects: list[Project], display_categories: list[str]) -> list[ProjectGroup]:
    """Groups in `display_categories` order, then any other category A–Z, then the uncategorised.

    Without categories at all, one untitled group.
    """
    by_category: dict[str, list[Project]] = {}
    for project in order_projects(projects):
        by_category.setdefault(project.category_name, []).append(project)
    if set(by_category) == {""}:
        return [ProjectGroup("", tuple(by_category[""]))]
    names = [name for name in display_categories if name in by_category]
    names += sorted((name for name in by_category if name and name not in names), key=str.lower)
    groups = [ProjectGroup(name, tuple(by_category[name])) for name in names]
    if "" in by_category:
        groups.append(ProjectGroup("Other", tuple(by_category[""])))
    return groups


class ProjectsGenerator(SectionGenerator):
    cache_name = "ProjectsGenerator"
    what = "project"
    section = "PROJECTS"
    content_class = Project
    index_what = "the project cards"

    def publish(self) -> None:
        for project in self.items:
            prepare_project(project)
        self.items = order_projects(self.items)
        categories = list(self.settings["PROJECTS_CATEGORIES"])
        horizontal = self.settings["PROJECTS_HORIZONTAL"]
        if self.index_page is not None:
            meta = self.index_page.metadata
            if "display_categories" in meta:
                categories = _words(meta["display_categories"])
            if "horizontal" in meta:
                horizontal = truthy(meta["horizontal"])
        self.context["projects"] = self.items
        self.context["project_groups"] = group_projects(self.items, categories)
        self.context["projects_horizontal"] = horizontal

    def _link_publications(self) -> None:
        by_key = {pub.key: pub for pub in self.context.get("publications") or ()}
        for project in self.items:
            missing = [key for key in project.related_keys if key not in by_key]
            project.related_publications = [by_key[key] for key in project.related_keys
                                            if key in by_key]
            if missing:
                logger.warning("%s: related_publications names %s, not found in the BibTeX "
                               "files; the rest are listed. Fix the keys.",
                               where(project.source_path, self.settings,
                                     front_matter_line(project.source_path, "related_publications")),
                               ", ".join(missing))

    def generate_output(self, writer) -> None:
        self._link_publications()
        for project in self.items:
            write_images([project.card_image], self.output_path,
                         shown_path(project.source_path, self.settings),
                         self.settings.get("CACHE_PATH"))
        super().generate_output(writer)


def _get_generators(pelican):
    return ProjectsGenerator


def register() -> None:
    signals.get_generators.connect(_get_generators)
