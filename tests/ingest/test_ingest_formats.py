"""Each format read from small real files written in tmp_path."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tacitus.ingest import document_id
from tacitus.settings import FieldMap, Settings

from .conftest import collect
from .samples import ARTICLE_HTML, ATOM_FEED, RSS_FEED


def test_text_first_line_is_title_rest_kept_verbatim(tmp_path: Path) -> None:
    body = "First paragraph  with  two spaces.\r\n\r\nSecond “quoted” paragraph.\n"
    path = tmp_path / "story.txt"
    path.write_bytes(("\n  Headline here  \r\n\r\n" + body).encode("utf-8"))
    docs, issues = collect([path])
    assert issues == []
    [doc] = docs
    assert doc.title == "Headline here"
    assert doc.text == body
    assert doc.fmt == "txt"
    assert doc.path == str(path)
    assert doc.id == document_id(None, body)


def test_text_single_line_has_no_title(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text("Only one line of text.", encoding="utf-8")
    [doc], _ = collect([path])
    assert doc.title is None
    assert doc.text == "Only one line of text."


def test_html_article(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    docs, issues = collect([path])
    assert issues == []
    [doc] = docs
    assert "At least 12 civilians were killed" in doc.text
    assert "Copyright" not in doc.text
    assert "Home" not in doc.text
    assert doc.title and "Civilians flee west Mosul" in doc.title
    assert doc.source == "Northern Courier"
    assert doc.url is not None and doc.url.startswith("https://courier.example/world/mosul-civilians-flee")
    assert doc.id == document_id("https://courier.example/world/mosul-civilians-flee", "")
    assert doc.published == dt.date(2017, 4, 1)
    assert doc.fmt == "html"


def test_html_ambiguous_numeric_date_follows_locale(tmp_path: Path) -> None:
    page = (
        '<html lang="{lang}"><head><title>T</title></head><body><article><p class="date">04/01/2017</p>'
        "<p>" + "Iraqi forces advanced into the Old City on Sunday, officials said. " * 5 + "</p>"
        "</article></body></html>"
    )
    us, uk, unknown = tmp_path / "us.html", tmp_path / "uk.html", tmp_path / "xx.html"
    us.write_text(page.format(lang="en-US"), encoding="utf-8")
    uk.write_text(page.format(lang="en-GB"), encoding="utf-8")
    unknown.write_text(page.format(lang="en"), encoding="utf-8")
    docs, issues = collect([us, uk, unknown])
    assert [d.published for d in docs] == [dt.date(2017, 4, 1), dt.date(2017, 1, 4), None]
    [warning] = issues
    assert warning.severity == "warning" and warning.path == str(unknown)
    assert "day/month" in warning.problem


def test_json_object_and_array_with_custom_fields(tmp_path: Path) -> None:
    records = [
        {"body": "Ten people were killed.", "headline": "Attack", "link": "https://a.example/1?fbclid=x"},
        {"body": "Twenty were injured.", "meta": {"when": "2017-04-01"}},
    ]
    array, single = tmp_path / "many.json", tmp_path / "one.json"
    array.write_text(json.dumps(records), encoding="utf-8")
    single.write_text(json.dumps(records[0]), encoding="utf-8")
    fields = FieldMap(text="body", title="headline", url="link", published="meta.when")
    docs, issues = collect([array, single], Settings(fields=fields))
    assert issues == []
    assert [d.path for d in docs] == [f"{array}#0", f"{array}#1", str(single)]
    assert docs[0].title == "Attack"
    assert docs[0].id == docs[2].id == document_id("https://a.example/1", "")
    assert docs[1].published == dt.date(2017, 4, 1)


def test_json_wrapper_object_with_one_array(tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    path.write_text(json.dumps({"count": 2, "articles": [{"text": "a b"}, {"text": "c d"}]}), "utf-8")
    docs, issues = collect([path])
    assert [d.text for d in docs] == ["a b", "c d"] and issues == []


def test_jsonl_streams_and_reports_bad_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "First report.", "published": "Sat, 01 Apr 2017 10:00:00 +0300"}),
        "",
        "{not json",
        json.dumps({"text": "Third report.", "published": "1 April 2017", "source": "Wire"}),
        json.dumps({"title": "no text here"}),
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, issues = collect([path])
    assert [d.path for d in docs] == [f"{path}:1", f"{path}:4"]
    assert [d.published for d in docs] == [dt.date(2017, 4, 1)] * 2
    assert docs[1].source == "Wire"
    assert [(i.path, i.severity) for i in issues] == [(f"{path}:3", "error"), (f"{path}:5", "error")]
    assert "invalid JSON" in issues[0].problem
    assert "no 'text' field" in issues[1].problem and "title" in issues[1].problem


def test_csv_with_custom_field_names_and_multiline_cells(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "headline;article_body;permalink;date;outlet\n"
        'Attack;"Ten people were killed.\nTwo were injured.";https://x.example/a;2017-03-30;Rudaw\n'
        "Short;;https://x.example/b;2017-03-31;Rudaw\n"
        "Flood;Rivers rose;https://x.example/c;31/03/2017;Rudaw\n",
        encoding="utf-8",
    )
    fields = FieldMap(
        text="article_body", title="headline", url="permalink", published="date", source="outlet"
    )
    docs, issues = collect([path], Settings(fields=fields))
    assert [d.path for d in docs] == [f"{path}:2", f"{path}:5"]
    assert docs[0].text == "Ten people were killed.\nTwo were injured."
    assert docs[0].source == "Rudaw" and docs[0].published == dt.date(2017, 3, 30)
    assert docs[1].published == dt.date(2017, 3, 31)
    [issue] = issues
    assert issue.path == f"{path}:4" and "article_body" in issue.problem


def test_rss_feed(tmp_path: Path) -> None:
    path = tmp_path / "wire.xml"
    path.write_text(RSS_FEED, encoding="utf-8")
    docs, issues = collect([path])
    assert issues == []
    assert [d.fmt for d in docs] == ["rss", "rss"]
    assert docs[0].text == "As many as 200 civilians may have been killed.\n\nAn investigation is under way."
    assert docs[0].published == dt.date(2017, 3, 31)  # the publisher's calendar day, not UTC's
    assert docs[0].source == "Conflict Wire"
    assert docs[0].url == "https://wire.example/2017/03/airstrike?utm_campaign=feed"
    assert docs[1].path == f"{path}#1"


def test_atom_feed_prefers_content_and_is_sniffed_from_html_extension(tmp_path: Path) -> None:
    path = tmp_path / "reports.html"
    path.write_text(ATOM_FEED, encoding="utf-8")
    [doc], issues = collect([path])
    assert issues == []
    assert doc.fmt == "atom"
    assert doc.text.startswith("U.S. Central Command released drone video on Sunday.")
    assert doc.published == dt.date(2017, 4, 2)
    assert doc.title == "Drone video released"


def _write_warc(path: Path) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.suffix == ".gz")
        pages = [
            ("https://courier.example/a", ARTICLE_HTML.encode("utf-8"), "text/html; charset=utf-8"),
            ("https://courier.example/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
            ("https://courier.example/empty", b"<html><body></body></html>", "text/html"),
        ]
        for url, payload, ctype in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), http_headers=headers
            )
            writer.write_record(record)
            record.raw_stream.close()  # warcio spools the payload to a temporary file


def test_warc_and_warc_gz(tmp_path: Path) -> None:
    plain, packed = tmp_path / "crawl.warc", tmp_path / "crawl.warc.gz"
    _write_warc(plain)
    _write_warc(packed)
    docs, issues = collect([plain, packed])
    assert [d.url for d in docs] == ["https://courier.example/a"] * 2
    assert all("At least 12 civilians" in d.text and d.fmt == "warc" for d in docs)
    assert docs[0].path == f"{plain}#0"
    assert [i.path for i in issues] == [f"{plain}#2", f"{packed}#2"]
    assert all("no article text" in i.problem for i in issues)


def test_gzip_of_jsonl_and_stdin_sniffing(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "one"}\n{"text": "two"}\n'))
    docs, issues = collect([path])
    assert [d.text for d in docs] == ["one", "two"] and issues == []
    stdin = io.BytesIO(RSS_FEED.encode("utf-8"))
    docs, issues = collect(["-"], stdin=stdin)
    assert [d.fmt for d in docs] == ["rss", "rss"] and docs[0].path == "<stdin>#0"


def test_directory_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Title\nsecond", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Title\nfirst", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Title\nhidden", encoding="utf-8")
    (tmp_path / ".git" / "x.txt").write_text("Title\nhidden", encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\x00\x00")
    docs, issues = collect([tmp_path])
    assert [d.text for d in docs] == ["first", "second"] and issues == []


def test_directory_skips_its_readme_and_licence_but_a_named_readme_is_read(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Corpus\n| file | killed 35 |", encoding="utf-8")
    (tmp_path / "LICENSE").write_text("Licence\nterms", encoding="utf-8")
    (tmp_path / "readme.txt").write_text("Notes\nabout the files", encoding="utf-8")
    (tmp_path / "report.md").write_text("Title\nan article saved as Markdown", encoding="utf-8")
    docs, issues = collect([tmp_path])
    assert [d.text for d in docs] == ["an article saved as Markdown"] and issues == []
    docs, issues = collect([tmp_path / "README.md"])
    assert [d.text for d in docs] == ["| file | killed 35 |"] and issues == []


def test_settings_override_published_and_source(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    settings = Settings(published=dt.date(2017, 4, 3), source="Manual")
    [doc], issues = collect([path], settings)
    assert (doc.published, doc.source) == (dt.date(2017, 4, 3), "Manual") and issues == []


def test_mislabelled_extension_txt_holding_html(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    [doc], _ = collect([path])
    assert doc.fmt == "html" and "<p>" not in doc.text


def test_json_extension_holding_json_lines_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "mislabelled.json"
    path.write_text('{"text": "one"}\n{"text": "two"}\n', encoding="utf-8")
    docs, issues = collect([path])
    assert [(d.text, d.fmt, d.path) for d in docs] == [
        ("one", "jsonl", f"{path}:1"),
        ("two", "jsonl", f"{path}:2"),
    ]
    assert issues == []


def test_gzip_cut_mid_stream_keeps_earlier_records_and_reports_once(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl.gz"
    payload = b"".join(json.dumps({"text": f"report number {i} " * 20}).encode() + b"\n" for i in range(3000))
    packed = gzip.compress(payload)
    path.write_bytes(packed[: len(packed) // 2])
    docs, issues = collect([path])
    assert len(docs) > 100
    [issue] = issues
    assert issue.severity == "error" and "truncated or corrupt" in issue.problem


def test_htmldate_is_never_asked_to_download(monkeypatch: pytest.MonkeyPatch) -> None:
    import htmldate.utils

    from tacitus.ingest.readers.html_dates import find_page_date

    calls: list[str] = []
    monkeypatch.setattr(htmldate.utils, "fetch_url", lambda url: calls.append(url))
    find_page_date("https://example.com/2017/04/01/story", url=None, today=dt.date(2026, 11, 23))
    assert calls == []


def test_published_field_forms(tmp_path: Path) -> None:
    forms = ["2017-04-01T23:30:00-05:00", "Sat, 01 Apr 2017 10:00:00 GMT", "April 1, 2017", 1491040800, 2017]
    path = tmp_path / "dates.jsonl"
    path.write_text("\n".join(json.dumps({"text": "x", "published": f}) for f in forms), encoding="utf-8")
    docs, issues = collect([path])
    assert [d.published for d in docs] == [dt.date(2017, 4, 1)] * 4 + [None]
    [issue] = issues
    assert issue.path == f"{path}:5" and "not a full date" in issue.problem
