"""Which day a sentence speaks of: explicit dates, weekdays, "today", and the expo's own days.

Every date found is checked by ingest/dates.py (a weekday written with a date must agree
with it: "Kamis (12/6)" is only 12 June in a year where that is a Thursday). A weekday or
"hari ini" alone is read from the publication date: the latest such day on or before it (the
next one for what is only planned). Expo days count from the expo's first day ("hari
kedua", "the second day", "the inaugural day", "pada pembukaan"). A date written right after
a verb of saying ("kata X, Jumat (13/6)", "said in a statement on Friday") dates the
statement, not the event, and is marked so. Nothing is guessed: a text without a day gives
none.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..ingest.dates import DateParseError, parse_when

_WEEKDAYS = {
    "senin": 0,
    "selasa": 1,
    "rabu": 2,
    "kamis": 3,
    "jumat": 4,
    "jum'at": 4,
    "jumaat": 4,
    "sabtu": 5,
    "minggu": 6,
    "ahad": 6,
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "isnin": 0,
    "khamis": 3,
}
_WEEKDAY = r"(?:Senin|Selasa|Rabu|Kamis|Jum'?at|Jumaat|Sabtu|Minggu|Ahad|Isnin|Khamis|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = (
    r"(?:Januari|January|Jan|Februari|February|Feb|Maret|March|Mar|April|Apr|Mei|May|Juni|June"
    r"|Jun|Juli|July|Jul|Agustus|August|Aug|Agu|Ogos|September|Sept|Sep|Oktober|October|Okt|Oct"
    r"|November|Nov|Nopember|Desember|December|Dec|Des|Disember)"
)
_EXPLICIT = re.compile(
    rf"(?:\b{_WEEKDAY}\s*,?\s*\(?\s*)?\b\d{{1,2}}\s+{_MONTH}\.?(?:\s+\d{{4}})?\b\)?"
    rf"|(?:\b{_WEEKDAY},?\s+)?\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?"
    rf"|\b{_WEEKDAY}\s*,?\s*\(\s*\d{{1,2}}\s*/\s*\d{{1,2}}(?:\s*/\s*\d{{2,4}})?\s*\)"
    r"|\b\d{1,2}/\d{1,2}/\d{4}\b|\b20\d\d-\d\d-\d\d\b",
    re.IGNORECASE,
)
_WEEKDAY_ALONE = re.compile(
    rf"\b(?:(?:pada\s+)?hari\s+|on\s+)?({_WEEKDAY})\b(?!\s*,?\s*[(\d])", re.I
)
_RELATIVE = re.compile(
    r"\b(hari\s+ini|pagi\s+ini|siang\s+ini|sore\s+ini|malam\s+ini|today|this\s+morning"
    r"|this\s+afternoon|tonight|kemarin|yesterday|besok|esok|tomorrow|lusa)\b",
    re.IGNORECASE,
)
_RELATIVE_DAYS = {"kemarin": -1, "yesterday": -1, "besok": 1, "esok": 1, "tomorrow": 1, "lusa": 2}
_ORDINALS = {
    "pertama": 1,
    "kesatu": 1,
    "satu": 1,
    "kedua": 2,
    "dua": 2,
    "ketiga": 3,
    "tiga": 3,
    "keempat": 4,
    "empat": 4,
    "kelima": 5,
    "lima": 5,
    "first": 1,
    "one": 1,
    "second": 2,
    "two": 2,
    "third": 3,
    "three": 3,
    "fourth": 4,
    "four": 4,
    "fifth": 5,
    "five": 5,
    "opening": 1,
    "inaugural": 1,
}
_EXPO_DAY = re.compile(
    r"\bhari\s+(?:ke-?\s*)?(pertama|kesatu|kedua|ketiga|keempat|kelima|terakhir|satu|dua|tiga|empat|lima|\d)\b"
    r"|\b(first|second|third|fourth|fifth|final|last|opening|inaugural|closing)\s+day\b"
    r"|\bday\s+(one|two|three|four|five|\d)\b"
    r"|\b(?:(?:pada|saat|dalam|usai|setelah|seusai|sebelum|di\s+sela(?:-sela)?)\s+)?(?:upacara\s+|acara\s+|seremoni\s+)?(pembukaan|penutupan)\b"
    r"|\b(?:at|during|after|before)\s+the\s+(opening|closing)(?:\s+ceremony)?\b|\b(opening|closing)\s+ceremony\b",
    re.IGNORECASE,
)
# A verb of saying or publishing shortly before a date makes it the statement's date.
_STATEMENT = re.compile(
    r"(?:\b(?:kata|ujar|ucap|ungkap|jelas|tutur|terang|tegas|sebut|imbuh|tambah|papar|lanjut"
    r"|pesan|harap|katanya|ujarnya|ucapnya|ungkapnya|jelasnya|tuturnya|terangnya|tegasnya"
    r"|menurut|according\s+to)\b"
    r"|\bketerangan(?:nya)?\b|\bsiaran\s+pers\b|\brilis\b|\bdikutip\b|\bdiunggah\b|\bdiposting\b"
    r"|\bunggahan\b|\bsaid\b|\bsays\b|\btold\b|\bstated\b|\bstatement\b|\bpress\s+release\b"
    r"|\bposted\b|\breported\b|\bwrote\b|\bannounced\b|\bconfirmed\b)[^.;:!?]{0,90}$",
    re.IGNORECASE,
)


_MAYBE = re.compile(
    r"\d|hari|day|today|tonight|morning|afternoon|kemarin|yesterday|besok|esok|tomorrow|lusa"
    r"|pembukaan|penutupan|opening|closing|senin|selasa|rabu|kamis|jum|sabtu|minggu|ahad|isnin"
    r"|khamis|monday|tuesday|wednesday|thursday|friday|saturday|sunday|ini\b",
    re.IGNORECASE,
)
_RANGE_BEFORE = re.compile(r"\d\s*(?:[-–—]|s\.?d\.?|sampai|hingga|to|until)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class DateMention:
    start: int  # offsets in the article text
    end: int
    date: dt.date
    how: str  # explicit, weekday, relative, expo day
    statement: bool  # the date of a statement or a post, not of an event


@dataclass(frozen=True)
class DateContext:
    published: dt.date | None
    expo_start: dt.date
    expo_end: dt.date

    @property
    def year(self) -> int:
        return (self.published or self.expo_start).year


def find_dates(
    text: str, offset: int, ctx: DateContext, *, planned: bool = False
) -> list[DateMention]:
    """The days `text` (one sentence) names, each read as above."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    if not _MAYBE.search(text):
        return found  # most sentences name no day: one cheap look first

    def add(start: int, end: int, day: dt.date | None, how: str) -> None:
        if day is None or any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        statement = bool(_STATEMENT.search(text[max(0, start - 80) : start]))
        found.append(DateMention(start + offset, end + offset, day, how, statement))

    for match in _EXPLICIT.finditer(text):
        if _RANGE_BEFORE.search(text[max(0, match.start() - 12) : match.start()]):
            continue  # "11-12 Juni": a span of days, not one day
        add(match.start(), match.end(), _explicit(match.group(0), ctx), "explicit")
    for match in _EXPO_DAY.finditer(text):
        add(match.start(), match.end(), _expo_day(match, ctx), "expo day")
    for match in _RELATIVE.finditer(text):
        if ctx.published is not None:
            shift = _RELATIVE_DAYS.get(match.group(1).split()[0].lower(), 0)
            add(match.start(), match.end(), ctx.published + dt.timedelta(days=shift), "relative")
    for match in _WEEKDAY_ALONE.finditer(text):
        day = _weekday(match.group(1), ctx, planned)
        add(match.start(), match.end(), day, "weekday")
    return sorted(found, key=lambda d: d.start)


def _explicit(written: str, ctx: DateContext) -> dt.date | None:
    try:
        return parse_when(written.strip(" ()"), default_year=ctx.year).date
    except DateParseError:
        return None


def _expo_day(match: re.Match[str], ctx: DateContext) -> dt.date | None:
    word = next(g for g in match.groups() if g).lower()
    if word in ("terakhir", "final", "last", "closing", "penutupan"):
        return ctx.expo_end
    if word == "pembukaan":
        return ctx.expo_start
    number = int(word) if word.isdigit() else _ORDINALS.get(word)
    if number is None:
        return None
    day = ctx.expo_start + dt.timedelta(days=number - 1)
    return day if day <= ctx.expo_end else None


def _weekday(word: str, ctx: DateContext, planned: bool) -> dt.date | None:
    weekday = _WEEKDAYS.get(word.lower().replace("’", "'"))
    if weekday is None:
        return None
    if ctx.published is not None:
        if planned:
            ahead = (weekday - ctx.published.weekday()) % 7
            return ctx.published + dt.timedelta(days=ahead)
        back = (ctx.published.weekday() - weekday) % 7
        return ctx.published - dt.timedelta(days=back)
    # No publication date: a weekday that falls exactly once within the expo is that day.
    days = [
        ctx.expo_start + dt.timedelta(days=n)
        for n in range((ctx.expo_end - ctx.expo_start).days + 1)
        if (ctx.expo_start + dt.timedelta(days=n)).weekday() == weekday
    ]
    return days[0] if len(days) == 1 else None
