"""Test data for the explorer: one invented expo shaped like a real defence show.

The UI tests run on this, not on the shipped Indo Defence records, so that correcting the
shipped data never breaks a test about the interface. Every name, title and figure here is made
up for the tests; the countries are the real reference table's.

Harbour Defence Show 2025, Jakarta, 11-14 June 2025 (Wednesday to Saturday):

- host Indonesia; 14 countries present, host first: Indonesia, then by English name
  (Cambodia, Canada, China, France, Germany, India, Iran, Japan, Malaysia, Russia, Türkiye,
  United Kingdom, United States);
- three pre-show dates (5, 9 and 10 June), four show days, one undated event;
- day 2 (12 June): the Army chief's chain of three meetings, in order Iran, Canada, Russia; a
  planned call by the United States; an unconfirmed call by China; a signing with no time;
- day 3 (13 June): the minister double-booked (a pavilion tour from 09:30 to 10:30 and a call
  at 10:00); signings on days 1, 2 and 3, the French one with its value as a figure;
- ASEAN members Cambodia and Malaysia besides the host; NATO members Canada, France, Germany,
  Türkiye, the United Kingdom and the United States;
- delegations led by named heads for Canada, Russia and Iran; exhibitors; published figures
  that disagree (1,180 vs 1,182 companies).
"""

from __future__ import annotations

import datetime as dt

from expo_tui.records import (
    DelegationRecord,
    EventRecord,
    ExhibitorRecord,
    ExpoBundle,
    ExpoRecord,
    FigureRecord,
    MemberRecord,
    ParticipantRecord,
    PersonRecord,
    SourceRecord,
)

SLUG = "harbour2025"
DAY_1, DAY_2, DAY_3, DAY_4 = (dt.date(2025, 6, d) for d in (11, 12, 13, 14))
NEWS = "https://news.example.org/harbour-2025"
WIRE = "https://wire.example.net/defence/harbour-show"
MINISTRY = "https://ministry.example.gov/press/harbour"
CHAIN = "KSAD Arka Wibisana's meetings, 12 June"

SOURCES = (
    SourceRecord(NEWS, "Example News", "Harbour show opens with record attendance", "en", DAY_1),
    SourceRecord(WIRE, "Example Wire", "Army chief holds three meetings at the show", "en", DAY_2),
    SourceRecord(MINISTRY, "Ministry of Testing", "Siaran pers: pameran dibuka", "id", DAY_1),
)


def _person(key: str, name: str, country: str, **fields: object) -> PersonRecord:
    return PersonRecord(key=key, name=name, country=country, **fields)  # type: ignore[arg-type]


PEOPLE = (
    _person(
        "wibisana",
        "Arka Wibisana",
        "IDN",
        rank="General",
        position="Chief of Staff of the Army (KSAD)",
        organization="Indonesian Army",
    ),
    _person("president", "Bima Santoso", "IDN", position="President of Indonesia"),
    _person("minister", "Citra Halim", "IDN", position="Minister of Defence"),
    _person(
        "farsi",
        "Hamid Farsi",
        "IRN",
        rank="Lieutenant General",
        position="Commander of the Ground Forces",
    ),
    _person(
        "ashdown",
        "Colin Ashdown",
        "CAN",
        rank="Major General",
        position="Defence Attaché",
        variants=("Colin Ashdowne",),
    ),
    _person(
        "dorokhov",
        "Pavel Dorokhov",
        "RUS",
        position="Deputy Director, Federal Service for Test Cooperation",
        variants=("Pavel Dorohov",),
    ),
    _person("vannak", "Sok Vannak", "KHM", rank="General", position="Deputy Commander"),
    _person("li", "Li Wen", "CHN", position="Vice Chair, Defence Industry Office"),
    _person("holt", "Mary Holt", "USA", position="Under Secretary for Testing"),
    _person("dubois", "Claire Dubois", "FRA", position="Armaments Director"),
    _person("korkmaz", "Ayşe Korkmaz", "TUR", position="President, Test Industries Agency"),
    _person("tanaka", "Kenji Tanaka", "JPN", position="Deputy Minister"),
    _person("rahman", "Aziz Rahman", "MYS", rank="Admiral", position="Chief of Navy"),
    _person("weber", "Jonas Weber", "DEU", position="State Secretary"),
    _person("singh", "Priya Singh", "IND", position="Joint Secretary"),
    _person("baker", "Tom Baker", "GBR", position="Minister for Procurement"),
)


def _event(key: str, title: str, kind: str, date: dt.date | None, *parties: tuple[str, str],
           sources: tuple[str, ...] = (NEWS,), **fields: object) -> EventRecord:  # fmt: skip
    participants = tuple(ParticipantRecord(person, role) for person, role in parties)
    return EventRecord(key=key, title=title, kind=kind, date=date,  # type: ignore[arg-type]
                       participants=participants, sources=sources, **fields)  # fmt: skip


EVENTS = (
    _event(
        "pre-visit",
        "Minister receives the Malaysian navy chief",
        "courtesy_call",
        dt.date(2025, 6, 5),
        ("minister", "host"),
        ("rahman", "guest"),
    ),
    _event(
        "pre-brief",
        "Organisers brief attachés on the show",
        "other",
        dt.date(2025, 6, 9),
        ("minister", "host"),
        ("ashdown", "attendee"),
    ),
    _event(
        "pre-uk",
        "Minister meets the British procurement minister",
        "bilateral_meeting",
        dt.date(2025, 6, 10),
        ("minister", "host"),
        ("baker", "guest"),
    ),
    _event(
        "opening",
        "President Santoso opens the Harbour Defence Show",
        "opening",
        DAY_1,
        ("president", "host"),
        start_time=dt.time(9, 0),
        location="Main Hall",
        summary="The president opened the show and toured the pavilions.",
        sources=(NEWS, MINISTRY),
    ),
    _event(
        "cambodia",
        "Minister receives Cambodia's deputy commander",
        "courtesy_call",
        DAY_1,
        ("minister", "host"),
        ("vannak", "guest"),
    ),
    _event(
        "signings",
        "Ministry signs five agreements with French industry",
        "mou_signing",
        DAY_1,
        ("minister", "signatory"),
        ("dubois", "signatory"),
        sources=(MINISTRY,),
    ),
    _event(
        "india",
        "Defence ministry talks with India",
        "bilateral_meeting",
        DAY_1,
        ("minister", "host"),
        ("singh", "guest"),
    ),
    _event(
        "iran",
        "KSAD meets Iran's ground forces commander",
        "bilateral_meeting",
        DAY_2,
        ("wibisana", "host"),
        ("farsi", "guest"),
        order=1,
        order_scope=CHAIN,
        sources=(WIRE,),
    ),
    _event(
        "canada",
        "KSAD meets Canada's defence attaché",
        "bilateral_meeting",
        DAY_2,
        ("wibisana", "host"),
        ("ashdown", "guest"),
        order=2,
        order_scope=CHAIN,
        sources=(WIRE,),
    ),
    _event(
        "russia",
        "KSAD meets the Russian delegation led by Dorokhov",
        "bilateral_meeting",
        DAY_2,
        ("wibisana", "host"),
        ("dorokhov", "guest"),
        order=3,
        order_scope=CHAIN,
        summary="Talks on training and joint production.",
        sources=(WIRE,),
    ),
    _event(
        "usa",
        "Minister to receive the US under secretary",
        "courtesy_call",
        DAY_2,
        ("minister", "host"),
        ("holt", "guest"),
        status="planned",
    ),
    _event(
        "china",
        "Talks with China's defence industry office",
        "bilateral_meeting",
        DAY_2,
        ("minister", "host"),
        ("li", "guest"),
        status="unconfirmed",
    ),
    _event(
        "japan",
        "Japan and Indonesia sign a training arrangement",
        "mou_signing",
        DAY_2,
        ("minister", "signatory"),
        ("tanaka", "signatory"),
    ),
    _event(
        "canada-2",
        "Canadian attaché visits the naval pavilion",
        "pavilion_visit",
        DAY_2,
        ("ashdown", "guest"),
    ),
    _event(
        "turkiye",
        "Türkiye signs a helicopter deal",
        "mou_signing",
        DAY_3,
        ("minister", "signatory"),
        ("korkmaz", "signatory"),
    ),
    _event(
        "germany",
        "German state secretary tours the pavilions",
        "pavilion_visit",
        DAY_3,
        ("weber", "guest"),
    ),
    _event(
        "public",
        "Public day",
        "public_day",
        DAY_4,
        start_time=dt.time(10, 0),
        end_time=dt.time(17, 0),
    ),
    _event("closing", "Minister closes the show", "closing", DAY_4, ("minister", "host")),
    # The minister is double-booked on day 3: the pavilion tour runs into the Malaysian call.
    _event(
        "naval-tour",
        "Minister tours the naval pavilion",
        "pavilion_visit",
        DAY_3,
        ("minister", "guest"),
        start_time=dt.time(9, 30),
        end_time=dt.time(10, 30),
        location="Hall C, Jakarta",
    ),
    _event(
        "malaysia",
        "Minister receives Malaysia's navy chief",
        "courtesy_call",
        DAY_3,
        ("minister", "host"),
        ("rahman", "guest"),
        start_time=dt.time(10, 0),
        location="VIP lounge, Jakarta",
    ),
    _event(
        "malaysia-undated",
        "Malaysian navy chief's visit to the shipyard stand",
        "pavilion_visit",
        None,
        ("rahman", "guest"),
        status="unconfirmed",
        date_from=DAY_1,
        date_to=DAY_4,
    ),
)

DELEGATIONS = (
    DelegationRecord(
        "CAN",
        "military",
        head="ashdown",
        members=(MemberRecord("Lieutenant Colonel Ruth Myers", "aide"),),
        sources=(WIRE,),
    ),
    DelegationRecord(
        "RUS",
        "government",
        head="dorokhov",
        members=(MemberRecord("Oleg Petrov", "adviser"),),
        notes="Led by the deputy director of the test cooperation service.",
        sources=(WIRE,),
    ),
    DelegationRecord("IRN", "military", head="farsi", sources=(WIRE,)),
)

EXHIBITORS = (
    ExhibitorRecord("Rostest Export", "RUS", "company", sources=(NEWS,)),
    ExhibitorRecord("Maple Marine", "CAN", "company", sources=(NEWS,)),
    ExhibitorRecord("PT Harbour Works", "IDN", "company", notes="Shipyard", sources=(NEWS,)),
)

FIGURES = (
    FigureRecord(
        "companies-opening",
        "exhibiting companies, opening day",
        "1,180",
        1180,
        "companies",
        sources=(NEWS,),
    ),
    FigureRecord(
        "companies-closing",
        "exhibiting companies, closing report",
        "1,182",
        1182,
        "companies",
        note="The closing report gives 1,182.",
        sources=(MINISTRY,),
    ),
    FigureRecord("countries", "countries taking part", "40", 40, "countries", sources=(NEWS,)),
    FigureRecord(
        "french-deals-value",
        "value of the five agreements with French industry",
        "2.1",
        2.1,
        "EUR billion",
        sources=(MINISTRY,),
        event="signings",
    ),
)


def showcase_bundle() -> ExpoBundle:
    return ExpoBundle(
        expo=ExpoRecord(
            slug=SLUG,
            name="Harbour Defence Show 2025 Expo & Forum",
            short_name="Harbour Defence 2025",
            edition="3rd",
            start_date=DAY_1,
            end_date=DAY_4,
            timezone="Asia/Jakarta",
            venue="Harbour Convention Centre",
            city="Jakarta",
            country="IDN",
            organizer="Ministry of Testing",
            theme="Partnerships in Testing",
            notes="Every fact of this show is invented for the tests.",
            sources=(NEWS, MINISTRY),
        ),
        sources=SOURCES,
        people=PEOPLE,
        events=EVENTS,
        delegations=DELEGATIONS,
        exhibitors=EXHIBITORS,
        figures=FIGURES,
    )
