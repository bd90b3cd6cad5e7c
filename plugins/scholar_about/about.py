"""The about page: al-folio's front matter, checked and made ready to show.

The page with `layout: about` (or `template: about`) reads:

    profile:
      image: prof_pic.jpg    # a file in content/images/ (or a path under content/)
      image_alt: …           # optional; default "Photo of <AUTHOR>"
      image_circular: false
      align: right           # or left
      more_info: <p>Office 3.14</p>   # HTML
    news: true               # or `announcements: {enabled: true, limit: 5}`
    latest_posts: true       # or {enabled: true, limit: 3}
    selected_papers: true
    social: true

Settings (default):
    PROFILE_IMAGE_DIR ("images"): where a bare image name is looked for.
NEWS_LIMIT (scholar_news) and LATEST_POSTS_LIMIT (scholar_blog) are the
default limits.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from pelican import signals
from pelican.contents import Page

from scholar_core.data import truthy

logger = logging.getLogger(__name__)

DEFAULTS = {"PROFILE_IMAGE_DIR": "images"}


@dataclass(frozen=True)
class ProfileImage:
    url: str  # site-relative
    alt: str
    width: int | None
    height: int | None


def section_limit(value, default: int | None) -> int | None:
    """How many items an about-page section shows: None hides it, 0 shows all.

    `value` is the front-matter entry: absent, a boolean, or al-folio's
    mapping {enabled: …, limit: …}.
    """
    if value is None:
        return default or 0
    if isinstance(value, dict):
        if "enabled" in value and not truthy(value["enabled"]):
            return None
        limit = value.get("limit")
        return int(limit) if str(limit).isdigit() else (default or 0)
    return (default or 0) if truthy(value) else None


def image_size(path: str) -> tuple[int | None, int | None]:
    try:
        from PIL import Image

        with Image.open(path) as image:
            return image.size
    except (OSError, ValueError):
        return None, None


def profile_settings(page) -> dict:
    """The `profile:` mapping of the front matter; warns when it is something else."""
    profile = page.metadata.get("profile")
    if profile is None:
        return {}
    if not isinstance(profile, dict):
        logger.warning(
            "%s: `profile:` should be a list of settings (image:, align:, more_info: …), "
            "not %r; the page is built without a photo.", page.source_path, profile)
        return {}
    return profile


def find_profile_image(page, content_path: str, image_dir: str) -> ProfileImage | None:
    profile = profile_settings(page)
    name = str(profile.get("image") or "").strip()
    if not name:
        return None
    relative = name.lstrip("/") if "/" in name else f"{image_dir}/{name}"
    full = os.path.join(content_path, relative)
    if not os.path.isfile(full):
        logger.warning(
            "%s: profile image %r not found at %s. Put the photo there, or fix "
            "`profile: image:` in the front matter. The page is built without it.",
            page.source_path,
            name,
            os.path.relpath(full),
        )
        return None
    alt = str(profile.get("image_alt") or f"Photo of {page.settings.get('AUTHOR', '')}".strip())
    width, height = image_size(full)
    return ProfileImage(url=relative, alt=alt, width=width, height=height)


def prepare_about_page(page) -> None:
    """Attach what about.html shows, computed once per build."""
    settings = page.settings
    meta = page.metadata
    profile = profile_settings(page)
    page.profile_image = find_profile_image(page, settings["PATH"], settings["PROFILE_IMAGE_DIR"])
    page.profile_align = "left" if str(profile.get("align", "right")).lower() == "left" else "right"
    page.profile_circular = truthy(profile.get("image_circular", False))
    page.profile_more_info = profile.get("more_info", "")
    news = meta.get("announcements", meta.get("news"))
    page.news_limit = section_limit(news, settings.get("NEWS_LIMIT"))
    page.latest_posts_limit = section_limit(meta.get("latest_posts"), settings.get("LATEST_POSTS_LIMIT"))
    page.show_selected_papers = truthy(meta.get("selected_papers", True))
    page.show_social = truthy(meta.get("social", True))


def _on_content(content) -> None:
    if isinstance(content, Page) and content.metadata.get("template") == "about":
        prepare_about_page(content)


def _defaults(pelican) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def register() -> None:
    signals.initialized.connect(_defaults)
    signals.content_object_init.connect(_on_content)
