"""Comments: giscus and Disqus, opt-in per site and per post, loaded only on a click."""

from __future__ import annotations

import logging
from urllib.parse import parse_qs, urlsplit

from helpers import text, third_party_loads

GISCUS = {"repo": "ada/site", "repo_id": "R_kgDO123", "category": "Comments",
          "category_id": "DIC_kwDO456", "mapping": "title"}


def post(slug: str, extra: str = "", title: str = "Drought & memory") -> dict[str, str]:
    return {f"blog/2025-01-01-{slug}.md": f"---\ntitle: {title}\ndate: 2025-01-01\n{extra}---\nWords.\n"}


def test_a_post_with_giscus_comments_gets_a_button_that_says_what_it_loads(build_site):
    site = build_site(post("talk", "giscus_comments: true\n"), GISCUS=GISCUS, publish=True)
    page = site.html("blog/2025/talk/index.html")
    section = page.select_one("section.comments")
    assert section["data-comments"] == "giscus"
    assert section["data-giscus-repo"] == "ada/site"
    assert section["data-giscus-repo-id"] == "R_kgDO123"
    assert section["data-giscus-category-id"] == "DIC_kwDO456"
    assert section["data-giscus-reactions-enabled"] == "1"  # a default, merged in
    assert section["data-giscus-dark-theme"] == "dark"
    assert "giscus.app" in text(section.select_one(".comments__note"))
    assert page.select_one('script[src$="/theme/js/comments.js"]') is not None


def test_nothing_is_requested_from_another_host_before_the_click(build_site):
    site = build_site(post("talk", "giscus_comments: true\ndisqus_comments: true\n"),
                      GISCUS=GISCUS, DISQUS_SHORTNAME="ada-site", publish=True)
    page = site.html("blog/2025/talk/index.html")
    assert len(page.select("section.comments")) == 2
    assert third_party_loads(page) == []
    assert "giscus.app/client.js" not in site.text("blog/2025/talk/index.html")
    assert "disqus.com/embed.js" not in site.text("blog/2025/talk/index.html")


def test_without_javascript_the_button_links_to_the_discussion(build_site):
    site = build_site(post("talk", "giscus_comments: true\n"), GISCUS=GISCUS, publish=True)
    link = site.html("blog/2025/talk/index.html").select_one("section.comments a.comments__button")
    url = urlsplit(link["href"])
    assert (url.netloc, url.path) == ("github.com", "/ada/site/discussions")
    assert parse_qs(url.query)["discussions_q"] == ["Drought & memory"]
    assert text(link) == "Read the comments on GitHub Discussions"


def test_giscus_pathname_mapping_searches_for_the_post_path(build_site):
    site = build_site(post("talk", "giscus_comments: true\n"),
                      GISCUS={**GISCUS, "mapping": "pathname"}, publish=True)
    link = site.html("blog/2025/talk/index.html").select_one("a.comments__button")
    assert parse_qs(urlsplit(link["href"]).query)["discussions_q"] == ["/blog/2025/talk/"]


def test_disqus_comments_carry_the_shortname_and_the_page_address(build_site):
    site = build_site(post("talk", "disqus_comments: true\n"), DISQUS_SHORTNAME="ada-site", publish=True)
    section = site.html("blog/2025/talk/index.html").select_one("section.comments")
    assert section["data-disqus-shortname"] == "ada-site"
    assert section["data-disqus-url"] == "https://scholar.example.org/blog/2025/talk/"
    assert section.select_one("#disqus_thread") is not None
    assert section.select_one("a.comments__button")["href"] == "https://disqus.com/home/forum/ada-site/"


def test_posts_without_the_front_matter_carry_no_comment_bytes(build_site):
    site = build_site({**post("quiet"), **post("talk", "giscus_comments: true\n")},
                      GISCUS=GISCUS, DISQUS_SHORTNAME="ada-site")
    page = site.text("blog/2025/quiet/index.html")
    assert "comments" not in page.lower().replace("no comments", "")
    assert "giscus" not in page and "disqus" not in page


def test_a_site_without_comment_settings_has_no_comments_anywhere(build_site):
    site = build_site(post("talk"))
    for path in site.pages():
        html = path.read_text(encoding="utf-8")
        assert "comments.js" not in html and "giscus" not in html and "disqus" not in html


def test_a_post_asking_for_an_unconfigured_service_warns_and_shows_nothing(build_site):
    logging.getLogger("pelican_scholar.comments.comments").disable_filter()
    site = build_site(post("talk", "giscus_comments: true\ndisqus_comments: true\n"),
                      GISCUS={"repo": "ada/site"})
    assert site.html("blog/2025/talk/index.html").select("section.comments") == []
    assert any("blog/2025-01-01-talk.md" in w and "repo_id, category_id" in w for w in site.warnings)
    assert any("DISQUS_SHORTNAME" in w for w in site.warnings)


def test_a_malformed_disqus_shortname_stops_the_build(build_site):
    import pytest

    with pytest.raises(SystemExit, match="DISQUS_SHORTNAME"):
        build_site(post("talk"), DISQUS_SHORTNAME="evil.example.org/x")
