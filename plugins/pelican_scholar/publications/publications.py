"""Publications from BibTeX: a publications page, selected papers, paper pages.

Reads al-folio's BibTeX vocabulary unchanged (``abbr``, ``selected``,
``bibtex_show``, ``pdf``, ``arxiv``, ``award``, ``preview``, ...), and
al-folio's ``coauthors.yml`` and ``venues.yml`` data files.

The modules: ``bibfile`` reads .bib files; ``fields`` (text, dates, inline
markup), ``names`` (authors, coauthors.yml), ``venue``, ``links``, ``colors``
(venue badges) and ``metadata`` (Scholar meta tags, JSON-LD) convert the parts
of one entry; ``render`` joins them into a ``Publication`` (``model``);
``addresses`` decides every entry's slug, URL and element id first;
``grouping`` makes the page's headings; ``cache`` and ``generator`` are
the Pelican glue. The HTML is made by
theme/templates/partials/publication*.html, one macro per file.

Templates get, in the shared context:
    publications            every entry, in page order (list of Publication)
    publication_groups      the headings of the publications page
    selected_publications   entries with ``selected = {true}``

Settings (default):

Sources
    PUBLICATIONS_BIB_PATHS (["publications/*.bib"]): files or glob patterns,
        relative to PATH. Each file is parsed again only when it changes.
    PUBLICATIONS_COAUTHORS_FILE ("data/coauthors.yml"): co-author links, in
        al-folio's format; relative to PATH; a missing file is fine.
    PUBLICATIONS_VENUES_FILE ("data/venues.yml"): ``abbr`` badge links and
        colours, in al-folio's format. A colour is hex (#ffcc00, #fc0,
        #ffcc00ff) or rgb(); the badge text is black or white, whichever
        contrasts more. Other colours warn and keep the neutral badge.
Who you are
    PUBLICATIONS_OWNER_LAST_NAMES (AUTHOR_LAST_NAMES, else []): your last
        names, as al-folio's ``scholar.last_name``.
    PUBLICATIONS_OWNER_FIRST_NAMES (AUTHOR_FIRST_NAMES, else []): forms of your
        first name; an initial matches any name it starts ("A." = "Ada").
        Empty: every author with one of your last names is highlighted.
The page
    PUBLICATIONS_URL ("publications/"), PUBLICATIONS_SAVE_AS
        ("publications/index.html"); an empty SAVE_AS writes no page.
    PUBLICATIONS_TITLE ("Publications")
    PUBLICATIONS_NOTE (""): a line above the list, e.g.
        "* denotes equal contribution". HTML is allowed (it is yours).
    PUBLICATIONS_GROUP_BY ("year"): "year" (newest first, then entries
        whose year is text such as "In press" first, undated last), "type",
        or "none".
    PUBLICATIONS_TYPE_GROUPS (see TYPE_GROUPS): headings for "type" grouping.
    PUBLICATIONS_UNDATED_LABEL ("Undated")
    PUBLICATIONS_SORT (""): order within a group; "" keeps file order, as
        al-folio does. Otherwise comma-separated keys among year, month,
        title, key, type; a leading "-" sorts descending: "-year,-month".
Each entry
    PUBLICATIONS_MAX_AUTHORS (None): al-folio's ``max_author_limit``; beyond
        it, "and N more authors" expands without JavaScript.
    PUBLICATIONS_FILES_URL ("files/"): where relative pdf, supp, poster,
        slides, html and video values point (al-folio: assets/pdf/). Put the
        files in content/files/.
    PUBLICATIONS_PREVIEWS_URL ("images/publications/"): where relative
        ``preview`` images are (al-folio: assets/img/publication_preview/).
    PUBLICATIONS_EXTRA_FIELDS ([]): more fields to show, e.g.
        ["honor", "media"]: a button when the value is a URL or a path, a text
        badge otherwise. They are hidden from the Bib view.
    PUBLICATIONS_BIBTEX ("field"): when to offer the Bib view: "field" (the
        entry has ``bibtex_show = {true}``, as al-folio), "always", "never".
    PUBLICATIONS_HIDDEN_BIBTEX_FIELDS (al-folio's ``filtered_bibtex_keys``):
        fields removed from the Bib view.
Cache
    PUBLICATIONS_CACHE (True): keep each parsed .bib file under
        CACHE_PATH/scholar_publications/, so that a new process (``pelican``,
        ``invoke build``) does not parse an unchanged file again. The key is
        the file's content, the plugin's code and these settings, so a stale
        entry cannot be used; the warnings a file gave are stored with it and
        repeated in every build. Within one process (``pelican -r``,
        livereload) an unchanged file is never parsed twice, cache or not.
Paper pages
    PUBLICATIONS_PAPER_PAGES (True): a page per entry, linked from its title,
        with Google Scholar's citation_* meta tags and JSON-LD.
    PUBLICATIONS_PAPER_URL ("publications/{slug}/"), PUBLICATIONS_PAPER_SAVE_AS
        ("publications/{slug}/index.html"); {slug} is the key made URL-safe.
"""

from __future__ import annotations

import logging

from pelican import signals


logger = logging.getLogger(__name__)

def _get_generators(pelican):
    from .generator import PublicationsGenerator

    return PublicationsGenerator


def register() -> None:
    signals.get_generators.connect(_get_generators)
