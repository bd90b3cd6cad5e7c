"""The tags page and the categories page: one partial draws both."""

from __future__ import annotations

POST = "---\ntitle: {title}\ndate: 2025-01-0{day}\ntags: {tags}\ncategory: {category}\n---\nWords.\n"


def test_tags_and_categories_pages_list_each_term_with_its_count(build_site):
    site = build_site({
        "blog/2025-01-01-a.md": POST.format(title="A", day=1, tags="a<b, trees", category="Field <work>"),
        "blog/2025-01-02-b.md": POST.format(title="B", day=2, tags="trees", category="Field <work>"),
    })
    tags = site.html("blog/tags/index.html")
    assert tags.h1.get_text() == "Tags"
    assert [a.get_text(" ", strip=True) for a in tags.select(".tag-cloud a.tag")] == ["a<b (1)", "trees (2)"]
    categories = site.html("blog/categories/index.html")
    assert categories.h1.get_text() == "Categories"
    assert [a.get_text(" ", strip=True) for a in categories.select(".tag-cloud a.tag")] == \
        ["Field <work> (2)"]
    assert categories.find("work") is None
