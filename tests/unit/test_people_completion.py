"""The event form completes names from the store's people through the search index: what is
typed finds the people whose name (or another spelling) begins with it, a few at a time, and
the query never reads the people table whole."""

from __future__ import annotations

from expo_tui.store import Store


def test_a_prefix_finds_the_person_and_names_that_begin_with_it_come_first(
    shipped: Store,
) -> None:
    found = shipped.edits.people("Maru")
    assert found and found[0].name == "Maruli Simanjuntak"
    assert found[0].key == "maruli-simanjuntak" and found[0].country_code == "IDN"


def test_another_spelling_finds_the_person(shipped: Store) -> None:
    assert "Mikhail Petukhov" in [p.name for p in shipped.edits.people("Pethukov")]


def test_completion_reads_a_few_and_nothing_for_no_words(shipped: Store) -> None:
    assert len(shipped.edits.people("a", limit=3)) <= 3
    assert shipped.edits.people("") == () and shipped.edits.people("  ,;  ") == ()
    assert shipped.edits.people('" OR 1 NEAR(') == ()  # FTS syntax in what is typed is inert


def test_the_query_goes_through_the_search_index(shipped: Store) -> None:
    plans: list[str] = []
    connection = shipped.connection
    original = connection.read

    def explained(sql: str, params: tuple[object, ...] = ()) -> object:
        if "FROM people" in sql:
            plans.extend(
                " ".join(map(str, r)) for r in original(f"EXPLAIN QUERY PLAN {sql}", params)
            )
        return original(sql, params)

    connection.read = explained  # type: ignore[method-assign]
    try:
        shipped.edits.people("Maruli")
    finally:
        connection.read = original  # type: ignore[method-assign]
    assert any("VIRTUAL TABLE INDEX" in plan for plan in plans), plans
    assert not any("SCAN p" in plan for plan in plans), plans
