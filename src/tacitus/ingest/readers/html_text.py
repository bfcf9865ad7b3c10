"""HTML fragments (feed entries) to plain text with paragraph breaks.

Why not trafilatura here: it is built to find the article in a whole page and discards short fragments
such as a feed summary as boilerplate; a fragment is all content, so we only need tags removed.
"""

from __future__ import annotations

import html
import re

import lxml.etree  # no stubs in the pinned set
import lxml.html

_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article")
_TAG = re.compile(r"<[^>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _tidy(text: str) -> str:
    paragraphs = (" ".join(chunk.split()) for chunk in re.split(r"\n\s*\n", text))
    lines = []
    for paragraph in paragraphs:
        if paragraph:
            lines.append(paragraph)
    return "\n\n".join(lines)


def fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: block elements become paragraphs, ``<br>`` a line break."""
    fragment = _CONTROL.sub(" ", fragment)
    if "<" not in fragment:
        return _tidy(html.unescape(fragment))
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.LxmlError, ValueError):
        return _tidy(html.unescape(_TAG.sub(" ", fragment)))
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
        if element.text is not None or len(element):
            element.text = "\n\n" + (element.text or "")
    return _tidy(root.text_content())
