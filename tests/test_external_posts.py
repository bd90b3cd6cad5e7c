"""External posts: al-folio's external_sources, fetched by a task into a cache the build reads."""

from __future__ import annotations

import io
import json
import logging
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.error import URLError

import pytest
from helpers import text, third_party_loads
from pelican_scholar.external_posts.feeds import FeedError, parse_feed
from pelican_scholar.external_posts.fetch import fetch_all

FEEDS = Path(__file__).parent / "fixtures" / "feeds"
SOURCES = [{"name": "Medium", "rss_url": "https://medium.example.org/feed/@ada"},
           {"name": "Lab notes", "rss_url": "https://lab.example.org/atom.xml"}]
RESPONSES = {"https://medium.example.org/feed/@ada": (FEEDS / "rss.xml").read_bytes(),
             "https://lab.example.org/atom.xml": (FEEDS / "atom.xml").read_bytes(),
             "https://news.example.org/2024/guest-post": (
                 b'<html><head><title>Guest post | News</title>'
                 b'<meta property="og:description" content="A guest essay."></head></html>')}
POST = "---\ntitle: Our own post\ndate: 2025-02-15\n---\nWords.\n"


def offline(url: str) -> bytes:
    if url not in RESPONSES:
        raise URLError("no route to host")
    return RESPONSES[url]


def fetch(content: Path, sources, opener=offline) -> tuple[int, str, dict]:
    out = io.StringIO()
    code = fetch_all({"PATH": str(content), "EXTERNAL_POSTS_FILE": "data/external_posts.json",
                      "EXTERNAL_SOURCES": sources}, opener=opener, out=out)
    cache = json.loads((content / "data" / "external_posts.json").read_text(encoding="utf-8"))
    return code, out.getvalue(), cache


def test_rss_2_items_become_plain_text_posts_with_web_links_only():
    posts = parse_feed(RESPONSES["https://medium.example.org/feed/@ada"])
    assert [post.title for post in posts] == ["Why trees & drought matter", "Fieldwork diaries"]
    assert posts[0].date == "2025-03-04T09:30:00+00:00"
    assert posts[0].summary == "Forests remember dry years. alert(1)"  # text, no markup
    assert all(post.url.startswith("https://") for post in posts)


def test_atom_entries_use_the_alternate_link_and_fall_back_to_updated():
    posts = parse_feed(RESPONSES["https://lab.example.org/atom.xml"])
    assert [(post.title, post.url) for post in posts] == [
        ("Counting rings with Python", "https://lab.example.org/posts/counting-rings/"),
        ("Only updated", "https://lab.example.org/posts/only-updated/")]
    assert posts[1].date == "2024-11-20T10:00:00+01:00"
    assert posts[1].summary == "A post without a published date."


def test_a_feed_declaring_entities_is_refused_before_parsing():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            b"<rss><channel><item><title>&b;</title></item></channel></rss>")
    with pytest.raises(FeedError, match="document type"):
        parse_feed(bomb)
    with pytest.raises(FeedError, match="neither RSS 2.0 nor Atom"):
        parse_feed(b"<html><body>not a feed</body></html>")


def test_the_task_writes_a_cache_of_every_source_and_listed_posts(tmp_path):
    sources = [*SOURCES, {"name": "News site", "posts": [
        {"url": "https://news.example.org/2024/guest-post", "published_date": "2024-06-01"}]}]
    code, report, cache = fetch(tmp_path, sources)
    assert code == 0
    assert [post["title"] for post in cache["sources"]["Medium"]] == [
        "Why trees & drought matter", "Fieldwork diaries"]
    assert cache["sources"]["News site"] == [{
        "title": "Guest post | News", "url": "https://news.example.org/2024/guest-post",
        "date": "2024-06-01", "summary": "A guest essay."}]
    assert "Medium: 2 posts" in report


def test_a_failing_feed_keeps_its_old_posts_and_is_named(tmp_path):
    fetch(tmp_path, SOURCES)
    broken = dict(RESPONSES)
    del broken["https://lab.example.org/atom.xml"]
    code, report, cache = fetch(tmp_path, SOURCES, opener=lambda url: offline(url) if url in broken
                                else (_ for _ in ()).throw(URLError("timed out")))
    assert code == 1
    assert "Lab notes (https://lab.example.org/atom.xml) failed" in report
    assert len(cache["sources"]["Lab notes"]) == 2  # kept from the first fetch
    assert len(cache["sources"]["Medium"]) == 2


def test_the_cache_is_byte_identical_when_the_feeds_are(tmp_path):
    fetch(tmp_path, SOURCES)
    first = (tmp_path / "data" / "external_posts.json").read_bytes()
    fetch(tmp_path, SOURCES)
    assert (tmp_path / "data" / "external_posts.json").read_bytes() == first


@pytest.fixture
def site_with_external_posts(build_site, tmp_path):
    content = tmp_path / "cache-source"
    fetch(content, SOURCES)
    cache = (content / "data" / "external_posts.json").read_text(encoding="utf-8")
    return build_site({"blog/2025-02-15-own.md": POST, "data/external_posts.json": cache},
                      EXTERNAL_SOURCES=SOURCES, publish=True)


def test_external_posts_are_in_the_blog_index_by_date_linking_out_with_their_source(site_with_external_posts):
    page = site_with_external_posts.html("blog/index.html")
    items = page.select(".post-list__item")
    titles = [text(item.select_one(".post-list__title")) for item in items]
    assert titles == ["Why trees & drought matter", "Our own post", "Counting rings with Python",
                      "Fieldwork diaries", "Only updated"]
    first = items[0]
    assert first.select_one(".post-list__title a")["href"] == \
        "https://medium.example.org/@ada/why-trees-drought-matter-1a2b"
    assert text(first.select_one(".post-source")) == "on Medium"
    assert third_party_loads(page) == []
    assert items[1].select_one("a")["href"] == "https://scholar.example.org/blog/2025/own/"


def test_external_posts_are_in_the_feeds_linking_out(site_with_external_posts):
    atom = ET.fromstring(site_with_external_posts.text("feeds/all.atom.xml"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = {entry.findtext("a:title", namespaces=ns): entry for entry in atom.findall("a:entry", ns)}
    entry = entries["Why trees & drought matter"]
    assert entry.find("a:link", ns).get("href") == "https://medium.example.org/@ada/why-trees-drought-matter-1a2b"
    assert "Medium" in entry.findtext("a:content", namespaces=ns)
    assert "<script>" not in site_with_external_posts.text("feeds/all.atom.xml")


def test_external_posts_get_no_page_tag_or_archive_entry(site_with_external_posts):
    written = [str(path.relative_to(site_with_external_posts.output)) for path in site_with_external_posts.pages()]
    assert not any("why-trees" in path or "fieldwork" in path for path in written)
    archive = site_with_external_posts.html("blog/archive/index.html")
    assert "Fieldwork diaries" not in text(archive)


def test_a_configured_source_with_nothing_cached_warns_and_builds(build_site):
    logging.getLogger("pelican_scholar.external_posts.external_posts").disable_filter()
    site = build_site({"blog/2025-02-15-own.md": POST}, EXTERNAL_SOURCES=SOURCES)
    assert any("fetch-external-posts" in w and "Medium" in w for w in site.warnings)
    assert [text(a) for a in site.html("blog/index.html").select(".post-list__title a")] == ["Our own post"]


def test_without_external_sources_the_cache_is_not_read(build_site, tmp_path):
    site = build_site({"blog/2025-02-15-own.md": POST,
                       "data/external_posts.json": json.dumps({"sources": {"Medium": [
                           {"title": "Stale", "url": "https://x.example/", "date": "2025-01-01"}]}})})
    assert "Stale" not in site.text("blog/index.html")


def test_the_task_writes_nothing_when_no_source_is_configured(tmp_path):
    out = io.StringIO()
    assert fetch_all({"PATH": str(tmp_path), "EXTERNAL_POSTS_FILE": "data/external_posts.json",
                      "EXTERNAL_SOURCES": []}, opener=offline, out=out) == 0
    assert not (tmp_path / "data").exists()
    assert "nothing to fetch" in out.getvalue()
