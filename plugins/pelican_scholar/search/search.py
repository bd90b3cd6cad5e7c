"""Full-text search with Pagefind: an index built after the site, a /search/ page.

When SEARCH_ENABLED is on, pages, posts, news items and every publication's
paper page (title, authors, venue, abstract) carry Pagefind's data-pagefind-*
attributes, with filters for kind (Post, Publication, News, Page, Project, Course), year and
post tags; after every page is written, the Pagefind binary (the
`pagefind-bin` package, installed by requirements.txt: nothing is
downloaded) indexes the output into output/pagefind/. The /search/ page loads
Pagefind's UI; no other page carries any of it (the header's search link is a
plain link). With JavaScript off the search page says so and links the blog
archive, the tags and the publications.

Settings (default):
    SEARCH_ENABLED (False): al-folio's `search_enabled`. Turn it off while
        writing to save the indexing time.
    SEARCH_URL ("search/"), SEARCH_SAVE_AS ("search/index.html"): the search page.

The HTML is byte-identical from build to build; Pagefind's own filter and
metadata files are not yet (its issue #638), though the pages' fragments are.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import time

from pelican import signals
from pelican.generators import Generator

logger = logging.getLogger(__name__)

INDEX_FOLDER = "pagefind"  # under OUTPUT_PATH; the search page loads its UI from here


class SearchPageGenerator(Generator):
    """Writes the search page when search is on."""

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer) -> None:
        if self.settings["SEARCH_ENABLED"] and self.settings["SEARCH_SAVE_AS"]:
            writer.write_file(self.settings["SEARCH_SAVE_AS"], self.get_template("search"),
                              self.context, url=self.settings["SEARCH_URL"],
                              relative_urls=self.settings["RELATIVE_URLS"])


def _executable() -> str | None:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        return None
    try:
        return str(get_executable())
    except FileNotFoundError:
        return None


def index_site(output_path: str) -> bool:
    """Run Pagefind over the written site; False (with a warning) when it could not."""
    executable = _executable()
    if executable is None:
        logger.warning("SEARCH_ENABLED is on, but Pagefind is not installed, so the site has no "
                       "search index. Install the requirements: pip install -r requirements.txt")
        return False
    start = time.perf_counter()
    # A fresh index every build: Pagefind names its files by content, so the
    # files of an earlier index would otherwise pile up next to the new ones.
    shutil.rmtree(os.path.join(output_path, INDEX_FOLDER), ignore_errors=True)
    result = subprocess.run([executable, "--site", output_path, "--output-subdir", INDEX_FOLDER,
                             "--quiet"], capture_output=True, text=True)
    if result.returncode != 0:
        logger.warning("Pagefind could not index the site (exit code %d): %s", result.returncode,
                       (result.stderr or result.stdout).strip()[-2000:])
        return False
    logger.info("Search: Pagefind indexed %s in %.2f s", output_path, time.perf_counter() - start)
    return True


def _on_finalized(pelican) -> None:
    if pelican.settings["SEARCH_ENABLED"] and os.path.isdir(pelican.output_path):
        index_site(pelican.output_path)


def _get_generators(pelican):
    return SearchPageGenerator


def register() -> None:
    signals.get_generators.connect(_get_generators)
    signals.finalized.connect(_on_finalized)
