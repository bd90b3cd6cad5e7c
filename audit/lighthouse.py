"""Lighthouse 12 (mobile preset) on a few pages, against the score budgets.

Category scores of tiny pages move a little from run to run on a busy
machine, so when performance alone is under budget the page is run twice more
and the median performance score counts (Lighthouse's own advice).
Accessibility, best practices and SEO do not vary and are taken from the first
run.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

from .budgets import Budgets
from .report import ToolResult
from .tools import CHROME_FLAGS, CHROMIUM, LIGHTHOUSE, missing, node

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def _chrome_flags(user_data_dir: str) -> str:
    flags = []
    for f in CHROME_FLAGS:
        if (
            " " in f
        ):  # --host-resolver-rules="MAP * ~NOTFOUND, ..." : Lighthouse splits on spaces outside quotes
            name, value = f.split("=", 1)
            f = f'{name}="{value}"'
        flags.append(f)
    return " ".join([*flags, f"--user-data-dir={user_data_dir}"])


def run_lighthouse(url: str, out: Path, *, preset: str = "mobile", timeout: float = 240) -> dict:
    """One Lighthouse run; returns the LHR (or {"runtimeError": ...})."""
    with tempfile.TemporaryDirectory(prefix="audit-lh-") as profile:
        cmd = [
            node(),
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={_chrome_flags(profile)}",
            "--disable-full-page-screenshot",
            "--max-wait-for-load=45000",
        ]
        if preset == "desktop":
            cmd.append("--preset=desktop")
        try:
            proc = subprocess.run(
                cmd,
                check=False,
                capture_output=True,
                text=True,
                timeout=timeout,
                env={**os.environ, "CHROME_PATH": CHROMIUM},
            )
        except subprocess.TimeoutExpired:
            return {
                "runtimeError": {"code": "TIMEOUT", "message": f"no report after {timeout:.0f} s"}
            }
    if not out.is_file():
        return {
            "runtimeError": {
                "code": f"EXIT {proc.returncode}",
                "message": (proc.stderr or proc.stdout).strip()[-800:],
            }
        }
    return json.loads(out.read_text())


def _scores(lhr: dict) -> dict[str, int | None]:
    return {
        k: (round(c["score"] * 100) if c.get("score") is not None else None)
        for k, c in lhr.get("categories", {}).items()
    }


def _failing_audits(lhr: dict, category: str) -> list[str]:
    cat = lhr["categories"].get(category, {})
    audits = lhr["audits"]
    out = []
    for ref in cat.get("auditRefs", []):
        a = audits.get(ref["id"], {})
        if ref.get("weight", 0) > 0 and a.get("score") is not None and a["score"] < 1:
            shown = f"{ref['id']}"
            if a.get("displayValue"):
                shown += f" ({a['displayValue']})"
            elif a.get("details", {}).get("items"):
                shown += f" ({len(a['details']['items'])} item(s))"
            out.append(shown)
    return out


def check_lighthouse(
    base_url: str,
    pages: list[str],
    budgets: Budgets,
    out_dir: Path,
    *,
    preset: str = "mobile",
    max_runs: int = 3,
) -> ToolResult:
    result = ToolResult("lighthouse")
    why = missing("node", "chromium", "lighthouse")
    if why:
        result.skipped = why
        return result
    result.checked = f"{len(pages)} pages, {preset}"
    out_dir.mkdir(parents=True, exist_ok=True)
    minimum = dict(budgets.lighthouse_min)
    for page in pages:
        slug = page.strip("/").replace("/", "_") or "root"
        runs = []
        for n in range(1, max_runs + 1):
            lhr = run_lighthouse(base_url + page, out_dir / f"{slug}.run{n}.json", preset=preset)
            if lhr.get("runtimeError"):
                err = lhr["runtimeError"]
                result.fail(
                    page,
                    "lighthouse-runtime-error",
                    f"{err.get('code')}: {err.get('message', '')[:300]}",
                )
                break
            runs.append(lhr)
            perf = _scores(lhr).get("performance")
            if perf is not None and perf >= minimum["performance"]:
                break
        if not runs:
            continue
        first = runs[0]
        scores = _scores(first)
        perfs = [_scores(r).get("performance") or 0 for r in runs]
        scores["performance"] = int(statistics.median(perfs))
        result.data[page] = {
            "scores": scores,
            "performance_runs": perfs,
            "bytes": first["audits"].get("total-byte-weight", {}).get("numericValue"),
            "requests": len(
                first["audits"].get("network-requests", {}).get("details", {}).get("items", [])
            ),
            "lighthouse": first.get("lighthouseVersion"),
        }
        result.notes.append(
            f"{page}: "
            + ", ".join(f"{k} {scores.get(k)}" for k in CATEGORIES)
            + (f" (performance runs {perfs})" if len(perfs) > 1 else "")
        )
        for cat in CATEGORIES:
            s = scores.get(cat)
            if s is None or s < minimum[cat]:
                lhr = (
                    runs[perfs.index(scores["performance"])]
                    if cat == "performance" and scores["performance"] in perfs
                    else first
                )
                failing = ", ".join(_failing_audits(lhr, cat)) or "no single failing audit"
                result.fail(page, f"{cat} {s} < {minimum[cat]}", f"failing audits: {failing}")
        for w in first.get("runWarnings", []):
            result.notes.append(f"{page}: Lighthouse warning: {w[:200]}")
    return result
