"""Reading RSS 2.0 and Atom feeds into plain records, carefully.

Feeds come from other people's servers: a document type declaration (the
door to entity expansion and external entities) is refused before parsing,
as defusedxml does; only http(s) links are kept; text is plain text.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime

ATOM = "{http://www.w3.org/2005/Atom}"
SUMMARY_CHARACTERS = 300
_TAG = re.compile(r"<[^>]*>")


class FeedError(ValueError):
    """A feed that cannot be read: the message says why."""


@dataclass(frozen=True)
class FeedPost:
    title: str
    url: str
    date: str  # ISO 8601
    summary: str = ""


def plain(text: str | None) -> str:
    """Text of a feed field that may hold HTML: tags dropped, entities decoded, spaces joined."""
    return " ".join(html.unescape(_TAG.sub(" ", text or "")).split())


def shorten(text: str, limit: int = SUMMARY_CHARACTERS) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + " …"


def _web_link(url: str | None) -> str:
    url = (url or "").strip()
    return url if url.lower().startswith(("https://", "http://")) else ""


def _date(text: str | None, rfc822: bool) -> str:
    text = (text or "").strip()
    if not text:
        return ""
    try:
        date = parsedate_to_datetime(text) if rfc822 else datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (TypeError, ValueError):
        return ""
    return date.isoformat()


def parse_feed(data: bytes) -> list[FeedPost]:
    """The posts of an RSS 2.0 or Atom document; FeedError when it is neither."""
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        raise FeedError("it declares a document type or entities, which feeds never need; refused")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise FeedError(f"it is not well-formed XML ({error})") from None
    if root.tag == "rss":
        channel = root.find("channel")
        items = channel.findall("item") if channel is not None else []
        posts = [FeedPost(title=plain(item.findtext("title")), url=_web_link(item.findtext("link")),
                          date=_date(item.findtext("pubDate"), rfc822=True),
                          summary=shorten(plain(item.findtext("description"))))
                 for item in items]
    elif root.tag == f"{ATOM}feed":
        posts = []
        for entry in root.findall(f"{ATOM}entry"):
            links = entry.findall(f"{ATOM}link")
            link = next((node.get("href") for node in links if node.get("rel", "alternate") == "alternate"), None)
            posts.append(FeedPost(
                title=plain(entry.findtext(f"{ATOM}title")), url=_web_link(link),
                date=_date(entry.findtext(f"{ATOM}published") or entry.findtext(f"{ATOM}updated"), rfc822=False),
                summary=shorten(plain(entry.findtext(f"{ATOM}summary") or entry.findtext(f"{ATOM}content")))))
    else:
        raise FeedError(f"it is neither RSS 2.0 nor Atom (its root element is <{root.tag}>)")
    return [post for post in posts if post.title and post.url and post.date]


def page_title(data: bytes) -> tuple[str, str]:
    """(title, description) of an HTML page: og:title or <title>, og:description or description."""
    text = data[:200_000].decode("utf-8", errors="replace")

    def meta(name: str) -> str:
        for pattern in (rf'<meta[^>]+(?:property|name)=["\']{name}["\'][^>]*content=["\']([^"\']*)',
                        rf'<meta[^>]+content=["\']([^"\']*)["\'][^>]*(?:property|name)=["\']{name}["\']'):
            found = re.search(pattern, text, re.IGNORECASE)
            if found:
                return plain(found.group(1))
        return ""

    title = meta("og:title")
    if not title:
        found = re.search(r"<title[^>]*>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
        title = plain(found.group(1)) if found else ""
    return title, shorten(meta("og:description") or meta("description"))
