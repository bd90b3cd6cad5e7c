"""al-folio's meaning of `published: false`, `hidden: true` and `redirect:`, kept by the build.

A user who copies files by hand gets the same as one who runs the importer.
"""

from __future__ import annotations

from helpers import text

POST = "---\ntitle: {title}\ndate: 2025-0{month}-01\n{extra}\n---\nBody of {title}.\n"


def post(title: str, month: int, extra: str = "") -> str:
    return POST.format(title=title, month=month, extra=extra)


def test_an_unpublished_post_news_item_or_page_is_not_written(build_site):
    site = build_site({
        "blog/2025-01-01-private.md": post("Private", 1, "published: false"),
        "blog/2025-02-01-public.md": post("Public", 2),
        "news/secret.md": "---\ndate: 2025-01-01\ninline: true\npublished: false\n---\nSecret news.\n",
        "pages/draft.md": "---\ntitle: Draft page\npublished: false\n---\nNot yet.\n",
    })
    assert not site.exists("blog/2025/private/index.html")
    assert site.exists("blog/2025/public/index.html")
    assert not site.exists("draft/index.html")
    assert "Secret news" not in site.text("news/index.html")
    assert "Private" not in site.text("blog/index.html")


def test_a_hidden_post_is_written_but_listed_nowhere(build_site):
    site = build_site({
        "pages/about.md": "---\nlayout: about\ntitle: About\npermalink: /\nlatest_posts: true\n---\nHi.\n",
        "blog/2025-01-01-hidden.md": post("Hidden", 1, "hidden: true"),
        "blog/2025-02-01-shown.md": post("Shown", 2),
    }, publish=True)
    assert site.exists("blog/2025/hidden/index.html")
    for listing in ("blog/index.html", "index.html", "feeds/all.atom.xml", "blog/archive/index.html"):
        assert "Hidden" not in site.text(listing), listing
    assert "Shown" in site.text("blog/index.html")


def test_a_redirect_post_sends_readers_on_and_lists_link_to_the_target(build_site):
    site = build_site({
        "blog/2025-01-01-moved.md": post("Moved away", 1, "redirect: https://elsewhere.example.org/post"),
        "blog/2025-02-01-local.md": post("Moved here", 2, "redirect: /blog/2025/shown/"),
        "blog/2025-03-01-shown.md": post("Shown", 3),
    }, publish=True)
    page = site.html("blog/2025/moved/index.html")
    refresh = page.select_one('meta[http-equiv="refresh"]')["content"]
    assert refresh == "0; url=https://elsewhere.example.org/post"
    assert page.select_one('link[rel="canonical"]')["href"] == "https://elsewhere.example.org/post"
    assert page.select_one('main a[href="https://elsewhere.example.org/post"]') is not None
    index = site.html("blog/index.html")
    links = {text(a): a["href"] for a in index.select(".post-list__title a")}
    assert links["Moved away"] == "https://elsewhere.example.org/post"
    assert links["Moved here"] == "https://scholar.example.org/blog/2025/shown/"


def test_a_redirect_to_an_unsafe_address_warns_and_builds_the_page(build_site):
    site = build_site({"blog/2025-01-01-x.md": post("X", 1, "redirect: javascript:alert(1)")})
    assert any("redirect" in warning and "blog/2025-01-01-x.md" in warning for warning in site.warnings)
    page = site.html("blog/2025/x/index.html")
    assert page.select_one('meta[http-equiv="refresh"]') is None
    assert "javascript:" not in site.text("blog/index.html")
