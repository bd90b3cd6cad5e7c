// Drives Debian's Chromium with playwright-core for the browser gates of `python -m audit`:
// axe-core on each page in every colour scheme and width, and what each view loaded
// (requests, bytes, blocked third-party requests, inline script bytes, math/code, photo URLs).
//
// Usage: node audit/browser.mjs CONFIG_JSON OUT_JSON
//   CONFIG_JSON: {base, siteUrl, chromium, flags[], pages[], schemes[], viewports[{name,width,height,mobile}],
//                 photoSelector, screenshots (dir or "")}
// Writes OUT_JSON: {browserVersion, axeVersion, views: [{page, view, scheme, ...}]}. Exit 0 when every
// view was audited, 1 when some view errored (the error is in OUT_JSON), 3 on a crash.
// Never downloads anything: requests to hosts other than the local server are aborted and listed.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const cfg = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const outJson = process.argv[3];
// resolve the project's pinned node_modules, wherever this file is run from
const require = createRequire(path.join(cfg.nodeModules, 'noop.js'));
const { chromium } = require('playwright-core');
const { AxeBuilder } = require('@axe-core/playwright');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const base = new URL(cfg.base);
const site = cfg.siteUrl ? new URL(cfg.siteUrl) : null;
const sitePrefix = site ? site.pathname.replace(/\/$/, '') : '';
const NAV_TIMEOUT = 30000;

function localUrl(u) {
  // a request for the published address, answered by the local server
  if (!site) return null;
  const x = new URL(u);
  if (x.origin !== site.origin || !(x.pathname === sitePrefix || x.pathname.startsWith(sitePrefix + '/'))) return null;
  return base.origin + (x.pathname.slice(sitePrefix.length) || '/') + x.search;
}

async function auditView(browser, pagePath, vp, scheme) {
  const rec = { page: pagePath, view: vp.name, width: vp.width, scheme, ok: false };
  const ctx = await browser.newContext({
    viewport: { width: vp.width, height: vp.height },
    deviceScaleFactor: vp.mobile ? 2 : 1, isMobile: !!vp.mobile, hasTouch: !!vp.mobile,
  });
  const blocked = [];
  await ctx.route('**/*', async (route) => {
    const u = route.request().url();
    if (u.startsWith(base.origin + '/')) return route.continue();
    const local = localUrl(u);
    if (local) {
      // served decoded: in this mode transfer sizes are uncompressed (an upper bound)
      const response = await route.fetch({ url: local });
      return route.fulfill({ response });
    }
    blocked.push(u);
    return route.abort('blockedbyclient');
  });
  const page = await ctx.newPage();
  const requests = [], pending = [], consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push('uncaught: ' + e.message));
  page.on('requestfinished', (req) => pending.push((async () => {
    const resp = await req.response();
    const sizes = await req.sizes().catch(() => null);
    let body = null;
    try { body = resp ? (await resp.body()).length : null; } catch { body = null; }
    requests.push({ url: req.url(), type: req.resourceType(), status: resp ? resp.status() : null,
      transfer: sizes ? sizes.responseHeadersSize + sizes.responseBodySize : null, decoded: body });
  })()));
  page.on('requestfailed', (req) => {
    if (!blocked.includes(req.url())) requests.push({ url: req.url(), type: req.resourceType(), status: null,
      failure: (req.failure() || {}).errorText, transfer: 0, decoded: 0 });
  });
  try {
    await page.emulateMedia({ colorScheme: scheme });
    const resp = await page.goto(base.origin + pagePath, { waitUntil: 'load', timeout: NAV_TIMEOUT });
    rec.status = resp ? resp.status() : null;
    await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
    await Promise.all(pending);
    const info = await page.evaluate((photoSelector) => {
      const JS = new Set(['', 'text/javascript', 'application/javascript', 'module', 'text/ecmascript', 'application/ecmascript']);
      const inline = [...document.scripts].filter((s) => !s.src && JS.has((s.type || '').trim().toLowerCase()));
      const abs = (u) => { try { return new URL(u, document.baseURI).href; } catch { return null; } };
      const photos = new Set();
      for (const img of document.querySelectorAll(photoSelector)) {
        const srcs = [img.currentSrc, img.getAttribute('src')];
        const sets = [img.getAttribute('srcset')];
        if (img.parentElement && img.parentElement.tagName === 'PICTURE')
          for (const s of img.parentElement.querySelectorAll('source')) sets.push(s.getAttribute('srcset'));
        for (const set of sets) if (set) for (const c of set.split(',')) srcs.push(c.trim().split(/\s+/)[0]);
        for (const s of srcs) if (s) photos.add(abs(s));
      }
      const bg = (el) => getComputedStyle(el).backgroundColor;
      return {
        inlineScriptBytes: inline.reduce((n, s) => n + new TextEncoder().encode(s.textContent).length, 0),
        mathOrCode: !!document.querySelector('pre, code, math, .math, .katex, .MathJax, .arithmatex, .highlight, .codehilite'),
        photoUrls: [...photos].filter(Boolean),
        overflowPx: Math.max(0, document.documentElement.scrollWidth - window.innerWidth),
        background: [bg(document.documentElement), bg(document.body)],
        title: document.title,
      };
    }, cfg.photoSelector);
    Object.assign(rec, info);
    // what the page loaded, before axe runs (axe itself may fetch stylesheets to read them)
    rec.requests = [...requests];
    rec.blocked = [...blocked];
    const axe = await new AxeBuilder({ page, axeSource }).analyze();
    rec.violations = axe.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 200),
        summary: (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 300) })) }));
    rec.incomplete = axe.incomplete.map((v) => v.id);
    if (cfg.screenshots) {
      fs.mkdirSync(cfg.screenshots, { recursive: true });
      const slug = (pagePath.replace(/^\/+|\/+$/g, '').replace(/[^A-Za-z0-9._-]+/g, '_') || 'root');
      rec.screenshot = path.join(cfg.screenshots, `${slug}.${vp.name}.${scheme}.png`);
      await page.screenshot({ path: rec.screenshot, fullPage: true });
    }
    rec.ok = true;
  } catch (e) {
    rec.error = String((e && e.message) || e).slice(0, 1000);
  }
  await Promise.allSettled(pending);
  rec.requests = rec.requests || requests;
  rec.blocked = rec.blocked || blocked;
  rec.consoleErrors = consoleErrors;
  await ctx.close().catch(() => {});
  return rec;
}

const browser = await chromium.launch({ executablePath: cfg.chromium, headless: true, chromiumSandbox: false,
  args: cfg.flags.filter((f) => f !== '--headless' && f !== '--no-sandbox'), timeout: 60000 });
const result = { browserVersion: browser.version(), axeVersion: require('axe-core/package.json').version,
  playwrightVersion: require('playwright-core/package.json').version, views: [] };
try {
  for (const p of cfg.pages)
    for (const vp of cfg.viewports)
      for (const scheme of cfg.schemes) {
        const t0 = Date.now();
        const rec = await auditView(browser, p, vp, scheme);
        rec.seconds = (Date.now() - t0) / 1000;
        result.views.push(rec);
      }
} finally {
  await browser.close();
}
fs.writeFileSync(outJson, JSON.stringify(result, null, 1));
process.exit(result.views.every((v) => v.ok) ? 0 : 1);
