"""The browser gates, run in one headless Chromium (``browser.mjs``):

* ``axe``: axe-core's default rules (WCAG 2.x A/AA and best practices) on each
  page, in the light and the dark colour scheme, at 1280 px and at a 390 px
  phone width. Any violation of any impact is a breach.
* ``weight``: on the weight page(s) (the about page): bytes transferred (headers
  + encoded bodies, profile photo excluded) and the number of requests (photo
  included), at both widths.
* ``requests``: on every audited page and view: requests to any other host
  (they are blocked and counted: the budget is 0), responses >= 400, and, on
  pages without math or code, the JavaScript that really ran (script files and
  inline scripts, uncompressed).
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .budgets import Budgets
from .report import ToolResult
from .tools import BROWSER_SCRIPT, CHROME_FLAGS, CHROMIUM, NODE_MODULES, missing, node

# the profile photo, which the weight budget leaves out
DEFAULT_PHOTO_SELECTOR = (
    "img.profile, .profile img, img.avatar, .avatar img, img.portrait, .portrait img, "
    "img[class*='profile'], [class*='profile'] img, img[src*='prof_pic']"
)


@dataclass(frozen=True)
class Viewport:
    name: str
    width: int
    height: int
    mobile: bool = False


VIEWPORTS = (Viewport("desktop", 1280, 800), Viewport("phone", 390, 844, mobile=True))
SCHEMES = ("light", "dark")


def _kib(n: int) -> str:
    return f"{n / 1024:.1f} KiB"


def run_browser(
    base_url: str,
    pages: list[str],
    *,
    site_url: str = "",
    photo_selector: str = DEFAULT_PHOTO_SELECTOR,
    screenshots: Path | None = None,
    timeout: float = 900,
    out_json: Path | None = None,
) -> dict:
    """Run browser.mjs; returns its JSON ({"views": [...]}), or {"error": ...}."""
    cfg = {
        "base": base_url,
        "siteUrl": site_url,
        "chromium": CHROMIUM,
        "flags": list(CHROME_FLAGS),
        "nodeModules": str(NODE_MODULES),
        "pages": pages,
        "schemes": list(SCHEMES),
        "viewports": [v.__dict__ for v in VIEWPORTS],
        "photoSelector": photo_selector,
        "screenshots": str(screenshots) if screenshots else "",
    }
    with tempfile.TemporaryDirectory(prefix="audit-browser-") as tmp:
        cfg_path = Path(tmp) / "config.json"
        cfg_path.write_text(json.dumps(cfg))
        out = out_json or Path(tmp) / "browser.json"
        try:
            proc = subprocess.run(
                [node(), str(BROWSER_SCRIPT), str(cfg_path), str(out)],
                check=False,
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            return {"error": f"browser run timed out after {timeout:.0f} s"}
        if not out.is_file():
            return {
                "error": f"browser.mjs exited {proc.returncode}: {(proc.stderr or proc.stdout).strip()[-1500:]}"
            }
        return json.loads(out.read_text())


def browser_gates(
    base_url: str, pages: list[str], weight_pages: list[str], budgets: Budgets, **kw
) -> list[ToolResult]:
    axe, weight, reqs = ToolResult("axe"), ToolResult("weight"), ToolResult("requests")
    why = missing("node", "chromium", "playwright", "axe")
    if why:
        for r in (axe, weight, reqs):
            r.skipped = why
        return [axe, weight, reqs]
    data = run_browser(
        base_url, sorted(set(pages) | set(weight_pages), key=(pages + weight_pages).index), **kw
    )
    if "error" in data:
        for r in (axe, weight, reqs):
            r.fail("*", "browser-did-not-run", data["error"])
        return [axe, weight, reqs]
    views = data["views"]
    ours = {urlsplit(base_url).netloc, urlsplit(kw.get("site_url") or base_url).netloc}
    axe.checked = f"{len(pages)} pages x {len(VIEWPORTS)} widths x {len(SCHEMES)} schemes"
    reqs.checked = f"{len({v['page'] for v in views})} pages, {len(views)} views"
    weight.checked = f"{len(weight_pages)} page(s) x {len(VIEWPORTS)} widths"
    axe.data = {"axe": data.get("axeVersion"), "chromium": data.get("browserVersion"), "views": []}
    weight.data = {"views": []}
    backgrounds: dict[str, dict[str, list[str]]] = {}
    axe_by_rule: dict[tuple[str, str], list[tuple[str, dict]]] = {}
    for v in views:
        where = f"{v['view']} {v['width']}px, {v['scheme']}"
        if not v.get("ok"):
            axe.fail(v["page"], "page-did-not-load", f"{where}: {v.get('error')}")
            continue
        if (v.get("status") or 200) >= 400:
            axe.fail(
                v["page"], "page-http-status", f"{where}: the page answered HTTP {v['status']}"
            )
        backgrounds.setdefault(v["page"], {})[v["scheme"]] = v.get("background")
        if v["page"] in pages:
            axe.data["views"].append(
                {
                    k: v.get(k)
                    for k in ("page", "view", "scheme", "violations", "incomplete", "seconds")
                }
            )
            for viol in v.get("violations", []):
                axe_by_rule.setdefault((v["page"], viol["id"]), []).append((where, viol))
            if v.get("overflowPx"):
                axe.notes.append(
                    f"{v['page']} ({where}): page scrolls sideways by {v['overflowPx']} px"
                )
        # third-party and broken requests, every view
        for u in v.get("blocked", []):
            reqs.fail(
                v["page"],
                "third-party-request",
                f"{where}: {u} (blocked; budget {budgets.third_party_requests})",
            )
        for r in v.get("requests", []):
            if (
                urlsplit(r["url"]).netloc in ours
                and (r.get("status") is None or r["status"] >= 400)
                and r["url"] != base_url + v["page"]
            ):
                reqs.fail(
                    v["page"],
                    "broken-request",
                    f"{where}: {r['url']} → {r.get('status') or r.get('failure')}",
                )
        # JavaScript on pages without math or code
        if not v.get("mathOrCode") and v["scheme"] == "light":
            # Services' scripts (search, comments) are checked against the page's HTML by the js gate.
            scripts = [r for r in v.get("requests", []) if r["type"] == "script"
                       and not budgets.service_script(urlsplit(r["url"]).path)]
            total = v.get("inlineScriptBytes", 0) + sum(r.get("decoded") or 0 for r in scripts)
            listing = ", ".join(
                f"{urlsplit(r['url']).path} ({r.get('decoded')} B)" for r in scripts
            )
            if len(scripts) > budgets.js_max_files:
                reqs.fail(
                    v["page"],
                    "js-files",
                    f"{where}: {len(scripts)} script files ran on a page without math or code "
                    f"(budget {budgets.js_max_files}): {listing}",
                )
            if total > budgets.js_max_bytes:
                reqs.fail(
                    v["page"],
                    "js-bytes",
                    f"{where}: {total} B of JavaScript ran on a page without math or code "
                    f"(budget {budgets.js_max_bytes} B): {listing}, inline {v.get('inlineScriptBytes', 0)} B",
                )
        # page weight
        if v["page"] in weight_pages and v["scheme"] == "light":
            photos = set(v.get("photoUrls", []))
            rs = v.get("requests", [])
            counted = [r for r in rs if r["url"] not in photos]
            transfer = sum(r.get("transfer") or 0 for r in counted)
            n_req = len(rs) + len(v.get("blocked", []))
            weight.data["views"].append(
                {
                    "page": v["page"],
                    "view": v["view"],
                    "bytes": transfer,
                    "requests": n_req,
                    "photo": sorted(photos & {r["url"] for r in rs}),
                    "by_request": [
                        (urlsplit(r["url"]).path, r["type"], r.get("transfer")) for r in rs
                    ],
                }
            )
            detail = ", ".join(f"{urlsplit(r['url']).path} {r.get('transfer')} B" for r in rs)
            if transfer > budgets.weight_max_bytes:
                weight.fail(
                    v["page"],
                    "page-weight",
                    f"{where}: {_kib(transfer)} transferred without the photo "
                    f"(budget {_kib(budgets.weight_max_bytes)}): {detail}",
                )
            if n_req > budgets.weight_max_requests:
                weight.fail(
                    v["page"],
                    "request-count",
                    f"{where}: {n_req} requests (budget {budgets.weight_max_requests}): {detail}",
                )
            weight.notes.append(
                f"{v['page']} {v['view']}: {_kib(transfer)} transferred in {n_req} requests"
                + (
                    f" (+ photo {', '.join(urlsplit(p).path for p in sorted(photos & {r['url'] for r in rs}))}, "
                    f"{sum(r.get('transfer') or 0 for r in rs if r['url'] in photos)} B, not counted)"
                    if photos & {r["url"] for r in rs}
                    else " (no profile photo found)"
                )
            )
    # one line per page and rule, naming the views where it fails
    for (page, rule), hits in axe_by_rule.items():
        viol = hits[0][1]
        nodes = viol["nodes"]
        first = nodes[0] if nodes else {}
        views = (
            "all views"
            if len(hits) == len(VIEWPORTS) * len(SCHEMES)
            else "; ".join(w for w, _ in hits)
        )
        axe.fail(
            page,
            f"{rule} ({viol['impact']})",
            f"{viol['help']} [{views}]; {len(nodes)} element(s), first: {first.get('target')} "
            f"{first.get('html', '')[:120]} — {first.get('summary', '')[:160]}",
        )
    for page, bg in backgrounds.items():
        if page in pages and bg.get("light") and bg.get("light") == bg.get("dark"):
            axe.notes.append(
                f"{page}: same background in light and dark ({bg['light']}): is the dark scheme applied?"
            )
    return [axe, weight, reqs]
