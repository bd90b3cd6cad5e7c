"""Related posts, chosen while the site builds: al-folio's related_blog_posts.

Each post gets up to RELATED_POSTS_LIMIT other posts that share its tags and
its words, shown at the end of the post. Nothing is loaded in the reader's
browser: the list is plain links in the page.

How posts are compared: every post becomes a short vector of its most
distinctive words (TF-IDF over its title, counted three times, and the first
2,000 characters of its text; the 25 heaviest words are kept, and words found
in one post only or in more than a fifth of them are left out). Two posts
score the cosine of their vectors plus the share of tags they have in common
(Ochiai: shared / sqrt(tags of one × tags of the other)). Posts that share
nothing are never related. Ties go to the newer post, then to the earlier
URL, so the choice is the same on every build.

Settings (default):
    RELATED_BLOG_POSTS (True): al-folio's `related_blog_posts: {enabled}`;
        False turns the lists off everywhere.
    RELATED_POSTS_LIMIT (3): at most this many related posts (al-folio's
        `related_blog_posts: {max_related}`); 0 turns the lists off.

Front matter `related_posts: false` (as in al-folio) turns it off for a post;
such a post can still be listed as related to others.

Templates get `article.related_posts_list`: a list of articles, best first
(empty when there is none or it is turned off).
"""

from __future__ import annotations

import functools
import heapq
import math
import re
import string
from collections import Counter, defaultdict

from pelican import signals

from ..content import raw_html
from ..data import truthy

# Words shorter than three letters, numbers and these are not worth comparing.
STOP_WORDS = frozenset("""
about above after again against all also and any are because been before being below
between both but can could did does doing down during each few for from further had has
have having her here hers him his how into its itself just more most much must not now
off once only other our ours out over own same she should some such than that the their
theirs them then there these they this those through too under until very was were what
when where which while who whom why will with would you your yours one two may might
use used using like get got make made well way new see also however thus
""".split())
KEPT_WORDS = 25  # per post: enough to match on, small enough to compare fast
TITLE_WEIGHT = 3
TEXT_CHARACTERS = 2000  # the opening of a post (about 300 words) says what it is about
COMMON_SHARE = 0.2  # words in more than this share of the posts are not compared
_PUNCTUATION = str.maketrans({mark: " " for mark in string.punctuation + "“”‘’–—…«»·"})
_TAG = re.compile(r"<[^>]*>")


def word_counts(text: str) -> Counter:
    """How often each lower-case word of three letters or more occurs, stop words left out."""
    return Counter(dict(_word_counts(text)))


# Every post's opening is counted on every build (livereload): remembered.
@functools.lru_cache(maxsize=4096)
def _word_counts(text: str) -> tuple[tuple[str, int], ...]:
    counts = Counter()
    # Splitting on spaces, then looking at each distinct token once, is several
    # times faster than a regular expression over the whole text.
    for token, count in Counter(text.lower().translate(_PUNCTUATION).split()).items():
        if len(token) >= 3 and token.isalpha() and token not in STOP_WORDS:
            counts[token] += count
    return tuple(counts.items())


def _vector(counts: Counter, idf: dict[str, float]) -> dict[str, float]:
    weighted = {word: count * idf[word] for word, count in counts.items() if word in idf}
    kept = heapq.nlargest(KEPT_WORDS, weighted.items(), key=lambda item: (item[1], item[0]))
    norm = math.sqrt(sum(weight * weight for _, weight in kept)) or 1.0
    return {word: weight / norm for word, weight in kept}


def related_posts(posts: list[dict], limit: int) -> list[list[int]]:
    """For each post, the indexes of up to `limit` related posts, best first.

    `posts` are plain records: {"text": str, "title": str, "tags": [str],
    "order": a sort key, larger = preferred on a tie (the date)}. Pure, so tests
    and the benchmark call it directly.
    """
    # Work on the posts newest first: an index is then also a rank, and since
    # candidates are visited in index order and nlargest keeps the first of
    # equal scores, a tie goes to the newer post, the same on every build.
    newest_first = sorted(range(len(posts)), key=lambda index: posts[index]["order"], reverse=True)
    posts = [posts[index] for index in newest_first]
    counted = []
    for post in posts:
        counts = word_counts(post["text"][:TEXT_CHARACTERS])
        for word, count in word_counts(post["title"]).items():
            counts[word] += TITLE_WEIGHT * count
        counted.append(counts)
    documents = len(posts)
    frequency = Counter(word for counts in counted for word in counts)
    # A word in a single post matches nothing; one in more than a fifth of the
    # posts says little about any pair of them (and would make comparing slow).
    common = max(2, documents * COMMON_SHARE)
    idf = {word: math.log(documents / seen) for word, seen in frequency.items()
           if 2 <= seen <= common}
    vectors = [_vector(counts, idf) for counts in counted]
    by_word: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for index, vector in enumerate(vectors):
        for word, weight in vector.items():
            by_word[word].append((index, weight))
    tags = [frozenset(tag.lower() for tag in post["tags"]) for post in posts]
    tag_weight = [1.0 / math.sqrt(len(post_tags)) if post_tags else 0.0 for post_tags in tags]
    by_tag: dict[str, list[int]] = defaultdict(list)
    for index, post_tags in enumerate(tags):
        for tag in post_tags:
            by_tag[tag].append(index)

    chosen: list[list[int]] = [[] for _ in posts]
    for index, vector in enumerate(vectors):
        scores: dict[int, float] = defaultdict(float)
        for word, weight in vector.items():
            for other, other_weight in by_word[word]:
                scores[other] += weight * other_weight
        shared = Counter()
        for tag in tags[index]:
            shared.update(by_tag[tag])
        own = tag_weight[index]
        for other, count in shared.items():
            scores[other] += count * own * tag_weight[other]
        scores.pop(index, None)
        best = heapq.nlargest(limit, sorted(scores), key=scores.__getitem__)
        chosen[newest_first[index]] = [newest_first[other] for other in best if scores[other] > 1e-9]
    return chosen


_last: list = [None, None]  # the posts and limit of the last build, and its answer


def _related_posts_remembered(posts: list[dict], limit: int) -> list[list[int]]:
    """related_posts, or the last build's answer when its posts were the same (a rebuild
    after an edit that changed no post's title, tags, date or opening)."""
    key = (posts, limit)
    if _last[0] != key:
        _last[:] = [key, related_posts(posts, limit)]
    return [list(others) for others in _last[1]]


def _record(article) -> dict:
    return {
        "text": _TAG.sub(" ", raw_html(article)[:2 * TEXT_CHARACTERS]),
        "title": _TAG.sub(" ", str(article.title)),
        "tags": [tag.name for tag in getattr(article, "tags", None) or []],
        "order": article.date.timestamp(),
    }


def add_related_posts(generator) -> None:
    settings = generator.settings
    articles = sorted(generator.articles, key=lambda article: article.url)
    limit = settings["RELATED_POSTS_LIMIT"] or 0
    if not settings["RELATED_BLOG_POSTS"] or limit <= 0 or len(articles) < 2:
        for article in articles:
            article.related_posts_list = []
        return
    chosen = _related_posts_remembered([_record(article) for article in articles], limit)
    for article, others in zip(articles, chosen):
        wanted = truthy(article.metadata.get("related_posts", True))
        article.related_posts_list = [articles[other] for other in others] if wanted else []


def register() -> None:
    signals.article_generator_finalized.connect(add_related_posts)
