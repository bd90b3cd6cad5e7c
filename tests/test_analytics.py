"""Analytics: none by default; cookieless providers' one deferred script; GA4 after consent."""

from __future__ import annotations

import json

import pytest
from helpers import third_party_loads

ABOUT = "---\nlayout: about\ntitle: About\npermalink: /\n---\nHello.\n"
POST = "---\ntitle: A post\ndate: 2025-01-01\n---\nWords.\n"
FILES = {"pages/about.md": ABOUT, "blog/2025-01-01-a-post.md": POST}
TRACES = ("analytics", "goatcounter", "plausible", "umami", "cloudflareinsights", "cf-beacon",
          "googletagmanager", "gtag", "datalayer", "consent")


def test_a_site_without_analytics_settings_has_no_analytics_code_anywhere(build_site):
    site = build_site(FILES, publish=True)
    files = [path for path in site.output.rglob("*") if path.is_file()]
    assert any(path.suffix == ".html" for path in files)
    for path in files:
        if path.suffix in (".html", ".js", ".xml", ".txt"):
            body = path.read_text(encoding="utf-8").lower()
            found = [trace for trace in TRACES if trace in body]
            assert found == [], f"{path.relative_to(site.output)} mentions {found}"


@pytest.mark.parametrize(("settings", "src", "attribute", "value"), [
    ({"GOATCOUNTER_CODE": "ada"}, "https://gc.zgo.at/count.js", "data-goatcounter",
     "https://ada.goatcounter.com/count"),
    ({"PLAUSIBLE_DOMAIN": "ada.example.org"}, "https://plausible.io/js/script.js", "data-domain",
     "ada.example.org"),
    ({"UMAMI_WEBSITE_ID": "94db1cb1-74f4-4a40-ad6c-962362670409"}, "https://cloud.umami.is/script.js",
     "data-website-id", "94db1cb1-74f4-4a40-ad6c-962362670409"),
    ({"CLOUDFLARE_ANALYTICS_TOKEN": "abc123"}, "https://static.cloudflareinsights.com/beacon.min.js",
     "data-cf-beacon", json.dumps({"token": "abc123"})),
])
def test_a_cookieless_provider_loads_its_one_script_deferred_on_every_page(build_site, settings, src,
                                                                           attribute, value):
    site = build_site(FILES, publish=True, **settings)
    for path in ("index.html", "blog/2025/a-post/index.html"):
        scripts = [s for s in site.html(path).find_all("script", src=True)
                   if not s["src"].startswith("https://scholar.example.org/")]
        assert len(scripts) == 1
        assert scripts[0]["src"] == src and scripts[0].has_attr("defer")
        assert scripts[0][attribute] == value


def test_google_analytics_waits_for_consent_in_a_banner(build_site):
    site = build_site(FILES, publish=True, GOOGLE_ANALYTICS="G-ABC123")
    page = site.html("index.html")
    banner = page.select_one("#analytics-consent")
    assert banner.has_attr("hidden")  # shown by the script; with JavaScript off, nothing happens
    assert banner["data-ga"] == "G-ABC123"
    assert banner["aria-labelledby"] == "analytics-consent-text"
    buttons = {b["data-consent"]: b.get_text(strip=True) for b in banner.select("button")}
    assert buttons == {"granted": "Allow", "denied": "Decline"}
    # No request to Google before the reader allows it: the gtag script is only
    # named inside the consent script, never as an element.
    assert third_party_loads(page) == []
    assert page.find("script", src=lambda src: src and "googletagmanager" in src) is None
    consent = page.select_one("#analytics-consent + script")
    assert consent["src"] == "https://scholar.example.org/theme/js/consent.js" and consent.has_attr("defer")
    script = (site.output / "theme" / "js" / "consent.js").read_text()
    assert "localStorage" in script and "googletagmanager.com/gtag/js" in script


def test_a_setting_that_could_break_out_of_the_address_stops_the_build(build_site):
    with pytest.raises(SystemExit, match="GOATCOUNTER_CODE"):
        build_site(FILES, GOATCOUNTER_CODE="x.evil.example/")
    with pytest.raises(SystemExit, match="PLAUSIBLE_SCRIPT"):
        build_site(FILES, PLAUSIBLE_DOMAIN="a.org", PLAUSIBLE_SCRIPT="http://insecure.example/p.js")
