"""Your site's settings.

This is the one file of settings you edit. It only says what differs from the
defaults; every default is documented in plugins/pelican_scholar/defaults.py.
`publishconf.py` imports this file and adds what only the published site needs.
"""

# Pelican Scholar's defaults first, so that everything below wins.
from pelican_scholar.defaults import *  # noqa: F403

# --- Who you are -------------------------------------------------------------
AUTHOR = "Ada Lindqvist"
# How your name is written in author lists, so the publications page can
# highlight you: every last name and every form of your first name you publish
# under ("A." matches any first name starting with A).
AUTHOR_LAST_NAMES = ["Lindqvist"]
AUTHOR_FIRST_NAMES = ["Ada", "A.", "A. M."]
EMAIL = "ada.lindqvist@example.org"
AFFILIATION = "Department of Computational Ecology, University of Nowhere"
SITENAME = "Ada Lindqvist"
SITE_DESCRIPTION = (
    "Ada Lindqvist studies how forests remember drought, with field data, "
    "tree-ring archives and statistical models."
)
KEYWORDS = ["computational ecology", "dendrochronology", "drought", "forests"]
DEFAULT_LANG = "en"
TIMEZONE = "Europe/Stockholm"
# Left empty while you write: links work on `./dev serve`.
# publishconf.py sets the real address.
SITEURL = ""

# --- Navigation: which pages, in this order -----------------------------------
# Page slugs (the file name in content/pages/ without .md), the built-in
# sections "blog", "publications", "news", "projects", "teaching",
# "repositories", "cv" and "talks", or ("Title", "url") pairs. A section
# without content (no CV data, no talks) is left out.
NAVIGATION = ["about", "publications", "projects", "teaching", "people", "repositories",
              "cv", "talks", "blog", "news"]

# --- Social links and contact ------------------------------------------------
# The keys al-folio uses in _data/socials.yml; the README lists all of them.
# (Or copy al-folio's socials.yml to content/data/ and delete SOCIALS here.)
SOCIALS = {
    "email": EMAIL,
    "orcid_id": "0000-0002-1825-0097",
    "scholar_userid": "qc6CJjYAAAAJ",
    "github_username": "example",
    "bluesky_url": "https://bsky.app/profile/example.bsky.social",
    "mastodon_username": "fediscience.org/@example",
    "rss_icon": True,
}
CONTACT_NOTE = "Email is best. I answer within a week, slower in field season."

# --- Publications: content/publications/*.bib, al-folio's BibTeX fields -------
# Your name is highlighted using AUTHOR_LAST_NAMES / AUTHOR_FIRST_NAMES above.
# Every setting is in plugins/scholar_publications/publications.py.
PUBLICATIONS_NOTE = "* denotes equal contribution"
PUBLICATIONS_MAX_AUTHORS = 5  # then "and N more authors", expandable
PUBLICATIONS_EXTRA_FIELDS = ["honor", "media"]  # shown as badges or buttons

# --- Look and features ---------------------------------------------------------
FAVICON = "🌲"  # an emoji, or a path under content/ such as "images/favicon.png"
NEWS_LIMIT = 5  # news items on the about page

# --- Site services: each off until you switch it on (README: Site services) -----
# Full-text search with Pagefind at /search/ (al-folio's search_enabled).
SEARCH_ENABLED = True
# Related posts are on by default (RELATED_POSTS_LIMIT = 3).
# Comments with giscus (https://giscus.app gives these values); a post turns
# them on with `giscus_comments: true`. Nothing loads before "Show comments".
GISCUS = {
    "repo": "example/example-site",
    "repo_id": "R_kgDOExample",
    "category": "Comments",
    "category_id": "DIC_kwDOExample",
}

# --- Machinery: you rarely need to touch what follows ---------------------------
PATH = "content"
THEME = "theme"
PLUGINS = ["pelican_scholar"]  # one plugin; it writes sitemap.xml too
# Feeds need an absolute address; publishconf.py sets the real one.
FEED_DOMAIN = "http://localhost:8000"
