"""Command line of the audit; see the package docstring (``python -m audit --help``)."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from . import __doc__ as PACKAGE_DOC
from .browser import DEFAULT_PHOTO_SELECTOR, browser_gates
from .budgets import DEFAULT
from .lighthouse import check_lighthouse
from .links import Site, check_links
from .report import ToolResult, finding_lines, print_summary, write_json
from .resources import check_js, check_third_party
from .serve import serve
from .tools import PROJECT
from .vnu import check_vnu

GATES = ("links", "third-party", "js", "vnu", "browser", "lighthouse")


def _page(p: str) -> str:
    return "/" + p.lstrip("/") if not p.startswith(("http://", "https://")) else p


def parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        prog="python -m audit",
        description=(PACKAGE_DOC or "").split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Gates: " + ", ".join(GATES) + ". Exit status: 0 all budgets met, "
        "1 a budget breached or a tool missing, 2 usage error.",
    )
    ap.add_argument("site", type=Path, help="the built site (e.g. output/)")
    ap.add_argument(
        "--pages",
        nargs="+",
        default=["/"],
        metavar="PATH",
        help="pages for axe (light+dark, 1280 and 390 px) and the runtime request/JS checks (default: /)",
    )
    ap.add_argument(
        "--lighthouse",
        nargs="*",
        default=None,
        metavar="PATH",
        help="pages for Lighthouse (default: the first of --pages)",
    )
    ap.add_argument(
        "--weight-page",
        nargs="+",
        default=["/"],
        metavar="PATH",
        help="page(s) held to the page-weight budget (default: /, the about page)",
    )
    ap.add_argument(
        "--site-url",
        default="",
        metavar="URL",
        help="the address the site was built for (SITEURL): links under it are internal, and the "
        "browser is served them locally (default with --port: http://127.0.0.1:PORT)",
    )
    ap.add_argument(
        "--photo-selector",
        default=DEFAULT_PHOTO_SELECTOR,
        metavar="CSS",
        help="CSS selector of the profile photo the weight budget leaves out",
    )
    ap.add_argument(
        "--only",
        default=",".join(GATES),
        metavar="GATES",
        help="comma-separated subset of the gates",
    )
    ap.add_argument(
        "--skip", default="", metavar="GATES", help="comma-separated gates to leave out"
    )
    ap.add_argument(
        "--preset", choices=("mobile", "desktop"), default="mobile", help="Lighthouse form factor"
    )
    ap.add_argument(
        "--lighthouse-runs",
        type=int,
        default=3,
        metavar="N",
        help="at most N runs per page when performance is under budget; the median counts (default 3)",
    )
    ap.add_argument(
        "--out",
        type=Path,
        default=PROJECT / "audit" / "out",
        metavar="DIR",
        help="where report.json and the Lighthouse reports go (default audit/out/)",
    )
    ap.add_argument(
        "--screenshots",
        action="store_true",
        help="save a screenshot of every view under OUT/screenshots",
    )
    ap.add_argument("--port", type=int, default=0, help="serve on this port (default: a free one)")
    ap.add_argument(
        "--no-gzip",
        action="store_true",
        help="serve uncompressed (default: gzip, like a real host)",
    )
    ap.add_argument(
        "--no-netns",
        action="store_true",
        help="do not re-run inside a loopback-only network namespace (`unshare -n`)",
    )
    a = ap.parse_args(argv)
    a.pages = [_page(p) for p in a.pages]
    a.weight_page = [_page(p) for p in a.weight_page]
    a.lighthouse = [_page(p) for p in a.lighthouse] if a.lighthouse is not None else a.pages[:1]
    if a.port and not a.site_url:
        a.site_url = f"http://127.0.0.1:{a.port}"
    unknown = {g for g in (a.only + "," + a.skip).split(",") if g} - set(GATES)
    if unknown:
        ap.error(f"unknown gate(s): {', '.join(sorted(unknown))} (gates: {', '.join(GATES)})")
    a.gates = [g for g in GATES if g in a.only.split(",") and g not in a.skip.split(",")]
    return a


def _netns_command() -> list[str] | None:
    """``unshare`` arguments for a private network namespace, or None where it cannot be had."""
    if not shutil.which("unshare"):
        return None
    cmd = ["unshare", "-n"] if os.geteuid() == 0 else ["unshare", "-r", "-n"]
    try:
        ok = (
            subprocess.run([*cmd, "true"], check=False, capture_output=True, timeout=10).returncode
            == 0
        )
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    return cmd if ok else None


def _bring_up_loopback() -> bool:
    if shutil.which("ip"):
        return (
            subprocess.run(
                ["ip", "link", "set", "lo", "up"], check=False, capture_output=True
            ).returncode
            == 0
        )
    import fcntl
    import socket
    import struct

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            fcntl.ioctl(
                s, 0x8914, struct.pack("16sH14x", b"lo", 0x1 | 0x8)
            )  # IFF_UP | IFF_LOOPBACK
        except OSError:
            return False
    return True


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    a = parse_args(argv)
    if not a.site.is_dir():
        print(f"audit: not a directory: {a.site}", file=sys.stderr)
        return 2

    # Re-run inside a network namespace that has only loopback: proof that nothing is fetched.
    network = "host network (other hosts blocked in the browser only)"
    if os.environ.get("AUDIT_IN_NETNS"):
        network = "private network namespace, loopback only" if _bring_up_loopback() else network
    elif not a.no_netns and (ns := _netns_command()):
        env = {
            **os.environ,
            "AUDIT_IN_NETNS": "1",
            "PYTHONPATH": os.pathsep.join(
                filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")])
            ),
        }
        return subprocess.run(
            [*ns, sys.executable, "-m", "audit", *argv], check=False, env=env
        ).returncode

    site = Site.load(a.site, a.site_url)
    for p in {*a.pages, *a.weight_page, *a.lighthouse}:
        if not p.startswith("http") and site.target_file(p) is None:
            print(f"audit: {p} is not a page of {a.site} (no such file)", file=sys.stderr)
            return 2
    t0 = time.monotonic()
    print(
        f"audit: {a.site.resolve()} ({len(site.pages)} pages); gates: {', '.join(a.gates)}; {network}",
        flush=True,
    )
    results: list[ToolResult] = []

    def run(gate: str, fn) -> None:
        t = time.monotonic()
        out = fn()
        elapsed = time.monotonic() - t
        for r in out if isinstance(out, list) else [out]:
            r.seconds = elapsed  # the browser gates share one run, and so its time
            results.append(r)
            for line in finding_lines(r.findings):
                print(line, flush=True)
        print(f"audit: {gate} done in {elapsed:.1f}s", flush=True)

    if "links" in a.gates:
        run("links", lambda: check_links(site))
    if "third-party" in a.gates:
        run("third-party", lambda: check_third_party(site))
    if "js" in a.gates:
        run("js", lambda: check_js(site, DEFAULT))
    if "vnu" in a.gates:
        run("vnu", lambda: check_vnu(a.site, DEFAULT))
    if {"browser", "lighthouse"} & set(a.gates):
        with serve(a.site, port=a.port, compress=not a.no_gzip) as server:
            print(f"audit: serving {a.site} at {server.base_url}/", flush=True)
            if "browser" in a.gates:
                a.out.mkdir(parents=True, exist_ok=True)
                run(
                    "browser",
                    lambda: browser_gates(
                        server.base_url,
                        a.pages,
                        a.weight_page,
                        DEFAULT,
                        site_url=a.site_url,
                        photo_selector=a.photo_selector,
                        out_json=a.out / "browser.json",
                        screenshots=a.out / "screenshots" if a.screenshots else None,
                    ),
                )
            if "lighthouse" in a.gates and a.lighthouse:

                def lighthouse() -> ToolResult:
                    r = check_lighthouse(
                        server.base_url,
                        a.lighthouse,
                        DEFAULT,
                        a.out / "lighthouse",
                        preset=a.preset,
                        max_runs=max(1, a.lighthouse_runs),
                    )
                    if (
                        a.site_url
                        and urlsplit(a.site_url).netloc != urlsplit(server.base_url).netloc
                    ):
                        r.notes.append(
                            f"the site was built for {a.site_url}: Lighthouse cannot be served those URLs "
                            "locally, so its scores miss them. Build with SITEURL=http://127.0.0.1:PORT "
                            "and pass --port PORT instead."
                        )
                    return r

                run("lighthouse", lighthouse)
    write_json(
        results,
        a.out / "report.json",
        {
            "site": str(a.site.resolve()),
            "pages": a.pages,
            "lighthouse": a.lighthouse,
            "weight_pages": a.weight_page,
            "network": network,
            "seconds": time.monotonic() - t0,
        },
    )
    print_summary(results)
    print(f"audit: {time.monotonic() - t0:.0f}s in all; full report: {a.out / 'report.json'}")
    return 1 if any(r.findings or r.skipped for r in results) else 0
