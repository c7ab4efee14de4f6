"""The event and person forms' checks: plain words for every problem, before anything is
written; and whatever is typed in any field either makes records that come back from the
store exactly, or is refused with a plain message — never a crash."""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expo_tui.records import EventRecord, ParticipantRecord
from expo_tui.sanitize import clean
from expo_tui.store import Store, open_store
from expo_tui.store.models import Expo
from expo_tui.tui.form_checks import (
    EventDraft,
    FormProblems,
    ParticipantDraft,
    PersonDraft,
    check_event,
    check_person,
)

from ..conftest import tiny_bundle

HOSTILE = [
    "[/]",
    "[@click=app.quit]x[/]",
    "a[0]",
    "[b",
    "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07",
    "\x1b[2J",
    "abc\u202egnp.exe",
    "line\nbreak",
    "tab\there",
    "\x00",
    "\ud800",
    "x" * 5000,
    "مرحبا",
    " ",
]


@cache
def _store() -> Store:
    store = open_store(None)
    store.write_bundle(tiny_bundle())
    return store


def _expo() -> Expo:
    expo = _store().expo("demo")
    assert expo is not None
    return expo


def good(**changes: object) -> EventDraft:
    draft = EventDraft(
        day="2",
        time="10:30",
        kind="courtesy_call",
        title="Walk past the stand",
        participants=(ParticipantDraft("Ana Example", "guest", "ana"),),
        observer="Anna Schmidt",
    )
    return dataclasses.replace(draft, **changes)  # type: ignore[arg-type]


def problems(draft: EventDraft) -> dict[str, str]:
    with pytest.raises(FormProblems) as caught:
        check_event(_expo(), draft)
    return caught.value.problems


def test_a_good_form_makes_the_event_its_new_people_and_its_observation() -> None:
    draft = good(
        participants=(
            ParticipantDraft("Ana Example", "guest", "ana"),
            ParticipantDraft("Budi Santoso", "host", None, "Kolonel", "Atase", "Indonesia"),
        ),
        observed_time="10:40",
    )
    checked = check_event(_expo(), draft)
    assert checked.event.date == dt.date(2025, 1, 11) and checked.event.start_time == dt.time(
        10, 30
    )
    assert checked.event.sources == ("observation:anna-schmidt@2025-01-11T10:40",)
    (person,) = checked.people
    assert (person.name, person.rank, person.country) == ("Budi Santoso", "Kolonel", "IDN")
    (source,) = checked.sources
    assert (source.observer, source.observed) == ("Anna Schmidt", dt.date(2025, 1, 11))


@pytest.mark.parametrize("day", ["2", "11 Januari 2025", "2025-01-11", "Jan 11, 2025"])
def test_a_day_is_read_as_the_cli_reads_it(day: str) -> None:
    assert check_event(_expo(), good(day=day)).event.date == dt.date(2025, 1, 11)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"day": ""}, "day", "Day: required"),
        ({"day": "9"}, "day", "no day 9"),
        ({"day": "all"}, "day", "not all days"),
        ({"day": "Juni 40"}, "day", "Day:"),
        ({"time": "25:00"}, "time", "hour must be in"),
        ({"title": "  "}, "title", "Title: required"),
        ({"title": "x" * 301}, "title", "at most 300"),
        ({"title": "a\x1b[2Jb"}, "title", "control character"),
        ({"summary": "evil\u202etxt"}, "summary", "direction mark"),
        ({"kind": "party"}, "kind", "choose one"),
        ({"observer": ""}, "source", "give a URL, or your own observation"),
        ({"observer": "!!!"}, "source", "letter or a digit"),
        ({"observer": "Anna", "observed_day": "yesterday"}, "source", "Observed on"),
        ({"source_kind": "url", "url": "javascript:alert(1)"}, "source", "http:// or https://"),
        ({"source_kind": "url", "url": "ftp://example.org/x"}, "source", "http:// or https://"),
        ({"source_kind": "url", "url": ""}, "source", "give a URL"),
    ],
)
def test_problems_are_said_in_plain_words_per_field(
    changes: dict[str, str], field: str, words: str
) -> None:
    found = problems(good(**changes))
    assert words in found[field]


@pytest.mark.parametrize(
    ("participant", "words"),
    [
        (ParticipantDraft("Budi", "host", None, country="Atlantis"), "not a country"),
        (ParticipantDraft("", "host", None), "name: required"),
        (ParticipantDraft("Budi", "king", None), "choose a role"),
        (ParticipantDraft("Budi\x07", "host", None), "control character"),
        (ParticipantDraft("Budi", "host", None, rank="r" * 500), "at most"),
    ],
)
def test_a_new_person_is_checked_too(participant: ParticipantDraft, words: str) -> None:
    assert words in problems(good(participants=(participant,)))["participants"]


def test_a_country_is_taken_by_name_or_code() -> None:
    for text in ("Kanada", "CA", "CAN", "Canada"):
        draft = good(participants=(ParticipantDraft("Budi", "host", None, country=text),))
        assert check_event(_expo(), draft).people[0].country == "CAN"


def test_an_edited_event_keeps_its_sources_and_what_the_form_does_not_show() -> None:
    base = EventRecord(
        key="e1", title="Talks", date=dt.date(2025, 1, 11), notes="kept", track="Security",
        order=2, order_scope="ana", sources=("https://example.org/report",),
        participants=(ParticipantRecord("ana", "guest", "Attaché then", "came late"),),
    )  # fmt: skip
    checked = check_event(_expo(), good(observer="", base=base, key="e1",
                                        kept_sources=base.sources, time=""))  # fmt: skip
    event = checked.event
    assert event.sources == base.sources and checked.sources == ()
    assert event.participants == base.participants  # the position at the event, the note
    assert (event.notes, event.track, event.order, event.order_scope) == (
        "kept",
        "Security",
        2,
        "ana",
    )
    moved = check_event(_expo(), good(observer="", base=base, key="e1", day="3",
                                      kept_sources=base.sources)).event  # fmt: skip
    assert moved.order is None  # a chain of meetings is that day's


def test_the_person_form() -> None:
    assert check_person(PersonDraft("Kolonel", "Atase", "Budi S.; B. Santoso; ; Budi S.")) == (
        "Kolonel", "Atase", ("B. Santoso", "Budi S."),
    )  # fmt: skip
    assert check_person(PersonDraft()) == (None, None, ())
    with pytest.raises(FormProblems) as caught:
        check_person(PersonDraft("K\x1b[31m", "", ""))
    assert "Rank:" in caught.value.problems["rank"]


# -- any text in any field ------------------------------------------------------------------

_any_text = st.one_of(st.text(max_size=40), st.sampled_from(HOSTILE))


def _mostly(*good: str) -> st.SearchStrategy[str]:
    """Usually one of `good` (or plain letters), now and then any text at all: enough forms
    pass to test the round trip, enough fail to test the refusals."""
    plain = st.text(st.characters(categories=["L", "N", "Zs", "P", "S"]), min_size=1,
                    max_size=30)  # fmt: skip
    usual = st.sampled_from(good)
    return st.sampled_from(range(10)).flatmap(
        lambda n: usual if n < 8 else (plain if n == 8 else _any_text)
    )


_days = _mostly("1", "2", "3", "11 Januari 2025", "undated", "2025-01-12")
_times = _mostly("", "10:30", "9.15", "14.30 WIB")
_names = _mostly("Anna", "Dédé", "Budi Santoso")
_countries = _mostly("", "IDN", "Kanada", "Rusia")


@st.composite
def drafts(draw: st.DrawFn) -> EventDraft:
    participants = draw(
        st.lists(
            st.builds(
                ParticipantDraft,
                name=_names,
                role=st.sampled_from(["host", "guest", "attendee", "attendee", "x"]),
                key=st.sampled_from([None, None, "ana"]),
                rank=_mostly("", "Kolonel"),
                position=_mostly("", "Atase [Pertahanan]"),
                country=_countries,
            ),
            max_size=2,
        )
    )
    return EventDraft(
        day=draw(_days),
        time=draw(_times),
        kind=draw(st.sampled_from(["other", "launch", "launch", "bogus"])),
        status=draw(st.sampled_from(["happened", "planned", "planned", ""])),
        title=draw(_mostly("Talks [b]x[/b]", "[@click=app.quit]x[/]")),
        summary=draw(_mostly("", "a[0] and more")),
        location=draw(_mostly("", "Hall B")),
        participants=tuple(participants),
        source_kind=draw(st.sampled_from(["observation", "url"])),
        url=draw(_mostly("https://example.org/a?b=[c]")),
        observer=draw(_names),
        observed_day=draw(st.one_of(st.just(""), st.just(""), _days)),
        observed_time=draw(_times),
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts())
def test_any_text_either_round_trips_through_the_store_or_is_refused_plainly(
    draft: EventDraft,
) -> None:
    try:
        checked = check_event(_expo(), draft)
    except FormProblems as refused:
        assert refused.problems
        for message in refused.problems.values():
            assert message and clean(message) == message and len(message) < 400
        return
    store = _store()
    key = store.edits.save_event("demo", checked.event, checked.people, checked.sources)
    stored = store.edits.event("demo", key)
    assert stored is not None
    expected = dataclasses.replace(
        checked.event,
        key=key,
        participants=tuple(
            ParticipantRecord(
                p.person if p.person == "ana" else stored.record.participants[i].person, p.role
            )
            for i, p in enumerate(checked.event.participants)
        ),
    )
    assert stored.record == expected
    shown = {(p.name, p.rank, p.country_code) for p in stored.people}
    for person in checked.people:  # each new person, stored as typed
        assert (person.name, person.rank, person.country) in shown
    for source in checked.sources:
        assert source in stored.sources
