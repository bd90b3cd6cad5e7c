"""The venue line (journal or book, volume, pages, location, date) as data."""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import Markup, escape

from . import latex
from .model import Venue, VenuePart

_PROCEEDINGS = ("inproceedings", "incollection", "conference", "inbook")
_THESES = {"phdthesis": "PhD thesis", "mastersthesis": "Master’s thesis"}
_BOOKS = ("book", "proceedings", "collection", "manual")
_ANY_VENUE = ("journal", "booktitle", "howpublished", "publisher", "school",
              "institution", "organization")


def _text_part(kind: str, text: str) -> VenuePart:
    return VenuePart(kind, escape(text), text)


def _pages(value: str) -> VenuePart:
    value = value.replace("--", "-").replace("—", "-").replace("–", "-")
    converted = latex.convert(value)
    html, text = converted.html, converted.text
    if "-" in text.strip("-"):
        first, last = [p.strip() for p in html.split("-", 1)]
        first_text, last_text = [p.strip() for p in text.split("-", 1)]
        return VenuePart("pages", Markup("%s–%s" % (first, last.lstrip("-").strip())),
                         "%s–%s" % (first_text, last_text.lstrip("-").strip()), "pp. ")
    return VenuePart("pages", Markup(html.strip("-")), text.strip("-"), "p. ")


def build_venue(entry_type: str, values: Mapping[str, str], date_text: str,
                converted: Mapping[str, latex.Converted],
                additional_info: Markup | str = "") -> Venue:
    """The venue line's parts, by entry type; ``converted`` holds fields already converted."""
    parts: list[VenuePart] = []

    def add(name: str, prefix: str = "", emphasised: bool = False, kind: str = "") -> None:
        field = converted[name]
        parts.append(VenuePart(kind or name, Markup(field.html), field.text, prefix, emphasised))

    t = entry_type
    if t == "article":
        if "journal" in converted:
            add("journal", emphasised=True)
    elif t in _PROCEEDINGS and "booktitle" in converted:
        add("booktitle", "In ", emphasised=True)
    elif t in ("phdthesis", "mastersthesis", "thesis"):
        if t in _THESES or "type" not in converted:
            parts.append(_text_part("type", _THESES.get(t, "Thesis")))
        else:
            add("type")
        if "school" in converted:
            add("school", emphasised=True)
    elif t == "techreport":
        if "type" in converted:
            add("type")
        else:
            parts.append(_text_part("type", "Technical report"))
        if "number" in converted:
            number = converted["number"]
            parts[-1].html += Markup(" ") + Markup(number.html)
            parts[-1].text += " " + number.text
        if "institution" in converted:
            add("institution", emphasised=True)
    elif t in _BOOKS:
        for name in ("series", "publisher", "organization"):
            if name in converted:
                add(name, emphasised=not parts)
    else:
        name = next((name for name in _ANY_VENUE if name in converted), None)
        if name:
            add(name, "In " if name == "booktitle" else "", emphasised=True)
    if "volume" in converted:
        add("volume", "vol. ")
    if "number" in converted and t != "techreport":
        add("number", "no. ")
    if values.get("pages"):
        parts.append(_pages(values["pages"]))
    if "location" in converted:
        add("location")
    if date_text:
        parts.append(_text_part("date", date_text))
    return Venue(parts, Markup(additional_info))
