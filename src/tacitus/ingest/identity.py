"""Deterministic identities for documents, so that re-ingesting the same article is an upsert.

``Document.id`` names *the article* (its canonical URL when known, else its normalised text) and
``Document.content_hash`` names *this version of its text*: the store keeps both, so a page whose text
changes under the same URL becomes a new version of the same document rather than a new document.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

ID_LENGTH = 16
_WHITESPACE = re.compile(r"\s+")
_TRACKING_EXACT = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith("utm_") or lowered in _TRACKING_EXACT


def canonical_url(url: str) -> str:
    """Return ``url`` in one spelling per page: the same article shared with different tracking tags or
    fragments must get the same id.

    Lower-cases scheme and host, drops default ports, the fragment, tracking parameters (``utm_*``,
    ``fbclid``, ``gclid`` and a few other click ids) and a trailing slash, and sorts the remaining query
    parameters. A string without a host is returned stripped, minus its fragment.
    """
    cleaned = url.strip()
    try:
        parts = urlsplit(cleaned)
        port = parts.port
    except ValueError:
        return cleaned.split("#", 1)[0]
    if not parts.netloc:
        return cleaned.split("#", 1)[0].rstrip("/")
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.username is not None:
        userinfo = parts.username + (f":{parts.password}" if parts.password is not None else "")
        host = f"{userinfo}@{host}"
    if port is not None and _DEFAULT_PORTS.get(scheme) != port:
        host = f"{host}:{port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k))
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def normalise_text(text: str) -> str:
    """NFC-normalise and collapse every whitespace run to one space, so layout changes do not change ids."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def content_hash(text: str) -> str:
    """SHA-1 (hex) of the normalised text: the version key of a document's text."""
    return hashlib.sha1(normalise_text(text).encode("utf-8")).hexdigest()


def document_id(url: str | None, text: str) -> str:
    """Short hex id: from the canonical URL when there is one, else from the normalised text."""
    canonical = canonical_url(url) if url else ""
    key = f"url:{canonical}" if canonical else f"text:{normalise_text(text)}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:ID_LENGTH]
