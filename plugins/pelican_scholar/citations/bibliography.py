"""A post's own bibliography: `bibliography: file.bib` in its front matter.

The file is looked for beside the post, then in CITATIONS_BIBLIOGRAPHY_PATH
(content/bibliography/, where al-folio's assets/bibliography/ goes). Its
entries are what the post cites, not the researcher's work: they never reach
the publications page, get no paper page and no Scholar meta tags.

Files are read with the publications part's tolerant BibTeX reader, once a
build however many posts share them; each problem in them is one warning.
"""

from __future__ import annotations

import logging
import os

from ..data import shown_path
from ..publications.bibfile import BibEntry, parse_bib_text

logger = logging.getLogger(__name__)


class Bibliographies:
    """The post bibliographies of one build, each read once."""

    def __init__(self, settings: dict) -> None:
        self.settings = settings
        self._files: dict[str, dict[str, BibEntry]] = {}

    def locate(self, name: str, post_path: str) -> str | None:
        """The file a post's `bibliography:` names, or None."""
        content = self.settings["PATH"]
        folder = os.path.join(content, self.settings["CITATIONS_BIBLIOGRAPHY_PATH"])
        for candidate in (os.path.join(os.path.dirname(post_path), name),
                          os.path.join(folder, name), os.path.join(content, name.lstrip("/"))):
            if os.path.isfile(candidate):
                return os.path.normpath(candidate)
        return None

    def entries_for(self, content) -> dict[str, BibEntry]:
        """The entries of a post's bibliography by key ({} when it has none)."""
        name = content.metadata.get("bibliography")
        if not name:
            return {}
        source = shown_path(content.source_path, self.settings)
        if not isinstance(name, str):
            logger.warning("%s: `bibliography:` should name one .bib file; it is ignored.", source)
            return {}
        path = self.locate(name.strip(), content.source_path)
        if path is None:
            logger.warning(
                "%s: its bibliography %r is neither beside it nor in content/%s/; its "
                "citations look only in your publications. Copy the file there (al-folio kept "
                "it in assets/bibliography/).", source, name,
                self.settings["CITATIONS_BIBLIOGRAPHY_PATH"].strip("/"))
            return {}
        if path not in self._files:
            self._files[path] = self._read(path)
        return self._files[path]

    def _read(self, path: str) -> dict[str, BibEntry]:
        shown = shown_path(path, self.settings)
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                text = handle.read()
        except OSError as error:
            logger.warning("%s: cannot be read (%s); citations of it stay unresolved.",
                           shown, error.strerror)
            return {}
        entries, problems = parse_bib_text(text, shown)
        for problem in problems:
            logger.warning("%s", problem)
        return {entry.key: entry for entry in entries}
