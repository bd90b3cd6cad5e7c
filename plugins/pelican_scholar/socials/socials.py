"""Social and contact links, with the keys al-folio uses.

Settings (default):
    SOCIALS ({}): network key -> value, in the order the icons should appear,
        e.g. {"orcid_id": "0000-0002-1825-0097", "github_username": "ada"}.
        Keys and URL patterns are al-folio's (see networks.py). A custom link
        is a mapping: {"title": "My lab", "url": "https://…", "icon": "globe"}
        (icon: any name in scholar_core/icons.py; al-folio's `logo` image URL
        works too).
    SOCIALS_FILE ("data/socials.yml"): an al-folio _data/socials.yml, read
        from content/ when it exists; its entries come after SOCIALS.
    CONTACT_NOTE (""): a line of HTML shown under the icons on the about page.

Templates get SOCIAL_LINKS, a list of SocialLink, in the shared context.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup, escape
from pelican import signals
from pelican.generators import Generator

from ..templating import absolute_url
from ..data import load_yaml

from ..urls import is_safe_url
from .networks import LEGACY_NETWORKS, NETWORKS

logger = logging.getLogger(__name__)

@dataclass(frozen=True)
class SocialLink:
    key: str
    label: str
    url: str
    icon: str = ""
    image: str = ""  # a custom entry's logo, instead of an icon
    rel_me: bool = False
    is_profile: bool = True  # a profile of this person elsewhere (JSON-LD sameAs)

    @property
    def href(self) -> Markup:
        """The url, ready for an href attribute (escaped; an address obfuscated)."""
        if self.url.startswith("mailto:"):
            return obfuscate_email(self.url)
        return escape(self.url)


def obfuscate_email(mailto: str) -> Markup:
    """A mailto: URL with every character as an HTML character reference.

    Browsers decode it; naive address harvesters reading the raw file don't.
    """
    return Markup("".join(f"&#{ord(char)};" for char in mailto))


def build_link(key: str, value, settings: dict, source: str) -> SocialLink | None:
    """One configured entry as a link; warns and returns None when it can't be."""
    siteurl = settings.get("SITEURL", "")
    if isinstance(value, dict) and "url" in value:
        logo = str(value.get("logo") or "")
        if "://" in logo:
            # A logo from another host would be the page's only third-party request.
            logger.warning("%s: the logo of social link %r is on another host (%s); the globe "
                           "icon is shown instead. Put the image in content/images/ and give "
                           "its path, or choose an `icon`.", source, key, logo)
            logo = ""
        link = SocialLink(
            key=key,
            label=str(value.get("title") or key),
            url=str(value["url"]),
            icon=str(value.get("icon") or ("" if logo else "globe")),
            image=absolute_url(logo, siteurl) if logo else "",
        )
        return link if _checked(link, source) else None
    network = NETWORKS.get(key) or LEGACY_NETWORKS.get(key)
    if network is None:
        logger.warning(
            "%s: unknown social key %r. Use one of the al-folio keys listed in the "
            "README (e.g. 'orcid_id', 'github_username'), or a custom link "
            "{title: …, url: …, icon: …}.",
            source,
            key,
        )
        return None
    if value in (None, "", False):
        return None

    profile = True
    if network.kind == "email":
        url, profile = f"mailto:{value}", False
    elif network.kind == "feed":
        feed = settings.get("FEED_ALL_ATOM") or settings.get("FEED_ALL_RSS")
        if not feed:
            logger.warning("%s: 'rss_icon' is on but the site has no feed (FEED_ALL_ATOM "
                           "is off); the icon is left out.", source)
            return None
        url, profile = absolute_url(feed, siteurl), False
    elif network.kind == "file":
        url, profile = absolute_url(str(value), siteurl), False
        _check_site_file(str(value), settings, source, key)
    elif network.kind == "compound":
        if not isinstance(value, dict) or not all(f in value for f in network.fields):
            logger.warning(
                "%s: social key %r needs the fields %s.", source, key, ", ".join(network.fields)
            )
            return None
        url = network.url.format(**{f: quote(str(value[f]), safe="") for f in network.fields})
    elif network.kind == "image":
        url, profile = absolute_url(f"images/{value}", siteurl), False
    elif network.url == "{value}":
        url = str(value)
    else:
        url = network.url.format(value=quote(str(value), safe="/@.:~-_"))
    link = SocialLink(
        key=key,
        label=network.label,
        url=url,
        icon=network.icon,
        rel_me=network.rel_me,
        is_profile=profile,
    )
    return link if _checked(link, source) else None


def cv_pdf_path(settings: dict) -> str:
    """Where the CV part writes the CV's PDF: next to the CV page ("cv/cv.pdf")."""
    folder = os.path.dirname(settings.get("CV_SAVE_AS") or "")
    return "/".join(part for part in (folder, settings.get("CV_PDF_NAME") or "") if part)


def _check_site_file(value: str, settings: dict, source: str, key: str) -> None:
    """A link to a file of the site (the CV) must be a file under content/."""
    if "://" in value:
        return
    path = value.split("#", 1)[0].lstrip("/")
    if settings.get("CV_PDF") and path == cv_pdf_path(settings):
        return  # the PDF the CV part builds (it warns when it cannot)
    if not os.path.isfile(os.path.join(settings["PATH"], path)):
        logger.warning("%s: %r points to /%s, which is not in content/. Put the file in "
                       "content/files/ and write 'files/NAME.pdf' (al-folio's assets/pdf/ is "
                       "content/files/ here).", source, key, path)


def _checked(link: SocialLink, source: str) -> bool:
    """Refuse links that would run code when clicked, with a warning."""
    for url in (link.url, link.image):
        if url and not is_safe_url(url):
            logger.warning("%s: social link %r points to %r, which is not a web address; it "
                           "is left out. Use an https:// URL.", source, link.key, url)
            return False
    return True


def _read_socials_file(path: str) -> dict:
    return load_yaml(path, dict, "social links from it are skipped") or {}


class SocialLinksGenerator(Generator):
    """Turns SOCIALS (and an al-folio socials.yml) into SOCIAL_LINKS."""

    def generate_context(self) -> None:
        entries = [(key, value, "pelicanconf.py: SOCIALS") for key, value in
                   (self.settings.get("SOCIALS") or {}).items()]
        data_file = os.path.join(self.path, self.settings["SOCIALS_FILE"])
        if os.path.isfile(data_file):
            configured = {key for key, _, _ in entries}
            for key, value in _read_socials_file(data_file).items():
                if key in configured:
                    logger.warning("%s: %r is also in SOCIALS in pelicanconf.py, which wins. Keep "
                                   "your links in one of the two places.", data_file, key)
                    continue
                entries.append((key, value, data_file))
        links = [build_link(key, value, self.settings, source) for key, value, source in entries]
        self.context["SOCIAL_LINKS"] = [link for link in links if link is not None]


def _get_generators(pelican):
    return SocialLinksGenerator


def register() -> None:
    signals.get_generators.connect(_get_generators)
