"""What a user may type to pick a day or a country, read the same way by the CLI and the TUI.

A day is a day number of the expo ("2"), "0"/"all" for every day, "undated", an ISO date, or
date text in English or Indonesian ("12 Juni 2025", "Kamis, 12/6"). A country is any name,
code or alias the country index knows ("Rusia", "RU", "RUS", "Russia").
"""

from __future__ import annotations

import datetime as dt

from .store.models import UNDATED, Expo

ALL_DAYS = None  # what day_key returns for "all days"


class SelectorError(ValueError):
    """The text names no day or country; the message says what was expected."""


def day_key(expo: Expo, text: str) -> str | None:
    """The store's day key (ISO date or UNDATED) for `text`, or None for all days."""
    value = (text or "").strip()
    if not value:
        raise SelectorError("Give a day: a day number, a date, 'undated' or 'all'.")
    lowered = value.casefold()
    if lowered in ("0", "all", "semua"):
        return ALL_DAYS
    if lowered in (UNDATED, "none", "tanpa tanggal"):
        return UNDATED
    span = (expo.end_date - expo.start_date).days + 1
    if value.isdigit():
        number = int(value)
        if 1 <= number <= span:
            return (expo.start_date + dt.timedelta(days=number - 1)).isoformat()
        raise SelectorError(f"{expo.display_name} has days 1 to {span}; there is no day {number}.")
    from .ingest.dates import DateParseError, parse_date

    try:
        return parse_date(value, default_year=expo.start_date.year).isoformat()
    except DateParseError as error:
        raise SelectorError(str(error)) from None


def country_code(text: str) -> str:
    """The alpha-3 code for `text`, or SelectorError naming what was not recognised."""
    from .countries import resolve_country  # the explorer imports this module at start-up

    code = resolve_country(text)
    if code is None:
        raise SelectorError(f"{text!r} is not a country name, code or alias that expo-tui knows.")
    return code
