"""Site services in a real browser (headless Chromium): comments load only on a
click, and the search page finds words from posts and from abstracts."""

from __future__ import annotations

import pytest
from in_browser import run_in_browser

pytestmark = pytest.mark.audit

GISCUS = {"repo": "ada/site", "repo_id": "R_kgDO123", "category": "Comments", "category_id": "DIC_kwDO456"}
POST = ("---\ntitle: Talking trees\ndate: 2025-01-01\ngiscus_comments: true\n---\n"
        "The word xylophagous lives only in this post.\n")
BIB = """@article{ada2023memory,
  title = {Forest memory},
  author = {Lindqvist, Ada},
  journal = {Journal of Trees},
  year = {2023},
  abstract = {Legacies measured by the word quinquennial, found only here.},
}
"""

# Every request to another host is recorded and refused (nothing may leave the machine).
PRELUDE = r"""
const { createRequire } = require('node:module');
const req = createRequire(process.argv[1] + '/noop.js');
const { chromium } = req('playwright-core');
async function open(browser, options, url, outside) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.route('**/*', (route) => {
    const address = new URL(route.request().url());
    if (address.hostname !== '127.0.0.1') { outside.push(address.href); return route.abort(); }
    return route.continue();
  });
  await page.goto(url);
  return page;
}
"""

COMMENTS = PRELUDE + r"""
(async () => {
  const browser = await chromium.launch({ executablePath: process.argv[2], args: ['--no-sandbox', '--disable-gpu'] });
  const url = process.argv[3];
  const out = { beforeClick: [], afterClick: [] };
  const page = await open(browser, { colorScheme: 'dark' }, url, out.beforeClick);
  await page.waitForLoadState('networkidle');
  out.button = await page.evaluate(() => {
    const b = document.querySelector('.comments__button');
    return { tag: b.tagName, text: b.textContent };
  });
  out.requestsBeforeClick = [...out.beforeClick];
  await page.click('button.comments__button');
  await page.waitForTimeout(500);
  out.afterClick = out.beforeClick.filter((u) => !out.requestsBeforeClick.includes(u));
  out.script = await page.evaluate(() => {
    const s = document.querySelector('.comments__widget script');
    return s && { src: s.src, repo: s.dataset.repo, repoId: s.dataset.repoId, theme: s.dataset.theme };
  });
  out.buttonGone = await page.evaluate(() => !document.querySelector('.comments__button'));
  const noJs = await open(browser, { javaScriptEnabled: false }, url, []);
  out.noJs = await noJs.evaluate(() => {
    const a = document.querySelector('.comments__button');
    return { tag: a.tagName, href: a.href };
  });
  await browser.close();
  console.log(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
"""

SEARCH = PRELUDE + r"""
(async () => {
  const browser = await chromium.launch({ executablePath: process.argv[2], args: ['--no-sandbox', '--disable-gpu'] });
  const url = process.argv[3];
  const out = { outside: [] };
  const page = await open(browser, { colorScheme: 'light' }, url, out.outside);
  const results = async (word) => {
    await page.fill('.pagefind-ui__search-input', word);
    // Pagefind's message ("1 result for …") names the word once its results are in.
    await page.waitForFunction((w) => {
      const message = document.querySelector('.pagefind-ui__message');
      return message && message.textContent.includes(w) && document.querySelector('.pagefind-ui__result-link');
    }, word, { timeout: 15000 });
    // One result per page: its first link (the others are its sections).
    return page.$$eval('.pagefind-ui__result', (items) => items.map((item) => {
      const a = item.querySelector('.pagefind-ui__result-link');
      return [a.textContent.replace(/\s+/g, ' ').trim(), new URL(a.href).pathname];
    }));
  };
  out.post = await results('xylophagous');
  out.paper = await results('quinquennial');
  out.address = page.url();
  const noJs = await open(browser, { javaScriptEnabled: false }, url, []);
  out.noJs = await noJs.evaluate(() => [...document.querySelectorAll('main a')].map((a) => new URL(a.href).pathname));
  await browser.close();
  console.log(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
"""


CONSENT = PRELUDE + r"""
(async () => {
  const browser = await chromium.launch({ executablePath: process.argv[2], args: ['--no-sandbox', '--disable-gpu'] });
  const url = process.argv[3];
  const banner = (page) => page.evaluate(() => {
    const b = document.getElementById('analytics-consent');
    return { visible: !!b.offsetParent || getComputedStyle(b).display !== 'none' && !b.hidden,
             background: getComputedStyle(b).backgroundColor };
  });
  const out = {};
  // Declining with the keyboard: nothing is requested, now or after a reload.
  const declined = [];
  const page = await open(browser, { colorScheme: 'dark' }, url, declined);
  await page.waitForLoadState('networkidle');
  out.firstVisit = { ...(await banner(page)), outside: [...declined] };
  await page.focus('[data-consent="denied"]');
  await page.keyboard.press('Enter');
  out.afterDecline = await banner(page);
  await page.reload();
  await page.waitForLoadState('networkidle');
  out.afterDeclineReload = { ...(await banner(page)), outside: [...declined],
    stored: await page.evaluate(() => localStorage.getItem('analytics-consent')) };
  // Allowing: Google's script is requested then, and on the next visit without asking.
  const allowed = [];
  const other = await open(browser, { colorScheme: 'light' }, url, allowed);
  await other.waitForLoadState('networkidle');
  out.beforeAllow = [...allowed];
  await other.click('[data-consent="granted"]');
  await other.waitForTimeout(500);
  out.afterAllow = allowed.map((u) => new URL(u).origin + new URL(u).pathname);
  await other.reload();
  await other.waitForTimeout(500);
  out.afterAllowReload = { ...(await banner(other)), requests: allowed.length };
  await browser.close();
  console.log(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
"""


def test_comments_load_from_giscus_only_after_the_click_in_the_readers_theme(build_site, serve):
    site = build_site({"blog/2025-01-01-talk.md": POST}, GISCUS=GISCUS)
    out = run_in_browser(COMMENTS, serve(site.output) + "blog/2025/talk/")
    assert out["requestsBeforeClick"] == []
    assert out["button"] == {"tag": "BUTTON", "text": "Show comments from giscus"}
    assert out["afterClick"] == ["https://giscus.app/client.js"]
    assert out["script"] == {"src": "https://giscus.app/client.js", "repo": "ada/site",
                             "repoId": "R_kgDO123", "theme": "dark"}
    assert out["buttonGone"]
    assert out["noJs"]["tag"] == "A"
    assert out["noJs"]["href"].startswith("https://github.com/ada/site/discussions?discussions_q=")


def test_the_search_page_finds_a_word_from_a_post_and_one_from_an_abstract(build_site, serve):
    site = build_site({"blog/2025-01-01-talk.md": POST, "publications/papers.bib": BIB,
                       "pages/about.md": "---\nlayout: about\ntitle: About\npermalink: /\n---\nHi.\n"},
                      SEARCH_ENABLED=True)
    out = run_in_browser(SEARCH, serve(site.output) + "search/")
    assert out["outside"] == []
    assert out["post"] == [["Talking trees", "/blog/2025/talk/"]]
    assert out["paper"] == [["Forest memory", "/publications/ada2023memory/"]]
    assert out["address"].endswith("/search/?q=quinquennial")
    assert out["noJs"] == ["/blog/archive/", "/blog/tags/", "/publications/"]


def test_google_analytics_waits_for_consent_given_or_refused_with_the_keyboard(build_site, serve):
    site = build_site({"pages/about.md": "---\nlayout: about\ntitle: About\npermalink: /\n---\nHi.\n"},
                      GOOGLE_ANALYTICS="G-TEST123")
    out = run_in_browser(CONSENT, serve(site.output))
    assert out["firstVisit"]["visible"] and out["firstVisit"]["outside"] == []
    assert out["firstVisit"]["background"] != "rgb(255, 255, 255)"  # the dark surface
    assert not out["afterDecline"]["visible"]
    assert out["afterDeclineReload"] == {**out["afterDeclineReload"], "visible": False,
                                         "outside": [], "stored": "denied"}
    assert out["beforeAllow"] == []
    assert out["afterAllow"] == ["https://www.googletagmanager.com/gtag/js"]
    assert not out["afterAllowReload"]["visible"] and out["afterAllowReload"]["requests"] == 2
