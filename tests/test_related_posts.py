"""Related posts: chosen at build time by shared tags and words, al-folio's switches."""

from __future__ import annotations

from helpers import text
from pelican_scholar.related.related import related_posts


def post(title: str, date: str, tags: str = "", body: str = "Some words.", extra: str = "") -> str:
    tag_line = f"tags: {tags}\n" if tags else ""
    return f"---\ntitle: {title}\ndate: {date}\n{tag_line}{extra}---\n{body}\n"


DROUGHT = "Drought stress leaves narrow rings in spruce and pine; the forest remembers drought."
BIRDS = "Warblers and thrushes sing at dawn; birdsong surveys count the warblers."
FILES = {
    "blog/2025-01-01-rings.md": post("Tree rings and drought", "2025-01-01", "forests drought", DROUGHT),
    "blog/2025-02-01-spruce.md": post("Spruce after the drought", "2025-02-01", "forests", DROUGHT),
    "blog/2025-03-01-pine.md": post("Pine rings", "2025-03-01", "drought", "Narrow pine rings."),
    "blog/2025-04-01-birds.md": post("Dawn chorus", "2025-04-01", "birds", BIRDS),
    "blog/2025-05-01-thrush.md": post("Thrushes", "2025-05-01", "birds", BIRDS),
}


def related_titles(site, path: str) -> list[str]:
    return [text(a) for a in site.html(path).select(".related-posts a")]


def test_a_post_lists_posts_sharing_its_tags_and_words_best_first(build_site):
    site = build_site(FILES)
    titles = related_titles(site, "blog/2025/rings/index.html")
    assert titles[:2] == ["Spruce after the drought", "Pine rings"]
    assert "Dawn chorus" not in titles and "Thrushes" not in titles
    assert related_titles(site, "blog/2025/birds/index.html") == ["Thrushes"]


def test_related_posts_come_after_the_text_and_link_to_the_posts(build_site):
    page = build_site(FILES, publish=True).html("blog/2025/thrush/index.html")
    aside = page.select_one("article .related-posts")
    assert aside.find_previous_sibling(class_="prose") is not None
    assert text(aside.h2) == "Related posts"
    assert aside.a["href"] == "https://scholar.example.org/blog/2025/birds/"


def test_the_limit_caps_the_list(build_site):
    files = {f"blog/2025-01-{day:02d}-p{day}.md": post(f"Post {day}", f"2025-01-{day:02d}", "same", DROUGHT)
             for day in range(1, 8)}
    assert len(related_titles(build_site(files), "blog/2025/p1/index.html")) == 3
    assert len(related_titles(build_site(files, RELATED_POSTS_LIMIT=5), "blog/2025/p1/index.html")) == 5


def test_front_matter_related_posts_false_turns_it_off_for_that_post(build_site):
    files = {**FILES, "blog/2025-02-01-spruce.md": post("Spruce after the drought", "2025-02-01",
                                                        "forests", DROUGHT, extra="related_posts: false\n")}
    site = build_site(files)
    assert site.html("blog/2025/spruce/index.html").select(".related-posts") == []
    assert "Spruce after the drought" in related_titles(site, "blog/2025/rings/index.html")


def test_the_site_wide_switch_turns_every_list_off(build_site):
    site = build_site(FILES, RELATED_BLOG_POSTS=False)
    assert not any(site.html(str(path.relative_to(site.output))).select(".related-posts")
                   for path in site.pages())
    assert build_site(FILES, RELATED_POSTS_LIMIT=0).html("blog/2025/rings/index.html").select(
        ".related-posts") == []


def test_a_post_that_shares_nothing_gets_no_list(build_site):
    files = {**FILES, "blog/2025-06-01-alone.md": post("Quasars", "2025-06-01", "space",
                                                       "Quasars emit jets.")}
    assert build_site(files).html("blog/2025/alone/index.html").select(".related-posts") == []


def test_ties_go_to_the_newer_post_and_the_choice_is_deterministic():
    posts = [{"title": "x", "text": "", "tags": ["t"], "order": day} for day in range(6)]
    assert related_posts(posts, 3)[0] == [5, 4, 3]
    assert related_posts(posts, 3) == related_posts(list(posts), 3)


def test_the_page_is_byte_identical_on_a_second_build(build_site):
    first = build_site(FILES).text("blog/2025/rings/index.html")
    assert build_site(FILES).text("blog/2025/rings/index.html") == first
