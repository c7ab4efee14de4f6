"""Cleaning, sentences with offsets, and what a page or a text file yields as an article."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expo_tui.news.cleaning import clean_text, text_hash
from expo_tui.news.extract import read_article
from expo_tui.news.inputs import RawInput
from expo_tui.news.sentences import split_sentences

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "news"


# -- sentences -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Letjen. Budi Santoso tiba di Jakarta.",
        "Lt. Gen. Derek Macaulay met Gen. Maruli Simanjuntak.",
        "Brig. Gen. Ahmad Rezaei and Adm. John Doe spoke.",
        "Dirut PT X, Sigit P. Santosa, hadir.",
        "Nilainya Rp3,3 triliun dari 1.180 peserta.",
        "The U.S. delegation arrived.",
        "Mr. Smith and Dr. Jones met Prof. Lee.",
    ],
)
def test_abbreviations_do_not_end_a_sentence(text: str) -> None:
    assert [s.text for s in split_sentences(text)] == [text]


def test_sentences_end_at_stops_and_line_breaks() -> None:
    text = 'Pertama selesai. "Kedua juga," katanya. Ketiga?\nParagraf baru di sini. English too.'
    got = split_sentences(text)
    assert [s.text for s in got] == [
        "Pertama selesai.",
        '"Kedua juga," katanya.',
        "Ketiga?",
        "Paragraf baru di sini.",
        "English too.",
    ]
    assert [s.paragraph for s in got] == [0, 0, 0, 1, 1]


_WORDS = st.sampled_from(
    [
        "Letjen.",
        "Lt.",
        "Gen.",
        "Jenderal",
        "bertemu",
        "met",
        "1.180",
        "U.S.",
        "Kamis",
        "(12/6)",
        "delegasi",
        "Kanada.",
        "Iran!",
        "why?",
        '"kata',
        'dia."',
        "H.",
        "Santosa",
        "dan",
        "and",
    ]
)
_TEXT = st.lists(
    st.one_of(_WORDS, st.text(alphabet="abcXYZ .,!?\n\"'()", max_size=8)), max_size=40
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_sentence_offsets_always_point_at_their_text(text: str) -> None:
    sentences = split_sentences(text)
    previous_end = 0
    for s in sentences:
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= previous_end
        previous_end = s.end
    covered = "".join(s.text for s in sentences)
    assert [c for c in covered if not c.isspace()] == [c for c in text if not c.isspace()]


# -- cleaning --------------------------------------------------------------------------------------


def test_site_furniture_is_dropped_and_prose_kept() -> None:
    raw = (
        "Menhan menerima delegasi Kanada di Jakarta.\n"
        "Baca juga: Pameran dibuka hari ini\n"
        "BACA JUGA: Berita lain\n"
        "Pewarta: Seseorang\nEditor: Orang Lain\n"
        "Copyright © Contoh 2025\n"
        "Dilarang keras mengambil konten tanpa izin tertulis.\n"
        "Ikuti berita terkini di kanal kami\n"
        "Read also: something else\n"
        "Kedua pihak membahas latihan bersama.\n"
    )
    assert clean_text(raw) == (
        "Menhan menerima delegasi Kanada di Jakarta.\nKedua pihak membahas latihan bersama."
    )


def test_controls_escapes_and_bidi_never_reach_the_cleaned_text() -> None:
    raw = "Menhan\x1b[2J bertemu\x1b]52;c;ZXZpbA==\x07 delegasi\u202e Kanada\x00 di\u200b Jakarta."
    cleaned = clean_text(raw)
    assert cleaned == "Menhan bertemu delegasi Kanada di Jakarta."
    assert text_hash(cleaned) == text_hash(clean_text(raw))


# -- articles ------------------------------------------------------------------------------------


def test_a_text_file_carries_its_url_on_the_first_line() -> None:
    path = FIXTURES / "ksad_tiga_delegasi.txt"
    article = read_article(RawInput(str(path), path.read_bytes(), "text"))
    assert article.url == "https://berita.example.id/2025/06/13/ksad-terima-tiga-delegasi"
    assert article.published == dt.date(2025, 6, 13)  # from the URL's path
    assert article.language == "id"
    assert "Baca juga" not in article.text and "Copyright" not in article.text
    assert article.text.startswith("Jakarta - Kepala Staf Angkatan Darat")
    assert article.text_hash == text_hash(article.text)


def test_source_url_is_used_when_the_file_gives_none() -> None:
    raw = RawInput(
        "a.txt", b"Menhan menerima delegasi Kanada di Jakarta pada Kamis pagi. " * 3, "text"
    )
    article = read_article(raw, source_url="https://example.org/a")
    assert article.url == "https://example.org/a"


def test_a_saved_page_gives_main_text_and_metadata() -> None:
    path = FIXTURES / "minister_receives_counterpart.html"
    article = read_article(RawInput(str(path), path.read_bytes(), "html"))
    assert article.url.startswith("https://times.example.com/defence/2025/06/11/")
    assert article.publisher == "Example Times"
    assert article.published == dt.date(2025, 6, 11)
    assert article.language == "en"
    assert "received DAPA Minister Seok Jong-gun" in article.text
    for furniture in ("Home", "Read also", "All rights reserved", "tracker", "console.log"):
        assert furniture not in article.text


def test_markdown_shows_its_prose() -> None:
    raw = RawInput(
        "a.md",
        b"https://example.org/md\n\n# Judul\n\nMenhan **menerima** [delegasi Kanada](https://x.org) "
        b"di Jakarta pada hari ini, lalu keduanya membahas latihan bersama.\n",
        "text",
    )
    article = read_article(raw)
    assert "Menhan menerima delegasi Kanada di Jakarta" in article.text
    assert "**" not in article.text and "](" not in article.text
