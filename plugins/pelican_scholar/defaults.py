"""Every default of Pelican Scholar, in one place.

`pelicanconf.py` starts with `from pelican_scholar.defaults import *`, so these
values come first and anything written below that line wins, even a value that
happens to equal Pelican's own default (`TYPOGRIFY = False`). That is the same
precedence `publishconf.py` gets by importing `pelicanconf.py`.

Settings that depend on your files (content/templates/, content/extra.css, the
cache folder) are worked out when the build starts, in `settings.py`, and only
where you have not set them yourself.
"""

from .markdown import kramdown_id

# Only the settings: `import *` must not bring anything else into pelicanconf.py.
__all__ = []  # filled in at the bottom


# --- The plugin itself -----------------------------------------------------------
# Tells the plugin that pelicanconf.py imported this module.
SCHOLAR_DEFAULTS_LOADED = True
# PLUGINS: Pelican Scholar is one plugin; it writes sitemap.xml itself.
PLUGINS = ["pelican_scholar"]
# STRICT: fail the build (exit code 1) when anything logged a warning. Every
# page is still written first, so you see every problem at once.
# `invoke build --strict` sets it.
STRICT = False

# --- URLs and paths, as al-folio makes them ------------------------------------
ARTICLE_PATHS = ["blog"]
PAGE_PATHS = ["pages"]
ARTICLE_URL = "blog/{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "blog/{date:%Y}/{slug}/index.html"
# Drafts and future posts are not written at all, so they cannot leak into a
# published site.
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
TAG_URL = "blog/tag/{slug}/"
TAG_SAVE_AS = "blog/tag/{slug}/index.html"
TAGS_URL = "blog/tags/"
TAGS_SAVE_AS = "blog/tags/index.html"
CATEGORY_URL = "blog/category/{slug}/"
CATEGORY_SAVE_AS = "blog/category/{slug}/index.html"
CATEGORIES_URL = "blog/categories/"
CATEGORIES_SAVE_AS = "blog/categories/index.html"
ARCHIVES_URL = "blog/archive/"
ARCHIVES_SAVE_AS = "blog/archive/index.html"
YEAR_ARCHIVE_URL = "blog/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "blog/{date:%Y}/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
# The blog index lives at /blog/; the about page is the home page.
INDEX_URL = "blog/"
INDEX_SAVE_AS = "blog/index.html"
DIRECT_TEMPLATES = ["index", "tags", "categories", "archives", "404", "robots"]
PAGINATION_PATTERNS = [
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
]
DEFAULT_PAGINATION = 10  # posts per blog index page
WITH_FUTURE_DATES = False  # a post dated in the future waits for its date
DEFAULT_DATE_FORMAT = "%-d %B %Y"
# Jekyll's file names: 2025-01-31-my-post.md is dated 2025-01-31 and has the
# slug "my-post"; month and day may have one digit (2021-5-5-score.md). The
# slug is then made as Jekyll makes it (blog/jekyll.py).
FILENAME_METADATA = r"(?P<date>\d{4}-\d{1,2}-\d{1,2})-(?P<slug>.*)"
SLUGIFY_SOURCE = "basename"
USE_FOLDER_AS_CATEGORY = False
# Copied as they are. content/extra.css, FAVICON and OG_IMAGE files are added
# when they exist.
STATIC_PATHS = ["images", "files"]
# THEME_TEMPLATES_OVERRIDES ([]): when empty and content/templates/ exists,
# templates there override the theme's, file by file.
THEME_TEMPLATES_OVERRIDES = []
# robots.txt and 404.html are DIRECT_TEMPLATES; 404.html is written as
# 404.html (its setting's name is not a Python name, so settings.py sets it).
ROBOTS_SAVE_AS = "robots.txt"
ROBOTS_URL = "robots.txt"

# JINJA_ENVIRONMENT: Pelican's, with autoescape on. Every value a template
# prints is escaped unless it is HTML on purpose (a body, a title, a summary,
# `subtitle`, `more_info`, CONTACT_NOTE, PUBLICATIONS_NOTE, icons), which the
# theme marks with `|safe`. See the README's "HTML or text" list. auto_reload
# off: Pelican makes new template environments for every build, so a template
# is never checked on disk again during one (thousands of checks a build).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [],
                     "autoescape": True, "auto_reload": False}

# --- Writing ---------------------------------------------------------------------
# Curly quotes, dashes (-- en, --- em) and ellipses; never inside code or math.
TYPOGRIFY = True
TYPOGRIFY_DASHES = "oldschool"
TYPOGRIFY_IGNORE_TAGS = ["pre", "code", "kbd", "script", "style", "math", ".math", "d-code"]
# Only the filters whose result readers see. `caps` and `initial_quotes` add
# spans the theme doesn't style, and cost a third of typogrify's time.
TYPOGRIFY_OMIT_FILTERS = ["caps", "initial_quotes"]
SUMMARY_MAX_LENGTH = 40
SUMMARY_MAX_PARAGRAPHS = 1
# Pelican's extensions plus a table of contents and footnotes. The math,
# citation and Liquid extensions are added to this when the build starts.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.codehilite": {"css_class": "highlight", "guess_lang": False},
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        # Heading ids as kramdown makes them ("Notation & Background" is
        # notation--background), so links written for al-folio keep working.
        "markdown.extensions.toc": {"slugify": kramdown_id},
    },
    "output_format": "html5",
}
MATH = True  # TeX between $…$ becomes MathML; False leaves it as it is
CITATIONS_HEADING = "References"  # the heading of a post's list of cited works
# How a citation reads: "author-year" ("(Curie et al., 1898)", as al-folio's
# distill posts) or "numbered" ("[1]"). Front matter `citation_style:` wins.
CITATIONS_STYLE = "author-year"
# Where a post's `bibliography: file.bib` is found when it is not beside the
# post: a folder under content/ (al-folio's assets/bibliography/).
CITATIONS_BIBLIOGRAPHY_PATH = "bibliography"
READING_SPEED = 230  # words per minute, for "N min read"

# --- Feeds: one site-wide Atom and RSS feed ------------------------------------
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None

# --- Who you are (used by the theme, JSON-LD and meta tags) --------------------
EMAIL = ""
AFFILIATION = ""
SITE_DESCRIPTION = ""
KEYWORDS = []
AUTHOR_LAST_NAMES = []
AUTHOR_FIRST_NAMES = []
FAVICON = ""  # an emoji ("🌲"), or a path under content/
OG_IMAGE = ""  # the default link-preview image, a path under content/

# --- Navigation ------------------------------------------------------------------
# NAVIGATION: the menu, in order. Each entry is a page slug (its file name in
# content/pages/ without .md), a built-in section ("blog", "publications",
# "news", "projects", "teaching", "repositories", "cv", "talks": these five are
# left out while they have no content), or a ("Title", "url") pair. None builds
# it the al-folio way: the about page, then pages whose front matter says
# `nav: true` by `nav_order`, then the blog.
NAVIGATION = None
NAVIGATION_TITLES = {"blog": "Blog", "publications": "Publications", "news": "News",
                     "projects": "Projects", "teaching": "Teaching",
                     "repositories": "Repositories", "cv": "CV", "talks": "Talks"}

# --- Social links ------------------------------------------------------------------
# SOCIALS: al-folio's keys (see socials/networks.py), in the order of the icons.
# A custom link is {"title": …, "url": …, "icon": a name from icons.py}.
SOCIALS = {}
SOCIALS_FILE = "data/socials.yml"  # an al-folio _data/socials.yml, read too
CONTACT_NOTE = ""  # HTML under the icons on the about page

# --- The about page ----------------------------------------------------------------
PROFILE_IMAGE_DIR = "images"  # where a bare image name is looked for
# Widths of the WebP copies of the photo (never wider than the original);
# [] serves only the original.
PROFILE_IMAGE_WIDTHS = [240, 480, 720]
LATEST_POSTS_LIMIT = 3  # front matter `latest_posts: {limit: N}` overrides it

# --- News: content/news/ -------------------------------------------------------------
NEWS_PATHS = ["news"]
NEWS_LIMIT = 5  # items on the about page (0 or None: all of them)
NEWSITEM_URL = "news/{slug}/"
NEWSITEM_SAVE_AS = "news/{slug}/index.html"
NEWS_INDEX_URL = "news/"
NEWS_INDEX_SAVE_AS = "news/index.html"

# --- Publications: content/publications/*.bib -------------------------------------
PUBLICATIONS_BIB_PATHS = ["publications/*.bib"]  # files or globs under content/
PUBLICATIONS_COAUTHORS_FILE = "data/coauthors.yml"  # al-folio's format
PUBLICATIONS_VENUES_FILE = "data/venues.yml"  # al-folio's format; hex or rgb() colours
# Whose name is highlighted; None: AUTHOR_LAST_NAMES / AUTHOR_FIRST_NAMES.
# An initial matches any first name it starts ("A." = "Ada").
PUBLICATIONS_OWNER_LAST_NAMES = None
PUBLICATIONS_OWNER_FIRST_NAMES = None
PUBLICATIONS_URL = "publications/"
PUBLICATIONS_SAVE_AS = "publications/index.html"  # "" writes no page
PUBLICATIONS_TITLE = "Publications"
PUBLICATIONS_NOTE = ""  # a line above the list (HTML: it is yours)
# "year" (newest first; text years such as "In press" first, undated last),
# "type" (by PUBLICATIONS_TYPE_GROUPS) or "none".
PUBLICATIONS_GROUP_BY = "year"
PUBLICATIONS_TYPE_GROUPS = [
    ("Journal articles", ["article"]),
    ("Conference papers", ["inproceedings", "conference", "proceedings"]),
    ("Books and chapters", ["book", "inbook", "incollection", "collection"]),
    ("Theses", ["phdthesis", "mastersthesis", "thesis"]),
    ("Reports", ["techreport"]),
    ("Other", ["*"]),
]
PUBLICATIONS_UNDATED_LABEL = "Undated"
# Order within a group: "" keeps file order (as al-folio); otherwise keys among
# year, month, title, key, type, comma-separated; "-" sorts descending.
PUBLICATIONS_SORT = ""
PUBLICATIONS_MAX_AUTHORS = None  # then "and N more authors", expandable
PUBLICATIONS_FILES_URL = "files/"  # relative pdf, slides, … (content/files/)
PUBLICATIONS_PREVIEWS_URL = "images/publications/"  # relative `preview` images
PUBLICATIONS_EXTRA_FIELDS = []  # more fields: a button for URLs, else a badge
# When to offer the Bib view: "field" (bibtex_show = {true}), "always", "never".
PUBLICATIONS_BIBTEX = "field"
# Fields removed from the Bib view (al-folio's filtered_bibtex_keys).
PUBLICATIONS_HIDDEN_BIBTEX_FIELDS = [
    "abbr", "abstract", "additional_info", "altmetric", "annotation", "arxiv",
    "award", "award_name", "bibtex_show", "blog", "code", "dimensions", "eprint",
    "google_scholar_id", "hal", "html", "inspirehep_id", "pdf", "pmid", "poster",
    "preview", "selected", "slides", "supp", "video", "website",
]
# A page per entry, with Google Scholar's citation_* tags and JSON-LD.
PUBLICATIONS_PAPER_PAGES = True
PUBLICATIONS_PAPER_URL = "publications/{slug}/"  # {slug}: the key made URL-safe
PUBLICATIONS_PAPER_SAVE_AS = "publications/{slug}/index.html"
# Keep each parsed .bib file under CACHE_PATH, keyed on its bytes, the
# plugin's code and these settings, so an entry is never stale.
PUBLICATIONS_CACHE = True

# --- Projects: content/projects/*.md, al-folio's _projects/ --------------------------
PROJECTS_PATHS = ["projects"]
PROJECTS_URL = "projects/"  # the cards; written only when there are projects
PROJECTS_SAVE_AS = "projects/index.html"
PROJECT_URL = "projects/{slug}/"  # a project's own page (not for `redirect:` ones)
PROJECT_SAVE_AS = "projects/{slug}/index.html"
PROJECTS_TITLE = "Projects"  # unless content/pages/projects.md gives a title
# Category order when content/pages/projects.md has no `display_categories`;
# categories not listed follow, A-Z.
PROJECTS_CATEGORIES = []
PROJECTS_HORIZONTAL = False  # wide cards; the page's `horizontal:` wins
PROJECT_IMAGE_WIDTHS = [360, 720]  # WebP copies of card images (never upscaled)

# --- Teaching: content/teaching/*.md, al-folio v1's _teachings/ -------------------
TEACHING_PATHS = ["teaching"]
# The list of courses; your content/pages/teaching.md, if any, is shown above it.
TEACHING_URL = "teaching/"
TEACHING_SAVE_AS = "teaching/index.html"
COURSE_URL = "teaching/{slug}/"  # a course's page, with its schedule
COURSE_SAVE_AS = "teaching/{slug}/index.html"
TEACHING_TITLE = "Teaching"  # unless content/pages/teaching.md gives a title

# --- Repositories: content/data/repositories.yml, al-folio's format --------------------
REPOSITORIES_FILE = "data/repositories.yml"  # github_users:, github_repos:
# What GitHub says about them, written by `invoke fetch-repositories`; the
# build reads only this file and never the network.
REPOSITORIES_CACHE_FILE = "data/repositories-cache.json"
REPOSITORIES_URL = "repositories/"  # written only when the file lists something
REPOSITORIES_SAVE_AS = "repositories/index.html"
REPOSITORIES_TITLE = "Repositories"  # unless content/pages/repositories.md gives one

# --- People: a page with `layout: profiles` ---------------------------------------
# Photos as on the about page (PROFILE_IMAGE_DIR, PROFILE_IMAGE_WIDTHS). The
# people's own Markdown files in content/pages/profiles/ are not pages.
PAGE_EXCLUDES = ["pages/profiles"]

# --- Related posts: al-folio's related_blog_posts ------------------------------------
# A list at the end of each post of other posts sharing its tags and words,
# chosen while the site builds. Front matter `related_posts: false` turns it
# off for one post.
RELATED_BLOG_POSTS = True  # al-folio's related_blog_posts.enabled
RELATED_POSTS_LIMIT = 3  # al-folio's related_blog_posts.max_related; 0: none

# --- Comments: al-folio's giscus and disqus_shortname --------------------------------
# A post opts in with front matter `giscus_comments: true` or
# `disqus_comments: true`. Nothing loads until the reader presses "Show
# comments". GISCUS takes al-folio's `giscus:` keys; what you set is merged
# over these. repo, repo_id, category and category_id come from https://giscus.app.
GISCUS = {
    "repo": "",  # "you/your-repo", with Discussions turned on
    "repo_id": "",
    "category": "Comments",
    "category_id": "",
    "mapping": "title",  # how a post finds its discussion: title, pathname, url, og:title, specific, number
    "term": "",  # the discussion's term or number, for mapping specific / number
    "strict": "1",
    "reactions_enabled": "1",
    "input_position": "bottom",  # or "top"
    "light_theme": "light",  # giscus themes used in our light and dark mode
    "dark_theme": "dark",
    "emit_metadata": "0",
    "lang": "en",
}
DISQUS_SHORTNAME = ""  # al-folio's disqus_shortname: your-site in your-site.disqus.com

# --- Analytics: none unless you set one ------------------------------------------------
# Cookieless providers load one script with `defer` on every page. Google
# Analytics 4 waits for the reader's consent in a banner (nothing loads before).
GOATCOUNTER_CODE = ""  # CODE in CODE.goatcounter.com
PLAUSIBLE_DOMAIN = ""  # your site's domain as Plausible knows it
PLAUSIBLE_SCRIPT = "https://plausible.io/js/script.js"  # or your own Plausible's
UMAMI_WEBSITE_ID = ""
UMAMI_SCRIPT = "https://cloud.umami.is/script.js"  # or your own Umami's
CLOUDFLARE_ANALYTICS_TOKEN = ""  # Cloudflare Web Analytics' beacon token
GOOGLE_ANALYTICS = ""  # al-folio's google_analytics: a GA4 ID, "G-XXXXXXXXXX"

# --- Search: Pagefind, al-folio's search_enabled ---------------------------------------
# A full-text index of pages, posts, news and paper pages, built after the site
# (output/pagefind/), and a search page. Turn it off while writing to save the
# indexing time.
SEARCH_ENABLED = False  # al-folio's search_enabled
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"

# --- External posts: al-folio's external_sources ----------------------------------------
# Posts published elsewhere, in the blog index and feeds, linking out. Each
# source: {"name": …, "rss_url": …} or {"name": …, "posts": [{"url": …,
# "published_date": "2024-03-20"}]}. `invoke fetch-external-posts` fetches
# them into EXTERNAL_POSTS_FILE; the build reads only that file.
EXTERNAL_SOURCES = []
EXTERNAL_POSTS_FILE = "data/external_posts.json"  # under content/

# --- CV: content/data/cv.yml, cv.yaml or resume.json -------------------------------
# Where the CV is looked for under content/, in order; the first found is read.
# al-folio's cv.yml (a list of sections), RenderCV YAML (`cv:` with
# `sections:`) and JSON Resume are all understood.
CV_FILES = ["data/cv.yml", "data/cv.yaml", "data/resume.json"]
CV_URL = "cv/"
CV_SAVE_AS = "cv/index.html"
CV_TITLE = "CV"  # a page with `layout: cv` gives its own title
# A PDF of the CV, made with Typst from theme/typst/cv.typ when the site is
# built (compiled again only when the CV or the template changes). A `cv_pdf`
# of your own (SOCIALS, or the `layout: cv` page's front matter) wins: then it
# is linked and none is built.
CV_PDF = True
CV_PDF_NAME = "cv.pdf"  # written next to the CV page: /cv/cv.pdf
CV_PDF_PAPER = "a4"  # or "us-letter"
# Add the BibTeX entries marked `selected = {true}` as "Selected publications".
CV_SELECTED_PUBLICATIONS = False
CV_TALKS = False  # add the talks of content/data/talks.yml as a section

# --- Talks: content/data/talks.yml ---------------------------------------------------
TALKS_FILE = "data/talks.yml"
TALKS_URL = "talks/"
TALKS_SAVE_AS = "talks/index.html"
TALKS_TITLE = "Talks"  # a page at TALKS_SAVE_AS gives its own title

# --- Redirects: addresses that moved (redirects.py) --------------------------------
# Old address -> new address: a path of this site ("/blog/"), a file under
# content/ ("{filename}/blog/2021-05-05-score.md"), "{tag}name", "{category}name"
# or a full URL. Each old address gets a redirect page (meta refresh, canonical
# link, a visible link, noindex), never written over a page of the site.
# `invoke import-alfolio` writes REDIRECTS_FILE for the al-folio addresses that moved.
REDIRECTS = {}  # these win over the file's
REDIRECTS_FILE = "data/redirects.yml"  # under content/; the same form, one `old: new` a line

# --- Build -------------------------------------------------------------------------------
# output/ is not emptied before a build: a page is written only when its bytes
# changed, and when the build ends whatever it no longer makes is removed (a
# deleted post, page or BibTeX entry leaves no page behind for `serve` to
# show); see output.py. Kept either way: version-control folders and the files
# a host needs at the top of the site (OUTPUT_RETENTION). Nothing is removed
# from an output folder that holds content/.
DELETE_OUTPUT_DIRECTORY = False
OUTPUT_RETENTION = [".git", ".hg", ".svn", ".nojekyll", "CNAME"]
# sitemap.xml leaves out the 404 page and robots.txt.
SITEMAP = {"format": "xml", "exclude": [r"^404\.html$", r"^robots\.txt$"]}
# The content cache is written uncompressed: faster to save and load.
GZIP_CACHE = False
# Pelican's content cache, on: a build reads again only the posts and pages
# that changed (2,000 posts: see benchmarks/results.md). It is keyed on the
# settings and this plugin's code (settings.complete), so changing either
# reads everything afresh. `./dev rebuild` or `pelican --ignore-cache` too.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
# PARALLEL_BUILD: a build with much to do (the first one, or one after a
# change to the settings) uses a second core: to read half of many posts and
# pages (frontmatter/second_core.py), and to write the paper pages
# (second_writer.py). The CV's PDF and the math font are made in a copy of the
# build too, so that what Typst and fontTools load does not stay in its memory.
# Linux only; the output is the same either way.
PARALLEL_BUILD = True

__all__ = sorted(name for name in dir() if name.isupper())  # noqa: PLE0605


def as_dict() -> dict:
    """A fresh copy of every default, for building a site from Python (tests, scripts)."""
    import copy

    return {name: copy.deepcopy(globals()[name]) for name in __all__}
