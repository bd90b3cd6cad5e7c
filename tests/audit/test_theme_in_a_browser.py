"""The theme in a real browser (headless Chromium): the light/dark toggle, and pages
that read and navigate with JavaScript off."""

from __future__ import annotations

import json
import subprocess
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from audit.tools import CHROMIUM, NODE_MODULES, missing, node

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
def served_site(build_site):
    site = build_site({"pages/about.md": ABOUT, "pages/teaching.md": "---\ntitle: Teaching\n---\nx\n"},
                      NAVIGATION=["about", "teaching"])
    handler = partial(SimpleHTTPRequestHandler, directory=str(site.output))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def run_in_browser(url: str) -> dict:
    why = missing("node", "chromium", "playwright")
    if why:
        pytest.skip(f"audit toolchain not installed: {why} (run audit/install.sh)")
    result = subprocess.run([node(), "-e", SCRIPT, str(NODE_MODULES), CHROMIUM, url],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_toggle_switches_the_theme_and_remembers_it(served_site):
    seen = run_in_browser(served_site)
    assert seen["initial"]["hidden"] is False
    assert seen["initial"]["pressed"] == "false"
    assert seen["afterClick"] == {**seen["afterClick"], "theme": "dark", "pressed": "true"}
    assert seen["afterClick"]["background"] != seen["initial"]["background"]
    assert seen["afterReload"]["theme"] == "dark"
    assert seen["afterReload"]["background"] == seen["afterClick"]["background"]


def test_without_javascript_the_system_scheme_applies_and_links_work(served_site):
    seen = run_in_browser(served_site)["noJs"]
    assert seen["toggleVisible"] is False
    assert seen["background"] == "rgb(20, 23, 27)"  # the dark --color-bg
    assert seen["navLinks"] == ["About", "Teaching"]
    assert seen["afterNavigation"].endswith("/teaching/")
