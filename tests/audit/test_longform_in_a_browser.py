"""Long-form posts in a real browser (headless Chromium): wide elements, the
margin table of contents and side notes never cover one another."""

from __future__ import annotations

import pytest
from in_browser import run_in_browser

pytestmark = pytest.mark.audit

# Wide elements straight after the opening line, where the margin contents sit.
POST = """---
layout: distill
title: Wide things
date: 2025-01-01
toc:
  - name: First
    subsections: [{name: One}, {name: Two}, {name: Three}, {name: Four}, {name: Five}, {name: Six}]
  - name: Second
---
Opening line with a note.<d-footnote>A side note long enough to run down beside the wide elements below it.</d-footnote>

<figure class="l-page"><div style="height: 4rem">page</div></figure>

<div class="l-body-outset" style="height: 2rem">body outset</div>

<div class="l-page-outset" style="height: 2rem">page outset</div>

<div class="l-screen" style="height: 2rem">screen</div>

## First

### One

Text.

### Two

Text.

### Three

Text.

### Four

Text.

### Five

Text.

### Six

Text.


## Second

Text.
"""

# The boxes of the contents, the side note and each wide element, at each width.
LAYOUT = r"""
const { createRequire } = require('node:module');
const req = createRequire(process.argv[1] + '/noop.js');
const { chromium } = req('playwright-core');
(async () => {
  const browser = await chromium.launch({ executablePath: process.argv[2],
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const out = {};
  for (const width of [1280, 1600, 1000, 390]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(process.argv[3]);
    out[width] = await page.evaluate(() => {
      const box = (element) => { const r = element.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width }; };
      const visible = (selector) => [...document.querySelectorAll(selector)]
        .filter((element) => element.getClientRects().length && getComputedStyle(element).display !== 'none');
      return {
        toc: visible('.toc').map(box), notes: visible('.sidenote').map(box),
        text: box(document.querySelector('.prose > p')),
        wide: Object.fromEntries(visible('.l-page, .l-body-outset, .l-page-outset, .l-screen')
          .map((element) => [element.className, box(element)])),
        pageWidth: document.documentElement.scrollWidth, window: innerWidth,
      };
    });
    await page.close();
  }
  await browser.close();
  console.log(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
"""


def overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def test_wide_elements_never_cover_the_margin_contents_or_a_side_note(build_site, serve):
    site = build_site({"blog/2025-01-01-wide.md": POST})
    out = run_in_browser(LAYOUT, serve(site.output) + "blog/2025/wide/")
    for width in ("1280", "1600"):
        view = out[width]
        assert len(view["toc"]) == 1 and len(view["notes"]) == 1, width  # both in the margins
        assert view["toc"][0]["bottom"] > view["wide"]["l-page-outset"]["top"], width  # they are side by side
        for name, box in view["wide"].items():
            assert not overlap(box, view["toc"][0]), (width, name)
            assert not overlap(box, view["notes"][0]), (width, name)
        assert view["wide"]["l-page"]["width"] > view["text"]["width"] + 150, width  # still wide
        assert view["pageWidth"] <= view["window"], width
    # Without margins the contents sit above the text; wide elements spread both ways.
    medium = out["1000"]
    assert medium["toc"][0]["bottom"] <= medium["text"]["top"]
    assert medium["wide"]["l-page"]["left"] < medium["text"]["left"] < medium["text"]["right"] < \
        medium["wide"]["l-page"]["right"]
    phone = out["390"]
    assert phone["wide"]["l-page"]["width"] == phone["text"]["width"]
    assert phone["pageWidth"] <= phone["window"]


TABS_POST = """---
title: Tabs
date: 2025-01-01
---
Before the tabs, [a link](#x).

{% tabs fit %}
{% tab fit Negative exponential %}
The first curve.
{% endtab %}
{% tab fit Spline %}
The second curve.
{% endtab %}
{% endtabs %}
"""

# The panel shown, first by default, then after the keyboard reaches the tabs
# and presses the right arrow; then with JavaScript off.
KEYBOARD = r"""
const { createRequire } = require('node:module');
const req = createRequire(process.argv[1] + '/noop.js');
const { chromium } = req('playwright-core');
(async () => {
  const browser = await chromium.launch({ executablePath: process.argv[2],
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const shown = (page) => page.evaluate(() => [...document.querySelectorAll('.tabs__panel')]
    .filter((panel) => panel.getClientRects().length)
    .map((panel) => panel.textContent.trim().replace(/\s+/g, ' ')));
  const out = {};
  const page = await browser.newPage();
  await page.goto(process.argv[3]);
  out.initial = await shown(page);
  for (let i = 0; i < 40 && !out.focused; i++) {
    await page.keyboard.press('Tab');
    out.focused = await page.evaluate(() => document.activeElement.matches('.tabs__radio')
      && document.querySelector(`label[for="${document.activeElement.id}"]`).textContent);
  }
  await page.keyboard.press('ArrowRight');
  out.afterArrow = await shown(page);
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noJs.newPage();
  await plain.goto(process.argv[3]);
  await plain.click('text=Spline');
  out.noJsClick = await shown(plain);
  await browser.close();
  console.log(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
"""


def test_tabs_switch_with_the_keyboard_and_without_javascript(build_site, serve):
    site = build_site({"blog/2025-01-01-tabs.md": TABS_POST})
    out = run_in_browser(KEYBOARD, serve(site.output) + "blog/2025/tabs/")
    assert out["initial"] == ["The first curve."]
    assert out["focused"] == "Negative exponential"  # reached with Tab
    assert out["afterArrow"] == ["The second curve."]
    assert out["noJsClick"] == ["The second curve."]
