"""What every page's <head> says, and the site-wide files: sitemap, robots, 404."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

import pytest

ABOUT = ("---\nlayout: about\ntitle: About\npermalink: /\nprofile:\n  image: me.png\n---\n"
         "I study forests.\n")
POST = ("---\ntitle: Rings & Things\ndate: 2025-03-01\ndescription: A post about rings.\n"
        "image: images/card.png\n---\nBody.\n")
PIXEL = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                      "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


@pytest.fixture
def published(build_site):
    return build_site({"pages/about.md": ABOUT, "images/me.png": PIXEL, "images/card.png": PIXEL,
                       "blog/2025-03-01-rings.md": POST,
                       "pages/teaching.md": "---\ntitle: Teaching\n---\nCourses.\n"},
                      publish=True, SITE_DESCRIPTION="Forest ecologist.",
                      SOCIALS={"github_username": "adal"})


def meta(page, name: str) -> str | None:
    tag = page.select_one(f'meta[property="{name}"], meta[name="{name}"]')
    return tag["content"] if tag else None


def test_title_pattern_is_page_then_site(published):
    assert published.html("blog/2025/rings/index.html").title.get_text() == "Rings & Things | Ada Lindqvist"
    assert published.html("index.html").title.get_text() == "Ada Lindqvist"


def test_canonical_and_open_graph_urls_are_absolute_when_published(published):
    page = published.html("blog/2025/rings/index.html")
    assert page.select_one('link[rel="canonical"]')["href"] == "https://scholar.example.org/blog/2025/rings/"
    assert meta(page, "og:url") == "https://scholar.example.org/blog/2025/rings/"
    assert meta(page, "og:image") == "https://scholar.example.org/images/card.png"
    assert meta(page, "twitter:image") == "https://scholar.example.org/images/card.png"
    assert meta(page, "og:type") == "article"
    assert meta(page, "description") == "A post about rings."


def test_home_page_card_uses_the_profile_photo(published):
    page = published.html("index.html")
    assert page.select_one('link[rel="canonical"]')["href"] == "https://scholar.example.org/"
    assert meta(page, "og:image") == "https://scholar.example.org/images/me.png"
    assert meta(page, "description") == "Forest ecologist."


def test_every_page_has_one_main_landmark_and_a_skip_link(published):
    for path in published.pages():
        page = published.html(str(path.relative_to(published.output)))
        assert len(page.select("main#main")) == 1, path
        assert page.select_one('a.skip-link[href="#main"]'), path
        assert page.html["lang"] == "en", path


def test_no_page_loads_anything_from_another_host(published):
    for path in published.pages():
        page = published.html(str(path.relative_to(published.output)))
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("source", "srcset")):
            for element in page.select(f"{tag}[{attribute}]"):
                if tag == "link" and element.get("rel") not in (["stylesheet"], ["icon"], ["preload"]):
                    continue
                host = urlparse(element[attribute]).netloc
                assert host in ("", "scholar.example.org"), (path, element)


def test_json_ld_cannot_be_broken_out_of(build_site):
    site = build_site({"pages/about.md": ABOUT, "images/me.png": PIXEL},
                      AFFILIATION="</script><script>alert(1)</script>")
    scripts = site.html("index.html").select("script")
    assert not any("alert(1)" in (s.string or "") and s.get("type") != "application/ld+json"
                   for s in scripts)
    person = json.loads(site.html("index.html").select_one('script[type="application/ld+json"]').string)
    assert person["affiliation"]["name"] == "</script><script>alert(1)</script>"


def test_sitemap_lists_pages_with_absolute_urls(published):
    root = ET.fromstring(published.text("sitemap.xml").encode())
    urls = {loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert "https://scholar.example.org/blog/2025/rings/" in urls
    assert "https://scholar.example.org/teaching/" in urls


def test_robots_txt_points_to_the_sitemap(published):
    robots = published.text("robots.txt")
    assert "Sitemap: https://scholar.example.org/sitemap.xml" in robots.splitlines()


def test_404_page_exists_and_is_not_indexed(published):
    page = published.html("404.html")
    assert page.h1.get_text() == "Page not found"
    assert meta(page, "robots") == "noindex"


def test_emoji_favicon_is_an_inline_svg(build_site):
    site = build_site({"pages/about.md": "---\ntitle: About\npermalink: /\n---\nx\n"}, FAVICON="🌲")
    assert site.html("index.html").select_one('link[rel="icon"]')["href"].startswith("data:image/svg+xml,")


def test_without_a_favicon_browsers_are_not_sent_to_a_missing_favicon_ico(build_site):
    site = build_site({"pages/about.md": "---\ntitle: About\npermalink: /\n---\nx\n"}, FAVICON="")
    assert site.html("index.html").select_one('link[rel="icon"]')["href"] == "data:,"


def test_a_paper_title_with_angle_brackets_is_text_in_the_page_title(build_site):
    bib = "@article{k, title={Escaping <script> tags}, author={Doe, Jane}, journal={J}, year={2024}}\n"
    site = build_site({"publications/papers.bib": bib})
    page = site.html("publications/k/index.html")
    assert page.title.get_text() == "Escaping <script> tags | Ada Lindqvist"
    assert "<script> tags" not in site.text("publications/k/index.html").split("</title>")[0].split("<title>")[1]
    data = page.select('script[type="application/ld+json"]')[-1].string
    assert "<" not in data and json.loads(data)["headline"] == "Escaping <script> tags"


def test_a_site_without_posts_gets_feeds_dated_by_its_content_not_the_clock(build_site, rebuild_site):
    # feedgenerator would date an empty feed with the time of the build: every build rewrote it.
    site = build_site({"pages/about.md": "---\ntitle: About\n---\nTrees.\n",
                       "news/moved.md": "---\ndate: 2025-03-01\ninline: true\n---\nWe moved.\n"})
    feed = site.output / "feeds" / "all.atom.xml"
    first = feed.read_bytes()
    updated = ET.fromstring(first).find("{http://www.w3.org/2005/Atom}updated").text
    assert updated.startswith("2025-03-01")
    rebuild_site(site)
    assert feed.read_bytes() == first
