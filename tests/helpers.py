"""Small helpers for reading built pages in tests."""


def text(node) -> str:
    """Visible text of a parsed element, with typogrify's no-break spaces as spaces."""
    return " ".join(node.get_text(" ").replace("\xa0", " ").split())
