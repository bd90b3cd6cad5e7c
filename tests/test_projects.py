"""Projects: content/projects/*.md (al-folio's _projects/) as cards at /projects/ and a page each."""

from __future__ import annotations

import io
import logging

import pytest
from helpers import text
from PIL import Image


def jpeg(width: int = 800, height: int = 600) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (120, 80, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


def project(title: str, **front) -> str:
    lines = [f"title: {title}", "layout: page"] + [f"{key}: {value}" for key, value in front.items()]
    return "---\n" + "\n".join(lines) + f"\n---\nAbout {title}.\n"


BIB = """@article{ring2024, title = {Rings of drought}, author = {Lindqvist, Ada}, year = {2024},
journal = {Forest Letters}}
"""

FILES = {
    "projects/rings.md": project("Ring archive", description="Cores, digitised.",
                                 img="assets/img/cores.jpg", importance=2, category="work",
                                 github="ada/ring-archive",
                                 related_publications="ring2024"),
    "projects/model.md": project("Growth model", description="A Bayesian model.", importance=1,
                                 category="work"),
    "projects/choir.md": project("Forest choir", description="Singing.", category="fun",
                                 redirect="https://example.org/choir"),
    "images/cores.jpg": jpeg(),
    "publications/papers.bib": BIB,
}


@pytest.fixture
def site(build_site):
    logging.getLogger("pelican_scholar").disable_filter()
    return build_site(FILES)


def card_titles(group) -> list[str]:
    return [text(a) for a in group.select(".project-card__title a")]


def test_projects_page_groups_cards_by_category_ordered_by_importance(site):
    page = site.html("projects/index.html")
    groups = page.select(".project-group")
    assert [text(g.select_one("h2")) for g in groups] == ["fun", "work"]
    assert card_titles(groups[1]) == ["Growth model", "Ring archive"]
    assert site.warnings == []


def test_display_categories_of_the_projects_page_set_the_order_and_its_text_is_kept(build_site):
    page = ("---\ntitle: My projects\nnav: true\ndisplay_categories: [work, fun]\nhorizontal: true\n---\n"
            "Things I build.\n")
    site = build_site({**FILES, "pages/projects.md": page})
    html = site.html("projects/index.html")
    assert text(html.select_one("h1")) == "My projects"
    assert text(html.select_one(".prose")) == "Things I build."
    assert [text(g.select_one("h2")) for g in html.select(".project-group")] == ["work", "fun"]
    assert html.select(".project-card--horizontal")


def test_al_folio_liquid_on_the_projects_page_is_replaced_by_the_cards(build_site):
    page = "---\nlayout: page\ntitle: projects\n---\n{%- for project in sorted_projects -%}\nx\n{%- endfor -%}\n"
    site = build_site({**FILES, "pages/projects.md": page})
    html = site.html("projects/index.html")
    assert "sorted_projects" not in html.get_text()
    assert len(html.select(".project-card")) == 3
    assert any("projects.md" in w and "Liquid" in w for w in site.warnings)


def test_card_image_is_responsive_webp_never_upscaled(site):
    card = site.html("projects/index.html").select_one(".project-card:has(img)")
    source = card.select_one("source")
    assert source["srcset"] == ("/images/cores-360w.webp 360w, /images/cores-720w.webp 720w, "
                                "/images/cores-800w.webp 800w")
    img = card.select_one("img")
    assert img["src"] == "/images/cores.jpg" and img["alt"] == ""
    assert (img["width"], img["height"]) == ("800", "600")
    for width in (360, 720, 800):
        assert site.exists(f"images/cores-{width}w.webp")
    assert not site.exists("images/cores-1000w.webp")


def test_each_project_has_a_page_except_redirects(site):
    assert site.exists("projects/rings/index.html")
    assert site.exists("projects/model/index.html")
    assert not site.exists("projects/choir/index.html")
    links = {text(a): a["href"] for a in site.html("projects/index.html").select(".project-card__title a")}
    assert links == {"Ring archive": "/projects/rings/", "Growth model": "/projects/model/",
                     "Forest choir": "https://example.org/choir"}


def test_project_page_lists_related_publications_and_links_github_without_stat_images(site):
    page = site.html("projects/rings/index.html")
    assert text(page.select_one("h1")) == "Ring archive"
    assert "Rings of drought" in text(page.select_one(".project__publications"))
    github = page.select_one(".project__github a")
    assert github["href"] == "https://github.com/ada/ring-archive"
    assert all(not img["src"].startswith("http") for img in page.select("img"))


def test_project_files_are_not_also_pages_or_posts_and_are_in_the_sitemap(site):
    assert not site.exists("rings/index.html")
    sitemap = site.text("sitemap.xml")
    assert "/projects/rings/" in sitemap and "/projects/</loc>" in sitemap


def test_no_projects_means_no_projects_page(build_site):
    site = build_site({"pages/about.md": "---\ntitle: About\npermalink: /\nlayout: about\n---\nHi.\n"})
    assert not site.exists("projects/index.html")


def test_missing_image_and_unknown_publication_key_warn_with_file_and_line_and_the_rest_builds(build_site):
    logging.getLogger("pelican_scholar").disable_filter()
    files = {**FILES, "projects/broken.md": project("Broken", img="nowhere.jpg",
                                                    related_publications="[ring2024, nokey]")}
    site = build_site(files)
    image_warning = [w for w in site.warnings if "nowhere.jpg" in w]
    assert len(image_warning) == 1 and "projects/broken.md:4:" in image_warning[0]
    key_warning = [w for w in site.warnings if "nokey" in w]
    assert len(key_warning) == 1 and "projects/broken.md:5:" in key_warning[0]
    page = site.html("projects/broken/index.html")
    assert page.select_one(".project__image") is None
    assert "Rings of drought" in text(page.select_one(".project__publications"))
    assert len(site.html("projects/index.html").select(".project-card")) == 4


def test_projects_join_the_menu_by_name_only_when_there_are_projects(build_site):
    site = build_site(FILES, NAVIGATION=["projects", "blog"])
    menu = {text(a): a["href"] for a in site.html("projects/index.html").select(".site-nav a")}
    assert menu == {"Projects": "/projects/", "Blog": "/blog/"}
    assert site.html("projects/index.html").select_one('.site-nav a[aria-current="page"]')["href"] == "/projects/"
    empty = build_site({"blog/post.md": "---\ntitle: P\ndate: 2025-01-01\n---\nx\n"},
                       NAVIGATION=["projects", "teaching", "blog"])
    assert [text(a) for a in empty.html("blog/index.html").select(".site-nav a")] == ["Blog"]
    assert empty.warnings == []


def test_al_folio_nav_front_matter_on_the_projects_page_puts_it_in_the_menu(build_site):
    page = "---\ntitle: projects\nnav: true\nnav_order: 2\ndisplay_categories: [work]\n---\n"
    site = build_site({**FILES, "pages/projects.md": page})
    menu = [(text(a), a["href"]) for a in site.html("projects/index.html").select(".site-nav a")]
    assert ("projects", "/projects/") in menu


def test_an_image_path_is_also_looked_for_in_the_images_folder(build_site):
    files = {"projects/rings.md": project("Ring archive", img="projects/cores.jpg"),
             "images/projects/cores.jpg": jpeg(400, 300)}
    site = build_site(files)
    assert site.warnings == []
    img = site.html("projects/index.html").select_one(".project-card img")
    assert img["src"] == "/images/projects/cores.jpg"


def test_with_search_on_project_pages_are_indexed_as_projects(build_site):
    site = build_site(FILES, SEARCH_ENABLED=True)
    article = site.html("projects/rings/index.html").select_one("article[data-pagefind-body]")
    assert article.select_one('[data-pagefind-filter="kind:Project"]') is not None
    assert article.select_one(".project__back")["data-pagefind-ignore"] is not None
