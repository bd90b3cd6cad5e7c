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

import yaml
from pelican import signals
from pelican.generators import Generator

from scholar_core.core import absolute_url

from .networks import LEGACY_NETWORKS, NETWORKS

logger = logging.getLogger(__name__)

DEFAULTS = {
    "SOCIALS": {},
    "SOCIALS_FILE": "data/socials.yml",
    "CONTACT_NOTE": "",
}


@dataclass(frozen=True)
class SocialLink:
    key: str
    label: str
    url: str  # may hold HTML character references (email): output it raw
    icon: str = ""
    image: str = ""  # a custom entry's logo, instead of an icon
    rel_me: bool = False
    is_profile: bool = True  # a profile of this person elsewhere (JSON-LD sameAs)


def obfuscate_email(address: str) -> str:
    """mailto: link with every character as an HTML character reference.

    Browsers decode it; naive address harvesters reading the raw file don't.
    """
    return "".join(f"&#{ord(char)};" for char in f"mailto:{address}")


def build_link(key: str, value, settings: dict, source: str) -> SocialLink | None:
    """One configured entry as a link; warns and returns None when it can't be."""
    siteurl = settings.get("SITEURL", "")
    if isinstance(value, dict) and "url" in value:
        return SocialLink(
            key=key,
            label=str(value.get("title") or key),
            url=str(value["url"]),
            icon=str(value.get("icon") or ("" if value.get("logo") else "globe")),
            image=str(value.get("logo") or ""),
        )
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
        url, profile = obfuscate_email(str(value)), False
    elif network.kind == "feed":
        feed = settings.get("FEED_ALL_ATOM") or "feeds/all.atom.xml"
        url, profile = absolute_url(feed, siteurl) or f"/{feed}", False
    elif network.kind == "file":
        url, profile = absolute_url(str(value), siteurl), False
        if "://" not in url and not url.startswith("/"):
            url = "/" + url
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
    return SocialLink(
        key=key,
        label=network.label,
        url=url,
        icon=network.icon,
        rel_me=network.rel_me,
        is_profile=profile,
    )


def _read_socials_file(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else path
        logger.warning("%s: not valid YAML (%s); social links from it are skipped. "
                       "Fix the line shown.", where, getattr(error, "problem", error))
        return {}
    if not isinstance(data, dict):
        logger.warning("%s: expected 'key: value' lines; social links from it are skipped.", path)
        return {}
    return data


class SocialLinksGenerator(Generator):
    """Turns SOCIALS (and an al-folio socials.yml) into SOCIAL_LINKS."""

    def generate_context(self) -> None:
        entries = [(key, value, "pelicanconf.py: SOCIALS") for key, value in
                   (self.settings.get("SOCIALS") or {}).items()]
        data_file = os.path.join(self.path, self.settings["SOCIALS_FILE"])
        if os.path.isfile(data_file):
            configured = {key for key, _, _ in entries}
            entries += [(key, value, data_file) for key, value in
                        _read_socials_file(data_file).items() if key not in configured]
        links = [build_link(key, value, self.settings, source) for key, value, source in entries]
        self.context["SOCIAL_LINKS"] = [link for link in links if link is not None]


def _defaults(pelican) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def _get_generators(pelican):
    return SocialLinksGenerator


def register() -> None:
    signals.initialized.connect(_defaults)
    signals.get_generators.connect(_get_generators)
