"""Analytics: none by default; one provider's script when you configure it.

Cookieless providers (GoatCounter, Plausible, Umami, Cloudflare Web
Analytics) load their one script with `defer` on every page. Google
Analytics 4 (al-folio's `google_analytics`) loads nothing until the reader
agrees in a small banner of ours; the choice is remembered in the browser
(localStorage), and declining loads nothing, ever. Without JavaScript the
banner stays hidden and nothing is loaded. A site with none of these
settings has no analytics code at all.

Settings (default: all empty, nothing loads):
    GOATCOUNTER_CODE (""): your code, as in CODE.goatcounter.com.
    PLAUSIBLE_DOMAIN (""): the domain as Plausible knows it;
        PLAUSIBLE_SCRIPT: the script's address (for a self-hosted Plausible).
    UMAMI_WEBSITE_ID (""); UMAMI_SCRIPT: the script's address.
    CLOUDFLARE_ANALYTICS_TOKEN (""): the beacon token.
    GOOGLE_ANALYTICS (""): al-folio's key, a GA4 measurement ID ("G-…").

The consent banner's script (consent.js, beside this file) is written to
theme/js/consent.js only when GOOGLE_ANALYTICS is set.

Templates get `analytics`: a list of `Tracker` (script src and data-*
attributes) for the cookieless providers, and `google_analytics`, the GA4 ID
or "" (partials/analytics.html).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from pelican import signals

from ..output import copy_if_changed

CONSENT_SCRIPT = os.path.join(os.path.dirname(__file__), "consent.js")


@dataclass(frozen=True)
class Tracker:
    """One provider's script tag: loaded with `defer`, with these data-* attributes."""

    name: str
    src: str
    attributes: dict[str, str] = field(default_factory=dict)


def trackers(settings: dict) -> list[Tracker]:
    """The cookieless providers the settings turn on, in a fixed order."""
    found = []
    if settings.get("GOATCOUNTER_CODE"):
        found.append(Tracker("GoatCounter", "https://gc.zgo.at/count.js", {
            "goatcounter": f"https://{settings['GOATCOUNTER_CODE']}.goatcounter.com/count"}))
    if settings.get("PLAUSIBLE_DOMAIN"):
        found.append(Tracker("Plausible", settings["PLAUSIBLE_SCRIPT"],
                             {"domain": settings["PLAUSIBLE_DOMAIN"]}))
    if settings.get("UMAMI_WEBSITE_ID"):
        found.append(Tracker("Umami", settings["UMAMI_SCRIPT"],
                             {"website-id": settings["UMAMI_WEBSITE_ID"]}))
    if settings.get("CLOUDFLARE_ANALYTICS_TOKEN"):
        found.append(Tracker("Cloudflare Web Analytics",
                             "https://static.cloudflareinsights.com/beacon.min.js",
                             {"cf-beacon": json.dumps({"token": settings["CLOUDFLARE_ANALYTICS_TOKEN"]})}))
    return found


def add_analytics(generator) -> None:
    generator.env.globals["analytics"] = trackers(generator.settings)
    generator.env.globals["google_analytics"] = generator.settings.get("GOOGLE_ANALYTICS") or ""


def _write_consent_script(pelican) -> None:
    settings = pelican.settings
    if settings.get("GOOGLE_ANALYTICS"):
        copy_if_changed(CONSENT_SCRIPT, os.path.join(settings["OUTPUT_PATH"], settings.get("THEME_STATIC_DIR", "theme"),
                                                     "js", "consent.js"))


def register() -> None:
    signals.generator_init.connect(add_analytics)
    signals.finalized.connect(_write_consent_script)
