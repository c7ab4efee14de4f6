"""The store's read API on the shipped data, and its write path on fresh stores."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys

import pytest

from expo_tui.records import EventRecord, ParticipantRecord
from expo_tui.store import UNDATED, DataError, ReadOnlyStoreError, Store

from ..conftest import tiny_bundle


def expo_of(store: Store):
    (expo,) = store.expos()
    return expo


def test_shipped_store_holds_the_indo_defence_expo(shipped: Store) -> None:
    expo = expo_of(shipped)
    assert expo.display_name == "Indo Defence 2025"
    assert (expo.start_date, expo.end_date) == (dt.date(2025, 6, 11), dt.date(2025, 6, 14))
    assert expo.timezone == "Asia/Jakarta"


def test_days_run_pre_show_then_each_expo_day_then_undated(shipped: Store) -> None:
    days = shipped.days(expo_of(shipped))
    phases = [d.phase for d in days]
    assert phases == sorted(phases, key=["pre", "expo", "post", "undated"].index)
    expo_days = [d for d in days if d.phase == "expo"]
    assert [d.number for d in expo_days] == [1, 2, 3, 4]
    assert [d.key for d in expo_days] == ["2025-06-11", "2025-06-12", "2025-06-13", "2025-06-14"]
    assert days[-1].key == UNDATED and days[-1].events == 8
    assert sum(d.events for d in days) == 39


def test_day_two_lists_the_army_chief_meetings_in_reported_order(shipped: Store) -> None:
    events = shipped.events(expo_of(shipped), "2025-06-12").items
    ksad = [e for e in events if e.order_scope and e.order_scope.startswith("KSAD")]
    assert [e.order for e in ksad] == [1, 2, 3]
    assert [e.countries[-1] for e in ksad] == ["IRN", "CAN", "RUS"]
    assert all(e.start_time is None for e in ksad)  # no source gave a clock time


def test_events_are_ordered_by_time_then_chain_order(shipped: Store) -> None:
    events = shipped.events(expo_of(shipped), "2025-06-14").items
    assert events[0].start_time == dt.time(10, 0)  # the only timed event comes first
    untimed = [e for e in events if e.start_time is None]
    orders = [e.order for e in untimed if e.order is not None]
    assert orders == sorted(orders)


def test_planned_and_unconfirmed_events_keep_their_status(shipped: Store) -> None:
    expo = expo_of(shipped)
    statuses = {e.key: e.status for e in shipped.events(expo, None, limit=100).items}
    assert statuses["ID25-E12"] == "planned"
    assert statuses["ID25-E22"] == "planned"  # only scheduled in its source
    assert statuses["ID25-E28"] == "unconfirmed"  # known only from a link's headline


def test_undated_events_carry_their_date_range(shipped: Store) -> None:
    events = shipped.events(expo_of(shipped), UNDATED).items
    assert events and all(e.date is None and e.date_from and e.date_to for e in events)


def test_event_pages_cover_every_event_once(shipped: Store) -> None:
    expo = expo_of(shipped)
    seen, cursor = [], None
    while True:
        page = shipped.events(expo, None, limit=4, cursor=cursor)
        seen += [e.key for e in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 39
    assert seen[-3:] == ["ID25-E35", "ID25-E36", "ID25-E39"]  # undated last


def test_country_filter_on_a_day(shipped: Store) -> None:
    events = shipped.events(expo_of(shipped), "2025-06-12", country="CAN").items
    assert [e.key for e in events] == ["ID25-E16", "ID25-E22"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("rus", "RUS"),
        ("Rusia", "RUS"),
        ("RUS", "RUS"),
        ("kanada", "CAN"),
        ("turkiye", "TUR"),
        ("Türkiye", "TUR"),
        ("Turki", "TUR"),
        ("Korea Selatan", "KOR"),
        ("Inggris", "GBR"),
        ("Macaulay", "CAN"),
        ("Pethukov", "RUS"),
        ("Petukhov", "RUS"),
        ("Amerika", "USA"),
    ],
)
def test_country_search(shipped: Store, query: str, expected: str) -> None:
    codes = [c.country.code for c in shipped.countries(expo_of(shipped), query).items]
    assert expected in codes
    if query.lower() in ("rus", "rusia", "kanada", "pethukov", "petukhov"):
        assert codes == [expected]


def test_country_list_puts_the_host_first_with_counts(shipped: Store) -> None:
    countries = shipped.countries(expo_of(shipped)).items
    assert countries[0].country.code == "IDN" and countries[0].is_host
    assert not any(c.is_host for c in countries[1:])
    names = [c.country.name for c in countries[1:]]
    assert names == sorted(names)
    canada = next(c for c in countries if c.country.code == "CAN")
    assert (canada.delegations, canada.events, canada.exhibitors) == (1, 4, 2)
    assert canada.country.name_id == "Kanada" and canada.country.flag == "🇨🇦"


@pytest.mark.parametrize("query", ["Pethukov", "Petukhov", "pethu", "PETUKHOV"])
def test_person_search_finds_petukhov_under_both_spellings(shipped: Store, query: str) -> None:
    hits = shipped.search(query, kinds=("person",))
    assert [h.ref for h in hits] == ["mikhail-petukhov"]


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "AND",
        "-x",
        "(",
        "*",
        'a" OR b',
        "NEAR(",
        ")",
        "^",
        ":",
        "a:b",
        "'",
        "\x00",
        "🙂",
        "   ",
        "OR OR",
        "x" * 5000,
    ],
)
def test_hostile_search_strings_never_raise(shipped: Store, query: str) -> None:
    expo = expo_of(shipped)
    assert isinstance(shipped.search(query, expo=expo), tuple)
    assert isinstance(shipped.countries(expo, query).items, tuple)


def test_country_detail_for_russia(shipped: Store) -> None:
    expo = expo_of(shipped)
    detail = shipped.country_detail(expo, "RUS")
    assert detail is not None and detail.delegation is not None
    assert detail.delegation.head is not None
    assert detail.delegation.head.name == "Mikhail Petukhov"
    assert "Pethukov" in detail.delegation.head.variants
    assert [e.key for e in detail.events] == ["ID25-E17"]
    assert [x.name for x in detail.exhibitors] == ["Rosoboronexport"]
    assert detail.sources and all(s.url.startswith("https://") for s in detail.sources)


def test_event_detail_has_participants_roles_and_sources(shipped: Store) -> None:
    detail = shipped.event_by_key(expo_of(shipped), "ID25-E17")
    assert detail is not None
    assert [(p.person.name, p.role) for p in detail.participants] == [
        ("Maruli Simanjuntak", "guest"),  # the seed tells it as his visit to the delegation
        ("Mikhail Petukhov", "host"),
    ]
    assert detail.sources[0].publisher == "ANTARA"
    assert detail.summary


def test_every_fact_cites_a_source_and_check_is_clean(shipped: Store) -> None:
    assert shipped.check() == []


def test_figures_keep_conflicting_values_side_by_side(shipped: Store) -> None:
    figures = shipped.figures(expo_of(shipped))
    companies = {f.value for f in figures if f.unit == "companies" and "xhibiting" in f.metric}
    assert {"1180", "1182"} <= companies
    assert all(f.sources for f in figures)


def test_read_only_store_refuses_writes(shipped: Store) -> None:
    with pytest.raises(ReadOnlyStoreError):
        shipped.write_bundle(tiny_bundle())


def test_write_then_rewrite_adds_nothing(memory_store: Store) -> None:
    first = memory_store.write_bundle(tiny_bundle())
    assert first.added["events"] == 1 and first.added["people"] == 1
    again = memory_store.write_bundle(tiny_bundle())
    assert again.total("added") == 0 and again.total("changed") == 0


def test_changed_record_updates_in_place(memory_store: Store) -> None:
    memory_store.write_bundle(tiny_bundle())
    report = memory_store.write_bundle(tiny_bundle(title="Renamed talks"))
    assert report.changed["events"] == 1 and report.total("added") == 0
    (expo,) = memory_store.expos()
    (event,) = memory_store.events(expo, "2025-01-11").items
    assert event.title == "Renamed talks"
    assert memory_store.search("renamed", kinds=("event",))
    assert not memory_store.search("talks", kinds=("event",)) or all(
        h.label == "Renamed talks" for h in memory_store.search("talks", kinds=("event",))
    )
    assert memory_store.check() == []


def test_dry_run_reports_without_writing(memory_store: Store) -> None:
    report = memory_store.write_bundle(tiny_bundle(), dry_run=True)
    assert report.added["events"] == 1
    assert memory_store.expos() == ()


def test_bad_record_writes_nothing(memory_store: Store) -> None:
    bad = EventRecord(key="e2", title="Ghost", participants=(ParticipantRecord("nobody", "host"),))
    with pytest.raises(DataError, match="nobody"):
        memory_store.write_bundle(tiny_bundle(extra_events=(bad,)))
    assert memory_store.expos() == ()
    assert memory_store.check() == []


def test_summary_counts_follow_moves_between_days(memory_store: Store) -> None:
    memory_store.write_bundle(tiny_bundle())
    moved = tiny_bundle()
    moved_event = EventRecord(**{**moved.events[0].__dict__, "date": dt.date(2025, 1, 12)})
    memory_store.write_bundle(type(moved)(**{**moved.__dict__, "events": (moved_event,)}))
    (expo,) = memory_store.expos()
    counts = {d.key: d.events for d in memory_store.days(expo)}
    assert counts == {"2025-01-10": 0, "2025-01-11": 0, "2025-01-12": 1}
    assert memory_store.check() == []


def test_store_package_imports_no_ui_library() -> None:
    code = (
        "import sys, expo_tui.store, expo_tui.ingest.project_format, expo_tui.cli;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_connection_works_from_worker_threads(shipped: Store) -> None:
    import concurrent.futures

    expo = expo_of(shipped)
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        results = list(
            pool.map(
                lambda d: len(shipped.events(expo, d).items),
                ["2025-06-11", "2025-06-12", "2025-06-13", "2025-06-14"] * 5,
            )
        )
    assert results[:4] == [11, 8, 3, 4]


def test_sqlite_rows_never_escape_the_store(shipped: Store) -> None:
    detail = shipped.country_detail(expo_of(shipped), "CAN")
    assert detail is not None
    assert not any(isinstance(x, sqlite3.Row) for x in detail.events)


def test_event_details_in_one_batch_match_each_event_read_alone(
    shipped: Store, monkeypatch
) -> None:
    from expo_tui.store import event_queries, rows

    expo = shipped.expos()[0]
    ids = [e.id for e in shipped.events(expo, None, limit=1000).items]
    assert len(ids) > 20
    one_by_one = tuple(shipped.event(i) for i in ids)
    assert shipped.event_details(ids) == one_by_one
    assert any(d.participants and d.sources for d in one_by_one)
    # in the order given, duplicates and unknown ids left out, in batches past the limit
    wanted = [ids[3], ids[1], ids[3], 10**9, ids[2]]
    assert shipped.event_details(wanted) == (one_by_one[3], one_by_one[1], one_by_one[2])
    monkeypatch.setattr(event_queries, "DETAILS_BATCH", 7)
    monkeypatch.setattr(rows, "VARIANTS_BATCH", 2)
    assert shipped.event_details(ids) == one_by_one
    assert shipped.event_details([]) == ()
