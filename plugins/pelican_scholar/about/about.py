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

The photo is also written as WebP at a few widths (never wider than the
original), so a phone downloads a small file even when you upload a large one.

Settings (default):
    PROFILE_IMAGE_DIR ("images"): where a bare image name is looked for.
    PROFILE_IMAGE_WIDTHS ([240, 480, 720]): widths, in pixels, of the WebP
        copies; [] serves only the original.
NEWS_LIMIT (scholar_news) and LATEST_POSTS_LIMIT (scholar_blog) are the
default limits.
"""

from __future__ import annotations

import hashlib
import logging
import os
import posixpath
import shutil
from dataclasses import dataclass

from pelican import signals
from pelican.contents import Page
from pelican.generators import Generator

from .. import output
from ..data import shown_path, truthy

logger = logging.getLogger(__name__)

@dataclass(frozen=True)
class ProfileImage:
    url: str  # site path of the original
    alt: str
    width: int | None
    height: int | None
    source: str = ""  # the file under content/
    variants: tuple[tuple[str, int], ...] = ()  # (site path of a WebP copy, its width)


def webp_variants(relative: str, width: int | None, widths) -> tuple[tuple[str, int], ...]:
    """Where the WebP copies of an image go: images/me.jpg -> images/me-480w.webp …"""
    if not width:
        return ()
    stem = os.path.splitext(relative)[0]
    sizes = sorted({w for w in widths if w < width} | ({width} if widths else set()))
    return tuple((f"{stem}-{w}w.webp", w) for w in sizes)


def section_limit(value, default: int | None, where: str = "") -> int | None:
    """How many items an about-page section shows: None hides it, 0 shows all.

    `value` is the front-matter entry: absent, a boolean, or al-folio's
    mapping {enabled: …, limit: …}. A limit that is not a whole number warns
    (`where` names the file and key) and the default is used.
    """
    if value is None:
        return default or 0
    if isinstance(value, dict):
        if "enabled" in value and not truthy(value["enabled"]):
            return None
        limit = value.get("limit")
        if limit is None:
            return default or 0
        if isinstance(limit, str) and limit.strip().isascii() and limit.strip().isdigit():
            return int(limit)
        if isinstance(limit, int) and not isinstance(limit, bool) and limit >= 0:
            return limit
        logger.warning("%s: `limit: %s` is not a whole number; %s items are shown. Write a "
                       "number such as `limit: 5`.", where, limit, default or "all")
        return default or 0
    return (default or 0) if truthy(value) else None


class ImageRefused(ValueError):
    """An image that is not used: outside content/, or too large to decode safely."""


def image_size(path: str, decode: bool = True) -> tuple[int | None, int | None]:
    """Width and height of an image file, or (None, None) when it can't be decoded.

    `decode=False` reads only the header: for a file already decoded once.
    Raises ImageRefused for an image over Pillow's decompression-bomb limit,
    which would take the build's memory to resize.
    """
    from PIL import Image

    try:
        with Image.open(path) as image:
            if decode:
                image.load()  # a truncated file fails here, before pages refer to copies of it
            return image.size
    except Image.DecompressionBombError as error:
        raise ImageRefused(f"it is too large to use ({error}); save a smaller copy, a few "
                           "thousand pixels wide at most") from error
    except (OSError, ValueError, SyntaxError):
        return None, None


def _is_current(target: str, source: str) -> bool:
    """Whether a copy exists that was made from this very version of the source."""
    return os.path.exists(target) and os.path.getmtime(target) >= os.path.getmtime(source)


def inside(folder: str, path: str) -> bool:
    """Whether `path` is `folder` or lies under it (links resolved)."""
    folder, path = os.path.realpath(folder), os.path.realpath(path)
    return os.path.commonpath([folder, path]) == folder


def profile_settings(page) -> dict:
    """The `profile:` mapping of the front matter; warns when it is something else."""
    profile = page.metadata.get("profile")
    if profile is None:
        return {}
    if not isinstance(profile, dict):
        logger.warning(
            "%s: `profile:` should be a list of settings (image:, align:, more_info: …), "
            "not %r; the page is built without a photo.",
            shown_path(page.source_path, page.settings), profile)
        return {}
    return profile


def image_path(name: str, image_dir: str, content_path: str = "") -> str:
    """Where an image named in front matter lives, relative to content/.

    A bare name is in `image_dir`; al-folio's `assets/img/x.jpg` is
    `images/x.jpg` here; any other path is under content/, or, when it is not
    there and `content_path` is given, under `image_dir` (`projects/x.jpg`).
    """
    name = name.strip().lstrip("/")
    if name.startswith("assets/img/"):
        return "images/" + name[len("assets/img/"):]
    if "/" not in name:
        return f"{image_dir}/{name}"
    name = posixpath.normpath(name)
    in_dir = posixpath.normpath(f"{image_dir}/{name}")
    if content_path and not os.path.isfile(os.path.join(content_path, name)) \
            and os.path.isfile(os.path.join(content_path, in_dir)):
        return in_dir
    return name


def load_image(relative: str, content_path: str, alt: str, widths,
               output_path: str = "") -> ProfileImage | None:
    """An image under content/ with its size and WebP copies, or None when the file is missing.

    A file Pillow cannot read gets width None (and no copies): check that before warning.
    When its copies in `output_path` are already made from this file, it was
    decoded then, and only its header is read now.
    Raises ImageRefused for a path outside content/ (its WebP copies would be
    written beside it) and for an image too large to decode safely.
    """
    full = os.path.join(content_path, relative)
    if relative.split("/")[0] == ".." or not inside(content_path, full):
        raise ImageRefused(f"{relative} is outside content/, and nothing is written outside the "
                           "site; put the image in content/images/ and write its name")
    if not os.path.isfile(full):
        return None
    width, height = image_size(full, decode=False)
    variants = webp_variants(relative, width, widths)
    if not (output_path and variants and all(_is_current(os.path.join(output_path, url), full)
                                             for url, _ in variants)):
        width, height = image_size(full)
        variants = webp_variants(relative, width, widths)
    return ProfileImage(url=relative, alt=alt, width=width, height=height, source=full,
                        variants=variants)


def find_profile_image(page, content_path: str, image_dir: str) -> ProfileImage | None:
    profile = profile_settings(page)
    name = str(profile.get("image") or "").strip()
    if not name:
        return None
    relative = image_path(name, image_dir)
    alt = str(profile.get("image_alt") or f"Photo of {page.settings.get('AUTHOR', '')}".strip())
    try:
        image = load_image(relative, content_path, alt, page.settings["PROFILE_IMAGE_WIDTHS"],
                           page.settings.get("OUTPUT_PATH", ""))
    except ImageRefused as error:
        logger.warning("%s: the profile image %r is left out: %s.",
                       shown_path(page.source_path, page.settings), name, error)
        return None
    if image is None:
        logger.warning(
            "%s: profile image %r not found at %s. Put the photo there, or fix "
            "`profile: image:` in the front matter. The page is built without it.",
            shown_path(page.source_path, page.settings),
            name,
            os.path.relpath(os.path.join(content_path, relative)),
        )
    elif image.width is None:
        logger.warning("%s: the profile image %s is not an image Pillow can read; it is shown "
                       "as it is. Save it as JPEG, PNG or WebP.", shown_path(page.source_path, page.settings), relative)
    return image


def write_variants(image: ProfileImage, output_path: str, cache_path: str | None = None) -> None:
    """Write the WebP copies (and the original, when no static path copies it).

    With a cache folder, each copy is kept there under the hash of the
    original's bytes, so a build into an emptied output/ copies it instead of
    encoding it again (WebP at method 6 takes a fraction of a second an image).
    """
    from PIL import Image

    # Written only when their bytes change (output/ is not emptied between builds).
    output.copy_if_changed(image.source, os.path.join(output_path, image.url))
    digest = rgb = None
    for url, width in image.variants:
        target = os.path.join(output_path, url)
        output.record(target)
        if cache_path and digest is None:
            with open(image.source, "rb") as handle:
                digest = hashlib.sha1(handle.read()).hexdigest()
        kept = os.path.join(cache_path, "images", f"{digest}-{width}w.webp") if cache_path else ""
        if kept and os.path.isfile(kept):
            output.copy_if_changed(kept, target)
            continue
        if not kept and _is_current(target, image.source):
            continue  # already made from this very file
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if rgb is None:
            with Image.open(image.source) as photo:
                photo.load()
                rgb = photo.convert("RGBA" if photo.mode in ("RGBA", "LA", "P") else "RGB")
        height = round(image.height * width / image.width)
        resized = rgb if width == image.width else rgb.resize((width, height), Image.LANCZOS)
        resized.save(target, "WEBP", quality=82, method=6)
        if kept:
            os.makedirs(os.path.dirname(kept), exist_ok=True)
            shutil.copyfile(target, kept)


def write_images(images, output_path: str, shown: str, cache_path: str | None = None) -> None:
    """Write the WebP copies of each image; a file that fails is warned about, the rest go on."""
    for image in images:
        if image is None or not image.width:
            continue
        try:
            write_variants(image, output_path, cache_path)
        except (OSError, ValueError) as error:  # a truncated or odd file
            logger.warning("%s: could not make smaller copies of the image %s (%s); the "
                           "original is shown. Save it again from an image editor.",
                           shown, image.url, error)


class ProfileImageGenerator(Generator):
    """Writes the WebP copies of page photos: the about page's, and any a part lists
    in a page's `responsive_images` (the people page's)."""

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer) -> None:
        for page in self.context.get("pages", []) + self.context.get("hidden_pages", []):
            images = (getattr(page, "profile_image", None), *getattr(page, "responsive_images", ()))
            write_images(images, self.output_path, shown_path(page.source_path, page.settings),
                         self.settings.get("CACHE_PATH"))


def prepare_about_page(page) -> None:
    """Attach what about.html shows, computed once per build."""
    settings = page.settings
    meta = page.metadata
    profile = profile_settings(page)
    page.profile_image = find_profile_image(page, settings["PATH"], settings["PROFILE_IMAGE_DIR"])
    page.profile_align = "left" if str(profile.get("align", "right")).lower() == "left" else "right"
    page.profile_circular = truthy(profile.get("image_circular", False))
    page.profile_more_info = profile.get("more_info", "")
    shown = shown_path(page.source_path, settings)
    news_key = "announcements" if "announcements" in meta else "news"
    page.news_limit = section_limit(meta.get(news_key), settings.get("NEWS_LIMIT"),
                                    f"{shown}: `{news_key}:`")
    page.latest_posts_limit = section_limit(meta.get("latest_posts"),
                                            settings.get("LATEST_POSTS_LIMIT"),
                                            f"{shown}: `latest_posts:`")
    page.show_selected_papers = truthy(meta.get("selected_papers", True))
    page.show_social = truthy(meta.get("social", True))


def _on_content(content) -> None:
    if isinstance(content, Page) and content.metadata.get("template") == "about":
        prepare_about_page(content)


def _get_generators(pelican):
    return ProfileImageGenerator


def register() -> None:
    signals.content_object_init.connect(_on_content)
    signals.get_generators.connect(_get_generators)
