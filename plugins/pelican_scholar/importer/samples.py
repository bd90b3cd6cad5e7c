"""al-folio's sample content: the posts, projects, news and pages every fork starts with.

Recognised by path and by content, so a sample the user rewrote is kept: a
sample post keeps al-folio's file name and its front matter says what the
template demonstrates.
"""

from __future__ import annotations

import re

# File names of al-folio's sample posts (2015 to 2025 templates).
SAMPLE_POSTS = {
    "2015-03-15-formatting-and-links", "2015-05-15-images", "2015-07-15-code",
    "2015-10-20-math", "2015-10-20-comments", "2015-10-20-disqus-comments",
    "2016-06-27-distill", "2018-12-22-distill", "2020-09-28-twitter",
    "2020-09-28-github-metadata", "2021-07-04-diagrams", "2022-02-01-redirect",
    "2022-12-10-giscus-comments", "2023-03-20-table-of-contents", "2023-03-21-tables",
    "2023-04-24-videos", "2023-04-25-audios", "2023-04-25-sidebar-table-of-contents",
    "2023-05-12-custom-blockquotes", "2023-07-04-jupyter-notebook",
    "2023-07-12-post-bibliography", "2023-12-12-tikzjax", "2024-01-26-chartjs",
    "2024-01-26-echarts", "2024-01-26-geojson-map", "2024-01-27-advanced-images",
    "2024-01-27-code-diff", "2024-01-27-vega-lite", "2024-04-15-pseudocode",
    "2024-04-28-post-citation", "2024-04-29-typograms", "2024-05-01-tabs",
    "2024-12-04-photo-gallery", "2025-03-26-plotly", "2025-04-01-repositories",
    "2015-10-20-images", "2020-05-20-formatting",
}
_SAMPLE_PROJECT = re.compile(r"^\d+_project$")
_SAMPLE_NEWS = re.compile(r"^announcement_\d+$")
# Words only the template's placeholders use.
_PLACEHOLDER = re.compile(
    r"lorem ipsum|with a background image|a project with|an example of a blog post|"
    r"a simple inline announcement|a long announcement with details|"
    r"this is an example|template|al-folio|jekyll|sample", re.I)


def is_sample(kind: str, stem: str, meta: dict, body: str) -> bool:
    """True for an unmodified-looking al-folio sample of the given kind."""
    words = " ".join(str(meta.get(key) or "") for key in ("title", "description")) + " " + body[:1500]
    if kind == "post":
        return stem in SAMPLE_POSTS
    if kind == "project":
        return bool(_SAMPLE_PROJECT.match(stem)) and bool(_PLACEHOLDER.search(words))
    if kind == "news":
        return bool(_SAMPLE_NEWS.match(stem)) and bool(_PLACEHOLDER.search(words) or len(body) < 400
                                                     and "announcement" in words.lower())
    if kind == "page":
        return (stem == "dropdown" and str(meta.get("title", "")).lower() == "submenus"
                # the sample people page and the sample person's text it shows
                or stem == "profiles" and "about_einstein" in str(meta.get("profiles"))
                or stem == "about_einstein")
    return False
