"""Every kind of bad input gives exactly one clear issue, and the good files beside it are still read."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tacitus.ingest.decode import human_size
from tacitus.settings import Settings

from .conftest import collect
from .samples import ARTICLE_HTML

GOOD_TEXT = "Good headline\nThe good article text.\n"


def _empty(p: Path) -> Path:
    p = p / "empty.txt"
    p.write_bytes(b"")
    return p


def _binary(p: Path) -> Path:
    p = p / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    return p


def _controls(p: Path) -> Path:
    p = p / "controls.html"
    p.write_bytes(b"\x01\x02\x03\x04\x05\x06\x07\x08abc" * 50)
    return p


def _truncated_gzip(p: Path) -> Path:
    p = p / "cut.jsonl.gz"
    p.write_bytes(gzip.compress(b'{"text": "a"}\n' * 2000)[:60])
    return p


def _bad_json(p: Path) -> Path:
    p = p / "broken.json"
    p.write_text('{"text": "unterminated', encoding="utf-8")
    return p


def _bad_csv(p: Path) -> Path:
    p = p / "broken.csv"
    p.write_text("title,text\nonly-one-field\nanother\n", encoding="utf-8")
    return p


def _bad_feed(p: Path) -> Path:
    p = p / "broken.rss"
    p.write_text('<rss version="2.0"><channel><title>x</title', encoding="utf-8")
    return p


def _bad_html(p: Path) -> Path:
    p = p / "broken.html"
    p.write_text("<html><body><div><script>var x = 1;</script></div>", encoding="utf-8")
    return p


def _missing(p: Path) -> Path:
    return p / "does-not-exist.txt"


def _fifo(p: Path) -> Path:
    p = p / "pipe.txt"
    os.mkfifo(p)
    return p


def _whitespace(p: Path) -> Path:
    p = p / "blank.txt"
    p.write_text(" \n\t\n", encoding="utf-8")
    return p


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "empty": (_empty, "the file is empty"),
    "whitespace": (_whitespace, "only whitespace"),
    "binary": (_binary, "binary file"),
    "control characters": (_controls, "binary file"),
    "truncated gzip": (_truncated_gzip, "gzip data is truncated or corrupt"),
    "malformed JSON": (_bad_json, "invalid JSON at line 1"),
    "malformed CSV": (_bad_csv, "field"),
    "malformed feed": (_bad_feed, "not a readable RSS/Atom feed"),
    "malformed HTML": (_bad_html, "no article text"),
    "missing file": (_missing, "no such file or directory"),
    "not a regular file": (_fifo, "not a regular file"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_gives_one_issue_and_batch_goes_on(tmp_path: Path, case: str) -> None:
    make, words = CASES[case]
    bad = make(tmp_path)
    before, after = tmp_path / "a-good.txt", tmp_path / "z-good.txt"
    before.write_text(GOOD_TEXT, encoding="utf-8")
    after.write_text(GOOD_TEXT, encoding="utf-8")
    docs, issues = collect([before, bad, after])
    assert [d.path for d in docs] == [str(before), str(after)]
    assert len(issues) == 1, issues
    [issue] = issues
    assert issue.severity == "error"
    assert issue.path.startswith(str(bad))
    assert words in issue.problem, issue.problem
    assert str(bad) not in issue.problem


def test_human_sizes() -> None:
    assert human_size(int(52.4 * 1024 * 1024)) == "52.4 MB"
    assert human_size(50 * 1024 * 1024) == "50 MB"
    assert human_size(900) == "900 bytes"


def test_file_over_limit_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:
        handle.truncate(int(52.4 * 1024 * 1024))  # sparse: stat says 52.4 MB, no data written
    [issue] = collect([big])[1]
    assert issue.problem == "52.4 MB is over the 50 MB limit (--max-bytes)"


def test_gzip_bomb_is_bounded_after_decompression(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 5000))
    docs, issues = collect([path], Settings(max_bytes=1000))
    assert docs == [] and len(issues) == 1
    assert "over the 1000 bytes limit (--max-bytes) once decompressed" in issues[0].problem


def test_future_date_keeps_document_and_warns(tmp_path: Path) -> None:
    path = tmp_path / "future.jsonl"
    path.write_text(json.dumps({"text": "Report.", "published": "2031-05-01"}) + "\n", encoding="utf-8")
    [doc], [issue] = collect([path])
    assert doc.published is None and doc.text == "Report."
    assert issue.severity == "warning" and issue.path == f"{path}:1"
    assert "2031-05-01 is in the future" in issue.problem


def test_unreadable_date_warns(tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    path.write_text(json.dumps({"text": "Report.", "published": "sometime in spring"}), encoding="utf-8")
    [doc], [issue] = collect([path])
    assert doc.published is None and issue.severity == "warning" and "not a full date" in issue.problem


def test_cp1252_and_latin1_text_come_out_readable(tmp_path: Path) -> None:
    text = "Café owner said: “we fled” — 5 € a night, naïve résumé."
    path = tmp_path / "legacy.txt"
    path.write_bytes(("Titre\n" + text).encode("cp1252"))
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Titre\nDer Bürgermeister sagte, die Straße sei gesperrt.".encode("latin-1"))
    docs, issues = collect([path, latin])
    assert issues == []
    assert [d.text for d in docs] == [text, "Der Bürgermeister sagte, die Straße sei gesperrt."]


def test_mislabelled_html_charset_is_ignored_when_bytes_disagree(tmp_path: Path) -> None:
    page = ARTICLE_HTML.replace("Hundreds of families", "Hundreds of familles à l’école")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1252"))  # the page says utf-8
    [doc], issues = collect([path])
    assert "familles à l’école" in doc.text and issues == []


def test_cyrillic_legacy_encoding_is_detected(tmp_path: Path) -> None:
    text = "Иракские силы продвинулись в старый город Мосула, сообщили официальные лица в воскресенье."
    path = tmp_path / "ru.txt"
    path.write_bytes(("Заголовок\n" + text * 3).encode("cp1251"))
    [doc], _ = collect([path])
    assert doc.text == text * 3


def test_records_all_bad_give_one_file_error(tmp_path: Path) -> None:
    path = tmp_path / "wrong-fields.jsonl"
    path.write_text("\n".join(json.dumps({"body": f"t{i}"}) for i in range(50)), encoding="utf-8")
    docs, issues = collect([path])
    assert docs == [] and len(issues) == 1
    assert issues[0].path == str(path)
    assert "line 1: no 'text' field (fields found: body)" in issues[0].problem


def test_unreadable_directory_entry_and_stdin_empty() -> None:
    import io

    docs, issues = collect(["-"], stdin=io.BytesIO(b""))
    assert docs == [] and [i.problem for i in issues] == ["the file is empty"]


def test_settings_published_override_in_future_still_warns(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(GOOD_TEXT, encoding="utf-8")
    [doc], [issue] = collect([path], Settings(published=dt.date(2030, 1, 1)))
    assert doc.published is None and issue.severity == "warning"
