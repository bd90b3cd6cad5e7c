"""`invoke fetch-external-posts`: fetch EXTERNAL_SOURCES into the cache the build reads.

Needs the network; the build never does. Each source is fetched on its own:
a feed that fails keeps its posts from the last good fetch, and the task
names it and exits with code 1 once every other source is written.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.request
from collections.abc import Callable
from dataclasses import asdict

from .feeds import FeedError, FeedPost, page_title, parse_feed

MAX_BYTES = 5_000_000
TIMEOUT = 20  # seconds


def open_url(url: str) -> bytes:
    """The body at an http(s) address, at most MAX_BYTES."""
    if not url.lower().startswith(("https://", "http://")):
        raise FeedError(f"{url!r} is not an http(s) address")
    request = urllib.request.Request(url, headers={"User-Agent": "pelican-scholar external posts"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 (checked above)
        return response.read(MAX_BYTES + 1)[:MAX_BYTES]


def source_posts(source: dict, opener: Callable[[str], bytes]) -> list[FeedPost]:
    """The posts of one al-folio source: its rss_url's feed, or its listed posts."""
    if source.get("rss_url"):
        return parse_feed(opener(source["rss_url"]))
    posts = []
    for listed in source.get("posts") or []:
        url, date = str(listed.get("url") or ""), str(listed.get("published_date") or "")
        title, summary = page_title(opener(url))
        posts.append(FeedPost(title=str(listed.get("title") or title or url), url=url, date=date,
                              summary=str(listed.get("description") or summary)))
    return posts


def read_cache(path: str) -> dict[str, list[dict]]:
    try:
        with open(path, encoding="utf-8") as file:
            return json.load(file).get("sources", {})
    except (OSError, ValueError, AttributeError):
        return {}


def write_cache(path: str, sources: dict[str, list[dict]]) -> None:
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    body = {"about": "Written by `invoke fetch-external-posts` from EXTERNAL_SOURCES; the build reads it.",
            "sources": {name: sorted(posts, key=lambda post: (post["date"], post["url"]), reverse=True)
                        for name, posts in sorted(sources.items())}}
    with open(path, "w", encoding="utf-8") as file:
        json.dump(body, file, ensure_ascii=False, indent=2)
        file.write("\n")


def fetch_all(settings: dict, opener: Callable[[str], bytes] = open_url, out=sys.stderr) -> int:
    """Fetch every source and write the cache; 1 when any source failed, else 0."""
    path = os.path.join(settings["PATH"], settings["EXTERNAL_POSTS_FILE"])
    if not settings.get("EXTERNAL_SOURCES"):
        print("fetch-external-posts: EXTERNAL_SOURCES is empty in pelicanconf.py; nothing to fetch.",
              file=out)
        return 0
    cached = read_cache(path)
    sources: dict[str, list[dict]] = {}
    failed = []
    for source in settings.get("EXTERNAL_SOURCES") or []:
        name = str(source.get("name") or source.get("rss_url") or "unnamed")
        try:
            posts = source_posts(source, opener)
        except (OSError, FeedError, ValueError) as error:  # URLError and timeouts are OSErrors
            where = source.get("rss_url") or "its posts"
            print(f"fetch-external-posts: {name} ({where}) failed: {error}. Its "
                  f"{len(cached.get(name, []))} cached posts are kept.", file=out)
            failed.append(name)
            if name in cached:
                sources[name] = cached[name]
            continue
        sources[name] = [asdict(post) for post in posts]
        print(f"fetch-external-posts: {name}: {len(posts)} posts", file=out)
    write_cache(path, sources)
    print(f"fetch-external-posts: wrote {path}", file=out)
    return 1 if failed else 0


def main(settings_file: str) -> int:
    from pelican.settings import read_settings

    return fetch_all(read_settings(settings_file))
