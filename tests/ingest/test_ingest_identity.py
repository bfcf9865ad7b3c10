from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tacitus.ingest import canonical_url, content_hash, document_id, normalise_text


def test_canonical_url_drops_tracking_fragment_and_case() -> None:
    url = "HTTPS://News.Example.COM:443/world/story/?utm_source=x&b=2&fbclid=abc&a=1&gclid=9#comments"
    assert canonical_url(url) == "https://news.example.com/world/story?a=1&b=2"


def test_canonical_url_keeps_non_default_port_and_path_case() -> None:
    assert canonical_url("http://Example.com:8080/Path/") == "http://example.com:8080/Path"


def test_same_url_with_different_tracking_gives_same_id() -> None:
    one = document_id("https://example.com/a?utm_medium=rss", "text one")
    two = document_id("https://EXAMPLE.com/a/#top", "text two, edited")
    assert one == two
    assert 16 <= len(one) <= 20
    assert all(ch in "0123456789abcdef" for ch in one)


def test_same_text_twice_gives_same_id_without_url() -> None:
    assert document_id(None, "Ten  people\nwere killed.") == document_id(None, "Ten people were killed. ")
    assert document_id(None, "Ten people were killed.") != document_id(None, "Eleven people were killed.")


def test_content_hash_tracks_text_not_layout() -> None:
    assert content_hash("a\n\nb") == content_hash("a b")
    assert content_hash("a b") != content_hash("a c")


def test_normalise_text_nfc_and_whitespace() -> None:
    assert normalise_text("  Cafe\u0301\t\n au  lait ") == "Café au lait"


@given(st.text())
def test_identity_functions_never_raise(value: str) -> None:
    canonical_url(value)
    assert len(document_id(value or None, value)) == 16
    assert normalise_text(normalise_text(value)) == normalise_text(value)
