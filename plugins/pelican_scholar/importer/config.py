"""al-folio's _config.yml (and _data/socials.yml) as Pelican Scholar settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..socials.networks import NETWORKS

# Old al-folio key -> today's key (jekyll-socials renamed these).
RENAMED_SOCIALS = {"twitter_username": "x_username", "linkedin_id": "linkedin_username"}

# _config.yml keys that only matter to Jekyll, al-folio's JavaScript or its
# third-party widgets: nothing to carry over and nothing lost.
JEKYLL_ONLY = {
    "title", "first_name", "middle_name", "last_name", "email", "description", "footer_text",
    "keywords", "lang", "icon", "url", "baseurl", "last_updated", "impressum_path",
    "back_to_top", "repo_theme_light", "repo_theme_dark", "repo_trophies", "navbar_fixed",
    "footer_fixed", "max_width", "serve_og_meta", "serve_schema_org", "og_image",
    "permalink", "lsi", "pagination", "collections", "news_scrollable", "news_limit",
    "announcements", "latest_posts", "scholar", "contact_note", "blog_name",
    "blog_description", "rss_icon", "exclude", "include", "keep_files", "plugins",
    "whitelist", "markdown", "highlighter", "kramdown", "theme", "remote_theme",
    "jekyll-archives", "display_tags", "display_categories", "enable_math",
    "enable_darkmode", "enable_navbar_social", "enable_project_categories",
    "enable_medium_zoom", "enable_progressbar", "enable_tooltips", "enable_masonry",
    "enable_google_analytics", "enable_cookie_consent", "enable_video_embedding",
    "third_party_libraries", "imagemagick", "jekyll_minifier", "jekyll-minifier",
    "livereload", "future", "show_excerpts", "horizontal", "timezone", "encoding",
    "sass", "jekyll_pages_api_search", "bib_search", "socials_in_search",
    "posts_in_search", "search_enabled", "related_blog_posts", "external_sources",
    "giscus", "disqus_shortname", "google_analytics", "github_users", "repo_description_lines_max",
    "defaults", "source", "destination", "jekyll-diagrams", "mermaid", "pretty_table",
    "site_icon", "lazy_loading_images", "newsletter", "al_folio", "cdn", "filtered_bibtex_keys",
    "max_author_limit", "more_authors_animation_delay", "enable_publication_thumbnails",
    "enable_publication_badges", "enable_heading_anchors", "scholar_userid",
}


@dataclass
class Settings:
    """What the import knows about the user's settings, in the order a person writes them."""

    values: dict = field(default_factory=dict)  # NAME -> Python value
    comments: dict = field(default_factory=dict)  # NAME -> a comment for pelicanconf.py
    siteurl: str = ""
    socials: dict = field(default_factory=dict)
    not_carried: list[tuple[str, str]] = field(default_factory=list)  # (key, why)
    changed: list[str] = field(default_factory=list)  # what was renamed or adjusted


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _names(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(item).strip() for item in value if str(item).strip()]
    return [str(value).strip()] if str(value).strip() else []


def map_config(config: dict, socials_file: dict | None) -> Settings:
    out = Settings()
    put = out.values
    name = " ".join(part for part in (_text(config.get("first_name")), _text(config.get("middle_name")),
                                      _text(config.get("last_name"))) if part)
    title = _text(config.get("title"))
    if name:
        put["AUTHOR"] = name
    put["SITENAME"] = name if title in ("", "blank") else title
    if config.get("email"):
        put["EMAIL"] = _text(config["email"])
    if config.get("description"):
        put["SITE_DESCRIPTION"] = " ".join(_text(config["description"]).split())
    keywords = config.get("keywords")
    if isinstance(keywords, str):
        keywords = [word.strip() for word in keywords.split(",")]
    words = [word for word in _names(keywords) if not word.startswith("jekyll")]
    if words:
        put["KEYWORDS"] = words
    icon = _text(config.get("icon"))
    if icon:
        # An emoji stays an emoji; a file name is an image from assets/img/.
        put["FAVICON"] = f"images/{icon}" if "." in icon else icon
    if config.get("lang"):
        put["DEFAULT_LANG"] = _text(config["lang"])
    put["TIMEZONE"] = _text(config.get("timezone")) or "UTC"
    url, baseurl = _text(config.get("url")).rstrip("/"), _text(config.get("baseurl")).strip("/")
    out.siteurl = f"{url}/{baseurl}" if baseurl else url

    scholar = config.get("scholar") if isinstance(config.get("scholar"), dict) else {}
    last, first = _names(scholar.get("last_name")), _names(scholar.get("first_name"))
    if last:
        put["AUTHOR_LAST_NAMES"] = last
    elif config.get("last_name"):
        put["AUTHOR_LAST_NAMES"] = [_text(config["last_name"])]
    if first:
        put["AUTHOR_FIRST_NAMES"] = first
    elif config.get("first_name"):
        put["AUTHOR_FIRST_NAMES"] = [_text(config["first_name"])]
    limit = config.get("max_author_limit", scholar.get("max_author_limit"))
    if isinstance(limit, int) and not isinstance(limit, bool) and limit > 0:
        put["PUBLICATIONS_MAX_AUTHORS"] = limit
    if isinstance(config.get("news_limit"), int):
        put["NEWS_LIMIT"] = config["news_limit"]
    if config.get("contact_note"):
        put["CONTACT_NOTE"] = " ".join(_text(config["contact_note"]).split())
    if config.get("blog_name"):
        put["NAVIGATION_TITLES"] = {"blog": _text(config["blog_name"])}
        out.changed.append(f"blog_name {config['blog_name']!r} is the blog's menu title")

    socials: dict = {}
    for key, value in config.items():
        key = RENAMED_SOCIALS.get(key, key)
        if key in NETWORKS and key not in ("rss_icon",) and value not in (None, "", False):
            socials[key] = value
    if config.get("rss_icon"):
        socials["rss_icon"] = True
    for old, new in RENAMED_SOCIALS.items():
        if config.get(old):
            out.changed.append(f"{old} is now {new}")
    if socials_file:
        for key, value in socials_file.items():
            socials.setdefault(RENAMED_SOCIALS.get(key, key), value)
    out.socials = socials

    _services(config, out)
    for key in sorted(config):
        if key in JEKYLL_ONLY or key in NETWORKS or key in RENAMED_SOCIALS:
            continue
        out.not_carried.append((key, "no equivalent in Pelican Scholar"))
    return out


GISCUS_KEYS = ("repo", "repo_id", "category", "category_id", "mapping", "strict",
               "reactions_enabled", "input_position", "emit_metadata", "lang")


def _services(config: dict, out: Settings) -> None:
    """Comments, analytics, search and related posts: al-folio's switches, ours by name."""
    put = out.values
    giscus = config.get("giscus") if isinstance(config.get("giscus"), dict) else {}
    if giscus.get("repo"):
        put["GISCUS"] = {key: str(giscus[key]) for key in GISCUS_KEYS if giscus.get(key) not in (None, "")}
    shortname = _text(config.get("disqus_shortname"))
    if shortname and shortname != "al-folio":  # al-folio's own placeholder
        put["DISQUS_SHORTNAME"] = shortname
    analytics = _text(config.get("google_analytics"))
    if analytics and config.get("enable_google_analytics", True) is not False:
        put["GOOGLE_ANALYTICS"] = analytics
    for key, why in (("cronitor_analytics", "Cronitor is not supported; GoatCounter, Plausible, "
                      "Umami, Cloudflare and Google Analytics are"),
                     ("pirsch_analytics", "Pirsch is not supported; GoatCounter, Plausible, Umami, "
                      "Cloudflare and Google Analytics are")):
        if config.get(key):
            out.not_carried.append((key, why))
    related = config.get("related_blog_posts")
    if isinstance(related, dict):
        if related.get("enabled") is False:
            put["RELATED_BLOG_POSTS"] = False
        if isinstance(related.get("max_related"), int):
            put["RELATED_POSTS_LIMIT"] = related["max_related"]
    if "search_enabled" in config:
        put["SEARCH_ENABLED"] = bool(config["search_enabled"])
    if config.get("external_sources"):
        put["EXTERNAL_SOURCES"] = config["external_sources"]
