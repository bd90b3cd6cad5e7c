"""The blog: al-folio URLs, pagination, archives, feeds, drafts and post furniture."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from helpers import differences, text


def post(title: str, date: str, tags: str = "", extra: str = "", body: str = "Some words.") -> str:
    tag_line = f"tags: {tags}\n" if tags else ""
    return f"---\ntitle: {title}\ndate: {date}\n{tag_line}{extra}---\n{body}\n"


@pytest.fixture
def blog_site(build_site):
    files = {f"blog/2025-0{month}-01-post-{month}.md": post(f"Post {month}", f"2025-0{month}-01",
                                                            tags="alpha beta" if month % 2 else "alpha")
             for month in range(1, 6)}
    files["blog/2024-12-24-winter.md"] = post("Winter", "2024-12-24", tags="gamma",
                                              body=" ".join(["word"] * 700))
    files["blog/draft.md"] = post("Unfinished", "2025-02-02", extra="status: draft\n")
    files["blog/2999-01-01-future.md"] = post("From the future", "2999-01-01")
    return build_site(files, DEFAULT_PAGINATION=4, publish=True)


def test_posts_live_at_blog_year_slug_like_al_folio(blog_site):
    assert blog_site.exists("blog/2025/post-3/index.html")
    assert blog_site.exists("blog/2024/winter/index.html")


def test_blog_index_paginates_newest_first(blog_site):
    first = blog_site.html("blog/index.html")
    titles = [text(a) for a in first.select(".post-list__title a")]
    assert titles == ["Post 5", "Post 4", "Post 3", "Post 2"]
    assert first.select_one('.pagination a[rel="next"]')["href"] == "https://scholar.example.org/blog/page/2/"
    second = blog_site.html("blog/page/2/index.html")
    assert [text(a) for a in second.select(".post-list__title a")] == ["Post 1", "Winter"]
    assert second.select_one('.pagination a[rel="prev"]')["href"] == "https://scholar.example.org/blog/"


def test_tag_category_and_year_pages_exist(blog_site):
    assert [text(a) for a in blog_site.html("blog/tag/gamma/index.html").select(".post-list__title a")] == ["Winter"]
    assert blog_site.exists("blog/tags/index.html")
    assert blog_site.exists("blog/category/misc/index.html")
    year = blog_site.html("blog/2024/index.html")
    assert [text(a) for a in year.select(".post-list__title a")] == ["Winter"]
    assert blog_site.exists("blog/archive/index.html")


def test_drafts_and_future_posts_are_not_published(blog_site):
    index_titles = [text(a) for a in blog_site.html("blog/index.html").select(".post-list__title a")]
    assert "Unfinished" not in index_titles
    assert not blog_site.exists("blog/2999/future/index.html")
    written = [str(p.relative_to(blog_site.output)) for p in blog_site.pages()]
    assert not any("future" in p or "draft" in p or "unfinished" in p for p in written)
    feed = blog_site.text("feeds/all.atom.xml")
    assert "Unfinished" not in feed and "From the future" not in feed


@pytest.mark.parametrize("feed, entry_tag", [
    ("feeds/all.atom.xml", "{http://www.w3.org/2005/Atom}entry"),
    ("feeds/all.rss.xml", "channel/item"),
])
def test_feeds_are_well_formed_xml_with_every_post(blog_site, feed, entry_tag):
    root = ET.fromstring(blog_site.text(feed).encode())
    assert len(root.findall(entry_tag)) == 6


def test_reading_time_is_shown(blog_site):
    meta = text(blog_site.html("blog/2024/winter/index.html").select_one(".post-meta"))
    assert "4 min read" in meta  # 700 words at 230 words a minute


def test_previous_and_next_links(blog_site):
    page = blog_site.html("blog/2025/post-3/index.html")
    assert page.select_one('.post-neighbours a[rel="prev"]')["href"].endswith("/blog/2025/post-2/")
    assert page.select_one('.post-neighbours a[rel="next"]')["href"].endswith("/blog/2025/post-4/")


def test_an_address_a_plugin_changes_after_every_generator_ran_is_the_one_used(build_site):
    # Addresses are kept once the pages start being written (urls.fix_addresses),
    # never before another plugin's all_generators_finalized.
    from pelican import signals

    def move(generators):
        for article in generators[0].context["articles"]:
            if article.slug == "post-2":
                article.slug = "moved"

    signals.all_generators_finalized.connect(move)
    site = build_site({"blog/2025-01-01-post-1.md": post("Post 1", "2025-01-01"),
                       "blog/2025-02-01-post-2.md": post("Post 2", "2025-02-02")})
    assert site.exists("blog/2025/moved/index.html")
    assert not site.exists("blog/2025/post-2/index.html")
    index = site.html("blog/index.html")
    assert "/blog/2025/moved/" in {link["href"] for link in index.select("a[href]")}
    older = site.html("blog/2025/post-1/index.html")
    assert older.select_one('a[rel="next"]')["href"].endswith("/blog/2025/moved/")


# Pelican's own `Key: value` metadata, with what a converter could carry from one
# file to the next: footnotes, headings of the same name, an abbreviation, a
# formula macro, and a summary holding a `Key: value` line of its own.
PELICAN_STYLE = {
    "blog/one.md": ("Title: One\nDate: 2025-01-01\nTags: rings, cores\nSummary: Note: *this* is text.\n\n"
                    "Rings[^1] in HTML.\n\n## Results\n\n## Results\n\n"
                    "$\\newcommand{\\R}{\\mathbb{R}} x \\in \\R$\n\n"
                    "*[HTML]: Hyper Text Markup Language\n\n[^1]: The first note.\n"),
    "blog/two.md": ("Title: Two\nDate: 2025-01-02\n\nCores[^1] in HTML, $y \\in \\R$.\n\n## Results\n\n"
                    "[^1]: Its note.\n"),
    "blog/three.md": "---\ntitle: Three\ndate: 2025-01-03\n---\nYAML between[^a].\n\n[^a]: A note.\n",
    "blog/four.md": "Title: Four\nDate: 2025-01-04\n\nAfter the YAML one.\n",
}


def test_pelican_style_metadata_files_read_with_one_converter_build_as_with_a_new_one_each(build_site, monkeypatch):
    from pelican_scholar.frontmatter.frontmatter import ScholarFrontMatterReader

    kept = build_site(PELICAN_STYLE, publish=True)
    assert [text(a) for a in kept.html("blog/index.html").select(".post-list__title a")] == [
        "Four", "Three", "Two", "One"]
    assert kept.html("blog/2025/one/index.html").select_one('meta[name="description"]')["content"] == \
        "Note: this is text."
    original = ScholarFrontMatterReader._converter

    def new_each_time(self, with_meta):
        self._converters.clear()
        return original(self, with_meta)

    monkeypatch.setattr(ScholarFrontMatterReader, "_converter", new_each_time)
    new_each = build_site(PELICAN_STYLE, publish=True)
    assert differences(kept.output, new_each.output) == []


def test_jekyll_style_space_separated_tags_are_split(build_site):
    site = build_site({"blog/2025-01-01-a.md": post("A", "2025-01-01", tags="formatting links")})
    tags = [text(a) for a in site.html("blog/2025/a/index.html").select(".post-meta .tag")]
    assert tags == ["formatting", "links"]


def test_code_is_highlighted_and_never_typographically_altered(build_site):
    body = "Use -- carefully.\n\n```python\nx = 'a' -- 1  # \"quoted\"\n```\n"
    site = build_site({"blog/2025-01-01-code.md": post("Code", "2025-01-01", body=body)})
    page = site.html("blog/2025/code/index.html")
    code = page.select_one(".highlight pre")
    assert "x = 'a' -- 1  # \"quoted\"" in code.get_text()
    assert code.select_one("span.k, span.n, span.s1") is not None
    assert "–" in page.select_one(".prose p").get_text()  # typogrify's en dash in prose


def test_code_blocks_and_tables_are_focusable_so_keyboards_can_scroll_them(build_site):
    body = "```\nx\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<table><tr><td>raw</td></tr></table>\n"
    site = build_site({"blog/2025-01-01-wide.md": post("Wide", "2025-01-01", body=body)})
    prose = site.html("blog/2025/wide/index.html").select_one(".prose")
    assert [element["tabindex"] for element in prose.select("pre, table")] == ["0", "0", "0"]


def test_math_becomes_mathml_untouched_by_typogrify(build_site):
    body = "Inline $f'(x) = x^2$ and display:\n\n$$\\sum_{k=0}^{K} w_k = 1$$\n\nIt costs $5 and $10."
    site = build_site({"blog/2025-01-01-math.md": post("Math", "2025-01-01", body=body)})
    page = site.html("blog/2025/math/index.html")
    inline, display = page.select(".math math")
    assert inline.get("display", "inline") == "inline" and display.get("display") == "block"
    assert "’" not in inline.get_text() and "′" in inline.get_text() or "'" in inline.get_text()
    assert "$5 and $10" in text(page.select_one(".prose"))
    assert page.select("script[src]") == page.select('script[src$="theme.js"]')
