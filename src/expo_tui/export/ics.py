"""`--format ics`: an RFC 5545 calendar, built and serialised by the `icalendar` library.

- A VTIMEZONE for the expo's zone (from zoneinfo) comes first; timed events use it as TZID.
- A date-only event is an all-day event (DTSTART;VALUE=DATE, DTEND the next day).
- An undated event (its day was never reported) is an all-day event spanning its possible
  days (or the whole expo when nothing bounds it), marked X-EXPO-TUI-UNDATED and described as
  "Day not reported", so a phone calendar shows it without claiming a day; `expo-tui import`
  turns it back into an undated event.
- Participants are ATTENDEEs with CN, ROLE (CHAIR for the host) and CUTYPE (GROUP for a
  delegation or other group, else INDIVIDUAL); X-EXPO-TUI-* parameters keep the role, country
  and person key for a lossless re-import.
- The summary, then "Sources:" and one URL per line, make the DESCRIPTION; the first source
  with an http(s) URL is also the URL; the notes are the COMMENT.
- Every text and parameter value goes through the one sanitiser (`expo_tui.sanitize`) first:
  RFC 5545 allows no control characters, and a calendar app shows escape sequences and bidi
  controls as they are. The library then escapes `,` `;` `\\` and newlines and folds lines at
  75 octets.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from typing import Any, BinaryIO

from .. import __version__
from ..ingest.ics_format import SOURCES_HEADING, UNDATED_NOTE
from ..observations import observation_of
from ..sanitize import clean, is_web_url
from ..store import Store
from ..store.models import EventDetail, Expo
from .collect import Selection, iter_events


def ics_text(value: str) -> str:
    """Text as the calendar will hold it: sanitised, its line breaks kept (the library writes
    them as \\n)."""
    return clean(value, multiline=True)


def _param(value: str) -> str:
    """A parameter value (CN=...): sanitised to one line, as RFC 5545 allows no line break."""
    return clean(value)


_ROLES = {
    "host": "CHAIR",
    "guest": "REQ-PARTICIPANT",
    "signatory": "REQ-PARTICIPANT",
    "speaker": "REQ-PARTICIPANT",
    "attendee": "OPT-PARTICIPANT",
}
# A planned event (announced, never confirmed) is TENTATIVE like an unconfirmed one: a calendar
# app that drops our X-EXPO-TUI-STATUS must not show it as confirmed.
_STATUS = {"happened": "CONFIRMED", "planned": "TENTATIVE", "unconfirmed": "TENTATIVE"}


def calendar(store: Store, selection: Selection) -> tuple[Any, int]:
    """The calendar and how many events it holds."""
    from icalendar import Calendar, Timezone, vText

    expo = selection.expo
    cal = Calendar()
    cal.add("prodid", f"-//expo-tui//expo-tui {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", vText(ics_text(expo.display_name)))
    cal.add("x-wr-timezone", expo.timezone)
    zone = zoneinfo.ZoneInfo(expo.timezone)
    # The zone's rules from the year before to two years after, within what a date can be (a
    # store written before dates were checked may hold year 1 or 9999).
    first = dt.date(max(expo.start_date.year - 1, dt.MINYEAR), 1, 1)
    last = dt.date(min(expo.end_date.year + 2, dt.MAXYEAR), 1, 1)
    if expo.timezone != "UTC":
        cal.add_component(Timezone.from_tzid(expo.timezone, first_date=first, last_date=last))
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    count = 0
    for detail in iter_events(store, selection):
        cal.add_component(_event(detail, expo, zone, stamp))
        count += 1
    return cal, count


def _event(detail: EventDetail, expo: Expo, zone: zoneinfo.ZoneInfo, stamp: dt.datetime) -> Any:
    from icalendar import Event, vCalAddress, vText

    e = detail.event
    ev = Event()
    ev.add("uid", ics_text(f"{e.key}@{expo.slug}.expo-tui"))
    ev.add("x-expo-tui-key", vText(ics_text(e.key)))
    ev.add("dtstamp", stamp)
    ev.add("summary", ics_text(e.title))
    lines = []
    if e.date is None:
        start = e.date_from or e.date_to or expo.start_date
        end = e.date_to or e.date_from or expo.end_date
        ev.add("dtstart", start)
        _add_end_day(ev, end)
        ev.add("x-expo-tui-undated", "RANGE" if (e.date_from or e.date_to) else "NONE")
        lines.append(f"{UNDATED_NOTE}sometime {start.isoformat()} to {end.isoformat()}).")
    elif e.start_time is None:
        ev.add("dtstart", e.date)
        _add_end_day(ev, e.date)
    else:
        # A schedule day can run past midnight (frab's day_change): 00:30 listed under day 1
        # happens on the calendar date after day 1.
        night = expo.day_change is not None and e.start_time < expo.day_change
        day = (_next_day(e.date) or e.date) if night else e.date
        start_at = dt.datetime.combine(day, e.start_time, tzinfo=zone)
        ev.add("dtstart", start_at)
        if e.end_time is not None:
            end_at = dt.datetime.combine(start_at.date(), e.end_time, tzinfo=zone)
            if end_at < start_at:
                end_at = end_at + dt.timedelta(days=1) if _next_day(day) else start_at
            ev.add("dtend", end_at)
    if e.location:
        ev.add("location", ics_text(e.location))
    ev.add("categories", [_param(e.kind), *([_param(e.track)] if e.track else [])])
    ev.add("status", _STATUS.get(e.status, "CONFIRMED"))
    ev.add("x-expo-tui-kind", _param(e.kind))
    ev.add("x-expo-tui-status", _param(e.status))
    if e.order is not None:
        ev.add("x-expo-tui-order", str(e.order))
    if e.order_scope:
        ev.add("x-expo-tui-order-scope", vText(ics_text(e.order_scope)))
    if e.track:
        ev.add("x-expo-tui-track", vText(ics_text(e.track)))
    for p in detail.participants:
        person = p.person
        address = vCalAddress(
            "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"expo-tui:person:{person.key}"))
        )
        address.params["CN"] = _param(person.name)
        address.params["CUTYPE"] = "GROUP" if person.kind == "group" else "INDIVIDUAL"
        address.params["ROLE"] = _ROLES.get(p.role, "OPT-PARTICIPANT")
        address.params["X-EXPO-TUI-ROLE"] = _param(p.role)
        address.params["X-EXPO-TUI-KEY"] = _param(person.key)
        if person.country_code:
            address.params["X-EXPO-TUI-COUNTRY"] = _param(person.country_code)
        ev.add("attendee", address, encode=False)
    if detail.summary:
        lines.append(detail.summary)
    link = next((s.url for s in detail.sources if is_web_url(s.url)), None)
    if link is not None:
        ev.add("url", link)
    if detail.sources:
        cited = (observation_of(s) or s.url for s in detail.sources)
        lines.append(SOURCES_HEADING + "\n" + "\n".join(cited))
    if lines:
        ev.add("description", ics_text("\n\n".join(lines)))
    if detail.notes:
        ev.add("comment", ics_text(detail.notes))
    return ev


def _next_day(day: dt.date) -> dt.date | None:
    """The day after `day`, or None after 31 December 9999 (which has none)."""
    return day + dt.timedelta(days=1) if day < dt.date.max else None


def _add_end_day(ev: Any, last: dt.date) -> None:
    """DTEND of an all-day event whose last day is `last`: the day after (RFC 5545), left out
    when there is none, which RFC 5545 reads as a one-day event."""
    end = _next_day(last)
    if end is not None:
        ev.add("dtend", end)


def write(store: Store, selection: Selection, out: BinaryIO) -> int:
    cal, count = calendar(store, selection)
    out.write(cal.to_ical())
    return count
