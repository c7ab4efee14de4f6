"""Which day a sentence speaks of: explicit, weekday from the publication date, expo days."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expo_tui.news.when import DateContext, find_dates

EXPO = DateContext(
    published=dt.date(2025, 6, 13), expo_start=dt.date(2025, 6, 11), expo_end=dt.date(2025, 6, 14)
)
NO_PUBLICATION = DateContext(None, dt.date(2025, 6, 11), dt.date(2025, 6, 14))


def days(text: str, ctx: DateContext = EXPO, **kw: bool) -> list[tuple[dt.date, str, bool]]:
    return [(d.date, d.how, d.statement) for d in find_dates(text, 0, ctx, **kw)]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Pertemuan berlangsung Kamis (12/6).", dt.date(2025, 6, 12)),
        ("Pertemuan berlangsung pada Kamis, 12 Juni 2025.", dt.date(2025, 6, 12)),
        ("They met on Thursday, June 12, 2025.", dt.date(2025, 6, 12)),
        ("They met on 12 June.", dt.date(2025, 6, 12)),
        ("Rapat digelar pada 2025-06-12.", dt.date(2025, 6, 12)),
    ],
)
def test_explicit_dates(text: str, day: dt.date) -> None:
    assert days(text)[0][:2] == (day, "explicit")


def test_a_weekday_that_does_not_fit_its_date_is_no_date() -> None:
    assert days("Pertemuan berlangsung Jumat (12/6).") == []  # 12 June 2025 is a Thursday


def test_a_weekday_alone_is_read_back_from_the_publication_date() -> None:
    assert days("Menhan menerima tamu pada Rabu.") == [(dt.date(2025, 6, 11), "weekday", False)]
    # what is only planned lies ahead of the publication date
    assert days("Menhan akan bertemu tamu pada Sabtu.", planned=True)[0][0] == dt.date(2025, 6, 14)


def test_a_weekday_without_publication_date_is_the_expo_day_of_that_name() -> None:
    assert days("Menhan menerima tamu pada Kamis.", NO_PUBLICATION)[0][0] == dt.date(2025, 6, 12)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Pada hari kedua pameran, KSAD bertemu tamu.", dt.date(2025, 6, 12)),
        ("Pada hari ke-3, mereka bertemu.", dt.date(2025, 6, 13)),
        ("On the second day of the show they met.", dt.date(2025, 6, 12)),
        ("On the inaugural day, the deal was signed.", dt.date(2025, 6, 11)),
        ("Usai upacara pembukaan, Presiden berkeliling.", dt.date(2025, 6, 11)),
        ("At the closing ceremony the figures were given.", dt.date(2025, 6, 14)),
        ("Pada hari terakhir, pameran ramai.", dt.date(2025, 6, 14)),
    ],
)
def test_days_of_the_expo(text: str, day: dt.date) -> None:
    assert days(text)[0][:2] == (day, "expo day")


def test_today_and_yesterday_need_a_publication_date() -> None:
    assert days("Hari ini Menhan menerima tamu.")[0][0] == dt.date(2025, 6, 13)
    assert days("Yesterday the minister met his guest.")[0][0] == dt.date(2025, 6, 12)
    assert days("Hari ini Menhan menerima tamu.", NO_PUBLICATION) == []


def test_the_date_of_a_statement_is_marked_so() -> None:
    found = days('"Pertemuan berjalan baik," kata Menhan kepada wartawan, Jumat (13/6).')
    assert found == [(dt.date(2025, 6, 13), "explicit", True)]
    assert days("The ministry said in a statement on Friday.")[0][2] is True


def test_a_span_of_days_gives_no_single_day() -> None:
    assert days("Delegasi berkunjung pada 11-12 Juni.") == []


def test_no_date_is_invented() -> None:
    assert days("Menhan menerima delegasi Kanada di Jakarta.") == []


_MONTHS_ID = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
_DAYS_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
_DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31)), st.integers(0, 3))
def test_any_written_date_reads_back_as_itself(day: dt.date, style: int) -> None:
    if style == 0:
        text = f"Acara berlangsung pada {_DAYS_ID[day.weekday()]}, {day.day} {_MONTHS_ID[day.month - 1]} {day.year}."
    elif style == 1:
        text = f"Acara berlangsung {_DAYS_ID[day.weekday()]} ({day.day}/{day.month}/{day.year})."
    elif style == 2:
        text = f"The event took place on {_DAYS_EN[day.weekday()]}, {day:%B} {day.day}, {day.year}."
    else:
        text = f"Acara berlangsung pada {day.day} {_MONTHS_ID[day.month - 1]} {day.year}."
    ctx = DateContext(None, dt.date(2025, 6, 11), dt.date(2025, 6, 14))
    assert [d.date for d in find_dates(text, 0, ctx)] == [day]


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31)))
def test_a_wrong_weekday_never_yields_a_date(day: dt.date) -> None:
    wrong = _DAYS_ID[(day.weekday() + 1) % 7]
    text = f"Acara berlangsung {wrong} ({day.day}/{day.month}/{day.year})."
    ctx = DateContext(None, dt.date(2025, 6, 11), dt.date(2025, 6, 14))
    assert find_dates(text, 0, ctx) == []
