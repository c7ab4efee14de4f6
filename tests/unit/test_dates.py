"""Tests for expo_tui.ingest.dates (with date_text.py and date_words.py): the project's only
date/time parser."""

from __future__ import annotations

import contextlib
import datetime
import os
import pathlib
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expo_tui.ingest.dates import (
    DateParseError,
    IndonesianParserInfo,
    ParsedWhen,
    parse_date,
    parse_time,
    parse_when,
)

D = datetime.date
T = datetime.time
WIB = datetime.timedelta(hours=7)

ID_MONTHS = [
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
EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
ID_WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


# ----------------------------------------------------------- brief's examples


def test_indonesian_weekday_and_month_is_date_only() -> None:
    result = parse_when("Rabu, 11 Juni 2025")
    assert result == ParsedWhen(D(2025, 6, 11))
    assert not result.has_time
    assert result.tzinfo is None


def test_weekday_with_bracketed_numeric_date() -> None:
    assert parse_when("Sabtu (14/6/2025)") == ParsedWhen(D(2025, 6, 14))


def test_numeric_dates_are_day_first() -> None:
    assert parse_date("11/06/2025") == D(2025, 6, 11)
    assert parse_date("1/2/2025") == D(2025, 2, 1)
    assert parse_date("11-06-2025") == D(2025, 6, 11)
    assert parse_date("11.06.2025") == D(2025, 6, 11)


@pytest.mark.parametrize("text", ["2025-06-11", "2025/06/11", "20250611", "Rabu, 2025-06-11"])
def test_year_first_stays_iso(text: str) -> None:
    assert parse_when(text) == ParsedWhen(D(2025, 6, 11))


def test_pukul_dotted_time_and_wib() -> None:
    result = parse_when("11 Juni 2025 pukul 10.00 WIB")
    assert result.date == D(2025, 6, 11)
    assert result.time == T(10, 0)
    assert result.has_time
    assert result.tzinfo is not None
    assert result.tzinfo.utcoffset(None) == WIB
    aware = result.as_datetime()
    assert aware.utcoffset() == WIB
    assert aware == datetime.datetime(2025, 6, 11, 3, 0, tzinfo=datetime.UTC)


def test_iso_datetime() -> None:
    result = parse_when("2025-06-12T09:30")
    assert (result.date, result.time, result.tzinfo) == (D(2025, 6, 12), T(9, 30), None)


def test_english_date_only_and_with_time() -> None:
    assert parse_when("12 June 2025") == ParsedWhen(D(2025, 6, 12))
    assert parse_when("June 12, 2025 14:00") == ParsedWhen(D(2025, 6, 12), T(14, 0))
    assert parse_when("June 12,2025") == ParsedWhen(D(2025, 6, 12))
    assert parse_when("Thursday, June 12th 2025 at 2pm") == ParsedWhen(D(2025, 6, 12), T(14))


@pytest.mark.parametrize("word", ["pagi", "siang", "sore", "malam", "PETANG", "dini hari"])
def test_part_of_day_without_time_is_ignored(word: str) -> None:
    assert parse_when(f"Kamis, 12/6/2025 {word}") == ParsedWhen(D(2025, 6, 12))


# ------------------------------------------------------------- vocabulary


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Senin, 9 Juni 2025", D(2025, 6, 9)),
        ("Selasa, 10 Juni 2025", D(2025, 6, 10)),
        ("rabu, 11 juni 2025", D(2025, 6, 11)),
        ("KAMIS, 12 JUNI 2025", D(2025, 6, 12)),
        ("Jumat, 13 Juni 2025", D(2025, 6, 13)),
        ("Jum'at, 13 Juni 2025", D(2025, 6, 13)),
        ("Jum\u2019at 13 Juni 2025", D(2025, 6, 13)),
        ("Sabtu, 14 Juni 2025", D(2025, 6, 14)),
        ("Minggu, 15 Juni 2025", D(2025, 6, 15)),
        ("Ahad, 15 Juni 2025", D(2025, 6, 15)),
        ("Sunday 15 June 2025", D(2025, 6, 15)),
        ("hari Rabu tanggal 11 Juni 2025", D(2025, 6, 11)),
    ],
)
def test_weekday_names(text: str, expected: datetime.date) -> None:
    assert parse_when(text) == ParsedWhen(expected)


def test_weekday_that_contradicts_the_date_is_refused() -> None:
    with pytest.raises(DateParseError, match="Wednesday"):
        parse_when("Kamis, 11 Juni 2025")


@pytest.mark.parametrize(
    ("word", "month"),
    [
        ("Jan", 1),
        ("Feb", 2),
        ("Mar", 3),
        ("Apr", 4),
        ("Mei", 5),
        ("Jun", 6),
        ("Jul", 7),
        ("Agu", 8),
        ("Agt", 8),
        ("Ags", 8),
        ("Sep", 9),
        ("Okt", 10),
        ("Nov", 11),
        ("Des", 12),
        ("okt.", 10),
        ("DES", 12),
        ("Sept", 9),
    ],
)
def test_month_abbreviations(word: str, month: int) -> None:
    assert parse_date(f"3 {word} 2025") == D(2025, month, 3)


@pytest.mark.parametrize("month", range(1, 13))
def test_full_month_names(month: int) -> None:
    assert parse_date(f"3 {ID_MONTHS[month - 1]} 2025") == D(2025, month, 3)
    assert parse_date(f"3 {ID_MONTHS[month - 1].lower()} 2025") == D(2025, month, 3)
    assert parse_date(f"3 {EN_MONTHS[month - 1]} 2025") == D(2025, month, 3)


def test_vocabulary_has_no_word_that_is_both_month_and_weekday() -> None:
    info = IndonesianParserInfo()
    months = {w.lower() for names in info.MONTHS for w in names}
    weekdays = {w.lower() for names in info.WEEKDAYS for w in names}
    assert not months & weekdays


# ------------------------------------------------------------ times and zones


@pytest.mark.parametrize(("zone", "hours"), [("WIB", 7), ("WITA", 8), ("WIT", 9), ("wita", 8)])
def test_indonesian_zones(zone: str, hours: int) -> None:
    result = parse_when(f"11 Juni 2025 10.00 {zone}")
    assert result.time == T(10, 0)
    assert result.tzinfo is not None
    assert result.tzinfo.utcoffset(None) == datetime.timedelta(hours=hours)
    assert result.tzinfo.tzname(None) == zone.upper()


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("2025-06-12T09:30+07:00", datetime.timedelta(hours=7)),
        ("2025-06-12T09:30:00-03:00", datetime.timedelta(hours=-3)),
        ("2025-06-12T09:30Z", datetime.timedelta(0)),
        ("12 Juni 2025 09.30 UTC", datetime.timedelta(0)),
        ("12 Juni 2025 09.30 UTC+7", datetime.timedelta(hours=7)),  # not POSIX-reversed
        ("12 Juni 2025 09.30 GMT+07:00", datetime.timedelta(hours=7)),
        ("12 Juni 2025 09.30 +0700 WIB", datetime.timedelta(hours=7)),
    ],
)
def test_other_offsets(text: str, offset: datetime.timedelta) -> None:
    result = parse_when(text)
    assert result.time == T(9, 30)
    assert result.tzinfo is not None
    assert result.tzinfo.utcoffset(None) == offset


def test_zone_without_time_keeps_the_zone_but_no_time() -> None:
    result = parse_when("11 Juni 2025 WIB")
    assert not result.has_time
    assert result.tzinfo is not None
    assert result.tzinfo.utcoffset(None) == WIB


def test_result_is_hashable_even_with_zone() -> None:
    assert len({parse_when("2025-06-12T09:30+07:00"), parse_when("11 Juni 2025 10.00 WIB")}) == 2


@pytest.mark.parametrize(
    "text",
    [
        "12 Juni 2025 10.00 EST",  # unknown zone name
        "2025-06-12T09:30+25:00",  # impossible offset
        "12 Juni 2025 10.00 WIB WITA",  # two zones
        "2025-06-12T09:30+08:00 WIB",  # offset disagrees with the zone word
    ],
)
def test_bad_zones_are_refused(text: str) -> None:
    with pytest.raises(DateParseError):
        parse_when(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10:00", T(10)),
        ("10.00", T(10)),
        ("9:30", T(9, 30)),
        ("09.05", T(9, 5)),
        ("14.30 WIB", T(14, 30)),
        ("2pm", T(14)),
        ("2 PM", T(14)),
        ("12am", T(0)),
        ("pukul 10", T(10)),
        ("jam 7 malam", T(19)),
        ("pukul 1.30 siang", T(13, 30)),
        ("pukul 4 sore", T(16)),
        ("20.00 malam", T(20)),
        ("11 Juni 2025 10:15:30", T(10, 15, 30)),
    ],
)
def test_parse_time(text: str, expected: datetime.time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["", "10", "11 Juni 2025", "25:00", "10:75", "20.00 pagi", "abc"])
def test_parse_time_refuses(text: str) -> None:
    with pytest.raises(DateParseError):
        parse_time(text)


def test_part_of_day_sets_pm_for_datetimes() -> None:
    assert parse_when("11 Juni 2025 pukul 8.00 malam").time == T(20)
    assert parse_when("11 Juni 2025 pukul 8.00 pagi").time == T(8)
    with pytest.raises(DateParseError, match="contradictory"):
        parse_when("11 Juni 2025 pukul 20.00 pagi")


def test_time_ranges_are_refused_not_read_as_offsets() -> None:
    for text in [
        "11 Juni 2025 10.00-12.00 WIB",
        "11 Juni 2025 10:00-12:00",
        "10.00 - 12.00",
        "2025-06-11 10:00-12:00",
        "2025-06-11T10.00-12.00",
    ]:
        with pytest.raises(DateParseError, match="range"):
            parse_when(text)


# ---------------------------------------------------------- invalid and partial


@pytest.mark.parametrize(
    "text",
    [
        "31 Juni 2025",
        "30/2/2025",
        "29 Februari 2025",
        "32/1/2025",
        "13/13/2025",
        "6/13/2025",  # month-first: not silently swapped
        "2025-13-01",
        "2025-02-30",
        "12 June 2025 25:00",
        "12 June 2025 10:61",
        "14.6 2025",  # a decimal, which dateutil would truncate to 14
        "12 June 10000",
    ],
)
def test_invalid_dates_raise(text: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_when(text)
    assert text in str(info.value)


@pytest.mark.parametrize(
    "text",
    [
        "11 Juni 2025 10",  # dateutil alone would make this 10:00, but "... 9" an error
        "11 Juni 2025 103000",
        "1 Jan 0001",  # dateutil alone: 1 Jan 2001
        "29 Juni 0030",
        "13 Feb 200",
        "5 31 11",  # dateutil alone: 31 May 2011 (silently month first)
        "123125",  # dateutil alone: 31 December 2025
        "112025",  # dateutil alone: 20 November 2025
    ],
)
def test_silent_dateutil_guesses_are_refused(text: str) -> None:
    with pytest.raises(DateParseError):
        parse_when(text)


def test_compact_day_first_and_year_first_numbers() -> None:
    assert parse_date("110625") == D(2025, 6, 11)
    assert parse_when("20250611T0930") == ParsedWhen(D(2025, 6, 11), T(9, 30))


def test_invalid_date_message_is_plain_english() -> None:
    with pytest.raises(DateParseError) as info:
        parse_when("31 Juni 2025")
    message = str(info.value)
    assert message.startswith('"31 Juni 2025" is not a valid date (')
    assert "day" in message and "range" in message


@pytest.mark.parametrize("text", ["Juni 2025", "June 2025", "6/2025", "2025", "11 Juni", "Senin"])
def test_partial_dates_raise_by_default(text: str) -> None:
    with pytest.raises(DateParseError):
        parse_when(text)


def test_partial_message_names_what_is_missing() -> None:
    with pytest.raises(DateParseError, match="no day"):
        parse_when("Juni 2025")


def test_partial_dates_allowed_when_asked() -> None:
    assert parse_when("Juni 2025", require_full_date=False) == ParsedWhen(D(2025, 6, 1))
    assert parse_when("11 Juni", require_full_date=False, default_year=2030).date == D(2030, 6, 11)
    with pytest.raises(DateParseError):
        parse_when("10:00", require_full_date=False)


def test_default_year_completes_a_missing_year() -> None:
    assert parse_when("Selasa (6/5)", default_year=2025) == ParsedWhen(D(2025, 5, 6))
    assert parse_date("11 Juni", default_year=2025) == D(2025, 6, 11)
    with pytest.raises(DateParseError, match="no year"):
        parse_when("Selasa (6/5)")


def test_default_year_never_overrides_a_written_year() -> None:
    assert parse_date("11 Juni 2024", default_year=2025) == D(2024, 6, 11)


def test_default_year_is_checked_against_the_date() -> None:
    with pytest.raises(DateParseError):
        parse_when("29/2", default_year=2025)
    assert parse_date("29/2", default_year=2024) == D(2024, 2, 29)
    with pytest.raises(DateParseError):
        parse_when("Senin (6/5)", default_year=2025)  # 6 May 2025 is a Tuesday
    with pytest.raises(DateParseError):
        parse_when("6/5", default_year=0)


def test_parse_date_drops_the_time() -> None:
    assert parse_date("11 Juni 2025 pukul 10.00 WIB") == D(2025, 6, 11)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\x00",
        "\x00\x01\x1b[31m",
        "not a date",
        "1" * 10_000,
        "9" * 40 + " Juni 2025",
        "99999999999 June 2025",
        "Juni Juni Juni",
        "11 Juni 2025 (Ruang A)",
        "11 Juni 2025 10",
    ],
)
def test_garbage_raises_date_parse_error(text: str) -> None:
    with pytest.raises(DateParseError):
        parse_when(text)


def test_non_text_raises_date_parse_error() -> None:
    with pytest.raises(DateParseError):
        parse_when(None)  # type: ignore[arg-type]


def test_date_parse_error_is_a_value_error() -> None:
    assert issubclass(DateParseError, ValueError)


# ------------------------------------------------------------------- properties


dates = st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31))


def _formats(d: datetime.date) -> list[str]:
    month_id = ID_MONTHS[d.month - 1]
    return [
        d.isoformat(),
        f"{d.day} {month_id} {d.year}",
        f"{ID_WEEKDAYS[d.weekday()]}, {d.day} {month_id} {d.year}",
        f"{d.day}/{d.month}/{d.year}",
        f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}",
    ]


@settings(max_examples=200, deadline=None)
@given(d=dates, which=st.integers(min_value=0, max_value=4))
def test_property_date_formats_round_trip(d: datetime.date, which: int) -> None:
    result = parse_when(_formats(d)[which])
    assert result.date == d
    assert not result.has_time


@settings(max_examples=200, deadline=None)
@given(d=dates, hour=st.integers(0, 23), minute=st.integers(0, 59))
def test_property_pukul_datetime_round_trips(d: datetime.date, hour: int, minute: int) -> None:
    text = f"{d.day} {ID_MONTHS[d.month - 1]} {d.year} pukul {hour:02d}.{minute:02d}"
    result = parse_when(text)
    assert result.date == d
    assert result.has_time
    assert result.time == T(hour, minute)


def _only_parses_or_refuses(text: str) -> None:
    try:
        result = parse_when(text)
    except DateParseError:
        return
    assert isinstance(result, ParsedWhen)
    assert isinstance(result.date, datetime.date)


@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_property_arbitrary_text_parses_or_raises_date_parse_error(text: str) -> None:
    _only_parses_or_refuses(text)


date_like_tokens = st.sampled_from(
    [
        "11",
        "6",
        "2025",
        "0",
        "31",
        "99",
        "00",
        "1999999999",
        "10.00",
        "10:00",
        "24:00",
        "Juni",
        "Jan",
        "Rabu",
        "Jum'at",
        "pukul",
        "malam",
        "WIB",
        "UTC+7",
        "Z",
        "T",
        "pm",
        "/",
        "-",
        ".",
        ",",
        ":",
        "+",
        "(",
        ")",
        " ",
        "'",
        "\x00",
        "٣",
    ]
)


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(date_like_tokens, max_size=12))
def test_property_date_like_noise_parses_or_raises(parts: list[str]) -> None:
    text = "".join(parts)
    _only_parses_or_refuses(text)
    with contextlib.suppress(DateParseError):
        parse_time(text)


def test_import_is_light_and_does_no_work() -> None:
    code = (
        "import sys, expo_tui.ingest.dates, expo_tui.ingest.date_words as words;"
        "assert words.parser.cache_info().currsize == 0;"
        "heavy = {'textual', 'rich', 'sqlite_utils', 'icalendar', 'pycountry'} & set(sys.modules);"
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=_env_with_src())


def _env_with_src() -> dict[str, str]:
    src = str(pathlib.Path(__file__).resolve().parents[2] / "src")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    return env
