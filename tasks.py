"""Tasks: `invoke --list`, or `./dev --list` from a fresh clone.

The names and behaviour follow pelican-quickstart's tasks.py. Where to publish
is read from the environment, else from publishconf.py (so that this file,
which an upgrade replaces, holds nothing of yours):

    SSH_HOST, SSH_PORT (22), SSH_USER, SSH_TARGET_DIR   for `invoke publish`
    GITHUB_PAGES_BRANCH ("gh-pages")                     for `invoke gh-pages`
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
SETTINGS = {
    "settings_base": "pelicanconf.py",
    "settings_publish": "publishconf.py",
    "deploy_path": "output",
    "port": 8000,
}


def publish_setting(name: str, default: str = "") -> str:
    """A deployment setting: the environment variable, else publishconf.py's value."""
    if os.environ.get(name):
        return os.environ[name]
    from pelican.settings import get_settings_from_file

    value = get_settings_from_file(str(ROOT / SETTINGS["settings_publish"])).get(name)
    return str(value) if value else default


def pelican_run(c, arguments: str) -> None:
    c.run(f"{shlex.quote(sys.executable)} -m pelican {arguments}", pty=sys.stdout.isatty())


def _build_args(settings_file: str, strict: bool, extra: str = "") -> str:
    strict_flag = " -e STRICT=true" if strict else ""
    return f"content -s {settings_file} -o {SETTINGS['deploy_path']}{strict_flag} {extra}".strip()


@task(help={
    "path": "the folder of your al-folio clone (it is never modified)",
    "into": "write a new site into this folder instead of replacing this project's content/",
    "dry_run": "say what would be imported, write nothing",
    "keep_samples": "import al-folio's sample posts, projects and news too",
    "force": "replace content/ even though it holds more than the example",
})
def import_alfolio(c, path, into="", dry_run=False, keep_samples=False, force=False):
    """Move an al-folio site over: settings, pages, posts, news, data, images, files."""
    from pelican_scholar.importer import ImportError_, import_alfolio as run_import
    from pelican_scholar.importer.report import summary

    target = Path(into) if into else None
    try:
        report = run_import(Path(path), ROOT, target, dry_run=dry_run,
                            keep_samples=keep_samples, force=force)
    except ImportError_ as error:
        sys.exit(f"import-alfolio: {error}")
    where = (target or ROOT).resolve()
    print(f"import-alfolio: {report.site.vintage}. {summary(report)}")
    if dry_run:
        print("import-alfolio: dry run, nothing written.")
    else:
        print(f"import-alfolio: site written to {where}; read {where / 'IMPORT-REPORT.md'}, "
              "then `./dev serve` there.")


@task
def clean(c):
    """Remove the generated site."""
    shutil.rmtree(ROOT / SETTINGS["deploy_path"], ignore_errors=True)


@task(help={"strict": "fail (exit 1) if the build logs any warning; all pages are still written"})
def build(c, strict=False):
    """Build the site into output/ with the local settings."""
    pelican_run(c, _build_args(SETTINGS["settings_base"], strict))


@task
def rebuild(c, strict=False):
    """`clean` then `build`."""
    clean(c)
    build(c, strict=strict)


@task
def regenerate(c):
    """Rebuild whenever a file changes (reading only what changed)."""
    pelican_run(c, _build_args(SETTINGS["settings_base"], False, "-r"))


@task(help={"port": "port to serve on (default 8000)"})
def serve(c, port=SETTINGS["port"]):
    """Serve output/ at http://localhost:PORT."""
    pelican_run(c, f"-l -p {int(port)} -o {SETTINGS['deploy_path']} -s {SETTINGS['settings_base']}")


@task
def reserve(c, port=SETTINGS["port"]):
    """`build`, then `serve`."""
    build(c)
    serve(c, port=port)


@task(help={"strict": "fail on any warning"})
def preview(c, strict=False):
    """Build the site with the publish settings."""
    pelican_run(c, _build_args(SETTINGS["settings_publish"], strict))


@task(help={"port": "port to serve on (default 8000)"})
def livereload(c, port=SETTINGS["port"]):
    """Serve on PORT; on each save rebuild in this process, then reload the browser once."""
    import logging

    from livereload import Server
    from pelican.log import init as init_logging
    from pelican_scholar.devserver import RebuildWatcher, SiteBuilder

    init_logging(logging.WARNING)
    content, output = ROOT / "content", ROOT / SETTINGS["deploy_path"]
    builder = SiteBuilder(ROOT / SETTINGS["settings_base"], {"PATH": str(content), "OUTPUT_PATH": str(output)})
    builder.build()
    watcher = RebuildWatcher([content, ROOT / "theme", ROOT / SETTINGS["settings_base"]], builder.build,
                             code=[ROOT / "plugins"])
    Server(watcher=watcher).serve(host="localhost", port=int(port), root=str(output))


def _require_real_address() -> None:
    """Refuse to publish a site whose links all point at the example's address."""
    siteurl = publish_setting("SITEURL")
    if not siteurl or ".example." in siteurl or siteurl.endswith(".example"):
        sys.exit(f"publish: SITEURL is {siteurl!r}, the example's address. Set your site's "
                 "address in publishconf.py (or the SITEURL environment variable).")


@task(help={"dry_run": "show what rsync would change, change nothing"})
def publish(c, dry_run=False):
    """Build with the publish settings and rsync output/ to SSH_HOST:SSH_TARGET_DIR."""
    host, path = publish_setting("SSH_HOST"), publish_setting("SSH_TARGET_DIR")
    if not host or not path:
        sys.exit("publish: set SSH_HOST and SSH_TARGET_DIR (and SSH_USER, SSH_PORT if needed), "
                 "in publishconf.py or in the environment.")
    _require_real_address()
    preview(c, strict=True)
    user = publish_setting("SSH_USER")
    destination = f"{user}@{host}" if user else host
    flags = "-pthrvz --delete --cvs-exclude" + (" --dry-run" if dry_run else "")
    c.run(
        f"rsync {flags} -e 'ssh -p {int(publish_setting('SSH_PORT', '22'))}' "
        f"{SETTINGS['deploy_path'].rstrip('/')}/ "
        f"{shlex.quote(destination)}:{shlex.quote(path.rstrip('/'))}/"
    )


@task
def gh_pages(c):
    """Build with the publish settings and push output/ to the gh-pages branch."""
    _require_real_address()
    preview(c, strict=True)
    (ROOT / SETTINGS["deploy_path"] / ".nojekyll").touch()
    c.run(
        f"ghp-import -b {shlex.quote(publish_setting('GITHUB_PAGES_BRANCH', 'gh-pages'))} "
        f"-m 'Publish site' -p -f "
        f"{SETTINGS['deploy_path']}"
    )


@task
def fetch_external_posts(c):
    """Fetch EXTERNAL_SOURCES' feeds into content/data/external_posts.json (needs the network)."""
    from pelican_scholar.external_posts.fetch import main

    code = main(str(ROOT / SETTINGS["settings_base"]))
    if code:
        sys.exit(code)


@task(help={"port": "loopback port the audited copy is built for and served on"})
def audit(c, port=8765):
    """Build with the publish settings and run the quality gates (see audit/__init__.py).

    Needs the tools from `bash audit/install.sh` (Chromium, Java, npm packages).
    """
    import tempfile

    from audit.pages import auditable, first_page

    site = Path(tempfile.mkdtemp(prefix="scholar-audit-"))
    # Built for the loopback address it is served on, so that Lighthouse and the
    # browser see the theme's assets as the site's own, as they are in production.
    c.run(f"{shlex.quote(sys.executable)} -m pelican content -s {SETTINGS['settings_publish']} "
          f"-o {site} -e STRICT=true -q", env={"SITEURL": f"http://127.0.0.1:{int(port)}"})
    post = first_page(site, "blog/[0-9]*/*/index.html")
    distill = first_page(site, "blog/[0-9]*/*/index.html", containing="post--distill")  # layout: distill
    paper = first_page(site, "publications/*/index.html")
    tag = first_page(site, "blog/tag/*/index.html")
    project = first_page(site, "projects/*/index.html")
    course = first_page(site, "teaching/*/index.html")
    pages = ["/", "/publications/", paper, "/blog/", post, distill, tag, "/news/", "/projects/", project,
             "/teaching/", course, "/repositories/", "/people/", "/cv/", "/talks/", "/search/",
             "/404.html"]
    pages = [page for page in pages if auditable(site, page)]
    lighthouse = [page for page in ("/", "/publications/", post, distill, "/projects/", course, "/cv/",
                                    "/talks/") if page in pages]
    c.run(f"{shlex.quote(sys.executable)} -m audit {site} --port {int(port)} "
          f"--pages {' '.join(pages)} --lighthouse {' '.join(lighthouse)} --weight-page /",
          pty=sys.stdout.isatty())


@task
def fetch_repositories(c):
    """Fetch GitHub's data for content/data/repositories.yml into its cache (needs the network).

    GITHUB_TOKEN, when set, raises GitHub's rate limit. On any error the old
    cache is kept. The build itself only reads the cache.
    """
    from pelican.settings import get_settings_from_file
    from pelican_scholar import defaults
    from pelican_scholar.repositories.fetch import update_cache

    settings = {**defaults.as_dict(), **get_settings_from_file(str(ROOT / SETTINGS["settings_base"]))}
    content = ROOT / settings.get("PATH", "content")
    succeeded, message = update_cache(str(content / settings["REPOSITORIES_FILE"]),
                                      str(content / settings["REPOSITORIES_CACHE_FILE"]),
                                      token=os.environ.get("GITHUB_TOKEN"))
    print(message)
    if not succeeded:
        sys.exit(1)


@task(help={"k": "only tests whose name matches this expression", "x": "stop at the first failure"})
def test(c, k="", x=False):
    """Run the test suite."""
    args = ["-q", "-m", "not audit"] + (["-k", k] if k else []) + (["-x"] if x else [])
    c.run(f"{shlex.quote(sys.executable)} -m pytest {' '.join(shlex.quote(a) for a in args)}",
          pty=sys.stdout.isatty())
