"""The headings of the publications page and the order within them.

PUBLICATIONS_GROUP_BY ("year", "type", "none") and PUBLICATIONS_SORT.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from .fields import is_number
from .model import Publication, PublicationGroup

logger = logging.getLogger(__name__)


def _sort_key(name: str) -> Callable[[Publication], object]:
    return {
        "year": lambda p: p.year or 0,
        "month": lambda p: p.month or 0,
        "title": lambda p: p.title_text.casefold(),
        "key": lambda p: p.key.casefold(),
        "type": lambda p: p.entry_type,
    }.get(name, lambda p: p.order)


def sort_publications(pubs: list[Publication], spec: str) -> list[Publication]:
    """File order, or the order ``spec`` ("-year,title") asks for."""
    result = sorted(pubs, key=lambda p: p.order)
    for part in reversed([s.strip() for s in (spec or "").split(",") if s.strip()]):
        name = part.lstrip("-+")
        if name not in ("year", "month", "title", "key", "type"):
            logger.warning("PUBLICATIONS_SORT: unknown key %r; it is ignored.", name)
            continue
        result.sort(key=_sort_key(name), reverse=part.startswith("-"))
    return result


def group_publications(pubs: list[Publication], settings: dict) -> list[PublicationGroup]:
    """Headings and their entries, per PUBLICATIONS_GROUP_BY."""
    how = settings["PUBLICATIONS_GROUP_BY"]
    spec = settings["PUBLICATIONS_SORT"]
    if how == "none":
        return [PublicationGroup("", "publications-all", sort_publications(pubs, spec))] if pubs else []
    buckets: dict[str, list[Publication]] = {}
    if how == "type":
        order = [label for label, _ in settings["PUBLICATIONS_TYPE_GROUPS"]]
        fallback = next((label for label, types in settings["PUBLICATIONS_TYPE_GROUPS"] if "*" in types),
                        "Other")
        for pub in pubs:
            label = next((label for label, types in settings["PUBLICATIONS_TYPE_GROUPS"]
                          if pub.entry_type in types), fallback)
            buckets.setdefault(label, []).append(pub)
        labels = [label for label in order if label in buckets]
        labels += [label for label in buckets if label not in labels]
    else:
        for pub in pubs:
            buckets.setdefault(pub.year_label, []).append(pub)
        years = sorted((label for label in buckets if is_number(label)), key=int, reverse=True)
        texts = [label for label in buckets if label and not is_number(label)]
        labels = texts + years + ([""] if "" in buckets else [])
    undated = settings["PUBLICATIONS_UNDATED_LABEL"]
    groups = []
    for number, label in enumerate(labels, start=1):
        shown = label or undated
        anchor = "y" + label if is_number(label) else "group-%d" % number
        groups.append(PublicationGroup(shown, anchor, sort_publications(buckets[label], spec)))
    return groups
