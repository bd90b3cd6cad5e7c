"""Addresses that moved: content/data/redirects.yml and REDIRECTS write a redirect page at each
old address, the same page as a post's `redirect:` front matter gets."""

from __future__ import annotations

import logging

import pytest
from helpers import text

from pelican_scholar.redirects import redirect_file

POST = "---\ntitle: Reading rings\ndate: 2021-05-05\n---\nRings.\n"
REDIRECTS = """\
/blog/2021/05/score/: "{filename}/blog/2021-05-05-score.md"
/news/announcement_1/: /news/
/talk.html: https://example.org/talk
/blog/tag/ML/: "{tag}machine learning"
"""


@pytest.fixture
def moved_site(build_site):
    logging.getLogger("pelican_scholar.redirects").disable_filter()
    return build_site({"blog/2021-05-05-score.md": POST, "data/redirects.yml": REDIRECTS,
                       "blog/2021-06-01-tagged.md": "---\ntitle: Tagged\ntags: [machine learning]\n---\nx\n"},
                      publish=True)


def refresh_target(page) -> str:
    return page.select_one('meta[http-equiv="refresh"]')["content"].split("url=", 1)[1]


def test_an_old_address_redirects_to_the_post_it_names(moved_site):
    page = moved_site.html("blog/2021/05/score/index.html")
    new = "https://scholar.example.org/blog/2021/score/"
    assert refresh_target(page) == new
    assert page.select_one('link[rel="canonical"]')["href"] == new
    assert page.select_one(f'main a[href="{new}"]') is not None
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert text(page.select_one("main h1")) == "Reading rings"
    assert moved_site.exists("blog/2021/score/index.html")


def test_paths_full_urls_and_tags_are_targets_too(moved_site):
    assert refresh_target(moved_site.html("news/announcement_1/index.html")) == \
        "https://scholar.example.org/news/"
    assert refresh_target(moved_site.html("talk.html")) == "https://example.org/talk"
    assert refresh_target(moved_site.html("blog/tag/ML/index.html")) == \
        "https://scholar.example.org/blog/tag/machine-learning/"
    assert moved_site.exists("blog/tag/machine-learning/index.html")


def test_redirect_pages_stay_out_of_the_sitemap(moved_site, build_site):
    sitemap = moved_site.text("sitemap.xml")
    assert "blog/2021/score/" in sitemap
    assert "blog/2021/05/score/" not in sitemap and "talk.html" not in sitemap
    site = build_site({"blog/2025-01-01-away.md": "---\ntitle: Away\nredirect: https://example.org/\n---\nx\n",
                       "blog/2025-01-02-here.md": "---\ntitle: Here\n---\nx\n"}, publish=True)
    assert "blog/2025/here/" in site.text("sitemap.xml") and "blog/2025/away/" not in site.text("sitemap.xml")


def test_a_redirect_never_replaces_a_page_and_the_warning_names_file_line_and_address(build_site):
    logging.getLogger("pelican_scholar.redirects").disable_filter()
    site = build_site({"blog/2021-05-05-score.md": POST,
                       "data/redirects.yml": "/elsewhere/: /blog/\n/blog/2021/score/: https://example.org/\n"})
    assert site.html("blog/2021/score/index.html").select_one('meta[http-equiv="refresh"]') is None
    assert any("data/redirects.yml:2" in w and "/blog/2021/score/" in w and "is a page" in w
               for w in site.warnings)
    assert site.exists("elsewhere/index.html")


def test_bad_entries_warn_with_their_line_and_nothing_is_written_outside_output(build_site):
    logging.getLogger("pelican_scholar.redirects").disable_filter()
    site = build_site({"data/redirects.yml": "/ok/: /blog/\n/../../escape/: /blog/\n/cv.pdf: /files/cv.pdf\n"
                                             "/js/: javascript:alert(1)\n/gone/: '{filename}/blog/nope.md'\n"})
    assert site.exists("ok/index.html")
    assert not (site.output.parent / "escape").exists()
    assert not site.exists("js/index.html") and not site.exists("gone/index.html")
    for line, said in ((2, "/../../escape/"), (3, "/cv.pdf"), (4, "javascript:"), (5, "nope.md")):
        assert any(f"data/redirects.yml:{line}:" in w and said in w for w in site.warnings), said


def test_the_redirects_setting_works_without_a_file(build_site):
    site = build_site({"blog/2021-05-05-score.md": POST},
                      REDIRECTS={"/old-score": "{filename}/blog/2021-05-05-score.md"})
    assert refresh_target(site.html("old-score.html")) == "/blog/2021/score/"


@pytest.mark.parametrize("old, expected", [
    ("/blog/2021/score/", "blog/2021/score/index.html"),
    ("/", "index.html"),
    ("/about.html", "about.html"),
    ("/about", "about.html"),
    ("/caf%C3%A9/", "café/index.html"),
    ("/a/../b/", None),
    ("/feed.xml", None),
    ("/assets/favicon/site.webmanifest", None),
    ("/blog/v1.2", "blog/v1.2.html"),
    ("/x/?page=2", None),
])
def test_an_old_address_is_answered_by_the_file_a_web_server_serves_for_it(old, expected):
    assert redirect_file(old) == expected


def test_a_rebuild_follows_the_redirects_file(build_site, rebuild_site):
    site = build_site({"blog/2021-05-05-score.md": POST, "data/redirects.yml": "/old-a/: /blog/\n"})
    assert site.exists("old-a/index.html")
    (site.content / "data" / "redirects.yml").write_text("/old-b/: /blog/\n", encoding="utf-8")
    rebuild_site(site)
    assert site.exists("old-b/index.html") and not site.exists("old-a/index.html")


def test_in_livereload_a_renamed_post_can_redirect_from_the_address_it_had(build_site, kept_pelican):
    # ./dev livereload runs one Pelican again on each save: what an earlier build
    # wrote is not a page of this one.
    site = build_site({"blog/2021-05-05-score.md": POST})
    assert site.exists("blog/2021/score/index.html")
    pelican = kept_pelican(site)
    pelican.run()
    (site.content / "blog" / "2021-05-05-score.md").rename(site.content / "blog" / "2021-05-05-rings.md")
    (site.content / "data").mkdir()
    (site.content / "data" / "redirects.yml").write_text("/blog/2021/score/: /blog/2021/rings/\n",
                                                         encoding="utf-8")
    pelican.run()
    assert refresh_target(site.html("blog/2021/score/index.html")) == "/blog/2021/rings/"


def test_the_old_address_of_a_file_serves_a_copy_of_it(build_site):
    logging.getLogger("pelican_scholar.redirects").disable_filter()
    site = build_site({"files/paper.pdf": b"%PDF-1.4 the paper",
                       "data/redirects.yml": '/assets/pdf/paper.pdf: "{static}/files/paper.pdf"\n'
                                             '/assets/pdf/gone.pdf: "{static}/files/gone.pdf"\n'})
    assert (site.output / "assets/pdf/paper.pdf").read_bytes() == b"%PDF-1.4 the paper"
    assert (site.output / "files/paper.pdf").is_file()
    assert not (site.output / "assets/pdf/gone.pdf").exists()
    assert any("data/redirects.yml:2:" in w and "gone.pdf" in w for w in site.warnings)


def test_a_name_exists_only_in_the_case_it_is_written(tmp_path):
    from pelican_scholar.redirects import exists_exactly

    (tmp_path / "projects" / "tree_rings").mkdir(parents=True)
    (tmp_path / "projects" / "tree_rings" / "index.html").write_text("x")
    assert exists_exactly(str(tmp_path), "projects/tree_rings/index.html")
    assert not exists_exactly(str(tmp_path), "projects/Tree_Rings/index.html")
