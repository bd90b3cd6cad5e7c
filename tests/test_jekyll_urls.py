"""Post files named as Jekyll names them get the addresses Jekyll gives them."""

from __future__ import annotations

import pytest

from pelican_scholar.blog.jekyll import jekyll_slug


def post(title: str, date: str = "") -> str:
    return f"---\ntitle: {title}\n{'date: ' + date if date else ''}\n---\nText.\n"


def test_single_digit_month_and_day_give_the_date_and_the_short_slug(build_site):
    site = build_site({"blog/2021-5-5-score.md": post("Score")})
    page = site.html("blog/2021/score/index.html")
    assert page.select_one("time")["datetime"].startswith("2021-05-05")
    assert not site.exists("blog/2021/2021-5-5-score/index.html")


def test_the_slug_keeps_case_and_spaces_become_hyphens_as_in_jekyll(build_site):
    site = build_site({"blog/2022-03-01-Plug and Play.md": post("PnP"),
                       "blog/2024-10-01-Kmeans.md": post("K")})
    assert site.exists("blog/2022/Plug-and-Play/index.html")
    assert site.exists("blog/2024/Kmeans/index.html")


def test_front_matter_date_and_slug_win_over_the_file_name(build_site):
    site = build_site({"blog/2021-5-5-score.md": "---\ntitle: S\ndate: 2023-02-03\nslug: My Slug\n---\nx\n"})
    assert site.exists("blog/2023/My-Slug/index.html")


@pytest.mark.parametrize(("title", "slug"), [
    ("score", "score"),
    ("geometric-gnns_pt1", "geometric-gnns_pt1"),
    ("Plug and Play", "Plug-and-Play"),
    ("  what? yes!  ", "what-yes!"),
    ("café/au lait", "café-au-lait"),
])
def test_jekyll_pretty_slugify(title, slug):
    assert jekyll_slug(title) == slug
