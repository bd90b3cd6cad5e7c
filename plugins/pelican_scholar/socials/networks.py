"""Social networks understood by Pelican Scholar, compatible with al-folio.

al-folio (alshedivat/al-folio) lists an author's profiles in ``_data/socials.yml``
and renders them with the ``{% social_links %}`` tag of the ``jekyll-socials``
gem (george-gca/jekyll-socials), which holds the table of supported keys and
URL patterns.  This module restates that table as data, so a socials file
written for al-folio can be reused unchanged.  Only the facts (keys and URL
shapes) come from there; labels, icons and the data layout are our own.

Keys and URL patterns follow ``SOCIAL_URLS`` in ``lib/jekyll-socials.rb``
(the 49 keys of the releases al-folio uses, plus ``substack_username``, which
the newest jekyll-socials adds).  NETWORKS is in alphabetical key order, which
is also the order of al-folio's commented ``socials.yml`` template; al-folio
itself renders links in the order the user wrote them.

Values are inserted verbatim: callers must URL-quote them as appropriate.

Keys that need special handling (see ``Network.kind``):

* ``email`` -- ``mailto:`` link (al-folio obfuscates the address);
* ``rss_icon`` -- boolean; when true, link to the site's own feed
  (al-folio: ``{baseurl}/feed.xml``);
* ``cv_pdf`` -- a site path (prefixed with the site URL; al-folio also swaps
  ``[LANG]`` for the active language) or, if it contains ``://``, a full URL;
* ``academia_edu`` -- a mapping with ``organization`` and ``username``;
* ``*_url`` keys and ``work_url`` -- the value is already a full URL
  (note: old al-folio built ``https://bsky.app/profile/{value}`` for
  ``bluesky_url``; jekyll-socials takes the full profile URL);
* ``mastodon_username`` -- ``instance.tld/@user``, prefixed with ``https://``;
  old al-folio marked this link ``rel="me"`` (see ``Network.rel_me``);
* ``wechat_username`` -- a ``weixin://`` deep link, not an https URL.

Old al-folio (before jekyll-socials) also had ``wechat_qr``, an image file
under ``assets/img/`` shown in a pop-up; it is kept in LEGACY_NETWORKS.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KINDS", "LEGACY_NETWORKS", "NETWORKS", "Network"]

#: Allowed values of ``Network.kind``.
KINDS: frozenset[str] = frozenset({"url", "email", "feed", "file", "compound", "image"})


@dataclass(frozen=True)
class Network:
    """One social network or profile service.

    Attributes:
        key: the al-folio ``socials.yml`` key, e.g. ``"orcid_id"``.
        label: accessible name for the link, e.g. ``"ORCID"``.
        url: URL template.  ``{value}`` stands for the (caller-quoted) value;
            ``"{value}"`` alone means the value is a full URL or path.  For
            ``kind == "compound"`` the placeholders are the names in ``fields``.
        icon: a key of ``ICONS`` in ``icons.py``.
        kind: how to build the link:
            ``"url"`` -- format ``url`` with the value;
            ``"email"`` -- value is an e-mail address, ``url`` is ``mailto:{value}``;
            ``"feed"`` -- value is a boolean; link to the site's feed;
            ``"file"`` -- value is a site path or a full URL (the CV);
            ``"compound"`` -- value is a mapping with the keys in ``fields``;
            ``"image"`` -- value is an image file name (legacy ``wechat_qr``).
        fields: names of the sub-keys for ``kind == "compound"``.
        rel_me: add ``rel="me"`` to the link (profile verification).
    """

    key: str
    label: str
    url: str
    icon: str
    kind: str = "url"
    fields: tuple[str, ...] = ()
    rel_me: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"{self.key}: unknown kind {self.kind!r}")
        if self.kind == "compound":
            if not self.fields:
                raise ValueError(f"{self.key}: compound network needs fields")
        elif self.kind != "feed" and "{value}" not in self.url:
            raise ValueError(f"{self.key}: url template lacks {{value}}")


def _index(*networks: Network) -> dict[str, Network]:
    result: dict[str, Network] = {}
    for network in networks:
        if network.key in result:
            raise ValueError(f"duplicate network key {network.key!r}")
        result[network.key] = network
    return result


NETWORKS: dict[str, Network] = _index(
    Network(
        "academia_edu",
        "Academia.edu",
        "https://{organization}.academia.edu/{username}",
        "academia",
        kind="compound",
        fields=("organization", "username"),
    ),
    Network("acm_id", "ACM Digital Library", "https://dl.acm.org/profile/{value}/", "acm"),
    Network("arxiv_id", "arXiv", "https://arxiv.org/a/{value}.html", "arxiv"),
    Network("blogger_url", "Blogger", "{value}", "blogger"),
    Network("bluesky_url", "Bluesky", "{value}", "bluesky"),
    Network("cv_pdf", "CV", "{value}", "file-text", kind="file"),
    Network("dblp_url", "DBLP", "{value}", "dblp"),
    Network("discord_id", "Discord", "https://discord.com/users/{value}", "discord"),
    Network("email", "Email", "mailto:{value}", "mail", kind="email"),
    Network("facebook_id", "Facebook", "https://facebook.com/{value}", "facebook"),
    Network("flickr_id", "Flickr", "https://www.flickr.com/{value}", "flickr"),
    Network("github_username", "GitHub", "https://github.com/{value}", "github"),
    Network("gitlab_username", "GitLab", "https://gitlab.com/{value}", "gitlab"),
    Network("hal_id", "HAL", "https://cv.hal.science/{value}", "hal"),
    Network("ieee_id", "IEEE Xplore", "https://ieeexplore.ieee.org/author/{value}/", "ieee"),
    Network("inspirehep_id", "INSPIRE-HEP", "https://inspirehep.net/authors/{value}", "inspire"),
    Network("instagram_id", "Instagram", "https://instagram.com/{value}", "instagram"),
    Network("kaggle_id", "Kaggle", "https://www.kaggle.com/{value}", "kaggle"),
    Network("keybase_username", "Keybase", "https://keybase.io/{value}", "keybase"),
    Network("lastfm_id", "Last.fm", "https://www.last.fm/user/{value}", "lastdotfm"),
    Network("lattes_id", "Lattes", "http://lattes.cnpq.br/{value}", "graduation-cap"),
    Network("leetcode_id", "LeetCode", "https://leetcode.com/u/{value}/", "leetcode"),
    Network("letterboxd_id", "Letterboxd", "https://letterboxd.com/{value}", "letterboxd"),
    Network("linkedin_username", "LinkedIn", "https://www.linkedin.com/in/{value}", "globe"),
    Network("mastodon_username", "Mastodon", "https://{value}", "mastodon", rel_me=True),
    Network("medium_username", "Medium", "https://medium.com/@{value}", "medium"),
    Network("orcid_id", "ORCID", "https://orcid.org/{value}", "orcid"),
    Network("osf_id", "Open Science Framework", "https://osf.io/{value}/", "osf"),
    Network("pinterest_id", "Pinterest", "https://www.pinterest.com/{value}", "pinterest"),
    Network("publons_id", "Publons", "https://publons.com/a/{value}/", "publons"),
    Network("quora_username", "Quora", "https://www.quora.com/profile/{value}", "quora"),
    Network(
        "research_gate_profile",
        "ResearchGate",
        "https://www.researchgate.net/profile/{value}/",
        "researchgate",
    ),
    Network("rss_icon", "RSS feed", "{value}", "rss", kind="feed"),
    Network(
        "scholar_userid",
        "Google Scholar",
        "https://scholar.google.com/citations?user={value}",
        "googlescholar",
    ),
    Network(
        "scopus_id",
        "Scopus",
        "https://www.scopus.com/authid/detail.uri?authorId={value}",
        "scopus",
    ),
    Network(
        "semanticscholar_id",
        "Semantic Scholar",
        "https://www.semanticscholar.org/author/{value}",
        "semanticscholar",
    ),
    Network("spotify_id", "Spotify", "https://open.spotify.com/user/{value}", "spotify"),
    Network("stackoverflow_id", "Stack Overflow", "https://stackoverflow.com/users/{value}", "stackoverflow"),
    Network("strava_userid", "Strava", "https://www.strava.com/athletes/{value}", "strava"),
    Network("substack_username", "Substack", "https://{value}.substack.com", "substack"),
    Network("telegram_username", "Telegram", "https://telegram.me/{value}", "telegram"),
    Network("unsplash_id", "Unsplash", "https://unsplash.com/@{value}", "unsplash"),
    Network("wechat_username", "WeChat", "weixin://dl/chat?{value}", "wechat"),
    Network("whatsapp_number", "WhatsApp", "https://wa.me/{value}", "whatsapp"),
    Network("wikidata_id", "Wikidata", "https://www.wikidata.org/wiki/{value}", "wikidata"),
    Network("wikipedia_id", "Wikipedia", "https://wikipedia.org/wiki/User:{value}", "wikipedia"),
    Network("work_url", "Work", "{value}", "briefcase"),
    Network("x_username", "X", "https://twitter.com/{value}", "x"),
    Network("youtube_id", "YouTube", "https://youtube.com/@{value}", "youtube"),
    Network("zotero_username", "Zotero", "https://www.zotero.org/{value}", "zotero"),
)

#: Keys only old al-folio (before jekyll-socials) understood.  ``wechat_qr`` is
#: an image file name under ``assets/img/``; al-folio showed the QR code in a
#: pop-up rather than linking anywhere.  ``url`` is the image path template.
LEGACY_NETWORKS: dict[str, Network] = _index(
    Network("wechat_qr", "WeChat", "assets/img/{value}", "wechat", kind="image"),
)
