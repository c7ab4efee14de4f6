"""Which clock times are shown on: the expo's zone (as stored), the user's own, or UTC.

The store keeps times local to the expo (`expos.timezone`). Shown on another clock, a time
may fall on another date: it then carries the day it moves to ("23:00‹" is the day before,
"01:00›" the day after). The zone's abbreviation (WIB, UTC, CEST) names the clock in the
timeline's title and the details.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ...store.models import Expo

MODES = ("expo", "local", "utc")
EARLIER, LATER = "‹", "›"  # a time shown on the day before / after its listed date


@dataclass(frozen=True)
class Clock:
    mode: str = "expo"
    local_zone: str | None = None  # an IANA name; None: the system's own zone

    def next(self) -> Clock:
        return Clock(MODES[(MODES.index(self.mode) + 1) % len(MODES)], self.local_zone)

    def zone(self, expo: Expo) -> dt.tzinfo | None:
        """The zone times are shown in (None: the system's local zone)."""
        if self.mode == "utc":
            return dt.UTC
        if self.mode == "local":
            return ZoneInfo(self.local_zone) if self.local_zone else None
        return expo_zone(expo)

    def moment(self, expo: Expo, date: dt.date, time: dt.time) -> dt.datetime:
        """An expo-local date and time as an instant on this clock."""
        local = dt.datetime.combine(date, time, tzinfo=expo_zone(expo))
        if expo.after_midnight(time):
            local += dt.timedelta(days=1)  # listed under its day, it happens after midnight
        return local.astimezone(self.zone(expo))

    def time(self, expo: Expo, date: dt.date | None, time: dt.time) -> tuple[dt.time, int]:
        """`time` on this clock, and by how many days its date moves (-1, 0, 1)."""
        if self.mode == "expo" or date is None:
            return time, 0
        moment = self.moment(expo, date, time)
        listed = date + dt.timedelta(days=1) if expo.after_midnight(time) else date
        return moment.time().replace(tzinfo=None), (moment.date() - listed).days

    def label(self, expo: Expo, date: dt.date | None, time: dt.time) -> str:
        """ "09:00", or "02:00" on UTC; "23:00‹" when it moves to the day before."""
        shown, shift = self.time(expo, date, time)
        mark = EARLIER if shift < 0 else LATER if shift > 0 else ""
        return f"{shown:%H:%M}{mark}"

    def abbreviation(self, expo: Expo, date: dt.date | None = None) -> str:
        """The zone's short name on `date` (the expo's first day by default): WIB, UTC."""
        day = date or expo.start_date
        moment = self.moment(expo, day, dt.time(12, 0))
        return moment.tzname() or "local"


EXPO_CLOCK = Clock()


def expo_zone(expo: Expo) -> dt.tzinfo:
    try:
        return ZoneInfo(expo.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC
