"""The about page at /: photo, subtitle, bio, social links, news and latest posts."""

from __future__ import annotations

import io

import pytest
from helpers import text
from PIL import Image

ABOUT = """\
---
layout: about
title: About
permalink: /
subtitle: Professor of <em>Things</em>
profile:
  align: left
  image: me.png
  image_alt: Ada at her desk
  image_circular: true
  more_info: <p>Office 3.14</p>
news: true
latest_posts: true
social: true
---
I study **forests**.
"""


def png(width: int = 40, height: int = 50) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (10, 120, 60)).save(buffer, "PNG")
    return buffer.getvalue()


def news_item(day: int, inline: bool = True) -> str:
    if inline:
        return f"---\ndate: 2026-01-{day:02d}\ninline: true\n---\nInline news of day {day}.\n"
    return f"---\ntitle: Big news of day {day}\ndate: 2026-01-{day:02d}\n---\nThe full story.\n"


@pytest.fixture
def about_site(build_site):
    files = {"pages/about.md": ABOUT, "images/me.png": png()}
    for day in (3, 1, 7, 5, 2, 6):
        files[f"news/day{day}.md"] = news_item(day, inline=day != 7)
    for day in (1, 2, 3, 4):
        files[f"blog/post{day}.md"] = f"---\ntitle: Post {day}\ndate: 2025-05-0{day}\n---\nText.\n"
    return build_site(files, NEWS_LIMIT=4, LATEST_POSTS_LIMIT=2)


def test_about_page_is_the_home_page(about_site):
    assert about_site.exists("index.html")
    assert not about_site.exists("about/index.html")


def test_profile_photo_has_its_alt_text_and_size(about_site):
    photo = about_site.html("index.html").select_one("img.profile__photo")
    assert photo["src"] == "/images/me.png"
    assert photo["alt"] == "Ada at her desk"
    assert (photo["width"], photo["height"]) == ("40", "50")
    assert "profile__photo--circular" in photo["class"]
    assert about_site.exists("images/me.png")


def test_photo_alt_defaults_to_the_author_name(build_site):
    about = ABOUT.replace("  image_alt: Ada at her desk\n", "")
    site = build_site({"pages/about.md": about, "images/me.png": png()})
    assert site.html("index.html").select_one("img.profile__photo")["alt"] == "Photo of Ada Lindqvist"


def test_subtitle_keeps_its_html_and_bio_is_rendered_markdown(about_site):
    page = about_site.html("index.html")
    assert page.select_one(".page-subtitle em").get_text() == "Things"
    assert page.select_one(".about .prose strong").get_text() == "forests"
    assert page.select_one(".profile__info p").get_text() == "Office 3.14"


def test_news_is_newest_first_and_limited(about_site):
    items = about_site.html("index.html").select(".about__news .news-item time")
    assert [item["datetime"] for item in items] == [
        "2026-01-07", "2026-01-06", "2026-01-05", "2026-01-03"]
    assert about_site.html("index.html").select_one('.about__news a[href="/news/"]')


def test_inline_news_shows_its_text_and_other_news_links_to_its_page(about_site):
    page = about_site.html("index.html")
    first, second = page.select(".about__news .news-item")[:2]
    link = first.select_one("a")
    assert text(link) == "Big news of day 7"
    assert link["href"] == "/news/day7/"
    heading = about_site.html("news/day7/index.html").select_one("h1").get_text()
    assert heading.replace("\xa0", " ") == "Big news of day 7"
    assert text(second).endswith("Inline news of day 6.")
    assert not about_site.exists("news/day6/index.html")


def test_news_page_lists_every_item(about_site):
    assert len(about_site.html("news/index.html").select(".news-item")) == 6


def test_latest_posts_are_limited_and_newest_first(about_site):
    titles = [text(a) for a in about_site.html("index.html").select(".about__posts .post-list__title a")]
    assert titles == ["Post 4", "Post 3"]


def test_front_matter_can_turn_sections_off(build_site):
    about = ABOUT.replace("news: true", "news: false").replace("latest_posts: true",
                                                                "latest_posts:\n  enabled: false")
    site = build_site({"pages/about.md": about, "images/me.png": png(),
                       "news/a.md": news_item(1), "blog/p.md": "---\ntitle: P\ndate: 2025-01-01\n---\nx\n"})
    page = site.html("index.html")
    assert page.select_one(".about__news") is None
    assert page.select_one(".about__posts") is None


def test_al_folio_announcements_limit_is_honoured(build_site):
    about = ABOUT.replace("news: true", "announcements:\n  enabled: true\n  limit: 1")
    site = build_site({"pages/about.md": about, "images/me.png": png(),
                       "news/a.md": news_item(1), "news/b.md": news_item(2)})
    assert len(site.html("index.html").select(".about__news .news-item")) == 1


def test_selected_papers_section_is_absent_without_publications(about_site):
    assert about_site.html("index.html").select_one(".about__papers") is None


def test_person_json_ld_lists_profiles_as_same_as(build_site):
    import json

    site = build_site({"pages/about.md": ABOUT, "images/me.png": png()}, publish=True,
                      SOCIALS={"orcid_id": "0000-0002-1825-0097", "email": "ada@example.org"})
    script = site.html("index.html").select_one('script[type="application/ld+json"]')
    person = json.loads(script.string)
    assert person["@type"] == "Person"
    assert person["name"] == "Ada Lindqvist"
    assert person["sameAs"] == ["https://orcid.org/0000-0002-1825-0097"]
    assert person["image"] == "https://scholar.example.org/images/me.png"


def test_the_photo_is_served_as_webp_at_a_few_widths_never_upscaled(build_site):
    site = build_site({"pages/about.md": ABOUT, "images/me.png": png(1000, 1250)})
    source = site.html("index.html").select_one("picture source")
    assert source["type"] == "image/webp"
    candidates = [c.strip().split() for c in source["srcset"].split(",")]
    assert candidates == [["/images/me-240w.webp", "240w"], ["/images/me-480w.webp", "480w"],
                          ["/images/me-720w.webp", "720w"], ["/images/me-1000w.webp", "1000w"]]
    with Image.open(site.output / "images/me-480w.webp") as small:
        assert small.format == "WEBP" and small.size == (480, 600)


def test_a_small_photo_gets_one_webp_copy_at_its_own_width(about_site):
    source = about_site.html("index.html").select_one("picture source")
    assert source["srcset"] == "/images/me-40w.webp 40w"


def test_a_file_that_is_not_an_image_warns_and_is_shown_as_it_is(build_site):
    site = build_site({"pages/about.md": ABOUT, "images/me.png": b"not an image"})
    assert any("not an image" in w for w in site.warnings)
    assert site.html("index.html").select_one("img.profile__photo")["src"] == "/images/me.png"
    assert site.html("index.html").select_one("picture source") is None


def test_a_truncated_photo_warns_and_the_original_is_still_served(build_site):
    broken = png(400, 400)[:60]  # the header says 400 x 400; the pixels are missing
    site = build_site({"pages/about.md": ABOUT, "images/me.png": broken})
    assert any("not an image Pillow can read" in w for w in site.warnings)
    assert site.exists("images/me.png")
    assert site.html("index.html").select_one("picture source") is None


def test_news_items_are_kept_in_pelicans_content_cache(build_site):
    # `invoke regenerate` caches content: news items are not parsed again when unchanged.
    site = build_site({"news/a.md": "---\ndate: 2025-01-31\ninline: true\n---\nWe moved.\n"},
                      CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True)
    assert (site.content.parent / "cache" / "NewsGenerator-Readers").is_file()
