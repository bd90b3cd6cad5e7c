"""The numbers every gate enforces (issue 4, "Budgets, enforced").

Sizes are in bytes; "KB" in the issue is read as KiB (1024 bytes), the unit
Chromium's DevTools and Lighthouse show.
"""

from __future__ import annotations

from dataclasses import dataclass

KIB = 1024


@dataclass(frozen=True)
class Budgets:
    # Nu HTML checker: messages of type "error" allowed on any page.
    vnu_errors: int = 0
    # axe-core: violations of any impact, per page, per colour scheme, per width.
    axe_violations: int = 0
    # Link check: broken internal links, assets or #anchors in the whole site.
    broken_links: int = 0
    # Lighthouse (mobile preset): minimum category scores, 0-100.
    lighthouse_min: tuple[tuple[str, int], ...] = (
        ("performance", 95),
        ("accessibility", 100),
        ("best-practices", 100),
        ("seo", 100),
    )
    # Page weight of the about page: bytes transferred (headers + encoded body),
    # the profile photo excluded; requests counted with the photo included.
    weight_max_bytes: int = 60 * KIB
    weight_max_requests: int = 6
    # Requests to any host other than the audited site, on every audited page.
    third_party_requests: int = 0
    # Pages with neither math nor code: JavaScript they may load (the theme
    # toggle): at most this many script files and bytes (files + inline scripts,
    # uncompressed).
    js_max_files: int = 1
    js_max_bytes: int = 3 * KIB
    # Scripts of the site services a reader opts into (issue 11), counted apart
    # from the budget above: (part of the script's path, XPath of the element a
    # page must show to load it). Pagefind's UI only on the search page; the
    # comments button's script only under a comments section; the analytics
    # consent banner's script only with that banner (GOOGLE_ANALYTICS set).
    service_scripts: tuple[tuple[str, str], ...] = (
        ("/pagefind/", "//*[@id='search']"),
        ("/theme/js/search.js", "//*[@id='search']"),
        ("/theme/js/comments.js", "//*[@data-comments]"),
        ("/theme/js/consent.js", "//*[@id='analytics-consent']"),
    )

    def service_script(self, path: str) -> str | None:
        """The XPath a page needs to load this script as a service's, or None."""
        return next((needs for part, needs in self.service_scripts if part in path), None)


DEFAULT = Budgets()
