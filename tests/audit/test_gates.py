"""The quality gates can fail: each checker is fed a page with one planted defect.

The fixture site has a clean about page and one page per defect (an image
without alt text, a broken link and a missing #anchor, invalid nesting, an
external script, too much JavaScript, too many bytes). Each checker must
report its own defect, name the page and the rule, and pass the clean page.

The link, third-party and JavaScript checks are pure Python and always run.
The rest need the toolchain (``audit/install.sh``); they are marked ``audit``
and skip, saying what is missing, without it.
"""

from __future__ import annotations

import os
import random
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from audit.browser import browser_gates
from audit.budgets import DEFAULT
from audit.links import Site, check_links
from audit.resources import check_js, check_third_party
from audit.serve import serve
from audit.tools import PROJECT, missing
from audit.vnu import check_vnu

CSS = """\
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1a1a1a; --link: #0b57d0; }
@media (prefers-color-scheme: dark) { :root { --bg: #111418; --fg: #e8e8e8; --link: #8ab4f8; } }
body { background: var(--bg); color: var(--fg); font: 1rem/1.5 system-ui, sans-serif; max-width: 40rem;
       margin: 0 auto; padding: 1rem; }
a { color: var(--link); }
img { max-width: 100%; height: auto; }
"""
TOGGLE_JS = "document.documentElement.dataset.js = 'on';\n"


def page(title: str, body: str, head: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{title}: a page of the audit test site.">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/style.css">
<script src="/toggle.js" defer></script>
{head}</head>
<body>
<header><nav aria-label="Main"><a href="/">About</a> <a href="/blog/">Blog</a></nav></header>
<main>
<h1>{title}</h1>
{body}
</main>
<footer><p>Audit test site</p></footer>
</body>
</html>
"""


def png(width: int, height: int, seed: int = 1) -> bytes:
    """A valid PNG of random pixels (does not compress: a stand-in for a photo)."""
    rnd = random.Random(seed)
    raw = b"".join(b"\0" + rnd.randbytes(width * 3) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


CLEAN = {
    "index.html": page(
        "About",
        '<img class="profile" src="/photo.png" alt="Portrait of the site owner" width="100" height="100">\n'
        '<p id="bio">I study forests. Read <a href="/blog/">the blog</a> or '
        '<a href="/blog/#latest">the latest post</a>, or <a href="#bio">this bio</a>.</p>\n'
        '<p>Elsewhere: <a href="https://example.org/">an external site</a> (links out are fine).</p>',
    ),
    "blog/index.html": page(
        "Blog",
        '<h2 id="latest">Latest</h2>\n<p>Nothing yet. <a href="/">Back to the about page</a>.</p>',
    ),
    "style.css": CSS,
    "toggle.js": TOGGLE_JS,
}
BROKEN = {
    # axe (and Lighthouse accessibility): image without a text alternative
    "missing-alt.html": page(
        "Missing alt", '<p>A figure.</p>\n<img src="/photo.png" width="200" height="200">'
    ),
    # link check: a page that does not exist, and an anchor that does not exist
    "broken-link.html": page(
        "Broken link",
        '<p>See <a href="/no-such-page/">this page</a> and <a href="/blog/#no-such-anchor">this section</a>.</p>',
    ),
    # Nu checker: <div> inside <p> (the </p> then has no open p) and <a> inside <a>
    "bad-nesting.html": page(
        "Bad nesting",
        '<p>Text <div>a block in a paragraph</div></p>\n<p><a href="/">outer <a href="/blog/">inner</a></a></p>',
    ),
    # third-party gates: a script from a CDN
    "external-script.html": page(
        "External script",
        "<p>Loads a script from a CDN.</p>",
        head='<script src="https://cdn.example.com/x.js"></script>\n',
    ),
    # JavaScript budget: a page without math or code that ships 4 KiB of inline script
    "heavy-js.html": page(
        "Heavy JS", "<p>No math, no code.</p>", head=f"<script>{'/* pad */ ' * 450}</script>\n"
    ),
    # page weight: 180 KB of hex text (about 95 KB gzipped) on the weight page
    "heavy.html": page(
        "Heavy", "\n".join(f"<p>{random.Random(i).randbytes(600).hex()}</p>" for i in range(150))
    ),
}


def write_site(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        f = root / name
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(text)
    (root / "photo.png").write_bytes(png(200, 200))
    return root


@pytest.fixture
def clean_site(tmp_path: Path) -> Path:
    return write_site(tmp_path / "clean", CLEAN)


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory) -> Path:
    return write_site(tmp_path_factory.mktemp("broken"), {**CLEAN, **BROKEN})


def rules(result, page: str) -> set[str]:
    return {f.rule for f in result.findings if f.page == page}


def pages_failing(result) -> set[str]:
    return {f.page for f in result.findings}


def needs(*tools: str) -> None:
    why = missing(*tools)
    if why:
        pytest.skip(f"audit toolchain not installed: {why} (run audit/install.sh)")


# --- link check: pure Python, always runs -------------------------------------------------------


def test_link_check_passes_a_clean_site(clean_site):
    result = check_links(Site.load(clean_site))
    assert result.findings == []


def test_link_check_reports_a_broken_link_and_a_missing_anchor(broken_site):
    result = check_links(Site.load(broken_site))
    assert pages_failing(result) == {"/broken-link.html"}
    assert rules(result, "/broken-link.html") == {"broken-link", "missing-anchor"}
    lines = [f.line() for f in result.findings]
    assert any(
        "/no-such-page/" in line and line.startswith("FAIL links /broken-link.html: broken-link — ")
        for line in lines
    )
    assert any('no id="no-such-anchor" in /blog/' in line for line in lines)


def test_link_check_reads_srcset_css_and_absolute_links_under_the_site_url(tmp_path):
    site = write_site(
        tmp_path,
        {
            "index.html": page(
                "About",
                '<img src="/photo.png" srcset="/photo.png 1x, /photo@2x.png 2x" alt="x">\n'
                '<a href="https://ada.example.org/blog/#latest">latest</a>\n'
                '<a href="https://ada.example.org/gone/">gone</a>\n'
                '<a href="https://other.example.org/gone/">elsewhere</a>',
            ),
            "blog/index.html": page("Blog", '<h2 id="latest">Latest</h2>'),
            "style.css": CSS + "body { background-image: url(img/missing.svg); }\n",
            "toggle.js": TOGGLE_JS,
        },
    )
    result = check_links(Site.load(site, site_url="https://ada.example.org"))
    details = " | ".join(f.line() for f in result.findings)
    assert "/photo@2x.png" in details  # srcset candidate
    assert (
        "/gone/" in details and "other.example.org" not in details
    )  # site URL internal, other hosts ignored
    assert "FAIL links /style.css: broken-asset" in details  # url() in a stylesheet
    assert len(result.findings) == 3


# --- static third-party and JavaScript checks: pure Python, always run ----------------------------


def test_third_party_check_fails_on_an_external_script_only(broken_site):
    result = check_third_party(Site.load(broken_site))
    assert pages_failing(result) == {"/external-script.html"}
    assert "cdn.example.com/x.js" in result.findings[0].detail


def test_js_budget_fails_on_heavy_script_and_on_an_external_script(broken_site):
    result = check_js(Site.load(broken_site), DEFAULT)
    assert rules(result, "/heavy-js.html") == {"js-bytes"}
    assert rules(result, "/external-script.html") == {"js-files", "js-unknown-script"}
    assert pages_failing(result) == {"/heavy-js.html", "/external-script.html"}


def test_js_budget_exempts_pages_with_math_or_code(tmp_path):
    heavy = f"<script>{'/* pad */ ' * 450}</script>\n"
    site = write_site(
        tmp_path,
        {
            "code.html": page("Code", "<pre><code>print(1)</code></pre>", head=heavy),
            "math.html": page("Math", "<p><math><mi>x</mi></math></p>", head=heavy),
            "plain.html": page("Plain", "<p>prose</p>", head=heavy),
            "toggle.js": TOGGLE_JS,
        },
    )
    assert pages_failing(check_js(Site.load(site), DEFAULT)) == {"/plain.html"}


def test_js_budget_allows_a_services_scripts_only_on_a_page_showing_that_service(tmp_path):
    # Every test page loads /toggle.js already: the one script of the budget.
    search = '<script src="/pagefind/pagefind-ui.js"></script><script src="/theme/js/search.js"></script>\n'
    comments = '<script src="/theme/js/comments.js"></script>\n'
    site = write_site(
        tmp_path,
        {
            "search.html": page("Search", '<div id="search"></div>', head=search),
            "talk.html": page("Talk", '<section data-comments="giscus"></section>', head=comments),
            "sneaky.html": page("Sneaky", "<p>prose</p>", head=search),
            "pagefind/pagefind-ui.js": "/* ui */ " * 1000,
            "theme/js/search.js": TOGGLE_JS,
            "theme/js/comments.js": TOGGLE_JS,
            "toggle.js": TOGGLE_JS,
        },
    )
    result = check_js(Site.load(site), DEFAULT)
    assert pages_failing(result) == {"/sneaky.html"}
    assert rules(result, "/sneaky.html") == {"js-files", "js-bytes"}


# --- Nu HTML checker ------------------------------------------------------------------------------


@pytest.mark.audit
def test_vnu_fails_on_invalid_nesting_and_passes_the_rest(broken_site):
    needs("java", "vnu")
    result = check_vnu(broken_site, DEFAULT)
    # an <img> without alt is invalid HTML too, so the Nu checker also flags that page
    assert pages_failing(result) == {"/bad-nesting.html", "/missing-alt.html"}, [
        f.line() for f in result.findings
    ]
    text = " ".join(f.detail for f in result.findings if f.page == "/bad-nesting.html")
    assert "No “p” element in scope" in text
    assert "Start tag “a” seen but an element of the same type was already open" in text


# --- browser: axe, third-party requests, JavaScript run, page weight ------------------------------


@pytest.fixture(scope="module")
def browser_results(broken_site):
    needs("node", "chromium", "playwright", "axe")
    pages = ["/", "/blog/", "/missing-alt.html", "/external-script.html", "/heavy-js.html"]
    with serve(broken_site) as server:
        axe, weight, reqs = browser_gates(server.base_url, pages, ["/", "/heavy.html"], DEFAULT)
    return {"axe": axe, "weight": weight, "requests": reqs}


@pytest.mark.audit
def test_axe_fails_on_an_image_without_alt_in_both_schemes_and_widths(browser_results):
    axe = browser_results["axe"]
    assert pages_failing(axe) == {"/missing-alt.html"}, [f.line() for f in axe.findings]
    (finding,) = axe.findings
    assert finding.rule == "image-alt (critical)"
    assert "[all views]" in finding.detail  # light and dark, 1280 and 390 px
    assert len(axe.data["views"]) == 5 * 4


@pytest.mark.audit
def test_browser_blocks_and_counts_requests_to_other_hosts(browser_results):
    reqs = browser_results["requests"]
    third = [f for f in reqs.findings if f.rule == "third-party-request"]
    assert {f.page for f in third} == {"/external-script.html"}
    assert len(third) == 4 and all("https://cdn.example.com/x.js" in f.detail for f in third)


@pytest.mark.audit
def test_browser_measures_the_javascript_a_plain_page_runs(browser_results):
    reqs = browser_results["requests"]
    assert rules(reqs, "/heavy-js.html") == {"js-bytes"}
    assert pages_failing(reqs) == {"/external-script.html", "/heavy-js.html"}


@pytest.mark.audit
def test_page_weight_excludes_the_profile_photo_and_fails_a_heavy_page(browser_results):
    weight = browser_results["weight"]
    assert pages_failing(weight) == {"/heavy.html"}
    assert rules(weight, "/heavy.html") == {"page-weight"}
    about = [v for v in weight.data["views"] if v["page"] == "/"]
    assert about and all(v["photo"] == [] or v["photo"][0].endswith("/photo.png") for v in about)
    assert all(v["bytes"] < 20 * 1024 and v["requests"] == 4 for v in about)  # html, css, js, photo


# --- the whole audit, as CI runs it ---------------------------------------------------------------


def run_audit(site: Path, *args: str, out: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    return subprocess.run(
        [sys.executable, "-m", "audit", str(site), "--out", str(out), *args],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


@pytest.mark.audit
def test_audit_command_passes_a_clean_site(clean_site, tmp_path):
    needs("node", "java", "chromium", "vnu", "playwright", "axe", "lighthouse")
    proc = run_audit(
        clean_site, "--pages", "/", "/blog/", "--lighthouse", "/", out=tmp_path / "out"
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "FAIL" not in proc.stdout
    assert "audit: passed" in proc.stdout


@pytest.mark.audit
def test_audit_command_fails_and_names_page_and_rule_for_each_defect(broken_site, tmp_path):
    needs("node", "java", "chromium", "vnu", "playwright", "axe", "lighthouse")
    proc = run_audit(
        broken_site,
        "--pages",
        "/",
        "/missing-alt.html",
        "/external-script.html",
        "--lighthouse",
        "/missing-alt.html",
        "--weight-page",
        "/",
        out=tmp_path / "out",
    )
    out = proc.stdout
    assert proc.returncode == 1, out + proc.stderr
    for expected in (
        "FAIL links /broken-link.html: broken-link — ",
        "FAIL links /broken-link.html: missing-anchor — ",
        "FAIL vnu /bad-nesting.html: html-error — ",
        "FAIL axe /missing-alt.html: image-alt (critical) — ",
        "FAIL third-party /external-script.html: third-party-resource — ",
        "FAIL requests /external-script.html: third-party-request — ",
        "FAIL js /heavy-js.html: js-bytes — ",
        "FAIL lighthouse /missing-alt.html: accessibility ",
    ):
        assert expected in out, f"{expected!r} not in:\n{out}"
    assert "audit summary" in out and "audit: FAILED" in out
    assert (tmp_path / "out" / "report.json").is_file()


def test_link_check_does_not_read_urls_inside_a_data_url():
    from audit.links import css_urls

    css = ("a { mask-image: url(\"data:image/svg+xml,<svg><line marker-end='url(%23a)'/></svg>\"); }\n"
           "b { background: url(photo.png); }\n")
    assert list(css_urls(css)) == ["photo.png"]
