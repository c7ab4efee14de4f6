"""Search that forgives ranks, titles and acronyms: the gazetteer's parts of a query, the
expressions made of them, and what they find in the shipped store."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expo_tui.gazetteer.phrases import tokens
from expo_tui.gazetteer.search_words import query_parts
from expo_tui.store import Store
from expo_tui.store.search import forgiving_expressions


def test_ranks_positions_and_institutions_are_recognised_whatever_the_case() -> None:
    (rank, name) = query_parts("letjen Macaulay")
    assert (
        rank.title and ("lieutenant", "general") in rank.spellings and name.words == ("macaulay",)
    )
    (ksad,) = query_parts("ksad")
    assert ("chief", "of", "staff", "of", "the", "indonesian", "army") in ksad.spellings
    (ministry,) = query_parts("Kementerian Pertahanan")
    assert ("ministry", "of", "defence") in ministry.spellings and not ministry.title


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_the_parts_keep_every_word_of_the_query_in_order(text: str) -> None:
    words = [w for part in query_parts(text) for w in part.words]
    assert words == [t.folded for t in tokens(text)]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=st.sampled_from(list('letjen ksad MoD"*()-:^ Lt.Gen kemhan')), max_size=40))
def test_forgiving_expressions_are_valid_fts(shipped: Store, text: str) -> None:
    for expression in forgiving_expressions(text):
        shipped.connection.read("SELECT count(*) FROM search WHERE search MATCH ?", (expression,))
    shipped.search(text, limit=5)
    (expo,) = shipped.expos()
    shipped.countries(expo, text)


def test_every_spelling_of_a_rank_finds_the_same_person(shipped: Store) -> None:
    for query in (
        "Letjen Macaulay",
        "Lt Gen Macaulay",
        "Lieutenant General Macaulay",
        "LTG Macaulay",
    ):
        assert [h.ref for h in shipped.search(query, kinds=("person",))] == ["derek-allen-macaulay"]


def test_acronyms_find_the_ministry_and_the_army_chief(shipped: Store) -> None:
    for query in ("Kemhan", "MoD", "Kementerian Pertahanan"):
        labels = [h.label for h in shipped.search(query)]
        assert "Ministry of Defence of Indonesia (Kemhan)" in labels, query
    assert shipped.search("KSAD", kinds=("person",))[0].ref == "maruli-simanjuntak"


def test_a_rank_the_store_does_not_record_does_not_hide_the_person(shipped: Store) -> None:
    # Petukhov's rank is not recorded: the query is tried again without it
    assert shipped.search("Jenderal Petukhov", kinds=("person",))[0].ref == "mikhail-petukhov"
