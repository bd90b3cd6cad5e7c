"""Comments under a post, with giscus or Disqus, loaded only when the reader asks.

A post opts in with al-folio's front matter, `giscus_comments: true` or
`disqus_comments: true`; the site opts in by configuring the service. The
post then ends with a "Show comments" button that says what it will load;
nothing is requested from GitHub, giscus or Disqus before the click
(theme/static/js/comments.js, loaded only on pages with comments, adds the
widget). Without JavaScript the button is a link to the discussion: a search
of the repository's GitHub Discussions for giscus, the site's Disqus page for
Disqus. The giscus widget follows the site's light or dark mode, also when the
reader switches it.

Settings (default):
    GISCUS: al-folio's `giscus:` keys (repo, repo_id, category, category_id,
        mapping, strict, reactions_enabled, input_position, light_theme,
        dark_theme, emit_metadata, lang); what you set is merged over the
        defaults in defaults.py. repo, repo_id and category_id (from
        https://giscus.app) are needed.
    DISQUS_SHORTNAME (""): al-folio's `disqus_shortname`.

A post that asks for a service that is not configured gets a warning naming
the setting to fill in, and no comments section.

Templates get `article.comments`: a list of `Comments`, one per service the
post turned on (empty for most posts).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode, urlsplit

from pelican import signals
from pelican.contents import Article

from .. import defaults
from ..data import shown_path, truthy
from ..templating import absolute_url, plain_text

logger = logging.getLogger(__name__)

GISCUS_NEEDED = ("repo", "repo_id", "category_id")
# giscus.app's own data-* names for our settings' keys.
GISCUS_ATTRIBUTES = ("repo", "repo_id", "category", "category_id", "mapping", "term", "strict",
                     "reactions_enabled", "emit_metadata", "input_position", "lang")


@dataclass(frozen=True)
class Comments:
    """One comment service under one post, as the template shows it."""

    service: str  # "giscus" or "disqus"
    name: str  # what the reader is told will load
    hosts: str  # the hosts the widget talks to, for the note
    discussion_url: str  # where the link goes without JavaScript
    # data-* attributes for comments.js: {name without "data-": value}
    attributes: dict[str, str] = field(default_factory=dict)


def giscus_settings(settings: dict) -> dict[str, str]:
    """GISCUS merged over its defaults, every value as text."""
    merged = {**defaults.GISCUS, **(settings.get("GISCUS") or {})}
    return {key: "" if value is None else str(value) for key, value in merged.items()}


def _giscus_term(article, mapping: str, config: dict[str, str]) -> str:
    """What giscus looks the discussion up by (for the search link without JavaScript)."""
    if mapping in ("specific", "number"):
        return config.get("term", "")
    url = absolute_url(article.url, article.settings.get("SITEURL", ""))
    if mapping == "pathname":
        return urlsplit(url).path
    if mapping == "url":
        return url
    return plain_text(article.title)


def giscus_comments(article, config: dict[str, str]) -> Comments:
    term = _giscus_term(article, config["mapping"], config)
    search = urlencode({"discussions_q": term}, quote_via=quote)
    attributes = {f"giscus-{key.replace('_', '-')}": config[key]
                  for key in GISCUS_ATTRIBUTES if config.get(key)}
    attributes["giscus-light-theme"] = config["light_theme"]
    attributes["giscus-dark-theme"] = config["dark_theme"]
    return Comments(service="giscus", name="giscus", hosts="giscus.app and github.com",
                    discussion_url=f"https://github.com/{config['repo']}/discussions?{search}",
                    attributes=attributes)


def disqus_comments(article, shortname: str) -> Comments:
    url = absolute_url(article.url, article.settings.get("SITEURL", ""))
    return Comments(service="disqus", name="Disqus", hosts=f"{shortname}.disqus.com",
                    discussion_url=f"https://disqus.com/home/forum/{shortname}/",
                    attributes={"disqus-shortname": shortname, "disqus-url": url,
                                "disqus-identifier": "/" + article.url.lstrip("/")})


def _not_configured(article, flag: str, what: str) -> None:
    logger.warning("%s: `%s: true`, but %s; the post has no comments. Set it in pelicanconf.py "
                   "or remove the line.", shown_path(article.source_path, article.settings),
                   flag, what)


def add_comments(article) -> None:
    if not isinstance(article, Article):
        return
    settings, metadata = article.settings, article.metadata
    article.comments = []
    if truthy(metadata.get("giscus_comments", False)):
        config = giscus_settings(settings)
        missing = [key for key in GISCUS_NEEDED if not config.get(key)]
        if missing:
            _not_configured(article, "giscus_comments",
                            "GISCUS lacks " + ", ".join(missing) + " (https://giscus.app gives them)")
        else:
            article.comments.append(giscus_comments(article, config))
    if truthy(metadata.get("disqus_comments", False)):
        shortname = settings.get("DISQUS_SHORTNAME") or ""
        if not shortname:
            _not_configured(article, "disqus_comments", "DISQUS_SHORTNAME is empty")
        else:
            article.comments.append(disqus_comments(article, shortname))


def register() -> None:
    signals.content_object_init.connect(add_comments)
