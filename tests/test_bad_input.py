"""Bad input: one clear warning naming the file, and the rest of the site still builds.
Strict mode turns any warning into a failing build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import text

ABOUT = "---\nlayout: about\ntitle: About\npermalink: /\n---\nHello.\n"
GOOD_POST = "---\ntitle: Fine post\ndate: 2025-01-01\n---\nFine.\n"


def only_warning(site, *fragments: str) -> str:
    matching = [w for w in site.warnings if all(f in w for f in fragments)]
    assert len(matching) == 1, site.warnings
    return matching[0]


def test_malformed_front_matter_warns_with_file_and_line_and_the_page_still_builds(build_site):
    broken = "---\ntitle: Broken\ndate: 2025-02-01\ntags: [unclosed\n---\nThe body survives.\n"
    site = build_site({"pages/about.md": ABOUT, "blog/2025-02-01-broken.md": broken,
                       "blog/2025-01-01-fine.md": GOOD_POST})
    warning = only_warning(site, "2025-02-01-broken.md", "not valid YAML")
    assert "2025-02-01-broken.md:4:" in warning  # the line of the unclosed list
    page = site.html("blog/2025/broken/index.html")
    assert "The body survives." in text(page.select_one(".prose"))
    assert site.exists("blog/2025/fine/index.html")


def test_missing_profile_image_warns_and_the_page_builds_without_it(build_site):
    about = ABOUT.replace("permalink: /\n", "permalink: /\nprofile:\n  image: nowhere.jpg\n")
    site = build_site({"pages/about.md": about})
    warning = only_warning(site, "about.md", "nowhere.jpg")
    assert "not found" in warning
    assert site.html("index.html").select_one("img.profile__photo") is None


def test_unknown_social_key_warns_naming_the_key(build_site):
    site = build_site({"pages/about.md": ABOUT}, SOCIALS={"friendster_id": "ada"})
    only_warning(site, "friendster_id")
    assert site.exists("index.html")


def test_news_without_a_date_warns_and_is_listed_last(build_site):
    site = build_site({"pages/about.md": ABOUT,
                       "news/undated.md": "---\ninline: true\n---\nNo date here.\n",
                       "news/dated.md": "---\ndate: 2025-01-01\ninline: true\n---\nDated.\n"})
    warning = only_warning(site, "undated.md", "no date")
    assert "date: " in warning  # says what to add
    items = [text(li) for li in site.html("news/index.html").select(".news-item")]
    assert items[-1] == "No date here."


def test_unknown_navigation_entry_warns(build_site):
    site = build_site({"pages/about.md": ABOUT}, NAVIGATION=["about", "gallery"])
    only_warning(site, "'gallery'", "NAVIGATION")


def test_bad_math_is_shown_as_tex_with_a_warning(build_site):
    site = build_site({"blog/2025-01-01-m.md": GOOD_POST.replace("Fine.", "Bad $x^$ math.")})
    only_warning(site, "2025-01-01-m.md", "math", "x^")
    assert site.html("blog/2025/m/index.html").select_one("code.math").get_text() == "x^"


ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("strict, expected_code", [(False, 0), (True, 1)])
def test_strict_mode_fails_the_build_on_warnings_after_writing_every_page(tmp_path, strict, expected_code):
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "pages" / "about.md").write_text(ABOUT)
    settings = tmp_path / "settings.py"
    settings.write_text(
        "from pelican_scholar.defaults import *\n"
        f"THEME = {str(ROOT / 'theme')!r}\nTIMEZONE = 'UTC'\nSITEURL = 'https://x.example'\n"
        "SOCIALS = {'no_such_network': 'x'}\n"
    )
    command = [sys.executable, "-m", "pelican", str(content), "-s", str(settings),
               "-o", str(tmp_path / "output")]
    if strict:
        command += ["-e", "STRICT=true"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == expected_code, result.stdout + result.stderr
    assert (tmp_path / "output" / "index.html").is_file()


def test_a_page_without_title_is_built_titled_after_its_file(build_site):
    site = build_site({"pages/about.md": ABOUT, "pages/my-projects.md": "---\nnav: true\n---\nText.\n"})
    only_warning(site, "my-projects.md", "no title")
    assert text(site.html("my-projects/index.html").h1) == "My projects"


def test_profile_that_is_not_a_mapping_warns_and_the_home_page_still_builds(build_site):
    site = build_site({"pages/about.md": ABOUT.replace("permalink: /\n", "permalink: /\nprofile: me.jpg\n")})
    only_warning(site, "about.md", "profile")
    assert site.exists("index.html")


def test_news_items_with_the_same_slug_both_get_pages(build_site):
    site = build_site({"pages/about.md": ABOUT,
                       "news/2025-01-01-update.md": "---\ntitle: First\ndate: 2025-01-01\n---\nA.\n",
                       "news/2026-01-01-update.md": "---\ntitle: Second\ndate: 2026-01-01\n---\nB.\n"})
    only_warning(site, "2026-01-01-update.md", "already has the address")
    assert text(site.html("news/update/index.html").h1) == "First"
    assert text(site.html("news/update-2/index.html").h1) == "Second"
    links = [a["href"] for a in site.html("news/index.html").select(".news-item a")]
    assert sorted(links) == ["/news/update-2/", "/news/update/"]


def test_social_data_file_that_is_not_utf8_warns_and_the_site_builds(build_site):
    site = build_site({"pages/about.md": ABOUT, "data/socials.yml": b"github_username: \xff\xfe\n"})
    only_warning(site, "socials.yml", "UTF-8")
    assert site.exists("index.html")


def test_math_warnings_name_the_file_also_without_yaml_front_matter(build_site):
    site = build_site({"blog/2025-01-01-plain.md": "Title: Plain\nDate: 2025-01-01\n\nBad $x^$ math.\n"})
    only_warning(site, "2025-01-01-plain.md", "math")


def test_al_folio_stand_in_pages_do_not_hide_the_generated_ones(build_site):
    stand_in = "---\nlayout: page\ntitle: publications\npermalink: /publications/\n---\n{% bibliography %}\n"
    bib = "@article{k, title={Real paper}, author={Doe, Jane}, journal={J}, year={2024}}\n"
    site = build_site({"pages/about.md": ABOUT, "pages/publications.md": stand_in,
                       "pages/blog.md": "---\ntitle: blog\npermalink: /blog/\n---\nx\n",
                       "publications/papers.bib": bib, "blog/2025-01-01-fine.md": GOOD_POST})
    only_warning(site, "publications.md", "left out")
    only_warning(site, "blog.md", "left out")
    assert [text(a) for a in site.html("publications/index.html").select(".pub-title")] == ["Real paper"]
    assert site.html("blog/index.html").select_one(".post-list__title")


def test_an_al_folio_layout_we_do_not_have_is_a_warning(build_site):
    site = build_site({"pages/about.md": ABOUT,
                       "pages/post.md": "---\nlayout: distill\ntitle: Post\n---\nx\n"})
    only_warning(site, "post.md", "layout: distill")
    assert site.exists("post/index.html")


def test_warnings_name_content_files_relative_to_content_as_pelican_does(build_site):
    site = build_site({"blog/2025-01-01-x.md": "---\ntitle: [unclosed\n---\nBody.\n",
                       "news/n.md": "---\ninline: true\n---\nUndated.\n"})
    assert any(w.startswith("blog/2025-01-01-x.md:2:") for w in site.warnings), site.warnings
    assert any(w.startswith("news/n.md: news item has no date") for w in site.warnings)


def test_a_file_saved_with_a_byte_order_mark_is_read_and_its_lines_named_right(build_site):
    # Windows editors may start a UTF-8 file with a byte order mark.
    site = build_site({"blog/2025-01-01-bom.md": "\ufeff---\ntitle: Marked\n---\nFine.\n\nBroken $\\frac{1}{$.\n"})
    assert site.html("blog/2025/bom/index.html").select_one("h1").get_text(strip=True) == "Marked"
    assert any(w.startswith("blog/2025-01-01-bom.md:6: math") for w in site.warnings), site.warnings
