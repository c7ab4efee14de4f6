"""The words and notations expo material uses for dates and times, in Indonesian and English.

dateutil's vocabulary extended with Indonesian month and weekday names and filler words
(`IndonesianParserInfo`), the zone words (WIB, WITA, WIT), the vague parts of the day
("8.00 malam" is 20:00), and the one shared parser, built on first use. Read by dates.py and
date_text.py; nothing here does work at import.
"""

from __future__ import annotations

import datetime
import functools
import re
from typing import ClassVar

from dateutil import parser as _du

# Filler words dateutil may skip: "pukul"/"jam" (o'clock), "tanggal" (date),
# "hari" (day, as in "hari Rabu" or "dini hari").
FILLER_WORDS = ("pukul", "pkl", "jam", "tanggal", "tgl", "hari")


class IndonesianParserInfo(_du.parserinfo):
    """dateutil vocabulary extended with Indonesian words.

    Both languages live in one table so mixed input ("Rabu, June 11") works
    and English keeps working exactly as dateutil knows it.
    """

    # types-python-dateutil declares these as instance attributes holding two or three names;
    # dateutil reads them from the class, any number of names each (parserinfo.__init__).
    JUMP: ClassVar[list[str]] = [*_du.parserinfo.JUMP, *FILLER_WORDS]  # type: ignore[misc]
    WEEKDAYS: ClassVar[list[tuple[str, ...]]] = [  # type: ignore[misc, assignment]
        ("Mon", "Monday", "Sen", "Senin"),
        ("Tue", "Tues", "Tuesday", "Sel", "Selasa"),
        ("Wed", "Wednesday", "Rab", "Rabu"),
        ("Thu", "Thur", "Thurs", "Thursday", "Kam", "Kamis"),
        ("Fri", "Friday", "Jum", "Jumat", "Jumaat"),
        ("Sat", "Saturday", "Sab", "Sabtu"),
        ("Sun", "Sunday", "Min", "Minggu", "Ahad"),
    ]
    MONTHS: ClassVar[list[tuple[str, ...]]] = [  # type: ignore[misc, assignment]
        ("Jan", "January", "Januari"),
        ("Feb", "Febr", "February", "Februari", "Peb", "Pebruari", "Febuari"),
        ("Mar", "March", "Maret"),
        ("Apr", "April"),
        ("May", "Mei"),
        ("Jun", "June", "Juni"),
        ("Jul", "July", "Juli"),
        ("Aug", "August", "Agu", "Agt", "Ags", "Agus", "Agustus"),
        ("Sep", "Sept", "September"),
        ("Oct", "October", "Okt", "Oktober"),
        ("Nov", "November", "Nop", "Nopember"),
        ("Dec", "December", "Des", "Desember"),
    ]


# Indonesian time-zone words.  Pulled out of the text before dateutil sees
# it because dateutil only recognises zone names in upper case, only after a
# time, and reads "GMT+7" the POSIX way (as UTC-7).
ZONES: dict[str, datetime.timezone] = {
    "WIB": datetime.timezone(datetime.timedelta(hours=7), "WIB"),
    "WITA": datetime.timezone(datetime.timedelta(hours=8), "WITA"),
    "WIT": datetime.timezone(datetime.timedelta(hours=9), "WIT"),
    "UTC": datetime.UTC,
    "GMT": datetime.UTC,
}
ZONE_RE = re.compile(
    r"(?<![A-Za-z])(WITA|WIB|WIT|UTC|GMT)"
    r"(?:\s*([+-])\s*(?:([0-9]{2}):?([0-9]{2})|([0-9]{1,2})))?(?![A-Za-z0-9])",
    re.IGNORECASE,
)

# Vague parts of the day.  With no clock time they are ignored (the value is
# date-only).  With a clock time they settle 12-hour readings -- "8.00
# malam" is 20:00 -- and contradictions ("20.00 pagi") are refused.
# word -> (hours accepted as written, hours that mean hour + 12)
PART_OF_DAY: dict[str, tuple[range, range]] = {
    "pagi": (range(12), range(0)),
    "siang": (range(10, 16), range(1, 4)),
    "sore": (range(12, 19), range(1, 7)),
    "petang": (range(15, 20), range(3, 8)),
    "malam": (range(18, 24), range(6, 12)),
    "dini": (range(6), range(0)),
    "subuh": (range(3, 7), range(0)),
    "morning": (range(12), range(0)),
    "afternoon": (range(12, 19), range(1, 7)),
    "evening": (range(17, 24), range(5, 12)),
    "night": (range(18, 24), range(6, 12)),
}

# English names for messages; strftime would follow the process locale.
MONTH_NAMES = tuple(names[1] for names in IndonesianParserInfo.MONTHS)
WEEKDAY_NAMES = tuple(names[1] for names in IndonesianParserInfo.WEEKDAYS)


def fixed_zone(seconds: int, name: str | None = None) -> datetime.timezone | None:
    """A stdlib fixed-offset zone, or None when the offset is not a real one."""
    if abs(seconds) >= 24 * 3600:
        return None
    if seconds == 0:
        return datetime.UTC
    offset = datetime.timedelta(seconds=seconds)
    return datetime.timezone(offset, name) if name else datetime.timezone(offset)


@functools.lru_cache(maxsize=1)
def parser() -> _du.parser:
    """The shared parser, built on first use so importing does no work."""
    return _du.parser(IndonesianParserInfo(dayfirst=True))
