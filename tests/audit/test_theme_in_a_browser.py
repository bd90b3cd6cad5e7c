"""The theme in a real browser (headless Chromium): the light/dark toggle, and pages
that read and navigate with JavaScript off."""

from __future__ import annotations

import pytest
from in_browser import run_in_browser

pytestmark = pytest.mark.audit

ABOUT = ("---\nlayout: about\ntitle: About\npermalink: /\n---\nHello, [teaching](/teaching/).\n")

# Clicks the toggle, reloads, and reports what the page looks like at each step;
# then opens the page with JavaScript disabled.
SCRIPT = r"""
const { createRequire } = require('node:module');
const req = createRequire(process.argv[1] + '/noop.js');
const { chromium } = req('playwright-core');
(async () => {
  const browser = await chromium.launch({ executablePath: process.argv[2],
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const url = process.argv[3];
  const state = (page) => page.evaluate(() => ({
    theme: document.documentElement.dataset.theme || null,
    pressed: document.querySelector('.theme-toggle').getAttribute('aria-pressed'),
    hidden: document.querySelector('.theme-toggle').hidden,
    background: getComputedStyle(document.body).backgroundColor,
  }));
  const out = {};
  const context = await browser.newContext({ colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto(url);
  out.initial = await state(page);
  await page.click('.theme-toggle');
  out.afterClick = await state(page);
  await page.reload();
  out.afterReload = await state(page);
  const noJs = await browser.newContext({ javaScriptEnabled: false, colorScheme: 'dark' });
  const plain = await noJs.newPage();
  await plain.goto(url);
  out.noJs = await plain.evaluate(() => ({
    toggleVisible: !!document.querySelector('.theme-toggle').offsetParent,
    background: getComputedStyle(document.body).backgroundColor,
    navLinks: [...document.querySelectorAll('.site-nav a')].map(a => a.textContent),
  }));
  await plain.click('text=Teaching');
  out.noJs.afterNavigation = plain.url();
  await browser.close();
  console.log(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
"""


@pytest.fixture
def served_site(build_site, serve):
    site = build_site({"pages/about.md": ABOUT, "pages/teaching.md": "---\ntitle: Teaching\n---\nx\n"},
                      NAVIGATION=["about", "teaching"])
    return serve(site.output)


def test_toggle_switches_the_theme_and_remembers_it(served_site):
    seen = run_in_browser(SCRIPT, served_site)
    assert seen["initial"]["hidden"] is False
    assert seen["initial"]["pressed"] == "false"
    assert seen["afterClick"] == {**seen["afterClick"], "theme": "dark", "pressed": "true"}
    assert seen["afterClick"]["background"] != seen["initial"]["background"]
    assert seen["afterReload"]["theme"] == "dark"
    assert seen["afterReload"]["background"] == seen["afterClick"]["background"]


def test_without_javascript_the_system_scheme_applies_and_links_work(served_site):
    seen = run_in_browser(SCRIPT, served_site)["noJs"]
    assert seen["toggleVisible"] is False
    assert seen["background"] == "rgb(20, 23, 27)"  # the dark --color-bg
    assert seen["navLinks"] == ["About", "Teaching"]
    assert seen["afterNavigation"].endswith("/teaching/")
