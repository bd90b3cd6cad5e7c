"""An allow-list for the MathML that Temml writes: defence in depth.

Temml escapes text and, with `trust: false`, refuses `\\href`, `\\class`,
`\\style` and the like. Whatever it writes still passes through this list
before it reaches a page: known MathML elements (and the `<span>` Temml puts
in `<mtext>`), known attributes, `id`s of the form `eq-…`, classes Temml
uses, and `style` declarations of known properties with plain values. No
element may carry a URL or an event handler; anything else is removed.
"""

from __future__ import annotations

import re

from lxml import etree

ELEMENTS = frozenset("""
    math semantics annotation mrow mi mn mo ms mtext mspace msub msup msubsup munder mover
    munderover mfrac msqrt mroot mstyle merror mpadded mphantom mtable mtr mtd mmultiscripts
    mprescripts none menclose mlabeledtr span
""".split())
ATTRIBUTES = frozenset("""
    display displaystyle scriptlevel mathvariant mathcolor mathbackground mathsize fence form
    stretchy symmetric largeop movablelimits accent accentunder lspace rspace minsize maxsize
    width height depth voffset linethickness columnalign rowalign columnspan rowspan
    columnlines rowlines frame columnspacing rowspacing notation separator dir xmlns
    class style id
""".split())
STYLE_PROPERTIES = frozenset("""
    padding padding-left padding-right padding-top padding-bottom width height min-width
    margin margin-left margin-right margin-top margin-bottom math-depth math-style display
    color background-color border border-left border-right border-top border-bottom
    border-top-width border-bottom-width border-left-width border-right-width border-style
    border-width border-color vertical-align text-align font-style font-weight position top
    bottom left right transform text-decoration white-space line-height
""".split())
# A declaration's value: lengths, colours, keywords. No url(), no escapes, no quotes.
STYLE_VALUE = re.compile(r"^[#\w\s.,%+()-]*$")
FORBIDDEN_VALUE = re.compile(r"url|expression|image|\\|attr|var\(", re.I)
# The classes Temml writes, which theme/static/css/math.css styles.
CLASS = re.compile(r"^(?:(?:tml|wbk|chr|ff|longdiv|phasor)-[a-z0-9-]+|mathscr|mathcal|menclose|upstrike"
                   r"|downstrike|sout|textcircle|actuarial|circle-pad|special-fraction)$")
ID = re.compile(r"^eq-[A-Za-z0-9_.:-]+$")


class UnsafeMathML(ValueError):
    """The converter wrote something this list does not know."""


def sanitize(mathml: str) -> str:
    """The same MathML, keeping only what the allow-list names.

    Raises UnsafeMathML when the text is not well-formed XML.
    """
    try:
        root = etree.fromstring(mathml)
    except etree.XMLSyntaxError as error:
        raise UnsafeMathML(str(error)) from error
    if root.tag != "math":
        raise UnsafeMathML(f"<{root.tag}> is not <math>")
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.tag not in ELEMENTS:
            _remove(element)
            continue
        for name, value in list(element.attrib.items()):
            cleaned = _attribute(name, value)
            if cleaned is None:
                del element.attrib[name]
            elif cleaned != value:
                element.attrib[name] = cleaned
        _as_the_html_checker_reads_it(element)
    _with_the_shape_mathml_asks(root)
    return etree.tostring(root, encoding="unicode", method="html")


# Scripted elements and how many children (base and scripts) MathML asks of them.
SCRIPTED = {"munder": 2, "mover": 2, "msub": 2, "msup": 2, "munderover": 3, "msubsup": 3}


def _with_the_shape_mathml_asks(root) -> None:
    r"""Two shapes Temml writes that MathML (and the HTML checker) do not allow, redrawn the same.

    `\mathop{\mathrm{max}}` is an <mo> holding elements, where an <mo> holds text:
    it becomes an <mrow> keeping the operator's spacing as padding. `\underset{x}
    {\operatorname{argmin}}` is a <munder> with the operator's parts spread over
    four children instead of a base and a script: the parts are put back in one
    <mrow> as the base."""
    for element in list(root.iter("mo")):
        if len(element):
            spacing = "".join(f"padding-{side}:{element.attrib[name]};"
                              for side, name in (("left", "lspace"), ("right", "rspace"))
                              if name in element.attrib and STYLE_VALUE.match(element.attrib[name]))
            for name in list(element.attrib):
                del element.attrib[name]
            element.tag = "mrow"
            if spacing:
                element.attrib["style"] = spacing
    for tag, wanted in SCRIPTED.items():
        for element in list(root.iter(tag)):
            extra = len(element) - wanted
            if extra > 0:
                base = etree.Element("mrow")
                for child in list(element)[:extra + 1]:
                    base.append(child)  # moves it, with its tail
                element.insert(0, base)


def _as_the_html_checker_reads_it(element) -> None:
    """MathML Core's global `scriptlevel` and `displaystyle`, which the HTML checker
    only knows on <mstyle>, said in a way it accepts and browsers draw the same.

    A grouping <mrow> becomes an <mstyle> (the same box); on a token (<mn>, <mi>
    …) `scriptlevel` is said by the `math-depth` it stands for, which Temml
    usually writes beside it; `accent` on <munder> means nothing (that is
    `accentunder`)."""
    attributes = element.attrib
    if element.tag == "mrow" and ("scriptlevel" in attributes or "displaystyle" in attributes):
        element.tag = "mstyle"
    elif element.tag != "mstyle" and "scriptlevel" in attributes:
        level = attributes.pop("scriptlevel").strip()
        style = attributes.get("style", "")
        if "math-depth" not in style and re.fullmatch(r"[+-]?\d{1,2}", level):
            depth = level if level[0].isdigit() else f"add({int(level)})"
            attributes["style"] = f"{style}math-depth:{depth};"
    if element.tag == "munder":
        attributes.pop("accent", None)
    if element.tag not in ("mstyle", "math", "mtable"):
        attributes.pop("displaystyle", None)


def _remove(element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    # Keep the text that followed the removed element; drop what it held.
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _attribute(name: str, value: str) -> str | None:
    if name not in ATTRIBUTES:
        return None
    if name == "id":
        return value if ID.match(value) else None
    if name == "class":
        kept = [token for token in value.split() if CLASS.match(token)]
        return " ".join(kept) or None
    if name == "style":
        kept = []
        for declaration in value.split(";"):
            prop, _, setting = declaration.partition(":")
            prop, setting = prop.strip().lower(), setting.strip()
            if prop in STYLE_PROPERTIES and STYLE_VALUE.match(setting) and not FORBIDDEN_VALUE.search(setting):
                kept.append(f"{prop}:{setting};")
        return "".join(kept) or None
    if re.search(r"[<>\"'`]|javascript:|data:", value, re.I):
        return None
    return value
