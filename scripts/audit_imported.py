"""Import an al-folio site, audit it, and check that IMPORT-REPORT.md names every finding.

    PYTHONPATH=. python scripts/audit_imported.py ../shared/corpus/alfolio/SITE [--port 8767]

Issue 12 promises that an imported site passes `./dev audit` apart from the
problems its report names. The site is imported into a temporary folder,
built with its publish settings for the loopback address, and audited: the
about page, every page the menu links to and up to three posts, in the
browser; the about page in Lighthouse; every page for HTML and links. Each
finding is then matched with the report:

* a finding about files (a 404, a broken link, a console error) is named when
  every file it names is in the report (missing from the al-folio folder, or
  a BibTeX link to a file that is not there);
* a third-party load is named when its host is in the report;
* an HTML checker or axe finding is named when a build warning of the HTML
  checks (htmlchecks/) names the file the page was built from (matched by the
  page's last address segment: /blog/2026/x/ and blog/2026-05-04-x.md);
* the about page over the request budget is named by the report's line on it.

Prints each finding not named, and exits 1 when there is one.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote

from lxml import html

from audit.pages import auditable, first_page
from pelican_scholar.importer import import_alfolio
from pelican_scholar.importer.yamlfile import front_matter

ROOT = Path(__file__).resolve().parents[1]
FILES = re.compile(r"(?<![\w.])/(?:[\w.%-]+/)*[\w%-]+\.[A-Za-z0-9]{2,5}\b")
DEAD = re.compile(r"→ (?P<path>/.*) does not exist$")
HTML_CHECKS = ("not valid HTML", "not an HTML attribute", "obsolete HTML", "skipping a level", "skip a level",
               "not an HTML5 document", "has no alt attribute", "outside a <figure>", "<style> element",
               "has a contrast of", "see-through", "whole HTML document", "inside a paragraph", "HTML comment")
LIQUID = ("is Liquid", "mostly Liquid")
LIQUID_LEFT = re.compile(r"\{\{|\{%|\bendfor\b|\bendif\b")


def pages_to_audit(site: Path) -> list[str]:
    """The about page, the pages the menu links to, and up to three posts."""
    menu = html.parse(str(site / "index.html")).xpath("//nav//a/@href")
    local = [urlpath(href) for href in menu]
    posts = [first_page(site, "blog/[0-9]*/*/index.html", containing=containing)
             for containing in ("", "post--distill", "<math")]
    found = dict.fromkeys(page for page in ["/", *local, *posts] if page and auditable(site, page))
    return list(found)


def urlpath(href: str) -> str | None:
    path = re.sub(r"^https?://[^/]+", "", href).split("#", 1)[0]
    return path if path.startswith("/") and path.endswith("/") else None


def permalinks(content: Path) -> dict[str, str]:
    """{"/research/": "projects"}: the file stem of each page written at its `permalink:`."""
    found = {}
    for path in sorted(content.rglob("*.md")):
        link = front_matter(path.read_text(encoding="utf-8", errors="replace"))[0].get("permalink")
        if isinstance(link, str):
            found[("/" + link.strip("/") + "/").replace("//", "/")] = path.stem
    return found


def named(finding: dict, report: str, warnings: list[str], lighthouse: Path, sources: dict[str, str]) -> bool:
    tool, page, detail = finding["tool"], finding["page"], unquote(finding["detail"])
    stem = sources.get(page) or ([part for part in page.split("/") if part][-1:] or ["index"])[0].removesuffix(
        ".html")

    def file_warned(phrases) -> bool:
        """A build warning or a needs-attention line of the report names the page's file."""
        lines = warnings + [line for line in report.splitlines() if line.startswith("- `")]
        return any(stem in line.split(": ", 1)[0] and any(phrase in line for phrase in phrases) for line in lines)

    if tool == "weight":
        return "the about page loads" in report
    if LIQUID_LEFT.search(detail) and file_warned(LIQUID):
        return True  # Liquid left on the page, which the report asks to rewrite
    if page.endswith(".html") and file_warned(("published as it is",)):
        return True  # an HTML page of the user's, copied as it is
    if tool == "lighthouse" and "errors-in-console" in detail:
        detail = " ".join(unquote(item.get("sourceLocation", {}).get("url", "") or item.get("description", ""))
                          for path in lighthouse.glob("*.json")
                          for item in json.loads(path.read_text()).get("audits", {})
                          .get("errors-in-console", {}).get("details", {}).get("items", []))
    hosts = [host for host in re.findall(r"https?://([^/\s\"'>]+)", detail) if not host.startswith("127.0.0.1")]
    if hosts and tool in ("third-party", "requests", "js", "lighthouse") and all(host in report for host in hosts):
        local = FILES.findall(re.sub(r"https?://[^\s\"'>]+", "", detail))
        if not local or all(os.path.basename(path) in report for path in local):
            return True
    dead = DEAD.search(detail)
    files = [dead["path"]] if dead else FILES.findall(re.sub(r"https?://[^/\s\"'>]+", "", detail))
    if files and tool in ("links", "requests", "lighthouse"):
        return all(os.path.basename(path) in report for path in files)
    if tool in ("vnu", "axe"):
        return file_warned(HTML_CHECKS)
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("alfolio", type=Path)
    parser.add_argument("--port", type=int, default=8767)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="audit-imported-") as work:
        work = Path(work)
        report = import_alfolio(args.alfolio, ROOT, work / "site")
        report_text = (work / "site" / "IMPORT-REPORT.md").read_text(encoding="utf-8")
        site = work / "built"
        env = {**os.environ, "SITEURL": f"http://127.0.0.1:{args.port}"}
        subprocess.run([sys.executable, "-m", "pelican", "content", "-s", "publishconf.py", "-o", str(site),
                        "-q"], cwd=work / "site", env=env, check=True)
        pages = pages_to_audit(site)
        out = work / "audit"
        subprocess.run([sys.executable, "-m", "audit", str(site), "--port", str(args.port), "--pages", *pages,
                        "--lighthouse", "/", "--weight-page", "/", "--lighthouse-runs", "1", "--out", str(out)],
                       cwd=ROOT, check=False)
        results = json.loads((out / "report.json").read_text())
        findings = [finding for gate in results["gates"] for finding in gate["findings"]]
        sources = permalinks(work / "site" / "content")
        unnamed = [finding for finding in findings
                   if not named(finding, report_text, report.build_warnings, out / "lighthouse", sources)]
    print(f"\n{args.alfolio.name}: {len(pages)} pages in the browser; {len(findings)} audit findings, "
          f"{len(findings) - len(unnamed)} named by IMPORT-REPORT.md, {len(unnamed)} not named")
    for finding in unnamed:
        print(f"  NOT NAMED {finding['tool']} {finding['page']}: {finding['rule']} — {finding['detail'][:300]}")
    return 1 if unnamed else 0


if __name__ == "__main__":
    sys.exit(main())
