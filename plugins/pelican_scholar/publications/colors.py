"""Venue badge colours: read hex and rgb() colours, pick readable text (WCAG 2)."""

from __future__ import annotations

import re

_HEX_COLOR = re.compile(r"#([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
_RGB_COLOR = re.compile(r"rgba?\(([^()]*)\)", re.I)
_RGB_SEPARATORS = re.compile(r"[\s,/]+")
_CSS_NUMBER = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(%?)", re.ASCII)


def parse_color(value: str) -> tuple[int, int, int] | None:
    """Red, green and blue (0–255) of a hex or ``rgb()``/``rgba()`` colour, else None.

    ``#rgb``, ``#rgba``, ``#rrggbb``, ``#rrggbbaa``, ``rgb(255, 204, 0)``,
    ``rgb(100% 80% 0% / 50%)``. Alpha is dropped: a badge is drawn opaque, so
    that its text stays readable on a light and a dark page alike. Named
    colours (``gold``) are not read: the caller falls back to the neutral badge.
    """
    value = (value or "").strip()
    match = _HEX_COLOR.fullmatch(value)
    if match:
        digits = match.group(1)
        if len(digits) <= 4:
            digits = "".join(c * 2 for c in digits)
        red, green, blue = (int(digits[i:i + 2], 16) for i in (0, 2, 4))
        return red, green, blue
    match = _RGB_COLOR.fullmatch(value)
    if not match:
        return None
    parts = [part for part in _RGB_SEPARATORS.split(match.group(1)) if part]
    numbers = [_CSS_NUMBER.fullmatch(part) for part in parts]
    if len(parts) not in (3, 4) or not all(numbers):
        return None
    red, green, blue = (round(min(255.0, float(n.group(1)) * (2.55 if n.group(2) else 1)))
                        for n in numbers[:3])
    return red, green, blue


def _luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2 relative luminance."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: tuple[int, int, int], second: tuple[int, int, int]) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# Pure black and white: against any background one of them reaches 4.58:1
# (a near-black such as #111 can fall to 4.35:1, below WCAG AA).
_TEXT_COLORS = (("#000", (0, 0, 0)), ("#fff", (255, 255, 255)))


def venue_style(color: str) -> str:
    """``background-color`` plus the text colour that contrasts more with it.

    "" when ``color`` is not a colour :func:`parse_color` reads: the badge
    keeps the theme's neutral style.
    """
    rgb = parse_color(color)
    if rgb is None:
        return ""
    text = max(_TEXT_COLORS, key=lambda option: contrast_ratio(rgb, option[1]))[0]
    return "background-color: #%02x%02x%02x; color: %s" % (*rgb, text)
