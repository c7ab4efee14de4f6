"""The store's reads for the analyst's views, on the invented expo of tests/factory.py: facets,
the bilateral matrix, the agreements ledger, a person's record, overlaps; and the summaries
they read staying true as records change."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expo_tui.records import EVENT_KINDS, EVENT_STATUSES
from expo_tui.store import Store, open_store
from expo_tui.store.models import Facets
from tests.factory import DAY_2, DAY_3, showcase_bundle


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    store = open_store(None)
    store.write_bundle(showcase_bundle())
    yield store
    store.close()


def titles(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.title for e in page.items]


def test_facets_narrow_the_timeline_to_kinds_statuses_and_a_group(store: Store) -> None:
    (expo,) = store.expos()
    signings = Facets(kinds=frozenset({"mou_signing"}))
    assert titles(store.events(expo, None, facets=signings)) == [
        "Ministry signs five agreements with French industry",
        "Japan and Indonesia sign a training arrangement",
        "Türkiye signs a helicopter deal",
    ]
    planned = Facets(statuses=frozenset({"planned", "unconfirmed"}))
    assert titles(store.events(expo, DAY_2.isoformat(), facets=planned)) == [
        "Minister to receive the US under secretary",
        "Talks with China's defence industry office",
    ]
    asean = store.events(expo, None, facets=Facets(group="asean"))
    # every event with an Indonesian, Cambodian or Malaysian participant
    assert "Minister receives Cambodia's deputy commander" in titles(asean)
    assert "German state secretary tours the pavilions" not in titles(asean)
    nato_signings = Facets(kinds=frozenset({"mou_signing"}), group="nato")
    assert len(store.events(expo, None, facets=nato_signings).items) == 2  # France, Türkiye


def test_faceted_pages_follow_each_other_without_gaps(store: Store) -> None:
    (expo,) = store.expos()
    facets = Facets(kinds=frozenset({"courtesy_call", "bilateral_meeting"}))
    whole = titles(store.events(expo, None, facets=facets, limit=100))
    paged: list[str] = []
    cursor = None
    while True:
        page = store.events(expo, None, facets=facets, limit=2, cursor=cursor)
        paged += titles(page)
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert paged == whole and len(whole) == 10


@settings(max_examples=40, deadline=None)
@given(
    kinds=st.frozensets(st.sampled_from(EVENT_KINDS)),
    statuses=st.frozensets(st.sampled_from(EVENT_STATUSES)),
    group=st.sampled_from([None, "asean", "nato", "brics"]),
    country=st.sampled_from([None, "IDN", "CAN"]),
)
def test_a_faceted_timeline_is_the_plain_one_filtered(
    store: Store,
    kinds: frozenset[str],
    statuses: frozenset[str],
    group: str | None,
    country: str | None,
) -> None:
    (expo,) = store.expos()
    members = store.group_members(group, expo.start_date) if group else None
    facets = Facets(kinds, statuses, group)
    expected = [
        e.id
        for e in store.events(expo, None, country=country, limit=500).items
        if (not kinds or e.kind in kinds)
        and (not statuses or e.status in statuses)
        and (members is None or set(e.countries) & members)
    ]
    found = store.events(expo, None, country=country, facets=facets, limit=500).items
    assert [e.id for e in found] == expected
    if country is None:
        counts = store.facet_counts(expo, None, facets)
        assert counts.total == len(expected)


def test_facet_counts_count_each_value_under_the_other_facets(store: Store) -> None:
    (expo,) = store.expos()
    counts = store.facet_counts(expo, DAY_2.isoformat(), Facets(statuses=frozenset({"happened"})))
    assert counts.kinds["bilateral_meeting"] == 3  # the KSAD's three; China's is unconfirmed
    assert counts.statuses == {"happened": 5, "planned": 1, "unconfirmed": 1}
    # the Canadian pavilion visit has no Indonesian in it
    assert counts.groups["asean"] == 4 and counts.group_names["asean"] == "ASEAN"


def test_the_country_list_under_facets(store: Store) -> None:
    (expo,) = store.expos()
    signings = Facets(kinds=frozenset({"mou_signing"}))
    listed = [(c.country.code, c.events) for c in store.countries(expo, facets=signings).items]
    assert listed == [("IDN", 3), ("FRA", 1), ("JPN", 1), ("TUR", 1)]
    asean = Facets(kinds=frozenset({"mou_signing"}), group="asean")
    assert [c.country.code for c in store.countries(expo, facets=asean).items] == ["IDN"]
    members = [c.country.code for c in store.countries(expo, facets=Facets(group="asean")).items]
    assert members == ["IDN", "KHM", "MYS"]


def test_the_matrix_counts_events_between_each_pair(store: Store) -> None:
    (expo,) = store.expos()
    matrix = store.matrix(expo, DAY_2.isoformat())
    assert matrix.countries[0].code == "IDN"
    row = {c.code: matrix.cell("IDN", c.code) for c in matrix.countries if c.code != "IDN"}
    assert {code for code, cell in row.items() if cell} >= {"IRN", "CAN", "RUS"}
    russia = store.matrix(expo, DAY_2.isoformat(), by_kind=True).cell("RUS", "IDN")
    assert russia is not None and russia.kinds == {"bilateral_meeting": 1} and russia.total == 1
    events = store.pair_events(expo, "IDN", "RUS", DAY_2.isoformat())
    assert titles(events) == ["KSAD meets the Russian delegation led by Dorokhov"]
    whole = store.matrix(expo, None, Facets(kinds=frozenset({"mou_signing"})))
    assert {(p.a, p.b): p.total for p in whole.pairs} == {
        ("FRA", "IDN"): 1,
        ("IDN", "JPN"): 1,
        ("IDN", "TUR"): 1,
    }
    assert store.matrix(expo, None, Facets(group="nato")).pairs == ()  # no NATO pair met


def test_the_ledger_lists_signings_with_their_values(store: Store) -> None:
    (expo,) = store.expos()
    ledger = store.agreements(expo).items
    assert [a.detail.event.key for a in ledger] == ["signings", "japan", "turkiye"]
    french = ledger[0]
    assert [(f.value, f.unit) for f in french.figures] == [("2.1", "EUR billion")]
    assert {p.role for p in french.detail.participants} == {"signatory"}


def test_a_figure_keeps_its_signing_when_a_file_names_none() -> None:
    store = open_store(None)
    try:
        bundle = showcase_bundle()
        store.write_bundle(bundle)
        unlinked = tuple(dataclasses.replace(f, event=None) for f in bundle.figures)
        store.write_bundle(dataclasses.replace(bundle, figures=unlinked))  # knows less
        (expo,) = store.expos()
        (french, *_) = store.agreements(expo).items
        assert [f.value for f in french.figures] == ["2.1"]
    finally:
        store.close()


def test_a_persons_record_holds_every_event_with_the_part_they_had(store: Store) -> None:
    record = store.person_events("ashdown").items
    assert [(p.event.key, p.role) for p in record] == [
        ("pre-brief", "attendee"),
        ("canada", "guest"),
        ("canada-2", "guest"),
    ]
    assert record[0].position == "Defence Attaché" and record[0].expo_slug == "harbour2025"


def test_overlaps_find_the_double_booked_minister_and_mark_the_timeline(store: Store) -> None:
    (expo,) = store.expos()
    overlaps, total = store.overlaps()
    assert total == 1
    (overlap,) = overlaps
    assert overlap.person == "Citra Halim" and overlap.reason == "at the same time"
    assert {overlap.first.key, overlap.second.key} == {"naval-tour", "malaysia"}
    day = store.events(expo, "2025-06-13", clashes=True).items
    assert {e.key for e in day if e.clash} == {"naval-tour", "malaysia"}


def test_summaries_stay_true_when_events_change_and_go(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from expo_tui.store.writer import write_in_transaction

    store = open_store(tmp_path / "x.db", create=True)
    try:
        bundle = showcase_bundle()
        store.write_bundle(bundle)
        (expo,) = store.expos()
        signings = Facets(kinds=frozenset({"mou_signing"}))
        # a file moves two meetings to the next day as planned signings (merged over the store)
        moved = tuple(
            dataclasses.replace(e, kind="mou_signing", status="planned", date=DAY_3)
            if e.key in ("russia", "iran")
            else e
            for e in bundle.events
        )
        store.write_bundle(dataclasses.replace(bundle, events=moved))
        assert store.check() == []
        assert store.matrix(expo, DAY_2.isoformat()).cell("IDN", "RUS") is None
        assert store.matrix(expo, DAY_3.isoformat(), signings).cell("IDN", "RUS") is not None
        # an exact write (how an undo puts a before-image back) leaves them undated
        undated = tuple(
            dataclasses.replace(e, date=None, start_time=None, end_time=None)
            if e.key in ("russia", "iran")
            else e
            for e in moved
        )
        with store.connection.transaction() as conn:
            write_in_transaction(conn, dataclasses.replace(bundle, events=undated), exact=True)
        assert store.check() == []
        assert store.matrix(expo, DAY_3.isoformat()).cell("IDN", "RUS") is None
        assert store.matrix(expo, None, signings).cell("IDN", "RUS") is not None
    finally:
        store.close()


def test_a_version_5_store_gains_the_views_tables_with_its_rows_kept(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from expo_tui.store import SCHEMA_VERSION
    from expo_tui.store.schema_views import DERIVED_COLUMNS

    from ..old_stores import take_back_to_version_5

    path = tmp_path / "old.db"
    store = open_store(path, create=True)
    store.write_bundle(showcase_bundle())
    store.close()
    conn = sqlite3.connect(path, isolation_level=None)
    fresh = {
        t: sorted(conn.execute(f"SELECT {c} FROM {t}").fetchall())
        for t, c in DERIVED_COLUMNS.items()
    }
    take_back_to_version_5(conn)
    assert "event_groups" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()

    store = open_store(path)
    try:
        assert store.check() == []
        (expo,) = store.expos()
        assert store.matrix(expo, DAY_2.isoformat()).cell("IDN", "RUS") is not None
    finally:
        store.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    migrated = {
        t: sorted(conn.execute(f"SELECT {c} FROM {t}").fetchall())
        for t, c in DERIVED_COLUMNS.items()
    }
    conn.close()
    assert migrated == fresh and all(fresh.values())


@pytest.mark.parametrize("second", ["again", "more"])
def test_many_new_events_at_once_derive_what_the_row_triggers_do(
    tmp_path, monkeypatch, second: str
) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from expo_tui.store import schema_views
    from expo_tui.store.schema_views import DERIVED_COLUMNS

    def derived(bulk_from: int, name: str) -> dict[str, list[tuple[object, ...]]]:
        monkeypatch.setattr(schema_views, "BULK_EVENTS", bulk_from)
        path = tmp_path / f"{name}.db"
        store = open_store(path, create=True)
        bundle = showcase_bundle()
        store.write_bundle(bundle)
        if second == "more":  # a second batch after the first: ids go on, counts add up
            extra = tuple(
                dataclasses.replace(e, key=e.key + "-2", status="planned") for e in bundle.events
            )
            store.write_bundle(dataclasses.replace(bundle, events=extra))
        else:
            store.write_bundle(bundle)  # nothing new: the per-record path
        assert store.check() == []
        store.close()
        conn = sqlite3.connect(path)
        try:
            return {
                t: sorted(conn.execute(f"SELECT {c} FROM {t}").fetchall())
                for t, c in DERIVED_COLUMNS.items()
            }
        finally:
            conn.close()

    by_rows = derived(10**9, "rows")
    in_bulk = derived(1, "bulk")
    assert in_bulk == by_rows and all(by_rows.values())
